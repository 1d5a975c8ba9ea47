package db.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

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
		List<String> sql = new ArrayList<>();
		for (String table : List.of("ha_case", "ha_certificate", "ha_grant", "ha_referral", "ha_followup_visit",
				"ha_treatment_record")) {
			sql.add(widen(mysql, table, "id_number", "VARCHAR(160)", true));
		}
		sql.add(widen(mysql, "ha_referral", "diagnosis", "VARCHAR(1200)", true));
		for (String table : List.of("ha_case", "ha_certificate", "ha_grant", "ha_treatment_record", "ha_referral")) {
			sql.add("ALTER TABLE " + table + " ADD COLUMN id_index CHAR(64)");
		}
		sql.add(dropIndex(mysql, "ha_case", "ix_case_id_number"));
		sql.add("CREATE INDEX ix_case_id_index ON ha_case (id_index, start_time)");
		sql.add(dropIndex(mysql, "ha_certificate", "ix_certificate_person"));
		sql.add("CREATE INDEX ix_certificate_id_index ON ha_certificate (id_index, disease_code)");
		sql.add(dropIndex(mysql, "ha_grant", "ix_grant_person_year"));
		sql.add("CREATE INDEX ix_grant_id_index ON ha_grant (id_index, grant_year)");
		sql.add("CREATE INDEX ix_referral_id_index ON ha_referral (id_index)");
		sql.add(mysql ? "ALTER TABLE ha_treatment_record DROP INDEX uq_treatment_record"
				: "ALTER TABLE ha_treatment_record DROP CONSTRAINT uq_treatment_record");
		sql.add("ALTER TABLE ha_treatment_record ADD CONSTRAINT uq_treatment_record_index "
				+ "UNIQUE (id_index, disease_code, visit_date, hospital_name)");
		sql.add("""
				CREATE TABLE ha_data_key_state (
				  name       VARCHAR(32)  NOT NULL PRIMARY KEY,
				  algorithm  VARCHAR(16)  NOT NULL,
				  fingerprint VARCHAR(200) NOT NULL,
				  sealed_at  DATETIME(3)  NOT NULL
				)""");
		try (Statement s = c.createStatement()) {
			for (String statement : sql) {
				s.execute(statement);
			}
		}
	}

	private static String widen(boolean mysql, String table, String column, String type, boolean notNull) {
		return mysql ? "ALTER TABLE " + table + " MODIFY " + column + " " + type + (notNull ? " NOT NULL" : "")
				: "ALTER TABLE " + table + " ALTER COLUMN " + column + " SET DATA TYPE " + type;
	}

	private static String dropIndex(boolean mysql, String table, String index) throws SQLException {
		return mysql ? "DROP INDEX " + index + " ON " + table : "DROP INDEX " + index;
	}

}
