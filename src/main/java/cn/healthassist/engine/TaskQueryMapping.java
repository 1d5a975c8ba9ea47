package cn.healthassist.engine;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import db.migration.ProjectIndexes;
import db.migration.V11__Authorization_lookup_index;
import db.migration.V12__Task_due_and_created_index;
import db.migration.V13__Group_queue_count_indexes;
import db.migration.V22__Job_due_date_index;

/**
 * Makes the engine run its task query (Tasklist's filters, {@code GET /task}, the count) with the authorization check
 * of {@code camunda-mapping/task-query.xml}: three indexed lookups per task instead of Camunda's join of every matching
 * authorization to every task, which takes seconds once a group has thousands of open tasks (README, "Benchmark").
 * The variable query, which Tasklist runs for the variables a filter shows, gets the same form of the check
 * ({@code camunda-mapping/variable-query.xml}).
 * The tasks found, their order and the permissions checked are Camunda's own; only the SQL shape differs.
 *
 * <p>It uses the means by which Camunda itself replaces a statement for one database: the statement mappings of
 * {@link DbSqlSessionFactory}, here for this engine only.
 */
public class TaskQueryMapping extends AbstractProcessEnginePlugin {

	static final String RESOURCE = "camunda-mapping/task-query.xml";

	static final String NAMESPACE = "cn.healthassist.engine.TaskQuery";

	static final String[] STATEMENTS = { "selectTaskByQueryCriteria", "selectTaskCountByQueryCriteria" };

	/** The variable query, which Tasklist runs for the variables a filter shows (it uses the task query's fragments). */
	static final String VARIABLE_RESOURCE = "camunda-mapping/variable-query.xml";

	static final String VARIABLE_NAMESPACE = "cn.healthassist.engine.VariableInstanceQuery";

	static final String[] VARIABLE_STATEMENTS = { "selectVariableInstanceByQueryCriteria", "selectVariableInstanceCountByQueryCriteria" };

	/**
	 * Put before the page of a query on candidate groups alone (task-query.xml, HA_CANDIDATE_SEMIJOIN), and before the
	 * page and count of a query from the user's task grants (HA_GRANT_SEMIJOIN), on MariaDB: their semi-join without
	 * the strategy "materialization", which for a large group copies all its links or grants into a temporary table
	 * before the first task is read. Nothing on the other databases.
	 */
	static final String MARIADB_SEMIJOIN_HINT = "SET STATEMENT optimizer_switch='materialization=off' FOR";

	/**
	 * The authorization look-up per task or variable (task-query.xml, authorizationExists) on MySQL/MariaDB: by the
	 * resource id, never by merging the user's and groups' authorizations per task. The index of migration V11 holds
	 * every column the look-up compares, so it is answered from the index alone.
	 */
	static final String MYSQL_AUTHORIZATION_INDEX_HINT = "FORCE INDEX (" + V11__Authorization_lookup_index.INDEX + ")";

	/**
	 * The candidate links of a page of a group's tasks (task-query.xml, HA_CANDIDATE_SEMIJOIN) on MySQL/MariaDB: not
	 * through V13's index on (GROUP_ID_, TYPE_, TASK_ID_), which is for the count. Through it, MariaDB chose to read all
	 * links of a large group and sort their tasks, instead of reading the tasks in the order asked for and stopping
	 * after the page (50,000 tasks: 0.17-0.2 s instead of 0.01 s).
	 */
	static final String MYSQL_PAGE_LINKS_HINT = "IGNORE INDEX (" + V13__Group_queue_count_indexes.LINKS_INDEX + ")";

	/**
	 * The join of the second part of a group queue's count (task-query.xml, groupQueueCount) on MySQL/MariaDB: from the
	 * claimed, suspended and tenants' tasks to their links, in that order. Left to itself, MariaDB misjudged the links
	 * per task (hundreds instead of one) and read every task of the group instead (50,000 tasks, 1,000 of them
	 * claimed: 0.12-0.17 s instead of 0.04 s).
	 */
	static final String MYSQL_QUEUE_JOIN = "straight_join";

	/** The same by Camunda's own index on the resource id, where V11's index is missing: each row is then read. */
	static final String MYSQL_AUTHORIZATION_FALLBACK_HINT = "FORCE INDEX (ACT_IDX_AUTH_RESOURCE_ID)";

	private static final Logger LOG = LoggerFactory.getLogger(TaskQueryMapping.class);

	@Override
	public void postInit(ProcessEngineConfigurationImpl config) {
		Configuration mybatis = config.getSqlSessionFactory().getConfiguration();
		// the hints depend on the server and on the indexes it holds: read once, on one connection
		try (Connection connection = config.getDataSource().getConnection()) {
			boolean mariaDb = isMariaDb(config.getDatabaseType(), connection);
			boolean mysql = mariaDb || "mysql".equals(config.getDatabaseType());
			mybatis.getVariables().setProperty("haSemiJoinHint", mariaDb ? MARIADB_SEMIJOIN_HINT : "");
			mybatis.getVariables().setProperty("haAuthorizationIndexHint", mysql ? authorizationIndexHint(connection) : "");
			mybatis.getVariables().setProperty("haPageLinksHint", mysql ? pageLinksHint(connection) : "");
			mybatis.getVariables().setProperty("haQueueJoin", mysql ? MYSQL_QUEUE_JOIN : "inner join");
		}
		catch (SQLException e) {
			throw new IllegalStateException("cannot read the database's version and indexes", e);
		}
		parse(mybatis, RESOURCE, NAMESPACE + "." + STATEMENTS[0]);
		parse(mybatis, VARIABLE_RESOURCE, VARIABLE_NAMESPACE + "." + VARIABLE_STATEMENTS[0]);
		// this engine's statement mappings (Camunda's database-specific statements for its database, plus ours)
		DbSqlSessionFactory sessions = config.getDbSqlSessionFactory();
		Map<String, String> mappings = sessions.getStatementMappings() == null ? new HashMap<>()
				: new HashMap<>(sessions.getStatementMappings());
		for (String statement : STATEMENTS) {
			mappings.put(statement, NAMESPACE + "." + statement);
		}
		for (String statement : VARIABLE_STATEMENTS) {
			mappings.put(statement, VARIABLE_NAMESPACE + "." + statement);
		}
		sessions.setStatementMappings(mappings);
	}

	/**
	 * On H2 the engine creates its tables after Flyway, so migrations V12, V13 and V22 found no {@code ACT_RU_TASK},
	 * {@code ACT_RU_IDENTITYLINK} and {@code ACT_RU_JOB} to index on a new database: the index the task query's order
	 * uses (due date, then creation time), those that count a group's queue and the jobs' by due date are created
	 * here, once the tables are there.
	 */
	@Override
	public void postProcessEngineBuild(ProcessEngine engine) {
		ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
		if (!"h2".equals(config.getDatabaseType())) {
			return;
		}
		try (Connection connection = config.getDataSource().getConnection()) {
			ProjectIndexes.createIfMissing(connection, V12__Task_due_and_created_index.TABLE, V12__Task_due_and_created_index.INDEX,
					V12__Task_due_and_created_index.COLUMNS);
			V13__Group_queue_count_indexes.createAll(connection);
			V22__Job_due_date_index.create(connection);
			if (!connection.getAutoCommit()) {
				connection.commit();
			}
		}
		catch (SQLException e) {
			throw new IllegalStateException("cannot create the project's indexes of ACT_RU_TASK, ACT_RU_IDENTITYLINK and ACT_RU_JOB", e);
		}
	}

	/** MariaDB, also where the engine is configured as {@code mysql} (application-mysql.yaml serves both). */
	static boolean isMariaDb(String databaseType, Connection connection) throws SQLException {
		if ("mariadb".equals(databaseType)) {
			return true;
		}
		return "mysql".equals(databaseType) && connection.getMetaData().getDatabaseProductVersion().toLowerCase(Locale.ROOT).contains("mariadb");
	}

	/** V11's index where the database has it (a server may have refused its long key), else Camunda's. */
	static String authorizationIndexHint(Connection connection) throws SQLException {
		if (ProjectIndexes.exists(connection, V11__Authorization_lookup_index.TABLE, V11__Authorization_lookup_index.INDEX)) {
			return MYSQL_AUTHORIZATION_INDEX_HINT;
		}
		LOG.warn("{} has no index {} (migration V11): Tasklist's authorization look-ups use Camunda's index on the resource id"
				+ " and read each row", V11__Authorization_lookup_index.TABLE, V11__Authorization_lookup_index.INDEX);
		return MYSQL_AUTHORIZATION_FALLBACK_HINT;
	}

	/** {@link #MYSQL_PAGE_LINKS_HINT} where the database has V13's index (a hint on a missing index is an error). */
	static String pageLinksHint(Connection connection) throws SQLException {
		return ProjectIndexes.exists(connection, V13__Group_queue_count_indexes.LINKS_TABLE, V13__Group_queue_count_indexes.LINKS_INDEX)
				? MYSQL_PAGE_LINKS_HINT : "";
	}

	private static void parse(Configuration mybatis, String resource, String firstStatement) {
		if (mybatis.hasStatement(firstStatement)) {
			return;
		}
		try (InputStream in = TaskQueryMapping.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException(resource + " is missing from the classpath");
			}
			new XMLMapperBuilder(in, mybatis, resource, mybatis.getSqlFragments()).parse();
		}
		catch (IOException e) {
			throw new IllegalStateException("cannot read " + resource, e);
		}
	}

}
