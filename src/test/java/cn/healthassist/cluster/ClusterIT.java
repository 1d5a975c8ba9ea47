package cn.healthassist.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import com.fasterxml.jackson.databind.JsonNode;

import cn.healthassist.support.AppJvm;
import cn.healthassist.support.Applications;
import cn.healthassist.support.Http;
import cn.healthassist.support.TestDatabase;
import cn.healthassist.support.TestIds;

/**
 * Two application nodes on one MariaDB/MySQL database, each in a JVM of its own with its job executor on (README,
 * "Running several nodes"). Runs in the MySQL run only, on the database {@code healthassist_cluster} that
 * {@code .ci/run} creates ({@code HA_CLUSTER_DB_URL}).
 *
 * <p>The nodes use a township-review due period of a few seconds, so that the overdue reminder (a timer job) of
 * every case falls due during the test, and a job lock time of 10 s, so that the jobs a killed node had locked are
 * free again soon.
 */
@Tag("db")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

	static final String URL = TestDatabase.env("HA_CLUSTER_DB_URL",
			"jdbc:mysql://127.0.0.1:3306/healthassist_cluster?sendFractionalSeconds=false&characterEncoding=UTF-8"
					+ "&connectionCollation=utf8mb4_bin&useSSL=false&allowPublicKeyRetrieval=true" + TestDatabase.APPLICATION_OPTIONS);

	static final String DUE = "PT15S";

	static final String DOCTOR = "doctor-t01v01";

	static final String TOWNSHIP = "health-t01";

	static final String COUNTY = "insurance";

	record Node(String name, int port, AppJvm jvm) {

		Http as(String user) {
			return Http.as(port, user, "demo");
		}

		Process process() {
			return jvm.process();
		}

		String log() {
			return jvm.tail(80);
		}

	}

	private Node a;

	private Node b;

	private JdbcTemplate db;

	@BeforeAll
	void startTwoNodes() throws Exception {
		Assumptions.assumeTrue(TestDatabase.isMysql(), "the cluster test runs in the MySQL run");
		Connection connection;
		try {
			connection = DriverManager.getConnection(URL, TestDatabase.MYSQL_USER, TestDatabase.MYSQL_PASSWORD);
		}
		catch (SQLException e) {
			if ("required".equals(TestDatabase.mysqlMode())) {
				throw new IllegalStateException("the cluster database " + URL + " cannot be reached (.ci/run creates it)", e);
			}
			Assumptions.abort("no cluster database at " + URL + ": " + e.getMessage());
			return;
		}
		TestDatabase.empty(connection);
		db = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
		// the first node creates the schema and the startup data; the second joins a running cluster
		// node A takes up to 40 due jobs in one acquisition and runs them one by one, so that when it is killed it
		// still holds locks on due jobs: the case a crash leaves behind
		// (node B takes one job at a time)
		a = start("node-a", "--camunda.bpm.job-execution.max-jobs-per-acquisition=40", "--camunda.bpm.job-execution.queue-capacity=40",
				"--camunda.bpm.job-execution.core-pool-size=1", "--camunda.bpm.job-execution.max-pool-size=1",
				"--camunda.bpm.job-execution.wait-time-in-millis=1000", "--camunda.bpm.job-execution.max-wait=1000");
		awaitStarted(a);
		b = start("node-b", "--camunda.bpm.job-execution.max-jobs-per-acquisition=1", "--camunda.bpm.job-execution.queue-capacity=1",
				"--camunda.bpm.job-execution.core-pool-size=1", "--camunda.bpm.job-execution.max-pool-size=1",
				"--camunda.bpm.job-execution.wait-time-in-millis=2000", "--camunda.bpm.job-execution.max-wait=2000");
		awaitStarted(b);
	}

	@AfterAll
	void stopNodes() throws Exception {
		for (Node node : new Node[] { a, b }) {
			if (node != null && node.process().isAlive()) {
				node.process().destroy();
				node.process().waitFor(30, TimeUnit.SECONDS);
			}
		}
	}

	@Test
	@Order(1)
	void aCaseStartedOnOneNodeIsWorkedOnTheOther_andItsAsynchronousStepRunsOnce() throws Exception {
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			Node starter = i % 2 == 0 ? a : b;
			Node other = starter == a ? b : a;
			String pid = startCase(starter);
			complete(other, TOWNSHIP, pid, "Task_TownshipReview", Map.of("townshipDecision", v("pass"), "townshipOpinion", v("同意")));
			complete(starter, COUNTY, pid, "Task_CountyApproval", Map.of("countyDecision", v("approve"), "countyOpinion", v("同意发证")));
			keys.add(businessKey(pid));
		}
		// the certificate is issued by an asynchronous job, which either node may run: exactly one certificate each
		await(60, () -> keys.stream().allMatch(k -> "issued".equals(status(k))), () -> "certificates issued");
		for (String key : keys) {
			assertThat(db.queryForObject("SELECT COUNT(*) FROM ha_certificate WHERE business_key = ?", Integer.class, key)).isOne();
			assertThat(db.queryForObject("SELECT COUNT(*) FROM ACT_HI_ACTINST a JOIN ha_case c ON c.process_instance_id = a.PROC_INST_ID_"
					+ " WHERE c.business_key = ? AND a.ACT_ID_ = 'Task_IssueCertificate'", Integer.class, key)).isOne();
		}
		// both nodes served the cases: each answered the API for cases the other started
		assertThat(a.as("auditor").get("/api/cases/" + keys.get(1) + "/trail").status()).isEqualTo(200);
		assertThat(b.as("auditor").get("/api/cases/" + keys.get(0) + "/trail").status()).isEqualTo(200);
	}

	@Test
	@Order(2)
	void eachOverdueTimerFiresExactlyOnce_withBothNodesRunningJobs() throws Exception {
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			keys.add(businessKey(startCase(i % 2 == 0 ? a : b)));
		}
		await(90, () -> remindersOf(keys) == keys.size(), () -> remindersOf(keys) + " of " + keys.size() + " reminders");
		// a few more acquisition rounds on both nodes: nothing fires a second time
		Thread.sleep(4000);
		for (String key : keys) {
			assertThat(reminders(key)).as("reminders of " + key).isOne();
		}
		assertThat(timerJobsLeft(keys)).isZero();
		assertThat(incidents()).isZero();
	}

	@Test
	@Order(3)
	void whenANodeDiesWhileJobsAreDue_theOtherRunsThem_noneLostNoneTwice() throws Exception {
		// Rounds of 40 cases. Their overdue reminders fall due at one moment, as after a holiday or a night without a
		// running node: the timers not yet taken are moved to now in one statement (starting 40 cases takes a few
		// seconds, so otherwise they would fall due one by one and a node would take them a few at a time). Node A takes
		// up to 40 due jobs per acquisition and runs them one at a time, node B one, so the lock owner holding 4 or
		// more is node A's. Which node acquires first is a race; should node B run a whole round before node A
		// acquires, that round ends normally and another is started (at most three).
		List<String> pids = new ArrayList<>();
		String ownerOfA = null;
		for (int round = 1; round <= 3 && ownerOfA == null; round++) {
			List<String> roundPids = startCases(40);
			pids.addAll(roundPids);
			db.update("UPDATE ACT_RU_JOB SET DUEDATE_ = ? WHERE HANDLER_TYPE_ = 'timer-task-listener' AND LOCK_OWNER_ IS NULL"
					+ " AND PROCESS_INSTANCE_ID_ IN (" + in(roundPids) + ")", new java.sql.Timestamp(System.currentTimeMillis() - 1000));
			ownerOfA = batchOwner(roundPids, 20);
			if (ownerOfA == null) {
				List<String> roundKeys = roundPids.stream().map(this::businessKey).toList();
				await(120, () -> remindersOf(roundKeys) == roundKeys.size(), () -> "round reminders: " + remindersOf(roundKeys));
				System.out.printf("ClusterIT: round %d: node-a took no batch of due jobs within 20 s; node-a ran %d, node-b %d%n", round,
						executedBy("node-a", roundKeys), executedBy("node-b", roundKeys));
			}
		}
		List<String> keys = pids.stream().map(this::businessKey).toList();
		assertThat(ownerOfA).as("a batch of due jobs locked by node-a; jobs: " + jobs(pids) + "\nnode-a log:\n" + a.log()
				+ "\nnode-b log:\n" + b.log()).isNotNull();
		// kill it without warning (SIGKILL) while it holds them
		a.process().destroyForcibly();
		assertThat(a.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
		int doneWhenKilled = remindersOf(keys);
		assertThat(doneWhenKilled).as("timers still due when node-a died").isLessThan(keys.size());
		// the reminder timers node A had acquired stay locked until their lock expires (only these: between 01:00 and
		// 05:00 node A may also hold Camunda's history cleanup job, which runs again and again under one id)
		List<String> lockedByDeadNode = db.queryForList("SELECT ID_ FROM ACT_RU_JOB WHERE LOCK_OWNER_ = ?"
				+ " AND HANDLER_TYPE_ = 'timer-task-listener' AND PROCESS_INSTANCE_ID_ IN (" + in(pids) + ")", String.class, ownerOfA);
		System.out.printf("ClusterIT: node-a killed after %d of %d timers had fired, holding locks on %d due jobs%n", doneWhenKilled,
				keys.size(), lockedByDeadNode.size());
		assertThat(lockedByDeadNode).as("jobs locked by the killed node").isNotEmpty();

		// node B runs every remaining timer, including those node A had locked, once their lock expired
		await(120, () -> remindersOf(keys) == keys.size(), () -> remindersOf(keys) + " of " + keys.size() + " reminders; node-b log:\n" + b.log());
		Thread.sleep(3000);
		for (String key : keys) {
			assertThat(reminders(key)).as("reminders of " + key).isOne();
		}
		assertThat(timerJobsLeft(keys)).isZero();
		assertThat(executedBy("node-b", keys)).isGreaterThanOrEqualTo(keys.size() - doneWhenKilled);
		for (String job : lockedByDeadNode) {
			assertThat(db.queryForList("SELECT HOSTNAME_ FROM ACT_HI_JOB_LOG WHERE JOB_ID_ = ? AND JOB_STATE_ = 2", String.class, job))
				.as("runs of job " + job + ", locked by node-a when it died").containsExactly("node-b");
		}
		assertThat(incidents()).isZero();
		// the surviving node still serves people: a case started now goes on as usual
		String pid = startCase(b);
		complete(b, TOWNSHIP, pid, "Task_TownshipReview", Map.of("townshipDecision", v("pass"), "townshipOpinion", v("同意")));
		assertThat(status(businessKey(pid))).isEqualTo("running");
	}

	// ------------------------------------------------------------------ helpers

	/** Starts cases on both nodes, 8 at a time; their process instance ids. */
	private List<String> startCases(int count) throws Exception {
		java.util.concurrent.ExecutorService starters = java.util.concurrent.Executors.newFixedThreadPool(8);
		try {
			List<java.util.concurrent.Future<String>> started = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				Node node = i % 2 == 0 ? a : b;
				started.add(starters.submit(() -> startCase(node)));
			}
			List<String> pids = new ArrayList<>();
			for (java.util.concurrent.Future<String> pid : started) {
				pids.add(pid.get());
			}
			return pids;
		}
		finally {
			starters.shutdown();
		}
	}

	/** The lock owner holding 4 or more of these instances' reminder jobs, looked for every 10 ms; null if none in time. */
	private String batchOwner(List<String> pids, int seconds) throws InterruptedException {
		long deadline = System.currentTimeMillis() + seconds * 1000L;
		while (System.currentTimeMillis() < deadline) {
			List<String> owners = db.queryForList("SELECT LOCK_OWNER_ FROM ACT_RU_JOB WHERE LOCK_OWNER_ IS NOT NULL"
					+ " AND HANDLER_TYPE_ = 'timer-task-listener' AND PROCESS_INSTANCE_ID_ IN (" + in(pids) + ")"
					+ " GROUP BY LOCK_OWNER_ HAVING COUNT(*) >= 4", String.class);
			if (!owners.isEmpty()) {
				return owners.get(0);
			}
			Thread.sleep(10);
		}
		return null;
	}

	private List<Map<String, Object>> jobs(List<String> pids) {
		return db.queryForList("SELECT LOCK_OWNER_, LOCK_EXP_TIME_, DUEDATE_, RETRIES_ FROM ACT_RU_JOB WHERE PROCESS_INSTANCE_ID_ IN ("
				+ in(pids) + ")");
	}

	private String startCase(Node node) {
		String id = TestIds.newIdNumber();
		// a treatment record makes it a zero-material case, which goes straight to the township review
		Http county = node.as(COUNTY);
		Http.Response imported = county.send(county.request("/api/treatment-records")
			.header("Content-Type", "text/csv")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString("idNumber,diseaseCode,hospitalName,visitDate\n" + id
					+ ",HTN,县人民医院," + LocalDate.now().minusMonths(2) + "\n")));
		assertThat(imported.status()).as(imported.body()).isEqualTo(200);
		Map<String, Object> body = Applications.chronic(id, "T01V01");
		Http.Response r = node.as(DOCTOR).postJson("/api/chronic-certificate-applications", body);
		assertThat(r.status()).as(node.name() + ": " + r.body()).isEqualTo(201);
		return r.json().path("processInstanceId").asText();
	}

	private static void complete(Node node, String user, String pid, String taskKey, Map<String, Object> variables) {
		Http http = node.as(user);
		JsonNode tasks = http.get("/engine-rest/task?processInstanceId=" + pid + "&taskDefinitionKey=" + taskKey).json();
		assertThat(tasks).as(node.name() + " " + taskKey).hasSize(1);
		String id = tasks.get(0).path("id").asText();
		assertThat(http.postJson("/engine-rest/task/" + id + "/claim", Map.of("userId", user)).status()).isEqualTo(204);
		Http.Response done = http.postJson("/engine-rest/task/" + id + "/complete", Map.of("variables", variables));
		assertThat(done.status()).as(done.body()).isEqualTo(204);
	}

	private static Map<String, Object> v(Object value) {
		return Map.of("value", value);
	}

	private String businessKey(String pid) {
		return db.queryForObject("SELECT business_key FROM ha_case WHERE process_instance_id = ?", String.class, pid);
	}

	private String status(String key) {
		return db.queryForObject("SELECT status FROM ha_case WHERE business_key = ?", String.class, key);
	}

	private int reminders(String key) {
		return db.queryForObject("SELECT COUNT(*) FROM ha_reminder WHERE business_key = ? AND reason = 'overdue'", Integer.class, key);
	}

	private int remindersOf(List<String> keys) {
		return db.queryForObject("SELECT COUNT(*) FROM ha_reminder WHERE reason = 'overdue' AND business_key IN (" + in(keys) + ")",
				Integer.class);
	}

	/** Successful timer-job runs for these cases logged by the node (Camunda's job log names the host). */
	private int executedBy(String node, List<String> keys) {
		return db.queryForObject("SELECT COUNT(*) FROM ACT_HI_JOB_LOG l JOIN ha_case c ON c.process_instance_id = l.PROCESS_INSTANCE_ID_"
				+ " WHERE l.HOSTNAME_ = ? AND l.JOB_DEF_TYPE_ = 'timer-task-listener' AND l.JOB_STATE_ = 2 AND c.business_key IN ("
				+ in(keys) + ")", Integer.class, node);
	}

	private int timerJobsLeft(List<String> keys) {
		return db.queryForObject("SELECT COUNT(*) FROM ACT_RU_JOB j JOIN ha_case c ON c.process_instance_id = j.PROCESS_INSTANCE_ID_"
				+ " WHERE j.HANDLER_TYPE_ = 'timer-task-listener' AND c.business_key IN (" + in(keys) + ")", Integer.class);
	}

	private int incidents() {
		return db.queryForObject("SELECT COUNT(*) FROM ACT_RU_INCIDENT", Integer.class);
	}

	private static String in(List<String> keys) {
		return String.join(",", keys.stream().map(k -> "'" + k.replace("'", "") + "'").toList());
	}

	private static void await(int seconds, BooleanSupplier condition, java.util.function.Supplier<String> state) throws InterruptedException {
		long deadline = System.currentTimeMillis() + seconds * 1000L;
		while (!condition.getAsBoolean()) {
			if (System.currentTimeMillis() > deadline) {
				throw new AssertionError("not within " + seconds + " s: " + state.get());
			}
			Thread.sleep(200);
		}
	}

	private Node start(String name, String... settings) throws IOException {
		int port = AppJvm.freePort();
		List<String> arguments = new ArrayList<>(List.of("--spring.profiles.active=mysql", "--server.port=" + port,
				"--spring.datasource.url=" + URL, "--spring.datasource.username=" + TestDatabase.MYSQL_USER,
				"--spring.datasource.password=" + TestDatabase.MYSQL_PASSWORD, "--healthassist.demo.enabled=true",
				"--healthassist.organisation.file=classpath:org/demo-county.csv", "--healthassist.due.township-review=" + DUE,
				// the mysql profile starts only with the administrators' second-factor key (HA_TOTP_KEY), the same on
				// every node; the demo's administrators are exempt from the code
				"--healthassist.totp.key=" + java.util.Base64.getEncoder().encodeToString(new byte[32]),
				// and the keys personal data is sealed with, the same on every node
				"--healthassist.data-protection.key=" + java.util.Base64.getEncoder().encodeToString(new byte[16]),
				"--healthassist.data-protection.index-key=" + java.util.Base64.getEncoder().encodeToString(new byte[32]),
				// the host name Camunda writes into its job log, so the test can tell which node ran a job
				"--camunda.bpm.generic-properties.properties.hostname=" + name,
				"--camunda.bpm.job-execution.lock-time-in-millis=10000",
				"--logging.level.root=WARN", "--logging.level.cn.healthassist=INFO",
				"--logging.level.org.springframework.boot.web.embedded.tomcat=INFO",
				"--logging.level.org.camunda.bpm.engine.jobexecutor=INFO"));
		arguments.addAll(List.of(settings));
		return new Node(name, port, AppJvm.start(arguments, environment -> {
		}));
	}

	private static void awaitStarted(Node node) throws InterruptedException {
		try {
			node.jvm().awaitStarted(180);
		}
		catch (AssertionError e) {
			throw new AssertionError(node.name() + ": " + e.getMessage(), e);
		}
	}

}
