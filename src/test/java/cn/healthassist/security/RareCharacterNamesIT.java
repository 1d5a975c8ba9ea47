package cn.healthassist.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import cn.healthassist.charity.CharityActivities;
import cn.healthassist.chronic.ChronicActivities;
import cn.healthassist.referral.ReferralActivities;
import cn.healthassist.support.Http;
import cn.healthassist.support.IntegrationTest;
import cn.healthassist.support.TestDatabase;
import cn.healthassist.support.TestIds;

/**
 * Names with characters outside the Basic Multilingual Plane (生僻字, here 𠮷 U+20BB7) go through every process,
 * Tasklist's API, the registries and the trail intact; on MySQL/MariaDB every table, Camunda's included, is utf8mb4.
 */
class RareCharacterNamesIT extends IntegrationTest {

	static final String NAME = "吉\uD842\uDFB7";

	@Test
	void everyTableIsUtf8mb4OnMysql() {
		if (!TestDatabase.isMysql()) {
			assertThat(NAME.codePointCount(0, NAME.length())).isEqualTo(2);
			return;
		}
		List<String> narrow = jdbc.queryForList("""
				SELECT table_name FROM information_schema.tables
				WHERE table_schema = DATABASE() AND table_collation NOT LIKE 'utf8mb4%'
				""", String.class);
		assertThat(narrow).as("tables not utf8mb4").isEmpty();
		assertThat(jdbc.queryForObject("""
				SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name LIKE 'ACT\\_%'
				""", Integer.class)).isGreaterThan(40);
	}

	@Test
	void aChronicCertificateFor吉𠮷() {
		String id = TestIds.newIdNumber();
		Http.Response r = http("doctor-t01v01").postJson("/api/chronic-certificate-applications", Map.of("applicantName", NAME,
				"idNumber", id, "villageCode", "T01V01", "householdCategory", "dibao", "diseaseCode", "DM", "phone", "13700009999"));
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		String pi = r.json().path("processInstanceId").asText();
		String key = r.json().path("businessKey").asText();
		taskService.createAttachment("application/pdf", null, pi, NAME + "的诊断证明.pdf", "诊断", new ByteArrayInputStream("%PDF".getBytes()));
		complete("doctor-t01v01", pi, ChronicActivities.COLLECT_MATERIALS, Map.of("materialsChecklist", List.of("diagnosis", "records"),
				"materialsNote", NAME + "的病历"));
		// Tasklist reads the task's variables through Camunda's REST API
		String taskId = task(pi, ChronicActivities.TOWNSHIP_REVIEW).getId();
		JsonNode vars = http("health-t01").get("/engine-rest/task/" + taskId + "/form-variables").json();
		assertThat(vars.path("applicantName").path("value").asText()).isEqualTo(NAME);
		complete("health-t01", pi, ChronicActivities.TOWNSHIP_REVIEW, Map.of("townshipDecision", "pass", "townshipOpinion", "同意" + NAME));
		complete("insurance", pi, ChronicActivities.COUNTY_APPROVAL, Map.of("countyDecision", "approve", "countyOpinion", "同意"));
		runDueJobs(pi);

		assertThat(jdbc.queryForObject("SELECT applicant_name FROM ha_certificate WHERE business_key = ?", String.class, key)).isEqualTo(NAME);
		assertThat(jdbc.queryForObject("SELECT applicant_name FROM ha_case WHERE business_key = ?", String.class, key)).isEqualTo(NAME);
		assertThat(fact(pi, "applicantName")).isEqualTo(NAME);
		JsonNode trail = http("auditor").get("/api/cases/" + key + "/trail").json();
		assertThat(trail.path("applicantName").asText()).isEqualTo(NAME);
		assertThat(trail.path("chainVerified").asBoolean()).isTrue();
		assertThat(trail.toString()).contains("同意" + NAME, NAME + "的病历");
		assertThat(trail.path("attachments").get(0).path("name").asText()).isEqualTo(NAME + "的诊断证明.pdf");
		assertThat(http("auditor").get("/api/cases?name=" + java.net.URLEncoder.encode(NAME, java.nio.charset.StandardCharsets.UTF_8))
			.json().path("total").asInt()).isGreaterThanOrEqualTo(1);
	}

	@Test
	void aReferralAndACharityReliefFor吉𠮷() {
		Http.Response referral = http("hdoctor-h02").postJson("/api/referrals", Map.of("patientName", NAME, "idNumber", TestIds.newIdNumber(),
				"householdCategory", "registered-poor", "hospitalCode", "H02", "diagnosis", "肺癌", "reason", NAME + "需手术",
				"destinationHospitalCode", "P01", "urgency", "normal"));
		assertThat(referral.status()).as(referral.body()).isEqualTo(201);
		String rpi = referral.json().path("processInstanceId").asText();
		complete("hhead-h02", rpi, ReferralActivities.UNIT_HEAD_APPROVAL, Map.of("headDecision", "approve", "headOpinion", "同意"));
		assertThat(jdbc.queryForObject("SELECT patient_name FROM ha_referral WHERE business_key = ?", String.class,
				referral.json().path("businessKey").asText())).isEqualTo(NAME);

		Http.Response charity = http("committee-t02v01").postJson("/api/charity-relief-applications", Map.ofEntries(
				Map.entry("applicantName", NAME), Map.entry("idNumber", TestIds.newIdNumber()), Map.entry("villageCode", "T02V01"),
				Map.entry("householdCategory", "dibao"), Map.entry("hospitalName", "县中医院"),
				Map.entry("admissionDate", LocalDate.now().minusDays(5).toString()), Map.entry("dischargeDate", LocalDate.now().minusDays(1).toString()),
				Map.entry("totalCost", "1000.00"), Map.entry("insuredCost", "800.00"), Map.entry("basicInsurancePaid", "400.00"),
				Map.entry("seriousIllnessInsurancePaid", "0"), Map.entry("medicalAssistancePaid", "0"), Map.entry("otherReliefPaid", "0")));
		assertThat(charity.status()).as(charity.body()).isEqualTo(201);
		String cpi = charity.json().path("processInstanceId").asText();
		complete("civil-t02", cpi, CharityActivities.VERIFICATION, Map.of("verificationDecision", "pass", "verificationOpinion", "核实",
				"householdCategory", "dibao"));
		assertThat(runtimeService.getVariable(cpi, "applicantName")).isEqualTo(NAME);
		assertThat(runtimeService.getVariable(cpi, "reliefAmount")).isEqualTo("240.00");
	}

}
