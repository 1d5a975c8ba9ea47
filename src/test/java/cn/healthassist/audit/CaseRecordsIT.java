package cn.healthassist.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.sql.Connection;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.healthassist.privacy.PersonalDataCipher;
import cn.healthassist.privacy.PersonalDataSealing;
import cn.healthassist.problems.CaseRejectedException;
import cn.healthassist.support.Applications;
import cn.healthassist.support.IntegrationTest;
import cn.healthassist.support.TestIds;
import cn.healthassist.values.IdNumbers;
import db.migration.V19__Case_records_of_earlier_cases;

/**
 * The case record (CaseRecords): the rules read what the product established, never a process variable. Each test
 * changes variables behind the product's back — as the system, the way no person's request can (EngineDoorsIT shows
 * the doors) — and shows that no amount, person or number follows them. And the cases of the previous version get
 * their records from the migration V19 and finish on the new rules.
 */
class CaseRecordsIT extends IntegrationTest {

	@Autowired
	AuditLog auditLog;

	@Autowired
	ObjectMapper json;

	@Autowired
	PersonalDataCipher cipher;

	@Autowired
	PersonalDataSealing sealing;

	private List<AuditEntry> ruleEntries(String businessKey) {
		return auditLog.entries(businessKey).stream().filter(e -> AuditEntry.RULE_APPLIED.equals(e.eventType())).toList();
	}

	private JsonNode data(AuditEntry e) throws Exception {
		return json.readTree(e.data());
	}

	@Test
	void charity_amountsAndPersonComeFromTheRecord_notFromChangedVariables() throws Exception {
		String id = TestIds.newIdNumber();
		String other = TestIds.newIdNumber();
		ProcessInstance pi = startCase("committee-t01v01", "/api/charity-relief-applications", Applications.charity(id));
		List<AuditEntry> atStart = ruleEntries(pi.getBusinessKey());
		assertThat(atStart).as("the start rules' facts").hasSize(1);
		assertThat(data(atStart.get(0)).path("remainingSelfPaid").asText()).isEqualTo("6000.00");
		assertThat(data(atStart.get(0)).path("townshipCode").asText()).isEqualTo("T01");

		// variables changed behind the product's back: a larger remainder, another person, a larger relief
		runtimeService.setVariables(pi.getId(), Map.of("remainingSelfPaid", "100000.00", "idNumber", other,
				"applicantName", "冒名顶替", "townshipCode", "T02"));
		complete("civil-t01", pi.getId(), "Task_CivilVerification", Map.of("verificationDecision", "pass",
				"verificationOpinion", "核实无误", "householdCategory", "registered-poor"));
		assertThat(runtimeService.getVariable(pi.getId(), "reliefAmount")).as("6000.00 × 60 %, not 100000.00 × 60 %")
			.isEqualTo("3600.00");
		publicNoticeRunsOut(pi.getId());
		assertThat(runtimeService.getVariable(pi.getId(), "approvedAmount")).as("proposed from the record")
			.isEqualTo("3600.00");

		runtimeService.setVariable(pi.getId(), "reliefAmount", "9999.00");
		assertThatThrownBy(() -> complete("charity", pi.getId(), "Task_FederationApproval",
				Map.of("federationDecision", "approve", "approvedAmount", "9999.00", "federationOpinion", "同意")))
			.isInstanceOf(CaseRejectedException.class)
			.hasMessageContaining("3600.00");
		complete("charity", pi.getId(), "Task_FederationApproval",
				Map.of("federationDecision", "approve", "approvedAmount", "3600.00", "federationOpinion", "同意救助"));
		runtimeService.setVariable(pi.getId(), "approvedAmount", "50000.00");
		complete("charity", pi.getId(), "Task_RecordPayment",
				Map.of("voucherNo", "PZ-REC-" + id.substring(10), "paymentDate", LocalDate.now().toString()));
		runDueJobs(pi.getId());

		assertThat(pi).isEnded();
		Map<String, Object> grant = jdbc.queryForMap("SELECT * FROM ha_grant WHERE business_key = ?", pi.getBusinessKey());
		assertThat(cipher.open((String) grant.get("id_number"))).isEqualTo(id);
		assertThat(grant.get("applicant_name")).isEqualTo(Applications.charity(id).get("applicantName"));
		assertThat(grant.get("township_code")).isEqualTo("T01");
		assertThat(new java.math.BigDecimal(grant.get("remaining_self_paid").toString())).isEqualByComparingTo("6000.00");
		assertThat(new java.math.BigDecimal(grant.get("paid_amount").toString())).isEqualByComparingTo("3600.00");
		assertThat(grant.get("approved_by")).isEqualTo("charity");
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ha_grant WHERE id_index = ?", Integer.class, cipher.index(other)))
			.isZero();

		List<AuditEntry> rules = ruleEntries(pi.getBusinessKey());
		assertThat(rules).extracting(AuditEntry::activityId)
			.contains("Task_CalculateRelief", "Task_FederationApproval", "Task_RecordPayment");
		AuditEntry approval = rules.stream().filter(e -> "Task_FederationApproval".equals(e.activityId())).findFirst().get();
		assertThat(approval.userId()).as("the person whose step established it").isEqualTo("charity");
		assertThat(data(approval).path("federationApprover").asText()).isEqualTo("charity");
		assertThat(auditLog.verify(pi.getBusinessKey()).verified()).isTrue();
	}

	@Test
	void chronic_theCertificateGoesToThePersonOfTheRecord() throws Exception {
		String id = TestIds.newIdNumber();
		String other = TestIds.newIdNumber();
		ProcessInstance pi = startCase("doctor-t01v01", "/api/chronic-certificate-applications",
				Applications.chronic(id, "T01V01"));
		String name = (String) runtimeService.getVariable(pi.getId(), "applicantName");
		String disease = (String) fact(pi.getId(), "diseaseCode");
		if (task(pi.getId(), "Task_CollectMaterials") != null) {
			taskService.createAttachment("application/pdf", task(pi.getId(), "Task_CollectMaterials").getId(), pi.getId(),
					"诊断证明.pdf", null, new java.io.ByteArrayInputStream(new byte[] { 1 }));
			complete("doctor-t01v01", pi.getId(), "Task_CollectMaterials",
					Map.of("materialsChecklist", List.of("diagnosis", "records")));
		}
		runtimeService.setVariables(pi.getId(), Map.of("idNumber", other, "applicantName", "冒名顶替",
				"diseaseCode", "TB", "countyCode", "C99", "villageCode", "T02V01"));
		complete("health-t01", pi.getId(), "Task_TownshipReview",
				Map.of("townshipDecision", "pass", "townshipOpinion", "材料齐全"));
		complete("insurance", pi.getId(), "Task_CountyApproval",
				Map.of("countyDecision", "approve", "countyOpinion", "同意"));
		runDueJobs(pi.getId());

		Map<String, Object> certificate = jdbc.queryForMap("SELECT * FROM ha_certificate WHERE business_key = ?",
				pi.getBusinessKey());
		assertThat(cipher.open((String) certificate.get("id_number"))).isEqualTo(id);
		assertThat(certificate.get("applicant_name")).isEqualTo(name);
		assertThat(certificate.get("disease_code")).isEqualTo(disease);
		assertThat(certificate.get("village_code")).isEqualTo("T01V01");
		assertThat((String) certificate.get("certificate_no")).startsWith("MB-C01-");
		assertThat(certificate.get("issued_by")).isEqualTo("insurance");
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ha_certificate WHERE id_index = ?", Integer.class,
				cipher.index(other))).isZero();
		assertThat(auditLog.verify(pi.getBusinessKey()).verified()).isTrue();
	}

	@Test
	void referral_theNumberFollowsTheRecordsCounty() {
		ProcessInstance pi = startCase("hdoctor-h01", "/api/referrals", Applications.referral(TestIds.newIdNumber(), "normal"));
		runtimeService.setVariable(pi.getId(), "countyCode", "C99");
		complete("hhead-h01", pi.getId(), "Task_UnitHeadApproval",
				Map.of("headDecision", "approve", "headOpinion", "同意转诊"));
		runDueJobs(pi.getId());
		String number = jdbc.queryForObject("SELECT referral_no FROM ha_referral WHERE business_key = ?", String.class,
				pi.getBusinessKey());
		assertThat(number).startsWith("ZZ-C01-");
		assertThat(ruleEntries(pi.getBusinessKey())).extracting(e -> e.data()).anyMatch(d -> d.contains(number));
	}

	/**
	 * A case started by the previous version has no {@code rule-applied} entries: its log is rewritten here as that
	 * version wrote it (the same entries without them, chained again), V19 gives it its record from the variables, and
	 * the new rules finish it, V24 having sealed its chain of SHA-256 entries.
	 */
	@Test
	void aCaseOfThePreviousVersion_getsItsRecordFromTheMigration_andFinishes() throws Exception {
		String id = TestIds.newIdNumber();
		ProcessInstance running = startCase("committee-t01v01", "/api/charity-relief-applications", Applications.charity(id));
		complete("civil-t01", running.getId(), "Task_CivilVerification", Map.of("verificationDecision", "pass",
				"verificationOpinion", "核实无误", "householdCategory", "registered-poor"));
		Map<String, Object> elsewhere = new java.util.LinkedHashMap<>(Applications.charity(TestIds.newIdNumber()));
		elsewhere.put("villageCode", "T01V02");
		ProcessInstance ended = startCase("committee-t01v02", "/api/charity-relief-applications", elsewhere);
		complete("civil-t01", ended.getId(), "Task_CivilVerification", Map.of("verificationDecision", "pass",
				"verificationOpinion", "非救助对象", "householdCategory", "none"));
		assertThat(ended).isEnded();

		// the previous version kept every value as a variable, the ID number in full, and the variables' last values in
		// its history
		for (String name : List.of("applicantName", "townshipName", "countyCode", "householdCategoryName", "hospitalName",
				"admissionDate", "dischargeDate", "totalCost", "insuredCost", "basicInsurancePaid",
				"seriousIllnessInsurancePaid", "medicalAssistancePaid", "otherReliefPaid", "remainingSelfPaid", "rate",
				"ratePercent", "calculatedRelief", "yearTotalBefore", "yearlyCap", "calculation", "objectionCount")) {
			runtimeService.setVariable(running.getId(), name, fact(running.getId(), name));
		}
		runtimeService.setVariable(running.getId(), "idNumber", id);
		previousVersionHistory(ended, Map.of("eligible", false, "ineligibleReason", "慈善救助仅面向低保人员和建档立卡户"));
		for (ProcessInstance pi : List.of(running, ended)) {
			asThePreviousVersionWroteIt(pi.getBusinessKey());
			assertThat(ruleEntries(pi.getBusinessKey())).isEmpty();
			assertThat(auditLog.verify(pi.getBusinessKey()).verified()).as("unkeyed, not sealed yet").isFalse();
			try (Connection c = jdbc.getDataSource().getConnection()) {
				assertThat(V19__Case_records_of_earlier_cases.recordEarlierCases(c, new Date(), pi.getBusinessKey()))
					.isEqualTo(1);
				assertThat(V19__Case_records_of_earlier_cases.recordEarlierCases(c, new Date(), pi.getBusinessKey()))
					.as("once only").isZero();
				// then V24 seals the chain as the earlier versions left it
				assertThat(new AuditLogKeying(cipher).seal(c, List.of(pi.getBusinessKey())))
					.isEqualTo(new AuditLogKeying.Sealed(1, List.of()));
			}
			assertThat(auditLog.verify(pi.getBusinessKey()).verified()).as("chained like every entry, sealed").isTrue();
		}
		// then the application starts: the records are sealed, the engine's copies masked
		sealing.sealAll();
		assertThat(runtimeService.getVariable(running.getId(), "idNumber")).isEqualTo(IdNumbers.mask(id));
		assertThat(jdbc.queryForList("SELECT data FROM ha_audit_log WHERE business_key = ?", String.class,
				running.getBusinessKey())).noneMatch(d -> d != null && d.contains(id));
		assertThat(auditLog.verify(running.getBusinessKey()).verified()).isTrue();
		JsonNode endedFacts = data(ruleEntries(ended.getBusinessKey()).get(0));
		assertThat(endedFacts.path("eligible").asBoolean(true)).as("from the history of the ended case").isFalse();
		assertThat(endedFacts.path("ineligibleReason").asText()).isNotBlank();

		JsonNode facts = data(ruleEntries(running.getBusinessKey()).get(0));
		assertThat(facts.path("remainingSelfPaid").asText()).isEqualTo("6000.00");
		assertThat(facts.path("reliefAmount").asText()).isEqualTo("3600.00");
		assertThat(facts.path("rate").asText()).isEqualTo("0.60");
		assertThat(facts.path("idNumber").asText()).isEqualTo(id);
		assertThat(facts.has("reliefRule")).as("a serialized DMN result is not a fact").isFalse();

		publicNoticeRunsOut(running.getId());
		complete("charity", running.getId(), "Task_FederationApproval",
				Map.of("federationDecision", "approve", "approvedAmount", "3600.00", "federationOpinion", "同意"));
		complete("charity", running.getId(), "Task_RecordPayment",
				Map.of("voucherNo", "PZ-V19-" + id.substring(10), "paymentDate", LocalDate.now().toString()));
		runDueJobs(running.getId());
		assertThat(running).isEnded();
		Map<String, Object> grant = jdbc.queryForMap("SELECT * FROM ha_grant WHERE business_key = ?",
				running.getBusinessKey());
		assertThat(cipher.open((String) grant.get("id_number"))).isEqualTo(id);
		assertThat(new java.math.BigDecimal(grant.get("calculated_relief").toString())).isEqualByComparingTo("3600.00");
		assertThat(new java.math.BigDecimal(grant.get("paid_amount").toString())).isEqualByComparingTo("3600.00");
		assertThat(auditLog.verify(running.getBusinessKey()).verified()).isTrue();
	}

	/** The case's log without its rule entries, numbered and chained again: what the previous version wrote. */
	/** A variable's last value in Camunda's history, as the previous version kept it for every process. */
	private void previousVersionHistory(ProcessInstance pi, Map<String, Object> variables) {
		variables.forEach((name, value) -> jdbc.update("""
				INSERT INTO ACT_HI_VARINST (ID_, PROC_DEF_KEY_, PROC_INST_ID_, EXECUTION_ID_, NAME_, VAR_TYPE_, TEXT_, LONG_,
				  CREATE_TIME_, REV_, STATE_)
				VALUES (?, 'charity-relief', ?, ?, ?, ?, ?, ?, ?, 0, 'CREATED')""", java.util.UUID.randomUUID().toString(),
				pi.getId(), pi.getId(), name, value instanceof Boolean ? "boolean" : "string",
				value instanceof Boolean ? null : value, value instanceof Boolean b ? (b ? 1 : 0) : null, new Date()));
	}

	private void asThePreviousVersionWroteIt(String businessKey) {
		List<AuditEntry> kept = auditLog.entries(businessKey)
			.stream()
			.filter(e -> !AuditEntry.RULE_APPLIED.equals(e.eventType()))
			.toList();
		jdbc.update("DELETE FROM ha_audit_log WHERE business_key = ?", businessKey);
		String prev = AuditLog.GENESIS;
		int seq = 1;
		for (AuditEntry e : kept) {
			AuditEntry draft = new AuditEntry(null, businessKey, seq, e.processInstanceId(), e.eventType(), e.activityId(),
					e.activityName(), e.taskId(), e.userId(), e.occurredAt(), e.decision(), e.opinion(), e.data(), prev, null,
					null);
			String hash = AuditLog.hash(draft);
			jdbc.update("""
					INSERT INTO ha_audit_log (business_key, seq, process_instance_id, event_type, activity_id, activity_name,
					  task_id, user_id, occurred_at, decision, opinion, data, prev_hash, hash)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", businessKey, seq, e.processInstanceId(),
					e.eventType(), e.activityId(), e.activityName(), e.taskId(), e.userId(),
					new java.sql.Timestamp(e.occurredAt().getTime()), e.decision(), e.opinion(), e.data(), prev, hash);
			prev = hash;
			seq++;
		}
	}

}
