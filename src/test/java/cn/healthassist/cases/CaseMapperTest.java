package cn.healthassist.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Date;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;

import cn.healthassist.mappers.MapperSliceTest;
import cn.healthassist.values.Keys;

/** The case index (ha_case): what is stored, and the database's guard against two running cases of one subject. */
@MapperSliceTest
class CaseMapperTest {

	@Autowired
	private cn.healthassist.privacy.PersonalDataCipher cipher;

	@Autowired
	private org.springframework.jdbc.core.JdbcTemplate jdbc;


	private static final String ID = "341722196503120411";

	private static final String ACTIVE = Keys.of("chronic-certificate", ID, "HTN");

	private static final Date STARTED = Date.from(Instant.parse("2026-03-02T01:30:15.123Z"));

	@Autowired
	private CaseMapper mapper;

	private static CaseRecord chronicCase(String businessKey, String processInstanceId, String activeKey) {
		return new CaseRecord(businessKey, "chronic-certificate", processInstanceId, "王秀兰", ID, "registered-poor", "C01",
				"T01", "T01V01", null, "HTN", CaseRecord.RUNNING, "doctor-t01v01", STARTED, null, activeKey);
	}

	@Test
	void aCase_isReadBackAsStoredByBusinessKeyAndByProcessInstance() {
		CaseRecord stored = chronicCase("CC-2026-000001", "pi-1", ACTIVE);
		assertThat(mapper.insert(stored)).isEqualTo(1);
		// read back as stored: the ID number opened, the uniqueness key as kept (keyed with the index key)
		CaseRecord asKept = chronicCase("CC-2026-000001", "pi-1", cipher.index(ACTIVE));
		assertThat(mapper.findByBusinessKey("CC-2026-000001")).isEqualTo(asKept);
		assertThat(mapper.findByProcessInstanceId("pi-1")).isEqualTo(asKept);
		assertThat(jdbc.queryForObject("SELECT id_number FROM ha_case WHERE business_key = 'CC-2026-000001'", String.class))
			.startsWith("enc:sm4:").doesNotContain(ID);
		assertThat(mapper.countActive(ACTIVE)).as("found by the key the rules compute").isOne();
		assertThat(mapper.findByBusinessKey("CC-2026-000002")).isNull();
		assertThat(mapper.findByProcessInstanceId("pi-2")).isNull();
	}

	@Test
	void aRareCharacterName_isKept() {
		CaseRecord stored = new CaseRecord("CR-2026-000001", "charity-relief", "pi-1", "𠮷祥", ID, null, null, null, null, null,
				null, "running", null, STARTED, null, null);
		mapper.insert(stored);
		assertThat(mapper.findByBusinessKey("CR-2026-000001").applicantName()).isEqualTo("𠮷祥");
	}

	@Test
	void aRunningCase_isCountedByItsActiveKey() {
		mapper.insert(chronicCase("CC-2026-000001", "pi-1", ACTIVE));
		assertThat(mapper.countActive(ACTIVE)).isEqualTo(1);
		assertThat(mapper.countActive(Keys.of("chronic-certificate", ID, "DM"))).isZero();
	}

	@Test
	void aSecondRunningCaseWithTheSameActiveKey_isRefusedByTheDatabase() {
		mapper.insert(chronicCase("CC-2026-000001", "pi-1", ACTIVE));
		assertThatThrownBy(() -> mapper.insert(chronicCase("CC-2026-000002", "pi-2", ACTIVE)))
			.isInstanceOf(DuplicateKeyException.class);
		assertThat(mapper.findByBusinessKey("CC-2026-000002")).isNull();
	}

	@Test
	void anEndedCase_releasesItsActiveKeyForANewOne() {
		mapper.insert(chronicCase("CC-2026-000001", "pi-1", ACTIVE));
		Date ended = Date.from(Instant.parse("2026-03-20T07:00:00.500Z"));
		assertThat(mapper.end("pi-1", "issued", ended)).isEqualTo(1);
		CaseRecord after = mapper.findByBusinessKey("CC-2026-000001");
		assertThat(after.status()).isEqualTo("issued");
		assertThat(after.endTime()).isEqualTo(ended);
		assertThat(after.activeKey()).isNull();
		assertThat(mapper.countActive(ACTIVE)).isZero();
		mapper.insert(chronicCase("CC-2026-000002", "pi-2", ACTIVE));
		assertThat(mapper.countActive(ACTIVE)).isEqualTo(1);
	}

	@Test
	void manyEndedCases_mayHaveNoActiveKey() {
		mapper.insert(chronicCase("CC-2026-000001", "pi-1", null));
		mapper.insert(chronicCase("CC-2026-000002", "pi-2", null));
		assertThat(mapper.findByBusinessKey("CC-2026-000002")).isNotNull();
	}

	@Test
	void aSecondCaseWithTheSameBusinessKeyOrProcessInstance_isRefused() {
		mapper.insert(chronicCase("CC-2026-000001", "pi-1", null));
		assertThatThrownBy(() -> mapper.insert(chronicCase("CC-2026-000001", "pi-2", null)))
			.isInstanceOf(DuplicateKeyException.class);
		assertThatThrownBy(() -> mapper.insert(chronicCase("CC-2026-000002", "pi-1", null)))
			.isInstanceOf(DuplicateKeyException.class);
	}

	@Test
	void theStatusAndTheHouseholdCategory_areUpdatedByProcessInstance() {
		mapper.insert(chronicCase("CC-2026-000001", "pi-1", ACTIVE));
		mapper.insert(chronicCase("CC-2026-000002", "pi-2", null));
		assertThat(mapper.updateStatus("pi-1", "township-review")).isEqualTo(1);
		assertThat(mapper.updateHouseholdCategory("pi-1", "dibao")).isEqualTo(1);
		CaseRecord updated = mapper.findByProcessInstanceId("pi-1");
		assertThat(updated.status()).isEqualTo("township-review");
		assertThat(updated.householdCategory()).isEqualTo("dibao");
		assertThat(updated.activeKey()).as("still running").isEqualTo(cipher.index(ACTIVE));
		assertThat(mapper.findByProcessInstanceId("pi-2")).isEqualTo(chronicCase("CC-2026-000002", "pi-2", null));
	}

	@Test
	void updatesOfAnUnknownProcessInstance_changeNothing() {
		assertThat(mapper.updateStatus("pi-x", "running")).isZero();
		assertThat(mapper.updateHouseholdCategory("pi-x", "dibao")).isZero();
		assertThat(mapper.end("pi-x", "issued", STARTED)).isZero();
	}

}
