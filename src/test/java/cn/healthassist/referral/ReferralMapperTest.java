package cn.healthassist.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Date;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;

import cn.healthassist.mappers.MapperSliceTest;

/** The referral registry (ha_referral): a request, completed step by step as the case goes on. */
@MapperSliceTest
class ReferralMapperTest {

	private static final Date REQUESTED = at("2026-03-02T01:00:00.100Z");

	@Autowired
	private ReferralMapper mapper;

	private static Date at(String instant) {
		return Date.from(Instant.parse(instant));
	}

	private static Referral request(String businessKey, String id) {
		return new Referral(businessKey, "pi-" + businessKey, null, "孙大勇", id, "registered-poor", "H01", "P01", "急性心肌梗死",
				"本院不能开展急诊介入治疗\n需急诊PCI", "emergency", "hdoctor-h01", REQUESTED, null, null, null, null, null, null, null,
				null, null, null);
	}

	@Test
	void aRequest_isReadBackWithTheLaterStepsEmpty() {
		Referral stored = request("RF-2026-000001", "342601197202261518");
		assertThat(mapper.insert(stored)).isEqualTo(1);
		assertThat(mapper.find("RF-2026-000001")).isEqualTo(stored);
		assertThat(mapper.find("RF-2026-000002")).isNull();
	}

	@Test
	void aSecondRequestWithTheSameBusinessKey_isRefused() {
		mapper.insert(request("RF-2026-000001", "342601197202261518"));
		assertThatThrownBy(() -> mapper.insert(request("RF-2026-000001", "341225198304052314")))
			.isInstanceOf(DuplicateKeyException.class);
	}

	@Test
	void eachStep_writesItsOwnColumns() {
		mapper.insert(request("RF-2026-000001", "342601197202261518"));
		assertThat(mapper.headDecided("RF-2026-000001", "approve", "同意转诊", "hhead-h01", at("2026-03-02T03:00:00Z")))
			.isEqualTo(1);
		assertThat(mapper.issued("RF-2026-000001", "ZZ-2026-000001", at("2026-03-02T03:00:01Z"))).isEqualTo(1);
		assertThat(mapper.audited("RF-2026-000001", "compliant", "手续齐全", "commission", at("2026-04-01T02:00:00Z")))
			.isEqualTo(1);
		Referral r = mapper.find("RF-2026-000001");
		assertThat(r.headDecision()).isEqualTo("approve");
		assertThat(r.headOpinion()).isEqualTo("同意转诊");
		assertThat(r.headUser()).isEqualTo("hhead-h01");
		assertThat(r.headDecidedAt()).isEqualTo(at("2026-03-02T03:00:00Z"));
		assertThat(r.referralNo()).isEqualTo("ZZ-2026-000001");
		assertThat(r.issuedAt()).isEqualTo(at("2026-03-02T03:00:01Z"));
		assertThat(r.auditOutcome()).isEqualTo("compliant");
		assertThat(r.auditOpinion()).isEqualTo("手续齐全");
		assertThat(r.auditUser()).isEqualTo("commission");
		assertThat(r.auditedAt()).isEqualTo(at("2026-04-01T02:00:00Z"));
		assertThat(r.escalatedAt()).isNull();
		assertThat(r.diagnosis()).isEqualTo("急性心肌梗死");
		assertThat(r.requestedAt()).isEqualTo(REQUESTED);
	}

	@Test
	void aHeadDecisionTakenAgain_replacesTheFirst() {
		mapper.insert(request("RF-2026-000001", "342601197202261518"));
		mapper.headDecided("RF-2026-000001", "reject", "先行保守治疗", "hhead-h01", at("2026-03-02T03:00:00Z"));
		mapper.headDecided("RF-2026-000001", "approve", "病情加重，同意转诊", "hhead-h01", at("2026-03-03T03:00:00Z"));
		assertThat(mapper.find("RF-2026-000001").headOpinion()).isEqualTo("病情加重，同意转诊");
	}

	@Test
	void anEscalation_isRecordedOnceAndKeepsItsFirstMoment() {
		mapper.insert(request("RF-2026-000001", "342601197202261518"));
		assertThat(mapper.escalated("RF-2026-000001", at("2026-03-03T01:00:00Z"))).isEqualTo(1);
		assertThat(mapper.escalated("RF-2026-000001", at("2026-03-04T01:00:00Z"))).isZero();
		assertThat(mapper.find("RF-2026-000001").escalatedAt()).isEqualTo(at("2026-03-03T01:00:00Z"));
	}

	@Test
	void aReferralNumber_isUsedOnce() {
		mapper.insert(request("RF-2026-000001", "342601197202261518"));
		mapper.insert(request("RF-2026-000002", "341225198304052314"));
		mapper.issued("RF-2026-000001", "ZZ-2026-000001", at("2026-03-02T03:00:00Z"));
		assertThatThrownBy(() -> mapper.issued("RF-2026-000002", "ZZ-2026-000001", at("2026-03-02T04:00:00Z")))
			.isInstanceOf(DuplicateKeyException.class);
		assertThat(mapper.find("RF-2026-000002").referralNo()).isNull();
	}

	@Test
	void updatesOfAnUnknownReferral_changeNothing() {
		Date now = at("2026-03-02T03:00:00Z");
		assertThat(mapper.issued("RF-2026-999999", "ZZ-2026-000009", now)).isZero();
		assertThat(mapper.headDecided("RF-2026-999999", "approve", "同意", "hhead-h01", now)).isZero();
		assertThat(mapper.escalated("RF-2026-999999", now)).isZero();
		assertThat(mapper.audited("RF-2026-999999", "compliant", "合规", "commission", now)).isZero();
	}

}
