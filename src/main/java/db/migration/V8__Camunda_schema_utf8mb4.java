package db.migration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On MySQL/MariaDB, every table stores utf8mb4, Camunda's included: real Chinese names contain characters outside
 * the Basic Multilingual Plane (生僻字 such as 𠮷), which Camunda's own MySQL scripts (3-byte {@code utf8}) cannot
 * store. This migration converts the project's tables and, on a new database, creates Camunda's tables from the
 * engine's own create scripts with the character set changed to utf8mb4 (Camunda's indexes stay within InnoDB's
 * 3072-byte key limit). The engine, started after Flyway, then finds its schema in place. On H2 it does nothing.
 */
public class V8__Camunda_schema_utf8mb4 extends BaseJavaMigration {

	private static final Logger LOG = LoggerFactory.getLogger(V8__Camunda_schema_utf8mb4.class);

	static final List<String> SCRIPTS = List.of("engine", "history", "identity", "case.engine", "case.history",
			"decision.engine", "decision.history");

	@Override
	public void migrate(Context context) throws Exception {
		Connection connection = context.getConnection();
		String product = connection.getMetaData().getDatabaseProductName().toLowerCase();
		if (!product.contains("mysql") && !product.contains("mariadb")) {
			return;
		}
		try (Statement s = connection.createStatement()) {
			for (String table : tables(connection, "ha\\_%")) {
				s.execute("ALTER TABLE `" + table + "` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
			}
		}
		if (!tables(connection, "ACT\\_RU\\_EXECUTION").isEmpty()) {
			LOG.warn("Camunda's tables exist already; they keep their character set. See the README (utf8mb4) to convert them.");
			return;
		}
		int statements = 0;
		try (Statement s = connection.createStatement()) {
			for (String script : SCRIPTS) {
				for (String sql : statements(read("org/camunda/bpm/engine/db/create/activiti.mysql.create." + script + ".sql"))) {
					s.execute(sql.replace("CHARSET=utf8 COLLATE utf8_bin", "CHARSET=utf8mb4 COLLATE utf8mb4_bin"));
					statements++;
				}
			}
		}
		LOG.info("Created Camunda's schema with utf8mb4 ({} statements)", statements);
	}

	private static List<String> tables(Connection connection, String pattern) throws SQLException {
		List<String> tables = new ArrayList<>();
		try (var ps = connection.prepareStatement(
				"SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name LIKE ?")) {
			ps.setString(1, pattern);
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					tables.add(rs.getString(1));
				}
			}
		}
		return tables;
	}

	private static String read(String resource) throws IOException {
		try (InputStream in = V8__Camunda_schema_utf8mb4.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IOException("Camunda's script " + resource + " is not on the classpath");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	/** The statements of a script: comment lines dropped, split at semicolons that end a line. */
	static List<String> statements(String script) {
		List<String> statements = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String line : script.split("\n")) {
			String trimmed = line.strip();
			if (trimmed.isEmpty() || trimmed.startsWith("--")) {
				continue;
			}
			current.append(line).append('\n');
			if (trimmed.endsWith(";")) {
				String sql = current.toString().strip();
				statements.add(sql.substring(0, sql.length() - 1));
				current.setLength(0);
			}
		}
		if (!current.toString().isBlank()) {
			statements.add(current.toString().strip());
		}
		return statements;
	}

}
