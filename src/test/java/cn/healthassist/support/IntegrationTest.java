package cn.healthassist.support;

import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;

import cn.healthassist.audit.CaseRecords;
import cn.healthassist.chronic.TreatmentRecord;
import cn.healthassist.chronic.TreatmentRecordMapper;
import cn.healthassist.privacy.PersonalDataCipher;

/**
 * Base of the tests that run the whole application (real engine, real database, real HTTP) on H2 and on
 * MySQL/MariaDB. All of them share one application context per database. The job executor is off: tests run
 * jobs and move the engine's clock themselves, never sleeping.
 */
@Tag("db")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"camunda.bpm.job-execution.enabled=false", "healthassist.demo.enabled=true",
		"healthassist.organisation.file=classpath:org/demo-county.csv", "logging.level.org.camunda.bpm.engine.context=off",
		// the tests log in from one address with wrong passwords on purpose; AddressLoginLimitTest tests the limit
		"healthassist.login-limit.max-failures=100000" })
public abstract class IntegrationTest {

	public static final String PASSWORD = "demo";

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry);
	}

	@org.junit.jupiter.api.BeforeAll
	static void databaseReachable() {
		if (TestDatabase.isMysql()) {
			TestDatabase.prepareMysql();
		}
	}

	@LocalServerPort
	protected int port;

	@Autowired
	protected ProcessEngine engine;

	@Autowired
	protected RuntimeService runtimeService;

	@Autowired
	protected TaskService taskService;

	@Autowired
	protected HistoryService historyService;

	@Autowired
	protected IdentityService identityService;

	@Autowired
	protected ManagementService managementService;

	@Autowired
	protected JdbcTemplate jdbc;

	@Autowired
	protected CaseRecords caseRecords;

	@Autowired
	private PersonalDataCipher personalData;

	@Autowired
	private TreatmentRecordMapper treatmentRecords;

	/** The search index of an ID number, as the product's tables hold it beside the sealed number (id_index). */
	protected String idIndex(String idNumber) {
		return personalData.index(idNumber);
	}

	/** The ID number sealed, as the product's tables hold it. */
	protected String sealed(String idNumber) {
		return personalData.seal(idNumber);
	}

	/** A treatment record of the medical-insurance system, stored as an import stores it (sealed, indexed). */
	protected void treatmentRecord(String idNumber, String diseaseCode, java.time.LocalDate visitDate) {
		treatmentRecords.insertIfAbsent(new TreatmentRecord(idNumber, diseaseCode, "县人民医院", visitDate), new java.util.Date());
	}

	@BeforeEach
	void initAssertions() {
		BpmnAwareTests.init(engine);
	}

	@AfterEach
	void resetEngineState() {
		identityService.clearAuthentication();
		ClockUtil.reset();
		BpmnAwareTests.reset();
	}

	/** HTTP Basic as a demo user. */
	/** A fact of the case's record (CaseRecords), as the rules, the trail and the documents read it. */
	protected Object fact(String processInstanceId, String name) {
		HistoricProcessInstance hpi = historyService.createHistoricProcessInstanceQuery()
			.processInstanceId(processInstanceId)
			.singleResult();
		return caseRecords.of(historyService, engine.getRepositoryService(), identityService, hpi.getBusinessKey(),
				processInstanceId).get(name);
	}

	/** The last step of the case's trail, as the auditor reads it, at the activity; null when there is none. */
	protected JsonNode trailStep(String businessKey, String activityId) {
		JsonNode found = null;
		for (JsonNode step : http("auditor").get("/api/cases/" + businessKey + "/trail")
			.json()
			.path("steps")) {
			if (activityId.equals(step.path("activityId").asText())) {
				found = step;
			}
		}
		return found;
	}

	/** A person of the test's own (first name 测试), with a password the rules accept, in one group. */
	protected void createPerson(String userId, String lastName, String password, String groupId) {
		org.camunda.bpm.engine.identity.User u = identityService.newUser(userId);
		u.setFirstName("测试");
		u.setLastName(lastName);
		u.setPassword(password);
		identityService.saveUser(u);
		identityService.createMembership(userId, groupId);
	}

	protected Http http(String user) {
		return Http.as(port, user, PASSWORD);
	}

	protected Http anonymous() {
		return new Http(port);
	}

	/** Runs the action in the engine as the user, with the user's groups, as the web apps would. */
	protected <T> T as(String userId, Supplier<T> action) {
		return as(userId, identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList(), action);
	}

	/** Runs the action in the engine as the user, authenticated with exactly these groups. */
	protected <T> T as(String userId, List<String> groups, Supplier<T> action) {
		identityService.setAuthentication(userId, groups);
		try {
			return action.get();
		}
		finally {
			identityService.clearAuthentication();
		}
	}

	protected void as(String userId, Runnable action) {
		as(userId, () -> {
			action.run();
			return null;
		});
	}

	/** The one open task of the case at the given step. */
	protected Task task(String processInstanceId, String taskDefinitionKey) {
		return taskService.createTaskQuery()
			.processInstanceId(processInstanceId)
			.taskDefinitionKey(taskDefinitionKey)
			.singleResult();
	}

	/** Claims and completes the case's task at the step as the user. */
	protected void complete(String userId, String processInstanceId, String taskDefinitionKey, Map<String, Object> variables) {
		Task task = task(processInstanceId, taskDefinitionKey);
		if (task == null) {
			throw new AssertionError("no open task " + taskDefinitionKey + " in " + processInstanceId);
		}
		as(userId, () -> {
			taskService.claim(task.getId(), userId);
			taskService.complete(task.getId(), variables);
		});
	}

	/** Starts a case through the product's API as the user (201 or the test fails): its process instance. */
	protected ProcessInstance startCase(String user, String path, Map<String, Object> body) {
		Http.Response r = http(user).postJson(path, body);
		if (r.status() != 201) {
			throw new AssertionError("start " + path + " as " + user + ": " + r.status() + " " + r.body());
		}
		return runtimeService.createProcessInstanceQuery()
			.processInstanceId(r.json().path("processInstanceId").asText())
			.singleResult();
	}

	/** Lets a charity case's public notice run out: the engine's clock past noticeUntil, the due timers fired. */
	protected void publicNoticeRunsOut(String processInstanceId) {
		Date until = (Date) runtimeService.getVariable(processInstanceId, "noticeUntil");
		if (until == null) {
			throw new AssertionError("no public notice in " + processInstanceId);
		}
		ClockUtil.setCurrentTime(new Date(until.getTime() + 60_000));
		try {
			List<Job> timers = managementService.createJobQuery().processInstanceId(processInstanceId).timers().executable().list();
			if (timers.isEmpty()) {
				throw new AssertionError("no timer of the public notice in " + processInstanceId);
			}
			timers.forEach(timer -> managementService.executeJob(timer.getId()));
		}
		finally {
			ClockUtil.reset();
		}
	}

	/** Runs every job of the case that is due now (asynchronous continuations, due timers). */
	protected int runDueJobs(String processInstanceId) {
		int ran = 0;
		for (int round = 0; round < 20; round++) {
			List<Job> jobs = managementService.createJobQuery().processInstanceId(processInstanceId).executable().list();
			if (jobs.isEmpty()) {
				return ran;
			}
			for (Job job : jobs) {
				managementService.executeJob(job.getId());
				ran++;
			}
		}
		return ran;
	}

	protected int count(String sql, Object... args) {
		Integer n = jdbc.queryForObject(sql, Integer.class, args);
		return n == null ? 0 : n;
	}

	/**
	 * The count once it is the one expected, or after two seconds: for what an answer writes as its last act (the
	 * security log's event), which the client may see before it is committed.
	 */
	protected int countOnceWritten(int expected, String sql, Object... args) {
		return onceWritten(expected, () -> count(sql, args));
	}

	/** What read answers once it is the value expected, or after two seconds (as {@link #countOnceWritten}). */
	protected <T> T onceWritten(T expected, java.util.function.Supplier<T> read) {
		T value = read.get();
		for (int i = 0; i < 40 && !java.util.Objects.equals(value, expected); i++) {
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				break;
			}
			value = read.get();
		}
		return value;
	}

}
