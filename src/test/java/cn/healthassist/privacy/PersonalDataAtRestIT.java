package cn.healthassist.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

import cn.healthassist.audit.AuditLog;
import cn.healthassist.audit.AuditLogMapper;
import cn.healthassist.chronic.TreatmentRecordImporter;
import cn.healthassist.config.HealthAssistProperties;
import cn.healthassist.support.Applications;
import cn.healthassist.support.Http;
import cn.healthassist.support.IntegrationTest;
import cn.healthassist.support.TestIds;
import cn.healthassist.values.IdNumbers;
import cn.healthassist.values.Keys;

/**
 * Personal data at rest (issue "等保 2.0 level 3", item 4): after a case of each process — a chronic certificate with
 * its follow-up, a referral, a paid charity relief, a treatment record imported — no text or binary column of any
 * table of the database, the engine's included, holds the ID numbers, the phone or the diagnosis in full; the
 * product's own people still see them, search by ID number still finds the case, and the keys rotate.
 */
class PersonalDataAtRestIT extends IntegrationTest {

	@Autowired
	PersonalDataCipher cipher;

	@Autowired
	PersonalDataSealing sealing;

	@Autowired
	AuditLog auditLog;

	@Autowired
	AuditLogMapper auditLogMapper;

	@Autowired
	TreatmentRecordImporter treatmentRecords;

	@Autowired
	HealthAssistProperties properties;

	@Test
	void afterACaseOfEveryProcess_noColumnOfAnyTableHoldsTheIdNumberPhoneOrDiagnosis() throws Exception {
		String chronicId = TestIds.newIdNumber();
		String referralId = TestIds.newIdNumber();
		String charityId = TestIds.newIdNumber();
		String phone = "139" + chronicId.substring(10, 18).replace('X', '7');
		String diagnosis = "急性心肌梗死（测试" + referralId.substring(12) + "）";

		treatmentRecords.importCsv("idNumber,diseaseCode,hospitalName,visitDate\n" + chronicId + ",HTN,县人民医院,"
				+ LocalDate.now().minusMonths(2) + "\n");
		Map<String, Object> chronic = new LinkedHashMap<>(Applications.chronic(chronicId, "T01V01"));
		chronic.put("phone", phone);
		ProcessInstance c = startCase("doctor-t01v01", "/api/chronic-certificate-applications", chronic);
		complete("health-t01", c.getId(), "Task_TownshipReview", Map.of("townshipDecision", "pass", "townshipOpinion", "同意"));
		complete("insurance", c.getId(), "Task_CountyApproval", Map.of("countyDecision", "approve", "countyOpinion", "同意"));
		runDueJobs(c.getId());
		assertThat(count("SELECT COUNT(*) FROM ha_certificate WHERE business_key = ?", c.getBusinessKey())).isOne();
		assertThat(count("SELECT COUNT(*) FROM ha_followup_visit v JOIN ha_certificate x ON x.certificate_no = v.certificate_no "
				+ "WHERE x.business_key = ?", c.getBusinessKey())).as("the follow-up planned its first visit").isPositive();

		Map<String, Object> referral = new LinkedHashMap<>(Applications.referral(referralId, "normal"));
		referral.put("diagnosis", diagnosis);
		ProcessInstance r = startCase("hdoctor-h01", "/api/referrals", referral);
		complete("hhead-h01", r.getId(), "Task_UnitHeadApproval", Map.of("headDecision", "approve", "headOpinion", "同意"));
		runDueJobs(r.getId());

		ProcessInstance g = startCase("committee-t01v01", "/api/charity-relief-applications", Applications.charity(charityId));
		complete("civil-t01", g.getId(), "Task_CivilVerification", Map.of("verificationDecision", "pass",
				"verificationOpinion", "核实无误", "householdCategory", "registered-poor"));
		publicNoticeRunsOut(g.getId());
		complete("charity", g.getId(), "Task_FederationApproval",
				Map.of("federationDecision", "approve", "approvedAmount", "3600.00", "federationOpinion", "同意"));
		complete("charity", g.getId(), "Task_RecordPayment",
				Map.of("voucherNo", "PZ-AR-" + charityId.substring(10), "paymentDate", LocalDate.now().toString()));
		runDueJobs(g.getId());
		assertThat(count("SELECT COUNT(*) FROM ha_grant WHERE business_key = ?", g.getBusinessKey())).isOne();

		List<String> found = scan(List.of(chronicId, referralId, charityId, phone, diagnosis));
		assertThat(found).as("columns holding personal data in full").isEmpty();

		// the product's own people still see it: the case search by ID number (keyed index), the trail
		Http.Response search = http("doctor-t01v01").get("/api/cases?idNumber=" + chronicId);
		assertThat(search.status()).as(search.body()).isEqualTo(200);
		assertThat(search.json().path("items").findValuesAsText("idNumber")).containsOnly(chronicId);
		assertThat(search.json().path("items").findValuesAsText("businessKey")).contains(c.getBusinessKey());
		Http.Response trail = http("hdoctor-h01").get("/api/cases/" + r.getBusinessKey() + "/trail");
		assertThat(trail.status()).as(trail.body()).isEqualTo(200);
		assertThat(trail.json().path("idNumber").asText()).isEqualTo(referralId);
		assertThat(trail.json().path("chainVerified").asBoolean()).isTrue();
		assertThat(trail.json().path("steps").findValuesAsText("diagnosis")).contains(diagnosis);
		// the running follow-up's engine keeps no ID number at all, its case record the sealed one (the scan above)
		String followupKey = jdbc.queryForObject("SELECT business_key FROM ha_case WHERE process_key = 'chronic-followup'"
				+ " AND subject = ?", String.class, fact(c.getId(), "certificateNo"));
		ProcessInstance followup = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(followupKey)
			.singleResult();
		assertThat(runtimeService.getVariables(followup.getId())).doesNotContainKey("idNumber");
		assertThat(fact(followup.getId(), "idNumber")).isEqualTo(chronicId);
	}

	/** Every text and binary column of every table that holds one of the values, as table.column. */
	private List<String> scan(List<String> values) throws Exception {
		List<String> found = new ArrayList<>();
		try (Connection connection = jdbc.getDataSource().getConnection()) {
			DatabaseMetaData meta = connection.getMetaData();
			List<String[]> columns = new ArrayList<>();
			try (ResultSet rs = meta.getColumns(connection.getCatalog(), null, "%", "%")) {
				while (rs.next()) {
					String schema = rs.getString("TABLE_SCHEM");
					if (schema != null && schema.equalsIgnoreCase("INFORMATION_SCHEMA")) {
						continue;
					}
					columns.add(new String[] { rs.getString("TABLE_NAME"), rs.getString("COLUMN_NAME"),
							rs.getString("TYPE_NAME").toUpperCase(Locale.ROOT) });
				}
			}
			assertThat(columns).as("the scan sees the engine's and the product's tables")
				.anyMatch(col -> col[0].equalsIgnoreCase("ACT_HI_VARINST"))
				.anyMatch(col -> col[0].equalsIgnoreCase("ha_audit_log"));
			for (String[] column : columns) {
				String type = column[2];
				boolean text = type.contains("CHAR") || type.contains("TEXT") || type.contains("CLOB");
				boolean binary = type.contains("BLOB") || type.contains("BINARY");
				if (!text && !binary) {
					continue;
				}
				String q = meta.getIdentifierQuoteString().strip();
				String sql = "SELECT " + q + column[1] + q + " FROM " + q + column[0] + q + " WHERE " + q + column[1] + q
						+ " IS NOT NULL";
				List<Object> cells = jdbc.queryForList(sql, Object.class);
				for (Object cell : cells) {
					String content = cell instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
							: cell instanceof java.sql.Blob blob ? new String(blob.getBytes(1, (int) blob.length()), StandardCharsets.UTF_8)
							: cell instanceof java.sql.Clob clob ? clob.getSubString(1, (int) clob.length()) : cell.toString();
					for (String value : values) {
						if (content.contains(value)) {
							found.add(column[0] + "." + column[1] + " holds " + value.substring(0, 4) + "…");
						}
					}
				}
			}
		}
		return found;
	}

	@Test
	void theTaskFormShowsTheFullValues_toThePeopleOfTheTask_theEngineKeepsNone() {
		String id = TestIds.newIdNumber();
		ProcessInstance c = startCase("doctor-t01v02", "/api/chronic-certificate-applications", Applications.chronic(id, "T01V02"));
		String taskId = taskService.createTaskQuery().processInstanceId(c.getId()).singleResult().getId();
		Http tasklist = new Http(port);
		assertThat(tasklist.login("tasklist", "doctor-t01v02", PASSWORD).status()).isEqualTo(200);
		for (Http.Response form : List.of(
				http("doctor-t01v02").get("/engine-rest/task/" + taskId + "/form-variables?deserializeValues=false"),
				tasklist.get("/camunda/api/engine/engine/default/task/" + taskId + "/form-variables?deserializeValues=false"))) {
			assertThat(form.status()).as(form.body()).isEqualTo(200);
			assertThat(form.json().path("idNumber").path("value").asText()).isEqualTo(id);
			assertThat(form.json().path("phone").path("value").asText()).isEqualTo("13912345678");
		}
		// the engine keeps neither, not even masked: only the form shows them, from the case record
		Http.Response variables = http("doctor-t01v02").get("/engine-rest/task/" + taskId + "/variables");
		assertThat(variables.status()).as(variables.body()).isEqualTo(200);
		assertThat(variables.json().has("idNumber")).isFalse();
		assertThat(variables.json().has("phone")).isFalse();
		assertThat(variables.json().path("applicantName").path("value").asText()).isNotBlank();
		assertThat(runtimeService.getVariables(c.getId())).doesNotContainKeys("idNumber", "phone", "diagnosis");
		Http.Response other = http("doctor-t02v01").get("/engine-rest/task/" + taskId + "/form-variables");
		assertThat(other.status()).as("another village's doctor").isIn(403, 404);
		assertThat(other.body()).doesNotContain(id);
		// the demo's superuser may read every task, but is no jurisdiction: the masked copies
		Http.Response admin = http("admin").get("/engine-rest/task/" + taskId + "/form-variables");
		assertThat(admin.status()).as(admin.body()).isEqualTo(200);
		assertThat(admin.json().path("idNumber").path("value").asText()).isEqualTo(IdNumbers.mask(id));
		assertThat(admin.body()).doesNotContain(id).doesNotContain("13912345678");
	}

	@Test
	void aSealedLookingTextAPersonTyped_isNeverOpened_andTheAuditHashIsNoDigestOfTheNumber() {
		String id = TestIds.newIdNumber();
		treatmentRecord(id, "HTN", LocalDate.now().minusMonths(1));
		ProcessInstance c = startCase("doctor-t01v01", "/api/chronic-certificate-applications", Applications.chronic(id, "T01V01"));
		String someoneElses = cipher.seal(TestIds.newIdNumber());
		String opinion = "见 " + someoneElses;
		complete("health-t01", c.getId(), "Task_TownshipReview", Map.of("townshipDecision", "pass", "townshipOpinion", opinion));
		Http.Response trail = http("health-t01").get("/api/cases/" + c.getBusinessKey() + "/trail");
		assertThat(trail.status()).as(trail.body()).isEqualTo(200);
		assertThat(trail.json().path("steps").findValuesAsText("opinion")).contains(opinion);
		assertThat(trail.json().path("chainVerified").asBoolean()).isTrue();
		// the start's entry: its hash is keyed (HMAC-SM3), no SHA-256 of the number anyone could compute
		Map<String, Object> started = jdbc.queryForMap(
				"SELECT * FROM ha_audit_log WHERE business_key = ? AND event_type = 'case-started'", c.getBusinessKey());
		cn.healthassist.audit.AuditEntry plain = auditLog.entries(c.getBusinessKey()).stream()
			.filter(e -> "case-started".equals(e.eventType())).findFirst().orElseThrow();
		assertThat(plain.data()).contains(id);
		assertThat(started.get("hash") == null ? "" : started.get("hash").toString().strip())
			.isNotEqualTo(AuditLog.hash(plain)).isEqualTo(cn.healthassist.audit.AuditChains.hash(cipher, plain));
	}

	@Test
	void aValueThatDoesNotOpen_isLoggedAndSkipped_andKeysThatChangedStopTheStart() {
		String id = TestIds.newIdNumber();
		ProcessInstance c = startCase("doctor-t01v01", "/api/chronic-certificate-applications", Applications.chronic(id, "T01V01"));
		String stored = jdbc.queryForObject("SELECT id_number FROM ha_case WHERE business_key = ?", String.class,
				c.getBusinessKey());
		String lost = "enc:sm4:gone:" + java.util.Base64.getEncoder().encodeToString(new byte[40]);
		jdbc.update("UPDATE ha_case SET id_number = ? WHERE business_key = ?", lost, c.getBusinessKey());
		try {
			PersonalDataSealing.Result result = sealing.sealAllRows();
			assertThat(result.failed()).isPositive();
			assertThat(jdbc.queryForObject("SELECT id_number FROM ha_case WHERE business_key = ?", String.class,
					c.getBusinessKey())).as("left as stored").isEqualTo(lost);
			Http.Response search = http("auditor").get("/api/cases?businessKey=" + c.getBusinessKey());
			assertThat(search.status()).as("shown as stored, not an error: " + search.body()).isEqualTo(200);
		}
		finally {
			jdbc.update("UPDATE ha_case SET id_number = ? WHERE business_key = ?", stored, c.getBusinessKey());
		}
		String state = jdbc.queryForObject("SELECT fingerprint FROM ha_data_key_state WHERE name = 'personal-data'",
				String.class);
		assertThat(state).isEqualTo(cipher.fingerprint());
		String[] parts = state.split("/");
		try {
			jdbc.update("UPDATE ha_data_key_state SET fingerprint = ? WHERE name = 'personal-data'",
					parts[0] + "/" + parts[1] + "/" + parts[2] + "/0000000000000000");
			assertThatThrownBy(() -> sealing.sealIfKeysChanged()).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("index-key");
			jdbc.update("UPDATE ha_data_key_state SET fingerprint = ? WHERE name = 'personal-data'",
					parts[0] + "/" + parts[1] + "/0000000000000000/" + parts[3]);
			assertThatThrownBy(() -> sealing.sealIfKeysChanged()).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("give a new key a new id");
		}
		finally {
			jdbc.update("UPDATE ha_data_key_state SET fingerprint = ? WHERE name = 'personal-data'", state);
		}
		assertThat(sealing.sealIfKeysChanged()).as("nothing to do with the keys it knows").isZero();
	}

	@Test
	void aKeyRotation_sealsEverythingAgain_theChainsStayWhole_andTheOldDatabaseIsSealedToo() {
		String id = TestIds.newIdNumber();
		ProcessInstance c = startCase("doctor-t01v01", "/api/chronic-certificate-applications", Applications.chronic(id, "T01V01"));
		String key = c.getBusinessKey();
		// a row and an entry as a version before V20 wrote them: in full, without the index, the plain digest as its
		// uniqueness key
		jdbc.update("UPDATE ha_case SET id_number = ?, id_index = NULL, active_key = ? WHERE business_key = ?", id,
				Keys.activeKey("chronic-certificate", id, "HTN"), key);
		long entry = jdbc.queryForObject("SELECT MIN(id) FROM ha_audit_log WHERE business_key = ?", Long.class, key);
		String data = jdbc.queryForObject("SELECT data FROM ha_audit_log WHERE id = ?", String.class, entry);
		jdbc.update("UPDATE ha_audit_log SET data = ? WHERE id = ?", cipher.openJson(data), entry);
		assertThat(jdbc.queryForObject("SELECT data FROM ha_audit_log WHERE id = ?", String.class, entry)).contains(id);
		assertThat(auditLog.verify(key).verified()).as("the hash covers the plain text").isTrue();

		HealthAssistProperties.DataProtection now = properties.getDataProtection();
		HealthAssistProperties rotated = new HealthAssistProperties();
		rotated.getDataProtection().setCurrentKey("rotated");
		rotated.getDataProtection().setKey(java.util.Base64.getEncoder().encodeToString(new byte[16]));
		rotated.getDataProtection().getKeys().put(now.getCurrentKey(), now.getKey());
		rotated.getDataProtection().setIndexKey(now.getIndexKey());
		PersonalDataCipher next = new PersonalDataCipher(rotated);
		try {
			assertThat(new PersonalDataSealing(jdbc, next).sealAll()).isPositive();
			String sealed = jdbc.queryForObject("SELECT id_number FROM ha_case WHERE business_key = ?", String.class, key);
			assertThat(sealed).startsWith("enc:sm4:rotated:");
			assertThat(next.open(sealed)).isEqualTo(id);
			assertThat(jdbc.queryForObject("SELECT id_index FROM ha_case WHERE business_key = ?", String.class, key))
				.isEqualTo(cipher.index(id));
			assertThat(jdbc.queryForObject("SELECT data FROM ha_audit_log WHERE id = ?", String.class, entry))
				.doesNotContain(id).contains("enc:sm4:rotated:");
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ha_audit_log WHERE data LIKE ?", Integer.class,
					"%enc:sm4:" + now.getCurrentKey() + ":%")).as("nothing left under the old key").isZero();
			assertThat(new AuditLog(auditLogMapper, next).verify(key).verified()).isTrue();
		}
		finally {
			// and back, for the other tests of this database
			HealthAssistProperties back = new HealthAssistProperties();
			back.getDataProtection().setCurrentKey(now.getCurrentKey());
			back.getDataProtection().setKey(now.getKey());
			back.getDataProtection().getKeys().put("rotated", rotated.getDataProtection().getKey());
			back.getDataProtection().setIndexKey(now.getIndexKey());
			new PersonalDataSealing(jdbc, new PersonalDataCipher(back)).sealAll();
		}
		assertThat(jdbc.queryForObject("SELECT id_number FROM ha_case WHERE business_key = ?", String.class, key))
			.startsWith("enc:sm4:" + now.getCurrentKey() + ":");
		assertThat(auditLog.verify(key).verified()).isTrue();
		Http.Response search = http("doctor-t01v01").get("/api/cases?idNumber=" + id);
		JsonNode items = search.json().path("items");
		assertThat(items.findValuesAsText("businessKey")).containsExactly(key);
		// the uniqueness key is keyed now, and still refuses a second application for the person and disease
		assertThat(jdbc.queryForObject("SELECT active_key FROM ha_case WHERE business_key = ?", String.class, key))
			.isEqualTo(cipher.index(Keys.activeKey("chronic-certificate", id, "HTN")));
		assertThat(http("doctor-t01v01").postJson("/api/chronic-certificate-applications", Applications.chronic(id, "T01V01"))
			.status()).isEqualTo(409);
	}

}
