package cn.healthassist.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The database the integration tests run on. Surefire runs the tests tagged {@code db} twice: on an in-memory
 * H2 ({@code test.db=h2}) and on MySQL/MariaDB through MySQL Connector/J ({@code test.db=mysql}).
 *
 * <p>The MySQL run connects to {@code HA_TEST_DB_URL} (default: database {@code healthassist_test} on
 * 127.0.0.1:3306, user and password {@code healthassist}, as {@code .ci/run} creates them). With
 * {@code HA_MYSQL_TESTS=required} (CI) an unreachable server fails the run; by default ({@code auto}) the MySQL
 * run is skipped when no server answers, so a newcomer's {@code mvn verify} passes without one. The database is
 * emptied once, when the first test of the run starts.
 */
public final class TestDatabase {

	/** The statement cache and batch rewriting of application-mysql.yaml, so that the tests run as the application does. */
	public static final String APPLICATION_OPTIONS = "&cachePrepStmts=true&prepStmtCacheSize=500&prepStmtCacheSqlLimit=65536"
			+ "&rewriteBatchedStatements=true";

	public static final String MYSQL_URL = env("HA_TEST_DB_URL",
			"jdbc:mysql://127.0.0.1:3306/healthassist_test?sendFractionalSeconds=false&characterEncoding=UTF-8"
					+ "&connectionCollation=utf8mb4_bin&useSSL=false&allowPublicKeyRetrieval=true" + APPLICATION_OPTIONS);

	public static final String MYSQL_USER = env("HA_TEST_DB_USER", "healthassist");

	/** Set but empty is an empty password (root on a fresh MariaDB); unset is the tests' own user's. */
	public static final String MYSQL_PASSWORD = System.getenv("HA_TEST_DB_PASSWORD") != null
			? System.getenv("HA_TEST_DB_PASSWORD") : "healthassist";

	private static String skipped;

	private static boolean emptied;

	private TestDatabase() {
	}

	public static boolean isMysql() {
		return "mysql".equals(System.getProperty("test.db", "h2"));
	}

	/** auto | required | off */
	public static String mysqlMode() {
		String mode = System.getenv("HA_MYSQL_TESTS");
		if (mode == null || mode.isBlank()) {
			mode = System.getProperty("mysql.tests", "auto");
		}
		return mode.startsWith("${") ? "auto" : mode;
	}

	public static void register(DynamicPropertyRegistry registry) {
		if (!isMysql()) {
			registry.add("spring.datasource.url", () -> "jdbc:h2:mem:healthassist-test;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE");
			registry.add("spring.datasource.username", () -> "sa");
			registry.add("spring.datasource.password", () -> "");
			return;
		}
		prepareMysql();
		registry.add("spring.datasource.url", () -> MYSQL_URL);
		registry.add("spring.datasource.username", () -> MYSQL_USER);
		registry.add("spring.datasource.password", () -> MYSQL_PASSWORD);
		registry.add("spring.datasource.driver-class-name", () -> "com.mysql.cj.jdbc.Driver");
		registry.add("spring.datasource.hikari.transaction-isolation", () -> "TRANSACTION_READ_COMMITTED");
		registry.add("camunda.bpm.database.type", () -> "mysql");
	}

	/** Skips (or, when required, fails) without a server; empties the test database once per run. */
	public static synchronized void prepareMysql() {
		String mode = mysqlMode();
		Assumptions.assumeFalse("off".equals(mode), "MySQL tests are off (HA_MYSQL_TESTS=off)");
		try (Connection c = DriverManager.getConnection(MYSQL_URL, MYSQL_USER, MYSQL_PASSWORD)) {
			if (!emptied) {
				empty(c);
				emptied = true;
			}
		}
		catch (SQLException e) {
			if ("required".equals(mode)) {
				throw new IllegalStateException("MySQL tests are required (HA_MYSQL_TESTS=required) but " + why(e), e);
			}
			if (skipped == null) {
				skipped = why(e);
				// said once, plainly, where a person reads it: the build log
				System.out.println("[MySQL run skipped] " + skipped);
			}
			Assumptions.abort(skipped);
		}
	}

	/** Why the test database cannot be used, in words that say what to do. */
	static String why(SQLException e) {
		String where = MYSQL_URL.replaceAll("\\?.*", "") + " as " + MYSQL_USER;
		int code = e.getErrorCode();
		String state = e.getSQLState() == null ? "" : e.getSQLState();
		if (code == 1045 || state.startsWith("28")) {
			return "access denied to " + where + ": the test user or its password is missing (.ci/run creates them; "
					+ "HA_TEST_DB_USER / HA_TEST_DB_PASSWORD, which may be empty, name another)";
		}
		if (code == 1049 || code == 1044) {
			return "no test database at " + where + " (.ci/run creates it; HA_TEST_DB_URL names another)";
		}
		if (state.startsWith("08")) {
			return "no MySQL/MariaDB server answers at " + where + " (HA_MYSQL_TESTS=off skips the MySQL run quietly)";
		}
		return "the test database at " + where + " cannot be used: " + e.getMessage();
	}

	/** Drops every table of the connection's database. */
	public static void empty(Connection c) throws SQLException {
		List<String> tables = new ArrayList<>();
		try (Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()")) {
			while (rs.next()) {
				tables.add(rs.getString(1));
			}
		}
		try (Statement s = c.createStatement()) {
			s.execute("SET FOREIGN_KEY_CHECKS = 0");
			for (String table : tables) {
				s.execute("DROP TABLE `" + table + "`");
			}
			s.execute("SET FOREIGN_KEY_CHECKS = 1");
		}
	}

	/** The environment variable, or the fallback when it is unset or blank. */
	public static String env(String name, String fallback) {
		String value = System.getenv(name);
		return value == null || value.isBlank() ? fallback : value;
	}

}
