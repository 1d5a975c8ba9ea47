package cn.healthassist.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.task.Task;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;

import cn.healthassist.Application;
import cn.healthassist.values.IdNumbers;
import cn.healthassist.security.TaskFilters;
import cn.healthassist.support.Applications;
import cn.healthassist.support.Http;
import cn.healthassist.support.TestDatabase;

/**
 * The performance benchmark (README, "Benchmark"): the application on MariaDB/MySQL through MySQL Connector/J, in
 * one JVM with a bare Camunda engine as its baseline. Parts (system property {@code bench.parts}, default all):
 * <ol>
 * <li>{@code product}: zero-material chronic-certificate cases, started through {@code /api}, township review and
 * county approval claimed and completed through the engine REST API as the demo users (authorization on), with 1
 * and with 4 clients; the same number of cases of a process of the same shape on a bare engine through the Java
 * API (authorization off, no project code); cases/s, the ratio, p50/p95 of each step;</li>
 * <li>{@code tasks}: open tasks in one candidate group; the reviewer's 本组待办 filter as Tasklist runs it (first
 * page of 50, and the count) through Tasklist's REST API in a logged-in session: p50/p95;</li>
 * <li>{@code cases}: finished cases in history; case search by ID number and the case trail as the auditor:
 * p50/p95, and database bytes per finished case.</li>
 * </ol>
 * Each run starts on empty databases ({@code healthassist_bench} and {@code healthassist_bench_baseline}), which
 * it drops and creates as the database administrator ({@code HA_BENCH_DB_USER}, default root, no password).
 */
public final class Benchmark {

	static final String SERVER = TestDatabase.env("HA_BENCH_DB_SERVER", "jdbc:mysql://127.0.0.1:3306/");

	/** The connection options of application-mysql.yaml, for the product and the baseline alike. */
	static final String OPTIONS = "?sendFractionalSeconds=false&characterEncoding=UTF-8&connectionCollation=utf8mb4_bin"
			+ "&useSSL=false&allowPublicKeyRetrieval=true" + TestDatabase.APPLICATION_OPTIONS
			+ TestDatabase.env("HA_BENCH_DB_OPTIONS", "");

	static final String DB_USER = TestDatabase.env("HA_BENCH_DB_USER", "root");

	static final String DB_PASSWORD = TestDatabase.env("HA_BENCH_DB_PASSWORD", "");

	static final String PRODUCT_DB = "healthassist_bench";

	static final String BASELINE_DB = "healthassist_bench_baseline";

	static final String PASSWORD = "demo";

	static final String COUNTY = "insurance";

	static final String AUDITOR = "auditor";

	static final String REVIEWER = "health-t01";

	static final String REVIEWER_GROUP = "township-health-T01";

	/** A reviewer of another township, whose group holds a few tasks among the large group's (bench.smallGroupTasks). */
	static final String OTHER_REVIEWER = "health-t02";

	static final String OTHER_GROUP = "township-health-T02";

	/** Client i works for village i mod 2: a doctor and the township's reviewer. */
	static final String[][] VILLAGES = { { "doctor-t01v01", "T01V01", "health-t01" }, { "doctor-t02v01", "T02V01", "health-t02" } };

	final int cases = Integer.getInteger("bench.cases", 300);

	final int warmup = Integer.getInteger("bench.warmup", 200);

	final int[] clients = ints(System.getProperty("bench.clients", "1,4"));

	final int[] openTasks = ints(System.getProperty("bench.openTasks", "10000,50000"));

	final int[] finishedCases = ints(System.getProperty("bench.finishedCases", "5000,20000"));

	final int queries = Integer.getInteger("bench.queries", 200);

	/** Open tasks of the other township's group, due among the large group's; fewer than a page, so none is skipped. */
	final int smallGroupTasks = Integer.getInteger("bench.smallGroupTasks", 30);

	/**
	 * The share of the large group's open tasks (per cent) that its reviewer has claimed: they stay open tasks of the
	 * group, but leave 本组待办 (bench.claimedPercent; none by default, as the issue seeds them).
	 */
	final double claimedPercent = Double.parseDouble(System.getProperty("bench.claimedPercent", "0"));

	/** How many finished cases the third part drives through the product; the rest are copies of them. */
	final int templateCases = Integer.getInteger("bench.templateCases", 500);

	private CaseCopies copies;

	/** A template case's business key and that of one of its copies. */
	private volatile Map.Entry<String, String> copiedCase;

	final String parts = System.getProperty("bench.parts", "product,tasks,cases");

	/** A diagnostic: MariaDB's general query log (a file name) during the measured 1-client rounds. */
	final String sqlLog = System.getProperty("bench.sqlLog", "");

	private final AtomicInteger people = new AtomicInteger();

	private final int region = 341000 + ThreadLocalRandom.current().nextInt(900);

	private final List<String> report = new ArrayList<>();

	private ConfigurableApplicationContext app;

	private ProcessEngine engine;

	private int port;

	public static void main(String[] args) throws Exception {
		Benchmark benchmark = new Benchmark();
		int status = 0;
		try {
			benchmark.run();
		}
		catch (Exception | AssertionError e) {
			e.printStackTrace();
			status = 1;
		}
		finally {
			benchmark.close();
			benchmark.printReport();
		}
		System.exit(status);
	}

	void run() throws Exception {
		line("Benchmark on " + SERVER + " (" + databaseVersion() + "), " + Runtime.getRuntime().availableProcessors()
				+ " processors, Java " + System.getProperty("java.version"));
		line(String.format("settings: bench.cases=%d bench.warmup=%d bench.clients=%s bench.openTasks=%s bench.finishedCases=%s bench.templateCases=%d bench.queries=%d bench.smallGroupTasks=%d bench.claimedPercent=%s",
				cases, warmup, System.getProperty("bench.clients", "1,4"), System.getProperty("bench.openTasks", "10000,50000"),
				System.getProperty("bench.finishedCases", "5000,20000"), templateCases, queries, smallGroupTasks, claimedPercent));
		recreate(PRODUCT_DB);
		startApplication();
		if (parts.contains("product")) {
			timed("product", this::product);
		}
		if (parts.contains("tasks")) {
			timed("tasks", this::taskList);
		}
		if (parts.contains("cases")) {
			timed("cases", this::finishedCases);
		}
	}

	interface Part {

		void run() throws Exception;

	}

	void timed(String name, Part part) throws Exception {
		long t0 = System.nanoTime();
		part.run();
		line(String.format("(part %s took %.0f s)", name, (System.nanoTime() - t0) / 1e9));
	}

	// ---------------------------------------------------------------- the application

	void startApplication() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", SERVER + PRODUCT_DB + OPTIONS);
		properties.put("spring.datasource.username", DB_USER);
		properties.put("spring.datasource.password", DB_PASSWORD);
		properties.put("healthassist.demo.enabled", "true");
		properties.put("healthassist.organisation.file", "classpath:org/demo-county.csv");
		// the mysql profile starts only with the administrators' second-factor key (HA_TOTP_KEY); the demo's are exempt
		properties.put("healthassist.totp.key", java.util.Base64.getEncoder().encodeToString(new byte[32]));
		// and the keys personal data is sealed with
		properties.put("healthassist.data-protection.key", java.util.Base64.getEncoder().encodeToString(new byte[16]));
		properties.put("healthassist.data-protection.index-key", java.util.Base64.getEncoder().encodeToString(new byte[32]));
		// each client is a session of the same demo person: the limit of sessions an account holds at once (3) is for
		// people, not for the benchmark's clients
		properties.put("healthassist.session-max-concurrent", "0");
		properties.put("server.port", "0");
		properties.put("logging.level.root", "WARN");
		properties.put("spring.main.banner-mode", "off");
		long start = System.nanoTime();
		// as command-line arguments, so that they win over application-mysql.yaml
		String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
		app = new SpringApplicationBuilder(Application.class).profiles("mysql").run(args);
		engine = app.getBean(ProcessEngine.class);
		port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
		line(String.format("application started on port %d in %.1f s", port, (System.nanoTime() - start) / 1e9));
	}

	void close() {
		if (app != null) {
			app.close();
		}
	}

	Http as(String user) {
		return Http.as(port, user, PASSWORD);
	}

	/** A person logged in to Tasklist: the session and CSRF token the web apps use for every later call. */
	Http session(String user) {
		Http http = new Http(port);
		expect(http.login("tasklist", user, PASSWORD), 200, "Tasklist login of " + user);
		return http;
	}

	/** The engine REST API as Tasklist calls it, inside the web apps' session. */
	static final String ENGINE_API = "/camunda/api/engine/engine/default";

	// ---------------------------------------------------------------- part 1: product against the bare engine

	void product() throws Exception {
		recreate(BASELINE_DB);
		ProcessEngine baseline = bareEngine();
		try {
			baseline.getRepositoryService()
				.createDeployment()
				.name("benchmark-baseline")
				.addClasspathResource("benchmark/baseline.bpmn")
				.deploy();
			line("");
			line("== Part 1: zero-material chronic-certificate cases, product (HTTP, authorization on) against a bare engine (Java API, authorization off)");
			Map<Integer, Double> productRates = new LinkedHashMap<>();
			Map<Integer, Double> baselineRates = new LinkedHashMap<>();
			// warm both up (JIT, pools, caches) with each number of clients: a warm-up with 4 clients alone left the
			// product's first round with 1 client a third slower than its next (docs/benchmark.md); then measure 1 and 4
			// clients on each, alternating
			for (int c : clientsOrOne()) {
				productRound(c, warmup, false);
				baselineRound(baseline, c, warmup, false);
			}
			for (int c : clients) {
				productRates.put(c, productRound(c, cases, true));
				baselineRates.put(c, baselineRound(baseline, c, cases, true));
			}
			for (int c : clients) {
				line(String.format("ratio with %d client(s): product %.1f cases/s ÷ baseline %.1f cases/s = %.2f", c, productRates.get(c),
						baselineRates.get(c), productRates.get(c) / baselineRates.get(c)));
			}
		}
		finally {
			baseline.close();
		}
	}

	private int[] clientsOrOne() {
		return clients.length == 0 ? new int[] { 1 } : clients;
	}

	double productRound(int clientCount, int count, boolean report) throws Exception {
		List<String> ids = newPeople(count);
		importTreatmentRecords(ids);
		Latencies start = new Latencies("start (POST /api/...applications)");
		Latencies township = new Latencies("township review (find+claim+complete)");
		Latencies county = new Latencies("county approval (find+claim+complete)");
		findCall.clear();
		claimCall.clear();
		completeCall.clear();
		Http[][] users = new Http[clientCount][];
		for (int c = 0; c < clientCount; c++) {
			String[] v = VILLAGES[c % VILLAGES.length];
			users[c] = new Http[] { session(v[0]), session(v[2]), session(COUNTY) };
		}
		HistoryService history = engine.getHistoryService();
		generalLog(report && clientCount == 1, "product");
		CpuShares.Snapshot cpuBefore = CpuShares.take();
		long t0 = System.nanoTime();
		parallel(clientCount, count, (client, i) -> {
			String[] v = VILLAGES[client % VILLAGES.length];
			Http[] u = users[client];
			String pid = start.time(() -> startCase(u[0], ids.get(i), v[1]));
			township.time(() -> completeTask(u[1], v[2], pid, "Task_TownshipReview",
					Map.of("townshipDecision", value("pass"), "townshipOpinion", value("农合记录属实，同意"))));
			county.time(() -> completeTask(u[2], COUNTY, pid, "Task_CountyApproval",
					Map.of("countyDecision", value("approve"), "countyOpinion", value("同意发证"))));
		});
		long clientsDone = System.nanoTime();
		waitUntil(() -> history.createHistoricProcessInstanceQuery().processDefinitionKey("chronic-certificate").unfinished().count() == 0,
				120);
		double seconds = (System.nanoTime() - t0) / 1e9;
		CpuShares.Snapshot cpuAfter = CpuShares.take();
		generalLog(false, null);
		double rate = count / seconds;
		if (report) {
			countStatements(clientCount, count, "product");
			line(String.format("product  %d client(s): %d cases in %.1f s = %.1f cases/s (last certificate issued %.2f s after the last approval)",
					clientCount, count, seconds, rate, (System.nanoTime() - clientsDone) / 1e9));
			line("    " + CpuShares.perCase(cpuBefore, cpuAfter, count));
			line("    " + start);
			line("    " + township);
			line("    " + county);
			line("    " + findCall);
			line("    " + claimCall);
			line("    " + completeCall);
		}
		return rate;
	}

	String startCase(Http doctor, String idNumber, String village) {
		Map<String, Object> body = Applications.chronic(idNumber, village);
		Http.Response r = doctor.postJson("/api/chronic-certificate-applications", body);
		expect(r, 201, "start");
		return r.json().path("processInstanceId").asText();
	}

	final Latencies findCall = new Latencies("  of which GET .../task?processInstanceId");

	final Latencies claimCall = new Latencies("  of which POST .../claim");

	final Latencies completeCall = new Latencies("  of which POST .../complete");

	Void completeTask(Http http, String user, String processInstanceId, String taskKey, Map<String, Object> variables) {
		Http.Response found = findCall.time(() -> http.get(ENGINE_API + "/task?processInstanceId=" + processInstanceId + "&taskDefinitionKey=" + taskKey));
		expect(found, 200, "find " + taskKey);
		JsonNode list = found.json();
		if (list.size() != 1) {
			throw new IllegalStateException(user + " sees " + list.size() + " " + taskKey + " tasks of " + processInstanceId);
		}
		String taskId = list.get(0).path("id").asText();
		expect(claimCall.time(() -> http.postJson(ENGINE_API + "/task/" + taskId + "/claim", Map.of("userId", user))), 204, "claim " + taskKey);
		expect(completeCall.time(() -> http.postJson(ENGINE_API + "/task/" + taskId + "/complete", Map.of("variables", variables))), 204,
				"complete " + taskKey);
		return null;
	}

	private static Map<String, Object> value(Object value) {
		return Map.of("value", value);
	}

	void importTreatmentRecords(List<String> ids) {
		Http county = as(COUNTY);
		String visit = LocalDate.now().minusMonths(2).toString();
		for (int from = 0; from < ids.size(); from += 5000) {
			StringBuilder csv = new StringBuilder("idNumber,diseaseCode,hospitalName,visitDate\n");
			for (String id : ids.subList(from, Math.min(ids.size(), from + 5000))) {
				csv.append(id).append(",HTN,县人民医院,").append(visit).append('\n');
			}
			Http.Response r = county.send(county.request("/api/treatment-records")
				.header("Content-Type", "text/csv")
				.POST(java.net.http.HttpRequest.BodyPublishers.ofString(csv.toString())));
			expect(r, 200, "treatment-record import");
		}
	}

	ProcessEngine bareEngine() {
		HikariDataSource ds = new HikariDataSource();
		// nullDatabaseMeansCurrent: the engine looks for its tables in this database only, not in the product's
		ds.setJdbcUrl(SERVER + BASELINE_DB + OPTIONS + "&nullDatabaseMeansCurrent=true");
		ds.setUsername(DB_USER);
		ds.setPassword(DB_PASSWORD);
		ds.setMaximumPoolSize(20);
		ds.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
		StandaloneProcessEngineConfiguration config = new StandaloneProcessEngineConfiguration();
		config.setProcessEngineName("benchmark-baseline");
		config.setDataSource(ds);
		config.setDatabaseType("mysql");
		config.setDatabaseSchemaUpdate("true");
		config.setHistory("full");
		config.setAuthorizationEnabled(false);
		config.setJobExecutorActivate(true);
		config.setMetricsEnabled(true);
		return config.buildProcessEngine();
	}

	double baselineRound(ProcessEngine baseline, int clientCount, int count, boolean report) throws Exception {
		List<String> ids = newPeople(count);
		RuntimeService runtime = baseline.getRuntimeService();
		TaskService tasks = baseline.getTaskService();
		Latencies start = new Latencies("start (Java API)");
		Latencies township = new Latencies("township review (find+claim+complete)");
		Latencies county = new Latencies("county approval (find+claim+complete)");
		generalLog(report && clientCount == 1, "baseline");
		CpuShares.Snapshot cpuBefore = CpuShares.take();
		long t0 = System.nanoTime();
		parallel(clientCount, count, (client, i) -> {
			String[] v = VILLAGES[client % VILLAGES.length];
			Map<String, Object> variables = new LinkedHashMap<>();
			variables.put("applicantName", "王秀兰");
			variables.put("idNumber", ids.get(i));
			variables.put("villageCode", v[1]);
			variables.put("townshipCode", v[1].substring(0, 3));
			variables.put("householdCategory", "registered-poor");
			variables.put("diseaseCode", "HTN");
			variables.put("phone", "13912345678");
			String pid = start.time(() -> runtime.startProcessInstanceByKey("benchmark-baseline", "BL-" + ids.get(i).substring(6), variables)
				.getId());
			township.time(() -> completeBare(tasks, v[2], pid, "Task_TownshipReview",
					Map.of("townshipDecision", "pass", "townshipOpinion", "农合记录属实，同意")));
			county.time(() -> completeBare(tasks, COUNTY, pid, "Task_CountyApproval",
					Map.of("countyDecision", "approve", "countyOpinion", "同意发证")));
		});
		long clientsDone = System.nanoTime();
		HistoryService history = baseline.getHistoryService();
		waitUntil(() -> history.createHistoricProcessInstanceQuery().unfinished().count() == 0, 120);
		double seconds = (System.nanoTime() - t0) / 1e9;
		CpuShares.Snapshot cpuAfter = CpuShares.take();
		generalLog(false, null);
		double rate = count / seconds;
		if (report) {
			countStatements(clientCount, count, "baseline");
			line(String.format("baseline %d client(s): %d cases in %.1f s = %.1f cases/s (last async step %.2f s after the last approval)",
					clientCount, count, seconds, rate, (System.nanoTime() - clientsDone) / 1e9));
			line("    " + CpuShares.perCase(cpuBefore, cpuAfter, count));
			line("    " + start);
			line("    " + township);
			line("    " + county);
		}
		return rate;
	}

	private static void completeBare(TaskService tasks, String user, String processInstanceId, String taskKey, Map<String, Object> variables) {
		Task task = tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(taskKey).singleResult();
		tasks.claim(task.getId(), user);
		tasks.complete(task.getId(), variables);
	}

	// ---------------------------------------------------------------- part 2: the reviewer's task list

	void taskList() throws Exception {
		line("");
		line("== Part 2: open tasks in candidate group " + REVIEWER_GROUP + "; Tasklist's 本组待办 filter as " + REVIEWER
				+ " (Tasklist REST API, session login); and as " + OTHER_REVIEWER + ", whose group " + OTHER_GROUP + " holds "
				+ smallGroupTasks + " tasks due among them");
		RepositoryService repository = engine.getRepositoryService();
		repository.createDeployment().name("benchmark-township-queue").addClasspathResource("benchmark/township-queue.bpmn").deploy();
		String group = filterApi(TaskFilters.GROUP);
		String overdue = filterApi(TaskFilters.OVERDUE);
		Http reviewer = new Http(port);
		expect(reviewer.login("tasklist", REVIEWER, PASSWORD), 200, "Tasklist login");
		Http other = new Http(port);
		expect(other.login("tasklist", OTHER_REVIEWER, PASSWORD), 200, "Tasklist login");
		Http doctor = new Http(port);
		expect(doctor.login("tasklist", "doctor-t01v01", PASSWORD), 200, "Tasklist login");
		for (int size : openTasks) {
			long seeded = seedOpenTasks(size);
			long claimed = claimSome(seeded);
			long few = seedFewTasks(size);
			line(String.format("    (waited %.0f s for the database to write out the seeded pages)", settle()));
			line(String.format("%,d open tasks in %s (%,d of them claimed by %s), %,d in %s, all past their due date:", seeded,
					REVIEWER_GROUP, claimed, REVIEWER, few, OTHER_GROUP));
			timeFilter(reviewer, REVIEWER, TaskFilters.GROUP, group, seeded - claimed);
			countParts(seeded, seeded - claimed);
			timeFilter(reviewer, REVIEWER, TaskFilters.OVERDUE, overdue, seeded);
			timeFilter(other, OTHER_REVIEWER, TaskFilters.GROUP, group, few);
			timeFilter(other, OTHER_REVIEWER, TaskFilters.OVERDUE, overdue, few);
			timeFilter(doctor, "doctor-t01v01", TaskFilters.OVERDUE, overdue, 0);
		}
	}

	private String filterApi(String name) {
		Filter filter = engine.getFilterService().createFilterQuery().filterName(name).singleResult();
		return "/camunda/api/engine/engine/default/filter/" + filter.getId();
	}

	/** Times a filter's first page (HAL, as Tasklist asks for it) and its count in the user's session. */
	void timeFilter(Http reviewer, String user, String filterName, String api, long expected) {
		Latencies list = new Latencies(user + " " + filterName + ": first page (HAL)");
		Latencies count = new Latencies(user + " " + filterName + ": count");
		java.util.function.Supplier<Http.Response> firstPage = () -> reviewer
			.send(hal(reviewer, api + "/list?firstResult=0&maxResults=50", TASKLIST_QUERY));
		java.util.function.Supplier<Http.Response> total = () -> reviewer.postJson(api + "/count", TASKLIST_QUERY);
		long budget = System.nanoTime() + 30_000_000_000L;
		for (int i = 0; i < queries + 10; i++) {
			if (i >= 15 && System.nanoTime() > budget) {
				line("    (stopped after 30 s of queries)");
				break;
			}
			boolean measure = i >= 10;
			Http.Response page = list.time(measure, firstPage);
			expect(page, 200, "filter list");
			int returned = page.json().path("_embedded").path("task").size();
			if (returned != Math.min(50, expected)) {
				throw new IllegalStateException("the first page holds " + returned + " tasks, not " + Math.min(50, expected) + ": "
						+ page.body().substring(0, Math.min(500, page.body().length())));
			}
			Http.Response counted = count.time(measure, total);
			expect(counted, 200, "filter count");
			long n = counted.json().path("count").asLong();
			if (n != expected) {
				throw new IllegalStateException(filterName + " counts " + n + " tasks for " + user + "; expected " + expected);
			}
		}
		line("    " + list);
		line("    " + count);
	}

	/**
	 * Where the count's time goes: the same count through the engine's Java API (no HTTP), and the database alone
	 * counting the group's candidate links, then those joined to their open unassigned tasks, then with the cheapest
	 * per-task authorization look-up there can be (the group's own grant, found in a unique index without reading the
	 * row). These statements are not the product's; they show how fast any count that reads each task can be.
	 */
	void countParts(long seeded, long unclaimed) throws Exception {
		Latencies javaApi = new Latencies("count, engine Java API (no HTTP)");
		List<String> groups = List.of(REVIEWER_GROUP);
		for (int i = 0; i < 23; i++) {
			engine.getIdentityService().setAuthentication(REVIEWER, groups);
			try {
				long n = javaApi.time(i >= 3, () -> engine.getTaskService().createTaskQuery().taskCandidateGroupIn(groups).count());
				if (n != unclaimed) {
					throw new IllegalStateException("the Java API counts " + n + " tasks; " + unclaimed + " are open and unclaimed");
				}
			}
			finally {
				engine.getIdentityService().clearAuthentication();
			}
		}
		line("    " + javaApi);
		String links = "FROM ACT_RU_IDENTITYLINK I WHERE I.TYPE_ = 'candidate' AND I.GROUP_ID_ = ?";
		String tasks = "FROM ACT_RU_TASK RES INNER JOIN ACT_RU_IDENTITYLINK I ON I.TASK_ID_ = RES.ID_"
				+ " WHERE RES.ASSIGNEE_ IS NULL AND I.TYPE_ = 'candidate' AND I.GROUP_ID_ = ?";
		// the links of claimed tasks too; the others count unclaimed tasks only
		List<CountPart> statements = List.of(new CountPart("database: candidate links", "SELECT COUNT(*) " + links, seeded),
				new CountPart("database: + open unassigned tasks", "SELECT COUNT(DISTINCT RES.ID_) " + tasks, unclaimed),
				new CountPart("database: + one grant look-up a task", "SELECT COUNT(DISTINCT RES.ID_) " + tasks
						+ " AND (SELECT 1 FROM ACT_RU_AUTHORIZATION A WHERE A.GROUP_ID_ = ? AND A.TYPE_ = 1"
						+ " AND A.RESOURCE_TYPE_ = 7 AND A.RESOURCE_ID_ = RES.ID_ LIMIT 1) IS NOT NULL", unclaimed));
		try (Connection c = productDatabase()) {
			for (CountPart statement : statements) {
				Latencies latencies = new Latencies(statement.name());
				try (java.sql.PreparedStatement ps = c.prepareStatement(statement.sql())) {
					for (int p = 1; p <= statement.sql().chars().filter(ch -> ch == '?').count(); p++) {
						ps.setString(p, REVIEWER_GROUP);
					}
					for (int i = 0; i < 23; i++) {
						long n = latencies.time(i >= 3, () -> {
							try (ResultSet rs = ps.executeQuery()) {
								rs.next();
								return rs.getLong(1);
							}
							catch (SQLException e) {
								throw new IllegalStateException(e);
							}
						});
						if (n != statement.expected()) {
							throw new IllegalStateException(statement.name() + " counts " + n + "; expected " + statement.expected());
						}
					}
				}
				line("    " + latencies);
			}
		}
	}

	/** A statement of {@link #countParts}, with the count it must give. */
	private record CountPart(String name, String sql, long expected) {
	}

	/**
	 * What Tasklist 7.24 sends when a person opens a filter (captured from its requests in Chromium): its default
	 * order, newest first, and active tasks only. Tasklist asks for 15 tasks a page; the figure is a page of 50.
	 */
	static final String TASKLIST_QUERY = """
			{"processVariables":[],"taskVariables":[],"caseInstanceVariables":[],"firstResult":0,"maxResults":50,
			 "sorting":[{"sortBy":"created","sortOrder":"desc"}],"active":true}""";

	private static java.net.http.HttpRequest.Builder hal(Http http, String path, String json) {
		return http.request(path)
			.setHeader("Accept", "application/hal+json")
			.header("Content-Type", "application/json")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString(json));
	}

	/**
	 * The other township's tasks, made once: {@code smallGroupTasks} in all, in three instances due from the start, a
	 * third and two thirds of the large group's due dates at the first size. Fewer than a page, so a query that reads
	 * the tasks in due order cannot stop before the last open task.
	 */
	long seedFewTasks(int size) {
		TaskService tasks = engine.getTaskService();
		if (tasks.createTaskQuery().taskCandidateGroup(OTHER_GROUP).count() == 0) {
			for (int i = 0; i < 3; i++) {
				Map<String, Object> variables = new LinkedHashMap<>();
				variables.put("candidateGroup", OTHER_GROUP);
				variables.put("tasks", smallGroupTasks / 3 + (i < smallGroupTasks % 3 ? 1 : 0));
				variables.put("offset", i * size / 3);
				variables.put("caseNo", "CC-2026-9" + String.format("%05d", i));
				variables.put("applicantName", "李桂芳");
				variables.put("villageName", "石桥村");
				variables.put("subjectName", "慢性病证申请");
				engine.getRuntimeService().startProcessInstanceByKey("benchmark-township-queue", variables);
			}
		}
		return tasks.createTaskQuery().taskCandidateGroup(OTHER_GROUP).count();
	}

	/** Starts queue instances of 500 tasks each, in parallel, until the group holds {@code target} open tasks. */
	long seedOpenTasks(int target) throws Exception {
		TaskService tasks = engine.getTaskService();
		RuntimeService runtime = engine.getRuntimeService();
		long open = tasks.createTaskQuery().taskCandidateGroup(REVIEWER_GROUP).includeAssignedTasks().count();
		int perInstance = 500;
		int instances = (int) Math.max(0, (target - open + perInstance - 1) / perInstance);
		AtomicInteger offset = new AtomicInteger((int) open);
		long t0 = System.nanoTime();
		parallel(4, instances, (client, i) -> {
			Map<String, Object> variables = new LinkedHashMap<>();
			variables.put("candidateGroup", REVIEWER_GROUP);
			variables.put("tasks", perInstance);
			variables.put("offset", offset.getAndAdd(perInstance));
			variables.put("caseNo", "CC-2026-" + String.format("%06d", i));
			variables.put("applicantName", "王秀兰");
			variables.put("villageName", "桃园村");
			variables.put("subjectName", "慢性病证申请");
			runtime.startProcessInstanceByKey("benchmark-township-queue", variables);
		});
		long now = tasks.createTaskQuery().taskCandidateGroup(REVIEWER_GROUP).includeAssignedTasks().count();
		line(String.format("seeded %,d open tasks in %.1f s", now - open, (System.nanoTime() - t0) / 1e9));
		return now;
	}

	/** Has the reviewer claim {@link #claimedPercent} of the group's open tasks, and says how many are claimed. */
	long claimSome(long seeded) throws Exception {
		TaskService tasks = engine.getTaskService();
		long claimed = tasks.createTaskQuery().taskCandidateGroup(REVIEWER_GROUP).includeAssignedTasks().taskAssigned().count();
		int more = (int) Math.max(0, Math.round(seeded * claimedPercent / 100) - claimed);
		if (more > 0) {
			List<String> ids = tasks.createTaskQuery().taskCandidateGroup(REVIEWER_GROUP).listPage(0, more).stream().map(Task::getId).toList();
			parallel(4, ids.size(), (client, i) -> tasks.claim(ids.get(i), REVIEWER));
			claimed += ids.size();
		}
		return claimed;
	}

	/**
	 * The job executor's acquisition as the engine runs it (the jobs due now, three at most), with every seeded
	 * follow-up waiting on its timer: migration V22's index finds the few jobs due without reading those timers.
	 */
	Latencies jobAcquisition(int times) {
		ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
		long timers = engine.getManagementService().createJobQuery().timers().count();
		Latencies acquisition = new Latencies(String.format("job acquisition, %,d timers waiting", timers));
		for (int i = 0; i < times + 10; i++) {
			acquisition.time(i >= 10, () -> config.getCommandExecutorTxRequired()
				.execute(context -> context.getJobManager().findNextJobsToExecute(new Page(0, 3))));
		}
		return acquisition;
	}

	// ---------------------------------------------------------------- part 3: search and trail over finished cases

	void finishedCases() throws Exception {
		line("");
		line("== Part 3: finished cases in history; GET /api/cases?idNumber= and GET /api/cases/{key}/trail as the auditor");
		Http auditor = as(AUDITOR);
		long previousBytes = -1;
		long previousCases = 0;
		Map<String, Long> previousTables = Map.of();
		for (int size : finishedCases) {
			long finished = seedFinishedCases(size);
			Map<String, Long> tables = tableBytes();
			long bytes = tables.values().stream().mapToLong(Long::longValue).sum();
			double settled = settle();
			List<String[]> sample = sampleCases(queries);
			Latencies search = new Latencies("GET /api/cases?idNumber=");
			Latencies trail = new Latencies("GET /api/cases/{key}/trail");
			for (int i = 0; i < sample.size() + 10; i++) {
				String[] c = sample.get(i % sample.size());
				boolean measure = i >= 10;
				Http.Response found = search.time(measure, () -> auditor.get("/api/cases?idNumber=" + c[1]));
				expect(found, 200, "search");
				if (!found.body().contains(c[0])) {
					throw new IllegalStateException("the search for a seeded ID number did not find its case " + c[0]);
				}
				Http.Response t = trail.time(measure, () -> auditor.get("/api/cases/" + c[0] + "/trail"));
				expect(t, 200, "trail");
				if (!t.json().path("chainVerified").asBoolean(true)) {
					throw new IllegalStateException("the trail of " + c[0] + " does not verify");
				}
			}
			if (copiedCase != null) {
				compareCopy(auditor, copiedCase.getKey(), copiedCase.getValue());
			}
			Latencies acquisition = jobAcquisition(queries);
			line(String.format("%,d finished cases; database %.1f MB (measured after %.1f s for the database to write out the seeded pages)",
					finished, bytes / 1e6, settled));
			line("    " + search);
			line("    " + trail);
			line("    " + acquisition);
			if (previousBytes >= 0 && finished > previousCases) {
				line(String.format("    database bytes per finished case (growth from %,d to %,d cases): %.1f KB", previousCases, finished,
						(bytes - previousBytes) / 1024.0 / (finished - previousCases)));
				// where the bytes are: the tables that grew most
				Map<String, Long> before = previousTables;
				long grown = finished - previousCases;
				tables.entrySet()
					.stream()
					.map(t -> Map.entry(t.getKey(), t.getValue() - before.getOrDefault(t.getKey(), 0L)))
					.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
					.limit(10)
					.forEach(t -> line(String.format("        %-24s %6.1f KB per case", t.getKey(), t.getValue() / 1024.0 / grown)));
			}
			else if (finished > 0) {
				line(String.format("    database bytes per finished case (whole database ÷ cases): %.1f KB", bytes / 1024.0 / finished));
			}
			previousBytes = bytes;
			previousCases = finished;
			previousTables = tables;
		}
	}

	/** A copy's trail shows what its template's shows: the same steps, by the same people, with the same decisions. */
	void compareCopy(Http auditor, String template, String copy) {
		JsonNode a = auditor.get("/api/cases/" + template + "/trail").json();
		JsonNode b = auditor.get("/api/cases/" + copy + "/trail").json();
		List<String> what = List.of("status", "chainVerified", "chainLength", "startTime", "endTime", "applicantName");
		for (String field : what) {
			if (!a.path(field).equals(b.path(field))) {
				throw new IllegalStateException("the copy " + copy + " of " + template + " differs in " + field + ": " + a.path(field) + " / " + b.path(field));
			}
		}
		if (a.path("steps").size() != b.path("steps").size() || a.path("steps").isEmpty()) {
			throw new IllegalStateException("the copy " + copy + " of " + template + " has " + b.path("steps").size() + " steps, not " + a.path("steps").size());
		}
		for (int i = 0; i < a.path("steps").size(); i++) {
			for (String field : List.of("activityId", "kind", "userId", "startTime", "endTime", "decision", "opinion")) {
				if (!a.path("steps").get(i).path(field).equals(b.path("steps").get(i).path(field))) {
					throw new IllegalStateException("step " + i + " of the copy " + copy + " of " + template + " differs in " + field);
				}
			}
		}
		// the trail may show the ID number masked: compare the stored ones
		List<String> idNumbers = new ArrayList<>();
		try (Connection c = productDatabase()) {
			CaseCopies.query(c, "SELECT id_number FROM ha_case WHERE business_key IN " + CaseCopies.in(List.of(template, copy)),
					rs -> idNumbers.add(app.getBean(cn.healthassist.privacy.PersonalDataCipher.class).open(rs.getString(1))));
		}
		catch (SQLException e) {
			throw new IllegalStateException(e);
		}
		if (idNumbers.size() != 2 || idNumbers.get(0).equals(idNumbers.get(1))) {
			throw new IllegalStateException("the copy " + copy + " does not have an ID number of its own: " + idNumbers.size() + " cases found");
		}
		line(String.format("    the copy %s of %s shows the same trail (%d steps, audit chain of %d verified)", copy, template,
				b.path("steps").size(), b.path("chainLength").asInt()));
	}

	long finishedChronicCases() {
		return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("chronic-certificate").finished().count();
	}

	/**
	 * Finished chronic cases until {@code target}: the first {@code bench.templateCases} driven through the product
	 * (4 clients), the rest copies of those (see {@link CaseCopies}), inserted by two connections.
	 */
	long seedFinishedCases(int target) throws Exception {
		long have = finishedChronicCases();
		long t0 = System.nanoTime();
		int driven = (int) Math.max(0, Math.min(target, templateCases) - have);
		for (int done = 0; done < driven; done += 2000) {
			productRound(4, Math.min(2000, driven - done), false);
		}
		long throughProduct = finishedChronicCases();
		double drivenSeconds = (System.nanoTime() - t0) / 1e9;
		if (throughProduct < target) {
			if (copies == null) {
				try (Connection c = productDatabase()) {
					List<String> template = new ArrayList<>();
					CaseCopies.query(c, "SELECT business_key FROM ha_case WHERE process_key = 'chronic-certificate' AND end_time IS NOT NULL"
							+ " ORDER BY start_time, business_key LIMIT " + templateCases, rs -> template.add(rs.getString(1)));
					copies = CaseCopies.load(c, template,
							((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getIdGenerator()::getNextId,
							app.getBean(cn.healthassist.privacy.PersonalDataCipher.class));
				}
				line(String.format("copies are made of %,d finished cases driven through the product (%,d rows each time)", copies.cases(),
						copies.rowsPerCopy()));
			}
			List<Integer> batches = new ArrayList<>();
			for (long missing = target - throughProduct; missing > 0; missing -= copies.cases()) {
				batches.add((int) Math.min(copies.cases(), missing));
			}
			Connection[] connections = new Connection[2];
			try {
				for (int i = 0; i < connections.length; i++) {
					connections[i] = productDatabase();
				}
				parallel(connections.length, batches.size(),
						(client, i) -> {
							Map<String, String> replaced = copies.copy(connections[client], batches.get(i), () -> newPeople(1).get(0));
							if (i == 0) {
								copiedCase = Map.entry(copies.firstCase(), replaced.get(copies.firstCase()));
							}
						});
			}
			finally {
				for (Connection c : connections) {
					if (c != null) {
						c.close();
					}
				}
			}
		}
		long now = finishedChronicCases();
		line(String.format("seeded %,d finished cases in %.1f s: %,d through the product (%.1f s), %,d as copies of them", now - have,
				(System.nanoTime() - t0) / 1e9, throughProduct - have, drivenSeconds, now - throughProduct));
		return now;
	}

	List<String[]> sampleCases(int n) {
		List<String[]> sample = new ArrayList<>();
		try (Connection c = productDatabase();
				Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("SELECT business_key, id_number FROM ha_case WHERE process_key = 'chronic-certificate' ORDER BY RAND() LIMIT " + n)) {
			while (rs.next()) {
				// stored sealed: the search is asked with the number itself
				sample.add(new String[] { rs.getString(1),
						app.getBean(cn.healthassist.privacy.PersonalDataCipher.class).open(rs.getString(2)) });
			}
		}
		catch (SQLException e) {
			throw new IllegalStateException(e);
		}
		return sample;
	}

	/** A connection to the product's database as the benchmark's administrator, with the product's options and these. */
	static Connection productDatabase() throws SQLException {
		return DriverManager.getConnection(SERVER + PRODUCT_DB + OPTIONS, DB_USER, DB_PASSWORD);
	}

	/**
	 * Waits (at most a minute) until the database has written out most of the pages the seeding changed, so that the
	 * queries are timed as on a database in use, not while it is still flushing thousands of bulk-inserted cases in
	 * the background. Returns the seconds waited.
	 */
	double settle() throws SQLException, InterruptedException {
		long start = System.nanoTime();
		try (Connection c = productDatabase(); Statement s = c.createStatement()) {
			while (System.nanoTime() - start < 60_000_000_000L) {
				long dirty = 0;
				long data = 1;
				try (ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS WHERE Variable_name IN "
						+ "('Innodb_buffer_pool_pages_dirty', 'Innodb_buffer_pool_pages_data')")) {
					while (rs.next()) {
						if (rs.getString(1).equalsIgnoreCase("Innodb_buffer_pool_pages_dirty")) {
							dirty = rs.getLong(2);
						}
						else {
							data = Math.max(1, rs.getLong(2));
						}
					}
				}
				if (dirty <= 1000 || dirty * 100 <= data) {
					break;
				}
				Thread.sleep(500);
			}
		}
		return (System.nanoTime() - start) / 1e9;
	}

	/** Data and index bytes of each table of the product's database, after fresh statistics. */
	Map<String, Long> tableBytes() throws SQLException {
		try (Connection c = productDatabase(); Statement s = c.createStatement()) {
			List<String> tables = new ArrayList<>();
			try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()")) {
				while (rs.next()) {
					tables.add(rs.getString(1));
				}
			}
			for (String table : tables) {
				s.execute("ANALYZE TABLE `" + table + "`");
			}
			Map<String, Long> bytes = new LinkedHashMap<>();
			try (ResultSet rs = s.executeQuery(
					"SELECT table_name, data_length + index_length FROM information_schema.tables WHERE table_schema = DATABASE()")) {
				while (rs.next()) {
					bytes.put(rs.getString(1), rs.getLong(2));
				}
			}
			return bytes;
		}
	}

	// ---------------------------------------------------------------- helpers

	interface CaseAction {

		void run(int client, int index) throws Exception;

	}

	/** Runs {@code count} actions on {@code threads} threads, each thread taking the next index. */
	static void parallel(int threads, int count, CaseAction action) throws Exception {
		AtomicInteger named = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(threads,
				r -> new Thread(r, CpuShares.CLIENT_THREAD + named.incrementAndGet()));
		java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
		try {
			AtomicInteger next = new AtomicInteger();
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int client = t;
				futures.add(pool.submit(() -> {
					long started = cpu.getCurrentThreadCpuTime();
					try {
						for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
							action.run(client, i);
						}
					}
					finally {
						CpuShares.CLIENTS.add(cpu.getCurrentThreadCpuTime() - started);
					}
					return null;
				}));
			}
			for (Future<?> f : futures) {
				f.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** New, valid, distinct ID numbers. */
	List<String> newPeople(int count) {
		List<String> ids = new ArrayList<>(count);
		for (int k = 0; k < count; k++) {
			int i = people.getAndIncrement();
			String body = String.format("%06d%04d%02d%02d%03d", region, 1940 + (i / 336000) % 60, 1 + (i / 28000) % 12,
					1 + (i / 1000) % 28, i % 1000);
			ids.add(body + IdNumbers.checkChar(body));
		}
		return ids;
	}

	static void waitUntil(BooleanSupplier condition, int seconds) throws InterruptedException {
		long deadline = System.nanoTime() + seconds * 1_000_000_000L;
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("not done within " + seconds + " s");
			}
			Thread.sleep(20);
		}
	}

	static void expect(Http.Response r, int status, String what) {
		if (r.status() != status) {
			throw new IllegalStateException(what + ": HTTP " + r.status() + " " + r.body());
		}
	}

	void generalLog(boolean on, String name) throws SQLException {
		if (sqlLog.isBlank()) {
			return;
		}
		try (Connection c = DriverManager.getConnection(SERVER + OPTIONS, DB_USER, DB_PASSWORD); Statement s = c.createStatement()) {
			if (on) {
				s.execute("SET GLOBAL general_log_file = '" + sqlLog.replace("'", "") + "-" + name + ".log'");
			}
			s.execute("SET GLOBAL general_log = " + (on ? 1 : 0));
		}
	}

	/** With bench.sqlLog, the statements of the measured one-client round, counted from the log just written. */
	void countStatements(int clientCount, int count, String name) {
		if (sqlLog.isBlank() || clientCount != 1) {
			return;
		}
		java.nio.file.Path file = java.nio.file.Path.of(sqlLog.replace("'", "") + "-" + name + ".log");
		try {
			line("    SQL of the " + name + " (" + file + "): " + GeneralLogCounts.read(file).summary(count, 12));
		}
		catch (java.io.IOException e) {
			line("    SQL log " + file + " not readable here (on the database server's machine?): " + e);
		}
	}

	static void recreate(String database) throws SQLException {
		try (Connection c = DriverManager.getConnection(SERVER + OPTIONS, DB_USER, DB_PASSWORD); Statement s = c.createStatement()) {
			s.execute("DROP DATABASE IF EXISTS " + database);
			s.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
		}
	}

	static String databaseVersion() throws SQLException {
		try (Connection c = DriverManager.getConnection(SERVER + OPTIONS, DB_USER, DB_PASSWORD); Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("SELECT VERSION(), @@innodb_buffer_pool_size")) {
			rs.next();
			// the buffer pool decides whether the history of 20,000 cases is read from memory or from disk
			return rs.getString(1) + ", InnoDB buffer pool " + rs.getLong(2) / (1024 * 1024) + " MB";
		}
	}

	void line(String text) {
		System.out.println("[benchmark] " + text);
		report.add(text);
	}

	void printReport() {
		System.out.println();
		System.out.println("================ benchmark report ================");
		report.forEach(System.out::println);
	}

	static int[] ints(String csv) {
		return csv.isBlank() ? new int[0] : java.util.Arrays.stream(csv.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
	}

	static {
		Locale.setDefault(Locale.ROOT);
	}

}
