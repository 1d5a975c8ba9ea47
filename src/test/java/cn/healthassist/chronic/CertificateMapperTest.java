package cn.healthassist.chronic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;

import cn.healthassist.cases.CaseMapper;
import cn.healthassist.cases.CaseRecord;
import cn.healthassist.mappers.MapperSliceTest;
import cn.healthassist.values.Keys;

/** The certificate registry (ha_certificate): one valid certificate per person and disease, revocation once. */
@MapperSliceTest
class CertificateMapperTest {

	private static final String WANG = "341722196503120411";

	@Autowired
	private CertificateMapper mapper;

	@Autowired
	private CaseMapper cases;

	@Autowired
	private cn.healthassist.privacy.PersonalDataCipher cipher;

	private static Date at(String instant) {
		return Date.from(Instant.parse(instant));
	}

	private static Certificate certificate(String no, String businessKey, String id, String disease, Date issuedAt) {
		return new Certificate(no, businessKey, id, "王秀兰", disease, "T01V01", "T01", false, LocalDate.of(2026, 3, 20), null,
				"valid", "insurance", issuedAt, null, null, Keys.validCertificate(id, disease));
	}

	@Test
	void aCertificate_isReadBackByCaseAndByNumber() {
		Certificate issued = new Certificate("MB-2026-000001", "CC-2026-000001", WANG, "王秀兰", "HTN", "T01V01", "T01", true,
				LocalDate.of(2026, 3, 20), LocalDate.of(2029, 3, 19), "valid", "insurance", at("2026-03-20T02:00:00.250Z"), null,
				null, Keys.validCertificate(WANG, "HTN"));
		assertThat(mapper.insert(issued)).isEqualTo(1);
		// read back with the ID number opened and the uniqueness key as kept (keyed with the index key)
		Certificate asKept = new Certificate("MB-2026-000001", "CC-2026-000001", WANG, "王秀兰", "HTN", "T01V01", "T01", true,
				LocalDate.of(2026, 3, 20), LocalDate.of(2029, 3, 19), "valid", "insurance", at("2026-03-20T02:00:00.250Z"), null,
				null, cipher.index(Keys.validCertificate(WANG, "HTN")));
		assertThat(mapper.findByBusinessKey("CC-2026-000001")).isEqualTo(asKept);
		assertThat(mapper.findByNumber("MB-2026-000001")).isEqualTo(asKept);
		assertThat(mapper.findByNumber("MB-2026-000002")).isNull();
	}

	@Test
	void theStatusOfANewCertificate_isAlwaysValid() {
		Certificate typedRevoked = new Certificate("MB-2026-000001", "CC-2026-000001", WANG, "王秀兰", "HTN", "T01V01", "T01",
				false, LocalDate.of(2026, 3, 20), null, "revoked", "insurance", at("2026-03-20T02:00:00Z"), null, null,
				Keys.validCertificate(WANG, "HTN"));
		mapper.insert(typedRevoked);
		assertThat(mapper.findByNumber("MB-2026-000001").status()).isEqualTo("valid");
		assertThat(mapper.countValid(WANG, "HTN")).isEqualTo(1);
	}

	@Test
	void validCertificates_areCountedPerPersonAndDisease() {
		mapper.insert(certificate("MB-2026-000001", "CC-2026-000001", WANG, "HTN", at("2026-03-20T02:00:00Z")));
		mapper.insert(certificate("MB-2026-000002", "CC-2026-000002", WANG, "DM", at("2026-03-21T02:00:00Z")));
		assertThat(mapper.countValid(WANG, "HTN")).isEqualTo(1);
		assertThat(mapper.countValid(WANG, "TB")).isZero();
		assertThat(mapper.countValid("341225197809153626", "HTN")).isZero();
	}

	@Test
	void aSecondValidCertificateForThePersonAndDisease_isRefusedByTheDatabase() {
		mapper.insert(certificate("MB-2026-000001", "CC-2026-000001", WANG, "HTN", at("2026-03-20T02:00:00Z")));
		assertThatThrownBy(
				() -> mapper.insert(certificate("MB-2026-000002", "CC-2026-000002", WANG, "HTN", at("2026-03-21T02:00:00Z"))))
			.isInstanceOf(DuplicateKeyException.class);
		assertThat(mapper.findByPerson(WANG)).extracting(Certificate::certificateNo).containsExactly("MB-2026-000001");
	}

	@Test
	void aSecondCertificateOfTheSameCase_isRefused() {
		mapper.insert(certificate("MB-2026-000001", "CC-2026-000001", WANG, "HTN", at("2026-03-20T02:00:00Z")));
		assertThatThrownBy(
				() -> mapper.insert(certificate("MB-2026-000002", "CC-2026-000001", WANG, "DM", at("2026-03-21T02:00:00Z"))))
			.isInstanceOf(DuplicateKeyException.class);
	}

	@Test
	void aRevokedCertificate_isNoLongerValidAndMakesRoomForANewOne() {
		mapper.insert(certificate("MB-2026-000001", "CC-2026-000001", WANG, "HTN", at("2026-03-20T02:00:00Z")));
		Date revokedAt = at("2026-09-01T03:00:00.125Z");
		assertThat(mapper.revoke("MB-2026-000001", "患者已迁出本县", revokedAt)).isEqualTo(1);
		Certificate revoked = mapper.findByNumber("MB-2026-000001");
		assertThat(revoked.status()).isEqualTo("revoked");
		assertThat(revoked.revokedAt()).isEqualTo(revokedAt);
		assertThat(revoked.revokeReason()).isEqualTo("患者已迁出本县");
		assertThat(revoked.validKey()).isNull();
		assertThat(mapper.countValid(WANG, "HTN")).isZero();
		assertThat(mapper.insert(certificate("MB-2026-000002", "CC-2026-000002", WANG, "HTN", at("2026-10-01T02:00:00Z"))))
			.isEqualTo(1);
		assertThat(mapper.countValid(WANG, "HTN")).isEqualTo(1);
	}

	@Test
	void aSecondRevocation_changesNothing() {
		mapper.insert(certificate("MB-2026-000001", "CC-2026-000001", WANG, "HTN", at("2026-03-20T02:00:00Z")));
		mapper.revoke("MB-2026-000001", "患者已迁出本县", at("2026-09-01T03:00:00Z"));
		assertThat(mapper.revoke("MB-2026-000001", "重复撤销", at("2026-09-02T03:00:00Z"))).isZero();
		Certificate revoked = mapper.findByNumber("MB-2026-000001");
		assertThat(revoked.revokeReason()).isEqualTo("患者已迁出本县");
		assertThat(revoked.revokedAt()).isEqualTo(at("2026-09-01T03:00:00Z"));
		assertThat(mapper.revoke("MB-2026-000099", "无此证", at("2026-09-02T03:00:00Z"))).isZero();
	}

	@Test
	void aPersonsCertificates_areListedInTheOrderTheyWereIssued() {
		mapper.insert(certificate("MB-2026-000007", "CC-2026-000007", WANG, "DM", at("2026-05-01T02:00:00Z")));
		mapper.insert(certificate("MB-2026-000003", "CC-2026-000003", WANG, "HTN", at("2026-04-01T02:00:00Z")));
		mapper.insert(certificate("MB-2026-000004", "CC-2026-000004", "341225197809153626", "HTN", at("2026-04-02T02:00:00Z")));
		assertThat(mapper.findByPerson(WANG)).extracting(Certificate::certificateNo)
			.containsExactly("MB-2026-000003", "MB-2026-000007");
		assertThat(mapper.findByPerson("340121198811030046")).isEmpty();
	}

	@Test
	void validCertificatesWithoutAFollowup_areThoseNoFollowupCaseHasAsSubject() {
		mapper.insert(certificate("MB-2026-000001", "CC-2026-000001", WANG, "HTN", at("2026-03-20T02:00:00Z")));
		mapper.insert(certificate("MB-2026-000002", "CC-2026-000002", WANG, "DM", at("2026-03-19T02:00:00Z")));
		mapper.insert(certificate("MB-2026-000003", "CC-2026-000003", WANG, "TB", at("2026-03-18T02:00:00Z")));
		mapper.insert(certificate("MB-2026-000004", "CC-2026-000004", WANG, "SMI", at("2026-03-17T02:00:00Z")));
		mapper.revoke("MB-2026-000004", "误发", at("2026-03-21T02:00:00Z"));
		cases.insert(new CaseRecord("FU-2026-000001", "chronic-followup", "pi-fu-1", "王秀兰", WANG, null, "C01", "T01", "T01V01",
				null, "MB-2026-000001", "running", null, at("2026-03-20T02:00:01Z"), null, null));
		// a case of another process with the certificate's number as subject is no follow-up
		cases.insert(new CaseRecord("CR-2026-000001", "charity-relief", "pi-cr-1", "王秀兰", WANG, null, "C01", "T01", "T01V01",
				null, "MB-2026-000002", "running", null, at("2026-03-20T02:00:01Z"), null, null));
		assertThat(mapper.validWithoutFollowup()).extracting(Certificate::certificateNo)
			.containsExactly("MB-2026-000003", "MB-2026-000002");
	}

}
