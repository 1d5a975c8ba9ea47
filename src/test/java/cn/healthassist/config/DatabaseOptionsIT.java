package cn.healthassist.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.function.IntUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.db.CompositePermissionCheck;
import org.camunda.bpm.engine.impl.db.PermissionCheckBuilder;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.healthassist.support.IntegrationTest;
import cn.healthassist.support.TestDatabase;

/**
 * The MySQL/MariaDB connection options (application-mysql.yaml) keep what the engine relies on. With
 * {@code rewriteBatchedStatements=true} Connector/J sends a batch of updates or deletes as one multi-statement; the
 * engine's optimistic locking needs each statement's own count of rows (0 for a row another transaction changed
 * first), which is checked here on the application's own connection.
 */
class DatabaseOptionsIT extends IntegrationTest {

	@Autowired
	DataSource dataSource;

	@Autowired
	ProcessEngine engine;

	@Test
	void theApplicationsMysqlUrl_rewritesBatches_andCachesStatements() throws Exception {
		assertThat(mysqlProfile()).contains("rewriteBatchedStatements=true", "cachePrepStmts=true", "sendFractionalSeconds=false");
		assertThat(TestDatabase.MYSQL_URL).as("the tests connect as the application does").contains("rewriteBatchedStatements=true",
				"cachePrepStmts=true");
	}

	/**
	 * Connector/J keeps the parsed form of a statement only when its text is shorter than {@code prepStmtCacheSqlLimit};
	 * a longer one is parsed character by character every time. The engine's check that a person may work on a task
	 * (four permission checks, the mapping's whitespace kept) is about 20,000 characters: at 16,384 it was parsed again
	 * for every claim and completion, a fifth of Connector/J's share of a request (docs/benchmark.md).
	 */
	@Test
	void theEnginesTaskWorkCheck_fitsConnectorJsStatementCache() throws Exception {
		int limit = cacheLimit(mysqlProfile());
		assertThat(cacheLimit(TestDatabase.MYSQL_URL)).as("the tests connect as the application does").isEqualTo(limit);
		ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
		// the check as the engine builds it when a person claims or completes a task (it needs a command context)
		String sql = config.getCommandExecutorTxRequired().execute(context -> {
			CompositePermissionCheck taskWork = new PermissionCheckBuilder().disjunctive()
				.atomicCheckForResourceId(Resources.TASK, "3SFHL91DFTJLB6P00BU0000004", TaskPermissions.TASK_WORK)
				.atomicCheckForResourceId(Resources.PROCESS_DEFINITION, "chronic-certificate", ProcessDefinitionPermissions.TASK_WORK)
				.atomicCheckForResourceId(Resources.TASK, "3SFHL91DFTJLB6P00BU0000004", Permissions.UPDATE)
				.atomicCheckForResourceId(Resources.PROCESS_DEFINITION, "chronic-certificate", ProcessDefinitionPermissions.UPDATE_TASK)
				.build();
			AuthorizationCheck check = new AuthorizationCheck("health-t01", List.of("township-health-T01"), taskWork, true);
			return config.getSqlSessionFactory()
				.getConfiguration()
				.getMappedStatement("isUserAuthorizedForResource")
				.getBoundSql(check)
				.getSql();
		});
		assertThat(sql.length()).as("the task-work check's text").isGreaterThan(16_384).isLessThan(limit);
	}

	/** The application's MySQL profile, application-mysql.yaml, as text. */
	private String mysqlProfile() throws Exception {
		try (InputStream in = getClass().getClassLoader().getResourceAsStream("application-mysql.yaml")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static int cacheLimit(String options) {
		Matcher m = Pattern.compile("prepStmtCacheSqlLimit=(\\d+)").matcher(options);
		assertThat(m.find()).as("prepStmtCacheSqlLimit set").isTrue();
		return Integer.parseInt(m.group(1));
	}

	@Test
	void onMySql_aBatchOfUpdatesOrDeletes_reportsEachStatementsRows_asOptimisticLockingNeeds() throws Exception {
		Assumptions.assumeTrue(TestDatabase.isMysql(), "Connector/J's batch rewriting: MySQL/MariaDB only");
		try (Connection c = dataSource.getConnection()) {
			assertThat(c.getMetaData().getURL()).contains("rewriteBatchedStatements=true");
			try (Statement s = c.createStatement()) {
				s.execute("CREATE TEMPORARY TABLE ha_batch_check (id INT PRIMARY KEY, rev INT NOT NULL)");
			}
			try {
				batch(c, "INSERT INTO ha_batch_check (id, rev) VALUES (?, ?)", id -> 1);
				assertThat(count(c, "SELECT COUNT(*) FROM ha_batch_check")).isEqualTo(6);

				// row 3 was changed by someone else first: its update must report 0 rows, the others 1
				assertThat(batch(c, "UPDATE ha_batch_check SET rev = rev + 1 WHERE id = ? AND rev = ?", id -> id == 3 ? 7 : 1))
					.containsExactly(1, 1, 0, 1, 1, 1);
				assertThat(count(c, "SELECT COUNT(*) FROM ha_batch_check WHERE rev = 2")).isEqualTo(5);

				// row 5 is gone already: its delete must report 0 rows
				try (Statement s = c.createStatement()) {
					s.execute("DELETE FROM ha_batch_check WHERE id = 5");
				}
				assertThat(batch(c, "DELETE FROM ha_batch_check WHERE id = ? AND rev = ?", id -> id == 3 ? 1 : 2))
					.containsExactly(1, 1, 1, 1, 0, 1);
				assertThat(count(c, "SELECT COUNT(*) FROM ha_batch_check")).isZero();
			}
			finally {
				try (Statement s = c.createStatement()) {
					s.execute("DROP TEMPORARY TABLE IF EXISTS ha_batch_check");
				}
			}
		}
	}

	/** The statement as one batch for the ids 1 to 6, each with its revision; each statement's count of rows. */
	private static int[] batch(Connection c, String sql, IntUnaryOperator revisionOf) throws Exception {
		try (PreparedStatement statement = c.prepareStatement(sql)) {
			for (int id = 1; id <= 6; id++) {
				statement.setInt(1, id);
				statement.setInt(2, revisionOf.applyAsInt(id));
				statement.addBatch();
			}
			return statement.executeBatch();
		}
	}

	private static int count(Connection c, String sql) throws Exception {
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
			rs.next();
			return rs.getInt(1);
		}
	}

}
