package cn.healthassist.mappers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The database of the mapper slice: every migration of the product applied, and no Camunda table in it. */
@MapperSliceTest
class MigrationsTest {

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void everyMigrationOfTheProduct_isApplied() {
		List<Map<String, Object>> history = jdbc.queryForList(
				"SELECT \"version\", \"type\", \"success\" FROM \"ha_schema_history\" WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"");
		assertThat(history).extracting(r -> r.get("version"))
			.containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20", "21", "22", "23", "24");
		assertThat(history).allSatisfy(r -> assertThat(r.get("success")).isEqualTo(true));
		assertThat(history).filteredOn(r -> "JDBC".equals(r.get("type"))).extracting(r -> r.get("version"))
			.containsExactly("8", "10", "11", "12", "13", "19", "20", "22");
	}

	@Test
	void camundasTables_areNotThereAndTheJavaMigrationsCreatedNothingOnThem() {
		assertThat(jdbc.queryForObject(
				"SELECT COUNT(*) FROM information_schema.tables WHERE UPPER(table_name) LIKE 'ACT\\_%' ESCAPE '\\'", Long.class))
			.isZero();
		assertThat(jdbc.queryForObject(
				"SELECT COUNT(*) FROM information_schema.indexes WHERE UPPER(index_name) LIKE 'HA\\_IDX\\_%' ESCAPE '\\'", Long.class))
			.isZero();
	}

	@Test
	void theProjectsTables_areThere() {
		assertThat(jdbc.queryForList("SELECT LOWER(table_name) FROM information_schema.tables WHERE LOWER(table_name) LIKE 'ha\\_%' ESCAPE '\\'",
				String.class))
			.contains("ha_county", "ha_township", "ha_village", "ha_hospital", "ha_destination_hospital",
					"ha_household_category", "ha_disease", "ha_treatment_record", "ha_sequence", "ha_case", "ha_certificate",
					"ha_reminder", "ha_attachment", "ha_referral", "ha_admission_total", "ha_grant", "ha_audit_log",
					"ha_followup_visit", "ha_data_key_state", "ha_schema_history");
	}

	@Test
	void v20_movesTheTreatmentRecordsUniquenessToTheIndex_andRunsAgainAfterAFailureHalfWay() throws Exception {
		assertThat(constraints()).contains("UQ_TREATMENT_RECORD_INDEX").doesNotContain("UQ_TREATMENT_RECORD");
		// MySQL commits each DDL statement: a V20 that failed half-way runs again after `flyway repair`
		try (java.sql.Connection connection = jdbc.getDataSource().getConnection()) {
			new db.migration.V20__Personal_data_sealed().migrate(new org.flywaydb.core.api.migration.Context() {
				@Override
				public org.flywaydb.core.api.configuration.Configuration getConfiguration() {
					return null;
				}

				@Override
				public java.sql.Connection getConnection() {
					return connection;
				}
			});
		}
		assertThat(constraints()).contains("UQ_TREATMENT_RECORD_INDEX").doesNotContain("UQ_TREATMENT_RECORD");
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.columns WHERE UPPER(table_name) = "
				+ "'HA_CASE' AND UPPER(column_name) = 'ID_INDEX'", Integer.class)).isOne();
	}

	private List<String> constraints() {
		return jdbc.queryForList("SELECT UPPER(CONSTRAINT_NAME) FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS "
				+ "WHERE UPPER(TABLE_NAME) = 'HA_TREATMENT_RECORD'", String.class);
	}

}
