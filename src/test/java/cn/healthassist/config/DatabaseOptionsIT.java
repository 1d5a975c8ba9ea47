package cn.healthassist.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.function.IntUnaryOperator;

import javax.sql.DataSource;

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

	@Test
	void theApplicationsMysqlUrl_rewritesBatches_andCachesStatements() throws Exception {
		try (InputStream in = getClass().getClassLoader().getResourceAsStream("application-mysql.yaml")) {
			String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			assertThat(yaml).contains("rewriteBatchedStatements=true", "cachePrepStmts=true", "sendFractionalSeconds=false");
		}
		assertThat(TestDatabase.MYSQL_URL).as("the tests connect as the application does").contains("rewriteBatchedStatements=true",
				"cachePrepStmts=true");
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
