package cn.healthassist.referral;

import static cn.healthassist.referral.ReferralProcessIT.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

import cn.healthassist.support.Http;
import cn.healthassist.support.IntegrationTest;
import cn.healthassist.support.TestIds;

/** POST /api/referrals errors, and the health commission's batch audit, over HTTP. */
class ReferralApiIT extends IntegrationTest {

	private int stored(String id) {
		return count("SELECT COUNT(*) FROM ha_case WHERE id_index = ?", idIndex(id)) + count("SELECT COUNT(*) FROM ha_referral WHERE id_index = ?", idIndex(id));
	}

	@ParameterizedTest(name = "{0} = {1} -> {2}")
	@CsvSource(delimiter = '|', value = { //
			"idNumber|WRONG_CHECK|400|身份证号码校验位不正确", //
			"destinationHospitalCode|X99|400|转往医院 X99 不是定点转诊医院", //
			"destinationHospitalCode|H02|400|转往医院 H02 不是定点转诊医院", //
			"hospitalCode|H02|403|不是您所在的医院", //
			"hospitalCode|H99|400|未知的医院代码 H99", //
			"reason||400|县内无法诊治的原因不能为空", //
			"diagnosis||400|诊断不能为空", //
			"urgency|urgent|400|紧急程度的取值无效", //
			"householdCategory|x|400|未知的人群类别 x" })
	void aRefusedRequestNamesTheFieldAndStoresNothing(String field, String value, int status, String message) {
		String id = TestIds.newIdNumber();
		Map<String, Object> body = new LinkedHashMap<>(request(id, "normal"));
		body.put(field, "WRONG_CHECK".equals(value) ? TestIds.withWrongCheck(id) : value);
		Http.Response r = http("hdoctor-h01").postJson("/api/referrals", body);
		assertThat(r.status()).as(r.body()).isEqualTo(status);
		assertThat(r.contentType()).startsWith("application/problem+json");
		assertThat(r.json().path("detail").asText()).contains(message);
		assertThat(r.json().path("errors").findValuesAsText("field")).contains(field);
		assertThat(stored(id)).isZero();
	}

	@Test
	void onlyTreatingDoctorsStartReferrals_andNotTwiceForOnePatient() {
		String id = TestIds.newIdNumber();
		assertThat(http("doctor-t01v01").postJson("/api/referrals", request(id, "normal")).status()).isEqualTo(403);
		assertThat(http("hhead-h01").postJson("/api/referrals", request(id, "normal")).status()).isEqualTo(403);
		assertThat(stored(id)).isZero();
		assertThat(http("hdoctor-h01").postJson("/api/referrals", request(id, "normal")).status()).isEqualTo(201);
		Http.Response again = http("hdoctor-h01").postJson("/api/referrals", request(id, "normal"));
		assertThat(again.status()).isEqualTo(409);
		assertThat(count("SELECT COUNT(*) FROM ha_referral WHERE id_index = ?", idIndex(id))).isOne();
	}

	private String awaitingAudit() {
		Http.Response r = http("hdoctor-h01").postJson("/api/referrals", request(TestIds.newIdNumber(), "normal"));
		String pi = r.json().path("processInstanceId").asText();
		complete("hhead-h01", pi, ReferralActivities.UNIT_HEAD_APPROVAL, Map.of("headDecision", "approve", "headOpinion", "同意"));
		runDueJobs(pi);
		return r.json().path("businessKey").asText();
	}

	private String processInstance(String businessKey) {
		return jdbc.queryForObject("SELECT process_instance_id FROM ha_case WHERE business_key = ?", String.class, businessKey);
	}

	@Test
	void batchAudit_auditsEachAsItsOwnStep_andReportsOneAuditedBySomeoneElse() {
		String a = awaitingAudit();
		String b = awaitingAudit();
		String c = awaitingAudit();
		if (identityService.createUserQuery().userId("commission2").count() == 0) {
			User u = identityService.newUser("commission2");
			u.setFirstName("韩审核");
			u.setPassword("Commission-2-Pass!");
			identityService.saveUser(u);
			identityService.createMembership("commission2", "health-commission");
		}
		complete("commission2", processInstance(c), ReferralActivities.COMMISSION_AUDIT,
				Map.of("auditOutcome", "non-compliant", "auditOpinion", "单独审核"));

		Http.Response list = http("commission").get("/api/referrals/awaiting-audit");
		assertThat(list.json().findValuesAsText("businessKey")).contains(a, b).doesNotContain(c);

		Http.Response r = http("commission").postJson("/api/referrals/audits",
				Map.of("businessKeys", List.of(a, b, c), "outcome", "compliant", "opinion", "本月转诊抽查合规"));
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		assertThat(r.json().path("audited").asInt()).isEqualTo(2);
		assertThat(r.json().path("skipped").asInt()).isEqualTo(1);
		JsonNode third = r.json().path("results").get(2);
		assertThat(third.path("businessKey").asText()).isEqualTo(c);
		assertThat(third.path("audited").asBoolean()).isFalse();
		assertThat(third.path("message").asText()).isEqualTo("已由 commission2 审核，未作改动");

		for (String key : List.of(a, b)) {
			HistoricTaskInstance audit = historyService.createHistoricTaskInstanceQuery()
				.processInstanceId(processInstance(key))
				.taskDefinitionKey(ReferralActivities.COMMISSION_AUDIT)
				.singleResult();
			assertThat(audit.getAssignee()).isEqualTo("commission");
			assertThat(audit.getEndTime()).isNotNull();
			assertThat(jdbc.queryForObject("SELECT audit_outcome FROM ha_referral WHERE business_key = ?", String.class, key))
				.isEqualTo("compliant");
		}
		assertThat(jdbc.queryForMap("SELECT audit_outcome, audit_user, audit_opinion FROM ha_referral WHERE business_key = ?", c))
			.containsEntry("AUDIT_OUTCOME", "non-compliant")
			.containsEntry("AUDIT_USER", "commission2")
			.containsEntry("AUDIT_OPINION", "单独审核");
	}

	@Test
	void batchAuditRefusesBadInputAndOtherRoles() {
		String a = awaitingAudit();
		assertThat(http("hhead-h01").postJson("/api/referrals/audits",
				Map.of("businessKeys", List.of(a), "outcome", "compliant", "opinion", "x")).status()).isEqualTo(403);
		Http.Response bad = http("commission").postJson("/api/referrals/audits",
				Map.of("businessKeys", List.of(a), "outcome", "ok", "opinion", ""));
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.json().path("errors").findValuesAsText("field")).contains("auditOutcome", "auditOpinion");
		assertThat(jdbc.queryForObject("SELECT audit_outcome FROM ha_referral WHERE business_key = ?", String.class, a)).isNull();
	}

}
