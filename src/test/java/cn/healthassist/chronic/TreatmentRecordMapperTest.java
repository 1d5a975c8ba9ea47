package cn.healthassist.chronic;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.healthassist.mappers.MapperSliceTest;
import cn.healthassist.privacy.PersonalDataCipher;

/** Treatment records (ha_treatment_record): an import adds each record once and never overwrites one. */
@MapperSliceTest
class TreatmentRecordMapperTest {

	private static final String WANG = "341722196503120411";

	private static final Date FIRST_IMPORT = Date.from(Instant.parse("2026-03-01T01:00:00Z"));

	private static final Date SECOND_IMPORT = Date.from(Instant.parse("2026-04-01T01:00:00Z"));

	@Autowired
	private TreatmentRecordMapper mapper;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private PersonalDataCipher cipher;

	private static TreatmentRecord visit(String disease, String hospital, LocalDate date) {
		return new TreatmentRecord(WANG, disease, hospital, date);
	}

	@Test
	void aNewRecord_isInserted() {
		long before = mapper.count();
		assertThat(mapper.insertIfAbsent(visit("HTN", "县人民医院", LocalDate.of(2026, 1, 5)), FIRST_IMPORT)).isEqualTo(1);
		assertThat(mapper.count()).isEqualTo(before + 1);
	}

	@Test
	void theSameRecordImportedAgain_isNotAddedNorOverwritten() {
		TreatmentRecord record = visit("HTN", "县人民医院", LocalDate.of(2026, 1, 5));
		mapper.insertIfAbsent(record, FIRST_IMPORT);
		long before = mapper.count();
		assertThat(mapper.insertIfAbsent(record, SECOND_IMPORT)).isZero();
		assertThat(mapper.count()).isEqualTo(before);
		assertThat(jdbc.queryForObject("SELECT imported_at FROM ha_treatment_record WHERE id_index = ?", Timestamp.class,
				cipher.index(WANG))).isEqualTo(new Timestamp(FIRST_IMPORT.getTime()));
		// stored sealed, found by its keyed index, read back in full
		assertThat(jdbc.queryForObject("SELECT id_number FROM ha_treatment_record WHERE id_index = ?", String.class,
				cipher.index(WANG))).startsWith("enc:sm4:").doesNotContain(WANG);
		assertThat(mapper.findSince(WANG, "HTN", LocalDate.of(2026, 1, 1))).extracting(TreatmentRecord::idNumber)
			.containsExactly(WANG);
	}

	@Test
	void recordsDifferingInDiseaseHospitalOrDate_areEachInserted() {
		assertThat(mapper.insertIfAbsent(visit("HTN", "县人民医院", LocalDate.of(2026, 1, 5)), FIRST_IMPORT)).isEqualTo(1);
		assertThat(mapper.insertIfAbsent(visit("DM", "县人民医院", LocalDate.of(2026, 1, 5)), FIRST_IMPORT)).isEqualTo(1);
		assertThat(mapper.insertIfAbsent(visit("HTN", "东湖镇卫生院", LocalDate.of(2026, 1, 5)), FIRST_IMPORT)).isEqualTo(1);
		assertThat(mapper.insertIfAbsent(visit("HTN", "县人民医院", LocalDate.of(2026, 1, 6)), FIRST_IMPORT)).isEqualTo(1);
		assertThat(mapper.insertIfAbsent(new TreatmentRecord("341225197809153626", "HTN", "县人民医院", LocalDate.of(2026, 1, 5)),
				FIRST_IMPORT)).isEqualTo(1);
		assertThat(mapper.findSince(WANG, "HTN", LocalDate.of(2025, 1, 1))).hasSize(3);
	}

	@Test
	void theRecordsSinceADate_areThePersonsForTheDiseaseNewestFirst() {
		mapper.insertIfAbsent(visit("HTN", "县人民医院", LocalDate.of(2025, 6, 30)), FIRST_IMPORT);
		mapper.insertIfAbsent(visit("HTN", "东湖镇卫生院", LocalDate.of(2025, 7, 1)), FIRST_IMPORT);
		mapper.insertIfAbsent(visit("HTN", "县中医院", LocalDate.of(2026, 2, 10)), FIRST_IMPORT);
		mapper.insertIfAbsent(visit("DM", "县人民医院", LocalDate.of(2026, 1, 10)), FIRST_IMPORT);
		mapper.insertIfAbsent(new TreatmentRecord("341225197809153626", "HTN", "县人民医院", LocalDate.of(2026, 1, 10)), FIRST_IMPORT);
		assertThat(mapper.findSince(WANG, "HTN", LocalDate.of(2025, 7, 1))).containsExactly(
				visit("HTN", "县中医院", LocalDate.of(2026, 2, 10)), visit("HTN", "东湖镇卫生院", LocalDate.of(2025, 7, 1)));
		assertThat(mapper.findSince(WANG, "TB", LocalDate.of(2000, 1, 1))).isEmpty();
	}

}
