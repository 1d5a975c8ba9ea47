package db.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Indexes this project adds to Camunda's tables (migrations V10 to V13 and V22): created once, where the table exists.
 * On H2 Camunda creates its tables after Flyway, so on a new H2 database there is nothing to index yet; V12's, V13's
 * and V22's indexes are then created once the engine has made its tables
 * ({@code cn.healthassist.engine.TaskQueryMapping}).
 */
public final class ProjectIndexes {

	private ProjectIndexes() {
	}

	/** Creates the index on the table's columns unless the table is missing or the index is there already. */
	public static void createIfMissing(Connection connection, String table, String index, String columns) throws SQLException {
		try (ResultSet rs = connection.getMetaData().getTables(connection.getCatalog(), null, table, new String[] { "TABLE" })) {
			if (!rs.next()) {
				return;
			}
		}
		if (exists(connection, table, index)) {
			return;
		}
		try (Statement s = connection.createStatement()) {
			s.execute("CREATE INDEX " + index + " ON " + table + " (" + columns + ")");
		}
	}

	/** Drops the index if the table has it (one this project made, replaced by another). */
	public static void dropIfPresent(Connection connection, String table, String index) throws SQLException {
		if (!exists(connection, table, index)) {
			return;
		}
		try (Statement s = connection.createStatement()) {
			s.execute(isMysqlOrMariaDb(connection) ? "DROP INDEX " + index + " ON " + table : "DROP INDEX " + index);
		}
	}

	/** Whether the table has an index of that name. */
	public static boolean exists(Connection connection, String table, String index) throws SQLException {
		try (ResultSet rs = connection.getMetaData().getIndexInfo(connection.getCatalog(), null, table, false, false)) {
			while (rs.next()) {
				if (index.equalsIgnoreCase(rs.getString("INDEX_NAME"))) {
					return true;
				}
			}
		}
		return false;
	}

	static boolean isMysqlOrMariaDb(Connection connection) throws SQLException {
		String product = connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
		return product.contains("mysql") || product.contains("mariadb");
	}

}
