package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Room for personal data sealed at rest (cn.healthassist.privacy): the ID-number and diagnosis columns wide enough
 * for a sealed value, and beside each ID number its search index ({@code id_index}, HMAC-SM3, 64 hex digits), which
 * the look-ups by person use instead of the number (the indexes and the treatment records' uniqueness move to it).
 * The values themselves are sealed by {@code PersonalDataSealing} when the application starts, with the keys of its
 * configuration, which a migration does not have; {@code ha_data_key_state} remembers with which key it last did.
 * A Java migration because H2 and MySQL/MariaDB change a column's type in different words.
 */
public class V20__Personal_data_sealed extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws Exception {
		Connection c = context.getConnection();
		boolean mysql = ProjectIndexes.isMysqlOrMariaDb(c);
		// each step only where it is still to be done: MySQL commits DDL at once, so a run that failed half-way is
		// taken up again after `flyway repair`
		List<String> sql = new ArrayList<>();
		for (String table : List.of("ha_case", "ha_certificate", "ha_grant", "ha_referral", "ha_followup_visit",
				"ha_treatment_record")) {
			sql.add(widen(mysql, table, "id_number", "VARCHAR(160)", true));
		}
		sql.add(widen(mysql, "ha_referral", "diagnosis", "VARCHAR(1200)", true));
		for (String table : List.of("ha_case", "ha_certificate", "ha_grant", "ha_treatment_record", "ha_referral")) {
			if (!hasColumn(c, table, "id_index")) {
				sql.add("ALTER TABLE " + table + " ADD COLUMN id_index CHAR(64)");
			}
		}
		try (Statement s = c.createStatement()) {
			for (String statement : sql) {
				s.execute(statement);
			}
		}
		ProjectIndexes.dropIfPresent(c, table(c, "ha_case"), "ix_case_id_number");
		createIndex(c, "ha_case", "ix_case_id_index", "id_index, start_time");
		ProjectIndexes.dropIfPresent(c, table(c, "ha_certificate"), "ix_certificate_person");
		createIndex(c, "ha_certificate", "ix_certificate_id_index", "id_index, disease_code");
		ProjectIndexes.dropIfPresent(c, table(c, "ha_grant"), "ix_grant_person_year");
		createIndex(c, "ha_grant", "ix_grant_id_index", "id_index, grant_year");
		createIndex(c, "ha_referral", "ix_referral_id_index", "id_index");
		try (Statement s = c.createStatement()) {
			if (hasConstraint(c, mysql, "ha_treatment_record", "uq_treatment_record")) {
				s.execute(mysql ? "ALTER TABLE ha_treatment_record DROP INDEX uq_treatment_record"
						: "ALTER TABLE ha_treatment_record DROP CONSTRAINT uq_treatment_record");
			}
			if (!hasConstraint(c, mysql, "ha_treatment_record", "uq_treatment_record_index")) {
				s.execute("ALTER TABLE ha_treatment_record ADD CONSTRAINT uq_treatment_record_index "
						+ "UNIQUE (id_index, disease_code, visit_date, hospital_name)");
			}
			s.execute("""
					CREATE TABLE IF NOT EXISTS ha_data_key_state (
					  name        VARCHAR(32)  NOT NULL PRIMARY KEY,
					  algorithm   VARCHAR(16)  NOT NULL,
					  fingerprint VARCHAR(200) NOT NULL,
					  sealed_at   DATETIME(3)  NOT NULL
					)""");
		}
	}

	/** The table's name as the database's metadata spells it (H2: upper case). */
	private static String table(Connection c, String table) throws SQLException {
		try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), null, table.toUpperCase(Locale.ROOT), null)) {
			if (rs.next()) {
				return rs.getString("TABLE_NAME");
			}
		}
		return table;
	}

	private static boolean hasColumn(Connection c, String table, String column) throws SQLException {
		try (ResultSet rs = c.getMetaData().getColumns(c.getCatalog(), null, table(c, table), null)) {
			while (rs.next()) {
				if (column.equalsIgnoreCase(rs.getString("COLUMN_NAME"))) {
					return true;
				}
			}
		}
		return false;
	}

	private static boolean hasConstraint(Connection c, boolean mysql, String table, String constraint)
			throws SQLException {
		try (PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS "
				+ "WHERE UPPER(TABLE_NAME) = ? AND UPPER(CONSTRAINT_NAME) = ?" + (mysql ? " AND TABLE_SCHEMA = DATABASE()" : ""))) {
			q.setString(1, table.toUpperCase(Locale.ROOT));
			q.setString(2, constraint.toUpperCase(Locale.ROOT));
			try (ResultSet rs = q.executeQuery()) {
				return rs.next() && rs.getInt(1) > 0;
			}
		}
	}

	private static void createIndex(Connection c, String table, String index, String columns) throws SQLException {
		if (!ProjectIndexes.exists(c, table(c, table), index)) {
			try (Statement s = c.createStatement()) {
				s.execute("CREATE INDEX " + index + " ON " + table + " (" + columns + ")");
			}
		}
	}

	private static String widen(boolean mysql, String table, String column, String type, boolean notNull) {
		return mysql ? "ALTER TABLE " + table + " MODIFY " + column + " " + type + (notNull ? " NOT NULL" : "")
				: "ALTER TABLE " + table + " ALTER COLUMN " + column + " SET DATA TYPE " + type;
	}

}
