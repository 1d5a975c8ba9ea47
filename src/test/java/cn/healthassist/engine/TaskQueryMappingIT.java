package cn.healthassist.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

import cn.healthassist.chronic.TreatmentRecordImporter;
import cn.healthassist.security.TaskFilters;
import cn.healthassist.support.Applications;
import cn.healthassist.support.Http;
import cn.healthassist.support.IntegrationTest;
import cn.healthassist.support.TestIds;

/**
 * The engine runs its task query with the EXISTS form of the authorization check (camunda-mapping/task-query.xml),
 * and it finds what Camunda's own SQL finds: the tasks of the user's groups, in the filter's order, nobody else's.
 */
class TaskQueryMappingIT extends IntegrationTest {

	@Autowired
	TreatmentRecordImporter treatmentRecords;

	@Autowired
	org.camunda.bpm.engine.AuthorizationService authorizationService;

	private String startCase(String doctor, String village) {
		String id = TestIds.newIdNumber();
		treatmentRecords.importCsv("idNumber,diseaseCode,hospitalName,visitDate\n" + id + ",HTN,县人民医院,"
				+ LocalDate.now().minusMonths(2) + "\n");
		Map<String, Object> body = Applications.chronic(id, village);
		Http.Response r = http(doctor).postJson("/api/chronic-certificate-applications", body);
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		return r.json().path("processInstanceId").asText();
	}

	@Test
	void theCopiedStatementsAreThoseOfTheCamundaVersionInUse() {
		assertThat(org.camunda.bpm.engine.ProcessEngine.class.getPackage().getImplementationVersion())
			.as("camunda-mapping/task-query.xml is a copy of Camunda 7.24's Task.xml: copy it again from the new version")
			.startsWith("7.24.");
	}

	@Test
	void theEngineUsesTheExistsFormOfTheTaskQuery() {
		ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
		assertThat(config.getDbSqlSessionFactory().mapStatement("selectTaskByQueryCriteria"))
			.isEqualTo("cn.healthassist.engine.TaskQuery.selectTaskByQueryCriteria");
		assertThat(config.getDbSqlSessionFactory().mapStatement("selectTaskCountByQueryCriteria"))
			.isEqualTo("cn.healthassist.engine.TaskQuery.selectTaskCountByQueryCriteria");
		assertThat(config.getDbSqlSessionFactory().mapStatement("selectVariableInstanceByQueryCriteria"))
			.isEqualTo("cn.healthassist.engine.VariableInstanceQuery.selectVariableInstanceByQueryCriteria");
	}

	@Test
	void theReviewersFilterShowsTheirTownshipsTasks_inDueOrder_andNoOtherTownships() {
		List<String> t01 = List.of(startCase("doctor-t01v01", "T01V01"), startCase("doctor-t01v02", "T01V02"));
		String t02 = startCase("doctor-t02v01", "T02V01");
		Filter group = engine.getFilterService().createFilterQuery().filterName(TaskFilters.GROUP).singleResult();

		List<Task> seenByT01 = as("health-t01", () -> engine.getFilterService().<Task> list(group.getId()));
		List<String> instances = seenByT01.stream().map(Task::getProcessInstanceId).toList();
		assertThat(instances).containsAll(t01).doesNotContain(t02);
		assertThat(seenByT01).allMatch(t -> taskService.getIdentityLinksForTask(t.getId())
			.stream()
			.anyMatch(l -> "township-health-T01".equals(l.getGroupId())));
		assertThat(seenByT01).extracting(Task::getDueDate).isSortedAccordingTo(java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()));
		long count = as("health-t01", () -> engine.getFilterService().count(group.getId()));
		assertThat(count).isEqualTo(seenByT01.size());
		// the same answer without authorization checks, restricted to the group, is the same set of tasks
		assertThat(taskService.createTaskQuery().taskCandidateGroup("township-health-T01").list()).extracting(Task::getId)
			.containsExactlyInAnyOrderElementsOf(seenByT01.stream().map(Task::getId).toList());

		assertThat(as("health-t02", () -> engine.getFilterService().<Task> list(group.getId())).stream().map(Task::getProcessInstanceId))
			.contains(t02).doesNotContainAnyElementsOf(t01);
		// a village doctor is in no candidate group of these tasks and reads none of them through GET /task
		JsonNode doctors = http("doctor-t01v01").get("/engine-rest/task?processInstanceId=" + t01.get(0)).json();
		assertThat(doctors).isEmpty();
		assertThat(http("health-t01").get("/engine-rest/task?processInstanceId=" + t01.get(0)).json()).hasSize(1);
		assertThat(http("health-t02").get("/engine-rest/task/count?processInstanceId=" + t01.get(0)).json().path("count").asInt()).isZero();
	}


	/** The SQL the engine would run for the query's page, or for its count. */
	private String sql(org.camunda.bpm.engine.task.TaskQuery query, String statement) {
		ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
		String sql = config.getCommandExecutorTxRequired().execute(context -> {
			// as the engine does before it runs the query: a filter's expressions (${currentUserGroups()}) evaluated,
			// whether case tasks need their own clause, then the authorization check of the current user
			evaluateExpressions(query);
			((org.camunda.bpm.engine.impl.TaskQueryImpl) query).getAuthCheck().setUseLeftJoin(config.isCmmnEnabled());
			context.getAuthorizationManager().configureTaskQuery((org.camunda.bpm.engine.impl.TaskQueryImpl) query);
			var mapped = config.getSqlSessionFactory().getConfiguration().getMappedStatement(TaskQueryMapping.NAMESPACE + "." + statement);
			return mapped.getBoundSql(query).getSql();
		});
		return sql.replaceAll("\\s+", " ");
	}

	/** Camunda's own evaluation of a query's expressions (protected; the engine calls it before it runs a query). */
	private static void evaluateExpressions(org.camunda.bpm.engine.task.TaskQuery query) {
		try {
			java.lang.reflect.Method evaluate = org.camunda.bpm.engine.impl.AbstractQuery.class.getDeclaredMethod("evaluateExpressions");
			evaluate.setAccessible(true);
			evaluate.invoke(query);
		}
		catch (ReflectiveOperationException e) {
			throw new IllegalStateException(e);
		}
	}

	@Autowired
	javax.sql.DataSource dataSource;

	private String serverVersion() {
		try (java.sql.Connection c = dataSource.getConnection()) {
			return c.getMetaData().getDatabaseProductVersion();
		}
		catch (java.sql.SQLException e) {
			throw new IllegalStateException(e);
		}
	}

	@Test
	void aPageOfCandidateGroupsAlone_isASemiJoinOnTheGroupsLinks() {
		var groups = (org.camunda.bpm.engine.impl.TaskQueryImpl) taskService.createTaskQuery().taskCandidateGroupIn(List.of("township-health-T01"))
			.orderByDueDate().asc();
		String page = as("health-t01", () -> sql(groups, "selectTaskByQueryCriteria"));
		String count = as("health-t01", () -> sql(groups, "selectTaskCountByQueryCriteria"));
		assertThat(page).doesNotContainIgnoringCase("distinct").doesNotContainIgnoringCase("join ACT_RU_IDENTITYLINK")
			.containsIgnoringCase("RES.ID_ IN ( SELECT I.TASK_ID_ FROM ACT_RU_IDENTITYLINK I "
					// on MySQL/MariaDB not through the count's index (V13), with which MariaDB sorted a large group's tasks
					+ (cn.healthassist.support.TestDatabase.isMysql() ? "IGNORE INDEX (HA_IDX_IDENT_LNK_GROUP_TASK) " : "")
					+ "WHERE I.TYPE_ = 'candidate' AND I.GROUP_ID_ IN (")
			.doesNotContainIgnoringCase("EXISTS");
		// on MariaDB without the semi-join strategy that copies a large group's links before reading the first task
		if (serverVersion().toLowerCase(java.util.Locale.ROOT).contains("mariadb")) {
			assertThat(page.trim()).startsWith("SET STATEMENT optimizer_switch='materialization=off' FOR select");
		}
		else {
			assertThat(page).doesNotContainIgnoringCase("SET STATEMENT");
		}
		assertThat(count).doesNotContainIgnoringCase("SET STATEMENT");
		// on MySQL/MariaDB each authorization look-up goes by the resource id's index (lookUpOn)
		if (!cn.healthassist.support.TestDatabase.isMysql()) {
			assertThat(page + count).doesNotContainIgnoringCase("FORCE INDEX");
		}
		// the count of the group's queue is counted from its links (theCountOfAGroupsQueue_...)
		assertThat(count).containsIgnoringCase("count(distinct I.TASK_ID_) from ACT_RU_IDENTITYLINK I");
		// the user's own group: the engine's grant to the group is implied (HA_CANDIDATE_GRANTED), no look-up per task
		assertThat(page + count).doesNotContainIgnoringCase("ACT_RU_AUTHORIZATION");
		// another group's tasks: with authorization on, the check looks up the task's grants and the process
		// definition's key per task, without joining the definitions
		var otherGroup = (org.camunda.bpm.engine.impl.TaskQueryImpl) taskService.createTaskQuery()
			.taskCandidateGroupIn(List.of("township-health-T02")).orderByDueDate().asc();
		for (String sql : List.of(as("health-t01", () -> sql(otherGroup, "selectTaskByQueryCriteria")),
				as("health-t01", () -> sql(otherGroup, "selectTaskCountByQueryCriteria")))) {
			assertThat(sql).containsIgnoringCase(lookUpOn("RES.ID_")).containsIgnoringCase(lookUpOn("'*'"))
				.containsIgnoringCase("A.RESOURCE_ID_ = (SELECT D.KEY_ FROM ACT_RE_PROCDEF D WHERE D.ID_ = RES.PROC_DEF_ID_)")
				.doesNotContainIgnoringCase("join ACT_RE_PROCDEF");
		}
		var ofOneProcess = (org.camunda.bpm.engine.impl.TaskQueryImpl) taskService.createTaskQuery()
			.taskCandidateGroup("township-health-T01").processDefinitionKey("chronic-certificate");
		assertThat(as("health-t01", () -> sql(ofOneProcess, "selectTaskCountByQueryCriteria"))).containsIgnoringCase("join ACT_RE_PROCDEF D")
			.doesNotContainIgnoringCase("ACT_RU_AUTHORIZATION");
		var otherGroupOfOneProcess = (org.camunda.bpm.engine.impl.TaskQueryImpl) taskService.createTaskQuery()
			.taskCandidateGroup("township-health-T02").processDefinitionKey("chronic-certificate");
		assertThat(as("health-t01", () -> sql(otherGroupOfOneProcess, "selectTaskCountByQueryCriteria")))
			.containsIgnoringCase("join ACT_RE_PROCDEF D").containsIgnoringCase("A.RESOURCE_ID_ = D.KEY_");
		// other queries on identity links keep Camunda's join
		var user = (org.camunda.bpm.engine.impl.TaskQueryImpl) taskService.createTaskQuery().taskCandidateUser("health-t01");
		assertThat(as("health-t01", () -> sql(user, "selectTaskByQueryCriteria"))).containsIgnoringCase("distinct")
			.containsIgnoringCase("left join ACT_RU_IDENTITYLINK I");
		var involved = (org.camunda.bpm.engine.impl.TaskQueryImpl) taskService.createTaskQuery().taskCandidateGroup("township-health-T01")
			.or().taskInvolvedUser("health-t01").endOr();
		assertThat(as("health-t01", () -> sql(involved, "selectTaskByQueryCriteria"))).containsIgnoringCase("left join ACT_RU_IDENTITYLINK I");
	}

	@Test
	void theVariablesAUserReads_areThoseCamundasOwnQueryGives_andNoOtherTownships() {
		String t01 = startCase("doctor-t01v01", "T01V01");
		String t02 = startCase("doctor-t02v01", "T02V01");
		Task review = task(t01, "Task_TownshipReview");
		taskService.setVariableLocal(review.getId(), "reviewNote", "本地变量");
		Supplier<List<String>> variables = () -> runtimeService.createVariableInstanceQuery().processInstanceIdIn(t01, t02).list().stream()
			.map(v -> v.getProcessInstanceId() + "/" + v.getName() + "/" + v.getTaskId())
			.sorted()
			.toList();
		Supplier<Long> count = () -> runtimeService.createVariableInstanceQuery().processInstanceIdIn(t01, t02).count();
		// what Tasklist asks for a filter's page: the named variables of the page's tasks
		Supplier<List<String>> ofTheTask = () -> runtimeService.createVariableInstanceQuery().variableScopeIdIn(review.getId(), review.getExecutionId(),
				t01).variableNameIn("applicantName", "villageName", "reviewNote").list().stream().map(v -> v.getName()).sorted().toList();

		List<String> t01sView = as("health-t01", variables);
		assertThat(t01sView).isNotEmpty().allMatch(v -> v.startsWith(t01 + "/")).anyMatch(v -> v.contains("/reviewNote/" + review.getId()));
		assertThat(t01sView).isEqualTo(as("health-t01", () -> withCamundasOwnStatements(variables)));
		assertThat(as("health-t01", count)).isEqualTo(t01sView.size()).isEqualTo(as("health-t01", () -> withCamundasOwnStatements(count)));
		assertThat(as("health-t01", ofTheTask)).containsExactly("applicantName", "reviewNote", "villageName")
			.isEqualTo(as("health-t01", () -> withCamundasOwnStatements(ofTheTask)));
		List<String> t02sView = as("health-t02", variables);
		assertThat(t02sView).isNotEmpty().allMatch(v -> v.startsWith(t02 + "/"));
		assertThat(t02sView).isEqualTo(as("health-t02", () -> withCamundasOwnStatements(variables)));
		// a doctor of another township's village reads none of them
		assertThat(as("doctor-t02v01", ofTheTask)).isEmpty();
	}

	@Test
	void theOpenTasksAreIndexed_inTheOrderTasklistAsksForThem() throws Exception {
		// what Tasklist sends with every page of a filter: its own default order (newest first) and active tasks only;
		// the engine puts the filter's order (the due date) first
		Filter group = engine.getFilterService().createFilterQuery().filterName(TaskFilters.GROUP).singleResult();
		var tasklist = (org.camunda.bpm.engine.impl.TaskQueryImpl) taskService.createTaskQuery().orderByTaskCreateTime().desc().active();
		var asked = (org.camunda.bpm.engine.impl.TaskQueryImpl) ((org.camunda.bpm.engine.impl.TaskQueryImpl) group.getQuery()).extend(tasklist);
		assertThat(as("health-t01", () -> sql(asked, "selectTaskByQueryCriteria")))
			.containsIgnoringCase("order by RES.DUE_DATE_ asc, RES.CREATE_TIME_ desc");
		// an index in that order: on MySQL by Flyway (V12), on H2 once the engine has made its tables (TaskQueryMapping);
		// V10's index on the due date alone, of which it is an extension, is gone
		String v12 = db.migration.V12__Task_due_and_created_index.INDEX;
		assertThat(indexInfo("ACT_RU_TASK", v12, "COLUMN_NAME")).containsExactly("DUE_DATE_", "CREATE_TIME_");
		assertThat(indexInfo("ACT_RU_TASK", v12, "ASC_OR_DESC")).containsExactly("A", "D");
		try (java.sql.Connection c = dataSource.getConnection()) {
			assertThat(db.migration.ProjectIndexes.exists(c, "ACT_RU_TASK", db.migration.V10__Task_due_date_index.INDEX)).isFalse();
		}
	}

	@Test
	void theGroupQueuesCountHasItsIndexes() throws Exception {
		// on MySQL by Flyway (V13), on H2 once the engine has made its tables (TaskQueryMapping)
		assertThat(indexInfo(db.migration.V13__Group_queue_count_indexes.LINKS_TABLE, db.migration.V13__Group_queue_count_indexes.LINKS_INDEX,
				"COLUMN_NAME"))
			.containsExactly("GROUP_ID_", "TYPE_", "TASK_ID_");
		assertThat(indexInfo(db.migration.V13__Group_queue_count_indexes.TASKS_TABLE, db.migration.V13__Group_queue_count_indexes.TASKS_INDEX,
				"COLUMN_NAME"))
			.containsExactly("SUSPENSION_STATE_");
	}

	/** One column of the JDBC index metadata (COLUMN_NAME, ASC_OR_DESC) for each column of the index, in its order. */
	private List<String> indexInfo(String table, String index, String info) throws java.sql.SQLException {
		List<String> values = new java.util.ArrayList<>();
		try (java.sql.Connection c = dataSource.getConnection();
				java.sql.ResultSet rs = c.getMetaData().getIndexInfo(c.getCatalog(), null, table, false, false)) {
			while (rs.next()) {
				if (index.equalsIgnoreCase(rs.getString("INDEX_NAME"))) {
					values.add(rs.getString(info));
				}
			}
		}
		return values;
	}

	@Test
	void onMySql_theAuthorizationLookUpPerTask_isAnsweredFromItsIndexAlone() {
		org.junit.jupiter.api.Assumptions.assumeTrue(cn.healthassist.support.TestDatabase.isMysql(), "H2: no index hint");
		assertThat(jdbc.queryForList("SELECT column_name FROM information_schema.statistics WHERE table_schema = DATABASE()"
				+ " AND table_name = 'ACT_RU_AUTHORIZATION' AND index_name = 'HA_IDX_AUTH_RESOURCE_LOOKUP' ORDER BY seq_in_index", String.class))
			.containsExactly("RESOURCE_ID_", "RESOURCE_TYPE_", "TYPE_", "PERMS_", "GROUP_ID_", "USER_ID_");
		// the look-up for one task, exactly as the engine writes it into 已逾期's count (本组待办 needs none: the grant is
		// implied by the user's own candidate group)
		var overdue = (org.camunda.bpm.engine.impl.TaskQueryImpl) taskService.createTaskQuery().dueBefore(new Date()).orderByDueDate().asc();
		String count = as("health-t01", () -> sql(overdue, "selectTaskCountByQueryCriteria"));
		java.util.regex.Matcher lookUp = java.util.regex.Pattern.compile("\\( ?(SELECT 1 " + java.util.regex.Pattern.quote(lookUpOn("RES.ID_"))
				+ " .*? LIMIT 1) ?\\)", java.util.regex.Pattern.CASE_INSENSITIVE).matcher(count);
		assertThat(lookUp.find()).as(count).isTrue();
		Map<String, Object> plan = jdbc.queryForList("EXPLAIN " + lookUp.group(1).replace("RES.ID_", "'a-task'").replace("?", "'0'")).get(0);
		assertThat(plan.get("key")).isEqualTo("HA_IDX_AUTH_RESOURCE_LOOKUP");
		assertThat(String.valueOf(plan.get("Extra"))).as("no row of the table read").contains("Using index");
	}

	@Test
	void onMySql_withoutTheProjectsIndexes_theHintsNameNoneOfThem() throws Exception {
		org.junit.jupiter.api.Assumptions.assumeTrue(cn.healthassist.support.TestDatabase.isMysql(), "H2: no index hint");
		try (java.sql.Connection c = dataSource.getConnection()) {
			assertThat(TaskQueryMapping.authorizationIndexHint(c)).isEqualTo(TaskQueryMapping.MYSQL_AUTHORIZATION_INDEX_HINT);
			assertThat(TaskQueryMapping.pageLinksHint(c)).isEqualTo(TaskQueryMapping.MYSQL_PAGE_LINKS_HINT);
			// a server that refused V11's or V13's index: a hint must not name an index that is not there
			jdbc.execute("DROP INDEX HA_IDX_AUTH_RESOURCE_LOOKUP ON ACT_RU_AUTHORIZATION");
			jdbc.execute("DROP INDEX " + db.migration.V13__Group_queue_count_indexes.LINKS_INDEX + " ON ACT_RU_IDENTITYLINK");
			try {
				assertThat(TaskQueryMapping.authorizationIndexHint(c)).isEqualTo(TaskQueryMapping.MYSQL_AUTHORIZATION_FALLBACK_HINT)
					.contains("ACT_IDX_AUTH_RESOURCE_ID");
				assertThat(TaskQueryMapping.pageLinksHint(c)).isEmpty();
			}
			finally {
				jdbc.execute("CREATE INDEX HA_IDX_AUTH_RESOURCE_LOOKUP ON ACT_RU_AUTHORIZATION (" + db.migration.V11__Authorization_lookup_index.COLUMNS + ")");
				db.migration.V13__Group_queue_count_indexes.createAll(c);
			}
		}
	}

	/** Runs the action with Camunda's own task query statements instead of this project's. */
	private <T> T withCamundasOwnStatements(Supplier<T> action) {
		DbSqlSessionFactory sessions = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDbSqlSessionFactory();
		Map<String, String> ours = sessions.getStatementMappings();
		Map<String, String> camundas = new HashMap<>(ours);
		for (String statement : TaskQueryMapping.STATEMENTS) {
			camundas.put(statement, "org.camunda.bpm.engine.impl.persistence.entity.TaskEntity." + statement);
		}
		for (String statement : TaskQueryMapping.VARIABLE_STATEMENTS) {
			camundas.put(statement, "org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity." + statement);
		}
		sessions.setStatementMappings(camundas);
		try {
			return action.get();
		}
		finally {
			sessions.setStatementMappings(ours);
		}
	}

	/**
	 * The same tasks, in the same order of due dates. Among tasks due at the same moment neither query defines an
	 * order (Camunda sorts by the due date alone), so those may come in another order.
	 */
	private void assertSameAnswer(List<String> ours, List<String> camundas) {
		assertThat(ours).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(camundas);
		assertThat(dueDates(ours)).isEqualTo(dueDates(camundas));
	}

	private List<Date> dueDates(List<String> taskIds) {
		return taskIds.stream().map(id -> taskService.createTaskQuery().taskId(id).singleResult().getDueDate()).toList();
	}

	private void setDueDate(String taskId, Date due) {
		Task t = taskService.createTaskQuery().taskId(taskId).singleResult();
		t.setDueDate(due);
		taskService.saveTask(t);
	}

	@Test
	void pagesAndCounts_areThoseOfCamundasOwnQuery_forAUserInTwoGroups_withATaskOfBothGroups() {
		List<String> cases = List.of(startCase("doctor-t01v01", "T01V01"), startCase("doctor-t01v02", "T01V02"),
				startCase("doctor-t01v01", "T01V01"), startCase("doctor-t02v01", "T02V01"));
		List<Task> reviews = cases.stream().map(pi -> task(pi, "Task_TownshipReview")).toList();
		// distinct due dates, so that the order is defined; one task is a candidate of both townships' groups
		long day = 24L * 3600 * 1000;
		for (int i = 0; i < reviews.size(); i++) {
			setDueDate(reviews.get(i).getId(), new Date(System.currentTimeMillis() + (10 - i) * day));
		}
		taskService.addCandidateGroup(reviews.get(0).getId(), "township-health-T02");
		// one task of the group is claimed: 本组待办 no longer lists it
		taskService.claim(reviews.get(1).getId(), "health-t01");
		Filter group = engine.getFilterService().createFilterQuery().filterName(TaskFilters.GROUP).singleResult();
		List<String> bothGroups = List.of("township-health-T01", "township-health-T02");

		Supplier<List<String>> page = () -> engine.getFilterService().<Task> listPage(group.getId(), 0, 50).stream().map(Task::getId).toList();
		Supplier<List<String>> secondTask = () -> engine.getFilterService().<Task> listPage(group.getId(), 1, 1).stream().map(Task::getId).toList();
		Supplier<Long> count = () -> engine.getFilterService().count(group.getId());
		Supplier<List<String>> candidateOfT02 = () -> taskService.createTaskQuery().taskCandidateGroup("township-health-T02").orderByDueDate().asc()
			.list().stream().map(Task::getId).toList();
		Supplier<List<String>> withAssigned = () -> taskService.createTaskQuery().taskCandidateGroupIn(bothGroups).includeAssignedTasks()
			.orderByDueDate().desc().list().stream().map(Task::getId).toList();
		Supplier<List<String>> ofOneProcess = () -> taskService.createTaskQuery().taskCandidateGroupIn(bothGroups)
			.processDefinitionKey("chronic-certificate").orderByDueDate().asc().list().stream().map(Task::getId).toList();

		as("health-t01", bothGroups, () -> {
			List<String> ours = page.get();
			assertThat(ours).as("each task once, though one is a candidate of both groups").doesNotHaveDuplicates()
				.contains(reviews.get(0).getId(), reviews.get(2).getId(), reviews.get(3).getId())
				.doesNotContain(reviews.get(1).getId());
			assertSameAnswer(ours, withCamundasOwnStatements(page));
			assertThat(count.get()).isEqualTo(ours.size()).isEqualTo(withCamundasOwnStatements(count));
			assertThat(secondTask.get()).containsExactly(ours.get(1));
			assertSameAnswer(candidateOfT02.get(), withCamundasOwnStatements(candidateOfT02));
			assertThat(candidateOfT02.get()).contains(reviews.get(0).getId());
			assertSameAnswer(withAssigned.get(), withCamundasOwnStatements(withAssigned));
			assertThat(withAssigned.get()).contains(reviews.get(1).getId());
			assertSameAnswer(ofOneProcess.get(), withCamundasOwnStatements(ofOneProcess));
			// the test's own tasks (distinct due dates) come in the same order
			assertThat(ours.stream().filter(id -> reviews.stream().anyMatch(r -> r.getId().equals(id))).toList())
				.containsExactly(reviews.get(3).getId(), reviews.get(2).getId(), reviews.get(0).getId());
			return null;
		});
		// a user of one township does not see the other township's tasks through the new form either
		List<String> t02sView = as("health-t02", page);
		assertThat(t02sView).contains(reviews.get(0).getId(), reviews.get(3).getId()).doesNotContain(reviews.get(2).getId());
		assertSameAnswer(t02sView, as("health-t02", () -> withCamundasOwnStatements(page)));
	}

	@Test
	void theCountOfAGroupsQueue_isCountedFromItsLinks_andIsThatOfCamundasOwnQuery_withClaimedSuspendedSharedAndStandaloneTasks() {
		List<String> cases = List.of(startCase("doctor-t01v01", "T01V01"), startCase("doctor-t01v02", "T01V02"),
				startCase("doctor-t01v01", "T01V01"), startCase("doctor-t02v01", "T02V01"), startCase("doctor-t01v02", "T01V02"));
		List<Task> reviews = cases.stream().map(pi -> task(pi, "Task_TownshipReview")).toList();
		// a task of both townships, one offered to its group twice, one claimed, one whose case is suspended, and a task
		// made by hand (no process) for the group
		taskService.addCandidateGroup(reviews.get(0).getId(), "township-health-T02");
		taskService.addCandidateGroup(reviews.get(2).getId(), "township-health-T01");
		taskService.claim(reviews.get(1).getId(), "health-t01");
		engine.getRuntimeService().suspendProcessInstanceById(cases.get(4));
		Task byHand = taskService.newTask();
		byHand.setName("补充核实");
		taskService.saveTask(byHand);
		taskService.addCandidateGroup(byHand.getId(), "township-health-T01");
		try {
			Filter group = engine.getFilterService().createFilterQuery().filterName(TaskFilters.GROUP).singleResult();
			// what Tasklist sends with the filter: active tasks, newest first after the filter's order
			var tasklist = (org.camunda.bpm.engine.impl.TaskQueryImpl) taskService.createTaskQuery().active().orderByTaskCreateTime().desc();
			var asked = (org.camunda.bpm.engine.impl.TaskQueryImpl) ((org.camunda.bpm.engine.impl.TaskQueryImpl) group.getQuery()).extend(tasklist);
			String countSql = as("health-t01", () -> sql(asked, "selectTaskCountByQueryCriteria"));
			assertThat(countSql).containsIgnoringCase("select count(distinct I.TASK_ID_) from ACT_RU_IDENTITYLINK I where I.GROUP_ID_ in (")
				.containsIgnoringCase(") - ( select count(distinct I.TASK_ID_) from ACT_RU_TASK RES "
					// on MySQL/MariaDB from the tasks the queue leaves out, whatever the statistics say
					+ (cn.healthassist.support.TestDatabase.isMysql() ? "straight_join" : "inner join") + " ACT_RU_IDENTITYLINK I")
				.containsIgnoringCase("RES.ASSIGNEE_ is not null").containsIgnoringCase("RES.SUSPENSION_STATE_ <> ?")
				.doesNotContainIgnoringCase("ACT_RU_AUTHORIZATION");

			Supplier<Long> tasklistCount = () -> engine.getFilterService().count(group.getId(), tasklist);
			Supplier<List<String>> tasklistPage = () -> engine.getFilterService().<Task, TaskQuery> listPage(group.getId(), tasklist, 0, 1000)
				.stream().map(Task::getId).toList();
			List<String> bothGroups = List.of("township-health-T01", "township-health-T02");
			Map<String, Supplier<Long>> counts = new java.util.LinkedHashMap<>();
			counts.put("本组待办 as Tasklist asks", tasklistCount);
			counts.put("本组待办 as saved", () -> engine.getFilterService().count(group.getId()));
			counts.put("claimed included", () -> taskService.createTaskQuery().taskCandidateGroupIn(bothGroups).includeAssignedTasks().count());
			counts.put("suspended", () -> taskService.createTaskQuery().taskCandidateGroupIn(bothGroups).suspended().count());
			counts.put("active, claimed included", () -> taskService.createTaskQuery().taskCandidateGroup("township-health-T01").active()
				.includeAssignedTasks().count());
			for (List<String> groups : List.of(List.of("township-health-T01"), bothGroups)) {
				as("health-t01", groups, () -> {
					List<String> page = tasklistPage.get();
					assertThat(page).contains(reviews.get(0).getId(), reviews.get(2).getId(), byHand.getId())
						.doesNotContain(reviews.get(1).getId(), reviews.get(4).getId());
					assertThat(tasklistCount.get()).as("本组待办's count, groups %s", groups).isEqualTo(page.size());
					counts.forEach((name, count) -> assertThat(count.get()).as("%s, groups %s", name, groups)
						.isEqualTo(withCamundasOwnStatements(count)));
					return null;
				});
			}
			// the suspended task is counted among the suspended, the claimed one once claimed tasks are included
			assertThat(as("health-t01", () -> taskService.createTaskQuery().taskCandidateGroup("township-health-T01").suspended().list())
				.stream().map(Task::getId)).contains(reviews.get(4).getId());
			// once claimed, a task leaves the count; given back, it returns
			long before = as("health-t01", tasklistCount);
			taskService.claim(reviews.get(0).getId(), "health-t01");
			assertThat(as("health-t01", tasklistCount)).isEqualTo(before - 1);
			taskService.setAssignee(reviews.get(0).getId(), null);
			assertThat(as("health-t01", tasklistCount)).isEqualTo(before);
			// other conditions, or another township's group, keep the join
			for (var other : List.of(taskService.createTaskQuery().taskCandidateGroup("township-health-T01").dueBefore(new Date()),
					taskService.createTaskQuery().taskCandidateGroup("township-health-T01").processDefinitionKey("chronic-certificate"),
					taskService.createTaskQuery().taskCandidateGroup("township-health-T02"))) {
				assertThat(as("health-t01", () -> sql(other, "selectTaskCountByQueryCriteria"))).containsIgnoringCase("count(distinct RES.ID_")
					.doesNotContainIgnoringCase("count(distinct I.TASK_ID_)");
			}
		}
		finally {
			taskService.deleteTask(byHand.getId(), true);
			engine.getRuntimeService().activateProcessInstanceById(cases.get(4));
		}
	}

	@Test
	void overdueTasks_ofAUserWithTaskGrantsOnly_areASemiJoinOnTheirGrants_andThoseOfCamundasOwnQuery() {
		List<String> cases = List.of(startCase("doctor-t01v01", "T01V01"), startCase("doctor-t01v02", "T01V02"),
				startCase("doctor-t02v01", "T02V01"));
		List<Task> reviews = cases.stream().map(pi -> task(pi, "Task_TownshipReview")).toList();
		long day = 24L * 3600 * 1000;
		for (int i = 0; i < reviews.size(); i++) {
			setDueDate(reviews.get(i).getId(), new Date(System.currentTimeMillis() - (100 + i) * day));
		}
		Filter overdue = engine.getFilterService().createFilterQuery().filterName(TaskFilters.OVERDUE).singleResult();
		Supplier<List<String>> page = () -> engine.getFilterService().<Task> listPage(overdue.getId(), 0, 50).stream().map(Task::getId).toList();
		Supplier<Long> count = () -> engine.getFilterService().count(overdue.getId());
		var overdueQuery = (org.camunda.bpm.engine.impl.TaskQueryImpl) taskService.createTaskQuery().dueBefore(new Date()).orderByDueDate().asc();
		String semiJoin = "RES.ID_ IN (SELECT G.RESOURCE_ID_ FROM ACT_RU_AUTHORIZATION G WHERE G.RESOURCE_TYPE_ = ";
		TaskGrantsCheck.forget();
		assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).isCmmnEnabled()).as("no CMMN here").isFalse();

		// township staff and village doctors hold grants on single tasks only: the query starts from their grants when
		// those are at most half the open tasks (a village doctor's always are here)
		long open = jdbc.queryForObject("SELECT COUNT(*) FROM ACT_RU_TASK", Long.class);
		for (String user : List.of("health-t01", "health-t02", "doctor-t01v01")) {
			List<String> groups = identityService.createGroupQuery().groupMember(user).list().stream().map(org.camunda.bpm.engine.identity.Group::getId)
				.toList();
			long grants = jdbc.queryForObject("SELECT COUNT(*) FROM ACT_RU_AUTHORIZATION WHERE RESOURCE_TYPE_ = 7 AND TYPE_ IN (0, 1) AND (USER_ID_ IN (?, '*')"
					+ " OR GROUP_ID_ IN (" + String.join(",", groups.stream().map(g -> "'" + g + "'").toList()) + "))", Long.class, user);
			boolean fromGrants = grants <= open / 2;
			if (user.startsWith("doctor")) {
				assertThat(fromGrants).as(user + " holds " + grants + " task grants of " + open + " open tasks").isTrue();
			}
			String pageSql = as(user, () -> sql(overdueQuery, "selectTaskByQueryCriteria"));
			String countSql = as(user, () -> sql(overdueQuery, "selectTaskCountByQueryCriteria"));
			assertThat(pageSql.toUpperCase().contains(semiJoin.toUpperCase())).as(user + ": " + grants + " of " + open).isEqualTo(fromGrants);
			assertThat(countSql.toUpperCase().contains(semiJoin.toUpperCase())).as(user).isEqualTo(fromGrants);
			assertThat(pageSql).containsIgnoringCase(lookUpOn("RES.ID_"));
			if (fromGrants && serverVersion().toLowerCase(java.util.Locale.ROOT).contains("mariadb")) {
				assertThat(pageSql.trim()).startsWith("SET STATEMENT optimizer_switch='materialization=off' FOR select");
				assertThat(countSql.trim()).startsWith("SET STATEMENT optimizer_switch='materialization=off' FOR select count(distinct");
			}
			List<String> ours = as(user, page);
			assertSameAnswer(ours, as(user, () -> withCamundasOwnStatements(page)));
			assertThat(as(user, count)).as(user).isEqualTo(ours.size()).isEqualTo(as(user, () -> withCamundasOwnStatements(count)));
		}
		assertThat(as("health-t01", page)).contains(reviews.get(0).getId(), reviews.get(1).getId()).doesNotContain(reviews.get(2).getId());
		assertThat(as("health-t02", page)).contains(reviews.get(2).getId()).doesNotContainAnyElementsOf(List.of(reviews.get(0).getId(),
				reviews.get(1).getId()));
		assertThat(as("doctor-t01v01", page)).doesNotContainAnyElementsOf(reviews.stream().map(Task::getId).toList());

		// an auditor reads every process's tasks through a grant on the definitions: Camunda's check alone
		assertThat(as("auditor", () -> sql(overdueQuery, "selectTaskByQueryCriteria"))).doesNotContainIgnoringCase(semiJoin);
		List<String> auditors = as("auditor", page);
		assertThat(auditors).containsAll(reviews.stream().map(Task::getId).toList());
		assertSameAnswer(auditors, as("auditor", () -> withCamundasOwnStatements(page)));
		// queries on candidate groups keep their own form
		var groups = (org.camunda.bpm.engine.impl.TaskQueryImpl) taskService.createTaskQuery().taskCandidateGroup("township-health-T01");
		assertThat(as("health-t01", () -> sql(groups, "selectTaskByQueryCriteria") + sql(groups, "selectTaskCountByQueryCriteria")))
			.doesNotContainIgnoringCase(semiJoin);

		// a doctor given READ_TASK on the chronic-certificate process sees its overdue tasks once the grant is read again
		org.camunda.bpm.engine.authorization.Authorization wide = authorizationService
			.createNewAuthorization(org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT);
		wide.setUserId("doctor-t01v01");
		wide.setResource(org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION);
		wide.setResourceId("chronic-certificate");
		wide.addPermission(org.camunda.bpm.engine.authorization.Permissions.READ_TASK);
		authorizationService.saveAuthorization(wide);
		try {
			TaskGrantsCheck.forget();
			assertThat(as("doctor-t01v01", () -> sql(overdueQuery, "selectTaskByQueryCriteria"))).doesNotContainIgnoringCase(semiJoin);
			List<String> doctors = as("doctor-t01v01", page);
			assertThat(doctors).containsAll(reviews.stream().map(Task::getId).toList());
			assertSameAnswer(doctors, as("doctor-t01v01", () -> withCamundasOwnStatements(page)));
		}
		finally {
			authorizationService.deleteAuthorization(wide.getId());
			TaskGrantsCheck.forget();
		}
		assertThat(as("doctor-t01v01", page)).doesNotContainAnyElementsOf(reviews.stream().map(Task::getId).toList());
	}

	@Test
	void tasksOfTheUsersOwnGroups_areListedWithoutALookUpPerTask_andARevokeBringsTheCheckBack() {
		String t01 = startCase("doctor-t01v01", "T01V01");
		String t02 = startCase("doctor-t02v01", "T02V01");
		Task review = task(t01, "Task_TownshipReview");
		Task otherTownship = task(t02, "Task_TownshipReview");
		// the grant the engine gave the candidate group when it offered the task, which the check would look up
		assertThat(authorizationService.createAuthorizationQuery().groupIdIn("township-health-T01")
			.resourceType(org.camunda.bpm.engine.authorization.Resources.TASK).resourceId(review.getId()).list())
			.singleElement().satisfies(a -> assertThat(a.isPermissionGranted(org.camunda.bpm.engine.authorization.Permissions.READ)).isTrue());
		Filter group = engine.getFilterService().createFilterQuery().filterName(TaskFilters.GROUP).singleResult();
		Supplier<List<String>> list = () -> engine.getFilterService().<Task> list(group.getId()).stream().map(Task::getId).toList();
		Supplier<Long> count = () -> engine.getFilterService().count(group.getId());
		var ownGroup = (org.camunda.bpm.engine.impl.TaskQueryImpl) taskService.createTaskQuery().taskCandidateGroup("township-health-T01");

		assertThat(as("health-t01", () -> sql(ownGroup, "selectTaskCountByQueryCriteria"))).doesNotContainIgnoringCase("ACT_RU_AUTHORIZATION");
		List<String> seen = as("health-t01", list);
		assertThat(seen).contains(review.getId()).doesNotContain(otherTownship.getId());
		assertThat(seen).containsExactlyInAnyOrderElementsOf(as("health-t01", () -> withCamundasOwnStatements(list)));
		assertThat(as("health-t01", count)).isEqualTo(seen.size()).isEqualTo(as("health-t01", () -> withCamundasOwnStatements(count)));
		// a user who names another group than their own gets the check: none of the other township's own tasks
		Supplier<List<String>> ofT02 = () -> taskService.createTaskQuery().taskCandidateGroup("township-health-T02").list().stream()
			.map(Task::getId).toList();
		assertThat(as("health-t01", () -> sql((org.camunda.bpm.engine.impl.TaskQueryImpl) taskService.createTaskQuery()
			.taskCandidateGroup("township-health-T02"), "selectTaskCountByQueryCriteria"))).containsIgnoringCase(lookUpOn("RES.ID_"));
		assertThat(as("health-t01", ofT02)).doesNotContain(otherTownship.getId())
			.containsExactlyInAnyOrderElementsOf(as("health-t01", () -> withCamundasOwnStatements(ofT02)));

		// an administrator keeps the task from a person by revoking READ: the engine then checks revokes, the check is
		// written whole again, and the task leaves the person's list and count
		org.camunda.bpm.engine.authorization.Authorization revoke = taskAuthorization(
				org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_REVOKE, "health-t01", null, review.getId());
		try {
			assertThat(as("health-t01", () -> sql(ownGroup, "selectTaskCountByQueryCriteria"))).containsIgnoringCase("ACT_RU_AUTHORIZATION");
			List<String> revoked = as("health-t01", list);
			assertThat(revoked).doesNotContain(review.getId()).hasSize(seen.size() - 1);
			assertThat(revoked).containsExactlyInAnyOrderElementsOf(as("health-t01", () -> withCamundasOwnStatements(list)));
			assertThat(as("health-t01", count)).isEqualTo(seen.size() - 1);
		}
		finally {
			authorizationService.deleteAuthorization(revoke.getId());
		}
		assertThat(as("health-t01", list)).contains(review.getId());

		// the grant the list counts on cannot be deleted, nor READ taken out of it, while the group is a candidate of the
		// task (CandidateGrantGuard): the administrator is told to take the group off the task or to revoke for a person
		org.camunda.bpm.engine.authorization.Authorization grant = authorizationService.createAuthorizationQuery()
			.groupIdIn("township-health-T01").resourceType(org.camunda.bpm.engine.authorization.Resources.TASK).resourceId(review.getId())
			.singleResult();
		Http.Response refused = http("admin").delete("/engine-rest/authorization/" + grant.getId());
		assertThat(refused.status()).as(refused.body()).isEqualTo(409);
		assertThat(refused.body()).contains("township-health-T01").contains("候选组中移除").contains("撤销");
		grant.removePermission(org.camunda.bpm.engine.authorization.Permissions.READ);
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> as("admin", () -> authorizationService.saveAuthorization(grant)))
			.hasMessageContaining("候选组中移除");
		// nor handed to another group, nor widened: a person grants no case's task (PersonCommandGuard)
		org.camunda.bpm.engine.authorization.Authorization moved = authorizationService.createAuthorizationQuery()
			.authorizationId(grant.getId()).singleResult();
		moved.setGroupId("township-health-T02");
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> as("admin", () -> authorizationService.saveAuthorization(moved)))
			.hasMessageContaining("按辖区");
		org.camunda.bpm.engine.authorization.Authorization widened = authorizationService.createAuthorizationQuery()
			.authorizationId(grant.getId()).singleResult();
		widened.addPermission(org.camunda.bpm.engine.authorization.Permissions.DELETE);
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> as("admin", () -> authorizationService.saveAuthorization(widened)))
			.hasMessageContaining("按辖区");
		org.camunda.bpm.engine.authorization.Authorization now = authorizationService.createAuthorizationQuery().authorizationId(grant.getId())
			.singleResult();
		assertThat(now.getGroupId()).isEqualTo("township-health-T01");
		assertThat(now.isPermissionGranted(org.camunda.bpm.engine.authorization.Permissions.READ)).isTrue();
		assertThat(now.isPermissionGranted(org.camunda.bpm.engine.authorization.Permissions.DELETE)).isFalse();
		assertThat(as("health-t01", list)).contains(review.getId());
		// once the group is off the task, the task leaves its list, and its grant can go
		taskService.deleteCandidateGroup(review.getId(), "township-health-T01");
		assertThat(as("health-t01", list)).doesNotContain(review.getId());
		assertThat(http("admin").delete("/engine-rest/authorization/" + grant.getId()).status()).isEqualTo(204);
		assertThat(http("health-t01").get("/engine-rest/task/" + review.getId()).status()).isIn(403, 404);
		// a grant on a task to a group that is not its candidate is deleted as before
		String extraId = taskAuthorization(org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT, null, "township-health-T02",
				review.getId()).getId();
		assertThat(http("admin").delete("/engine-rest/authorization/" + extraId).status()).isEqualTo(204);
		assertThat(authorizationService.createAuthorizationQuery().authorizationId(extraId).count()).isZero();
	}

	/** Saves a grant of READ on the task (or, for a revoke, a revoke of READ) to the user or the group. */
	private org.camunda.bpm.engine.authorization.Authorization taskAuthorization(int type, String userId, String groupId, String taskId) {
		org.camunda.bpm.engine.authorization.Authorization authorization = authorizationService.createNewAuthorization(type);
		authorization.setUserId(userId);
		authorization.setGroupId(groupId);
		authorization.setResource(org.camunda.bpm.engine.authorization.Resources.TASK);
		authorization.setResourceId(taskId);
		if (type == org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_REVOKE) {
			authorization.removePermission(org.camunda.bpm.engine.authorization.Permissions.READ);
		}
		else {
			authorization.addPermission(org.camunda.bpm.engine.authorization.Permissions.READ);
		}
		return authorizationService.saveAuthorization(authorization);
	}

	/** The start of an authorization look-up by resource id, as the task query writes it on this database. */
	private static String lookUpOn(String resourceId) {
		return (cn.healthassist.support.TestDatabase.isMysql()
				? "FROM ACT_RU_AUTHORIZATION A FORCE INDEX (HA_IDX_AUTH_RESOURCE_LOOKUP) WHERE A.RESOURCE_ID_ = "
				: "FROM ACT_RU_AUTHORIZATION A WHERE A.RESOURCE_ID_ = ") + resourceId;
	}

}
