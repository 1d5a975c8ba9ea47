package cn.healthassist.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A database migrated before V5 was edited still starts: the known edit is aligned, an unknown one is not. */
class EditedMigrationsTest {

	private final DriverManagerDataSource dataSource = new DriverManagerDataSource(
			"jdbc:h2:mem:edited-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");

	private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);

	private FluentConfiguration flyway() {
		// up to V5: the later Java migrations change Camunda's tables, which this database has not
		return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").table("ha_schema_history")
			.target("5");
	}

	private Integer checksumOfV5() {
		return jdbc.queryForObject("SELECT \"checksum\" FROM \"ha_schema_history\" WHERE \"version\" = '5'", Integer.class);
	}

	@Test
	void theRecordedChecksumOfTheEditedFileIsTheOneTheFileHasNow() {
		flyway().load().migrate();
		assertThat(checksumOfV5()).isEqualTo(EditedMigrations.EDITS.get(0).after());
	}

	@Test
	void aHistoryWithTheChecksumBeforeTheEdit_isAligned_andValidates() {
		flyway().load().migrate();
		jdbc.update("UPDATE \"ha_schema_history\" SET \"checksum\" = ? WHERE \"version\" = '5'",
				EditedMigrations.EDITS.get(0).before());
		assertThatThrownBy(() -> flyway().load().validate()).as("without the callback Flyway refuses to start")
			.isInstanceOf(FlywayValidateException.class);
		flyway().callbacks(new EditedMigrations()).load().validate();
		assertThat(checksumOfV5()).isEqualTo(EditedMigrations.EDITS.get(0).after());
	}

	@Test
	void anyOtherChecksumIsLeftForFlywayToRefuse() {
		flyway().load().migrate();
		jdbc.update("UPDATE \"ha_schema_history\" SET \"checksum\" = 12345 WHERE \"version\" = '5'");
		assertThatThrownBy(() -> flyway().callbacks(new EditedMigrations()).load().validate())
			.isInstanceOf(FlywayValidateException.class);
		assertThat(checksumOfV5()).isEqualTo(12345);
	}

}
