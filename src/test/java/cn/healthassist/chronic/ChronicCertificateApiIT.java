package cn.healthassist.chronic;

import static cn.healthassist.chronic.ChronicCases.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

import cn.healthassist.support.Http;
import cn.healthassist.support.IntegrationTest;
import cn.healthassist.support.TestIds;

/**
 * Starting a chronic-certificate application over HTTP (docs/product.md 4), from the API and from Tasklist's start form: the
 * same rules, a clear problem+json error for each, and nothing stored when refused.
 */
class ChronicCertificateApiIT extends IntegrationTest {

	@Autowired
	cn.healthassist.privacy.PersonalDataCipher cipher;


	private static final String START = "/api/chronic-certificate-applications";

	private int stored(String idNumber) {
		return count("SELECT COUNT(*) FROM ha_case WHERE id_index = ?", idIndex(idNumber))
				+ count("SELECT COUNT(*) FROM ha_case c JOIN ACT_RU_EXECUTION e ON e.BUSINESS_KEY_ = c.business_key WHERE c.id_index = ?", idIndex(idNumber))
				+ count("SELECT COUNT(*) FROM ACT_RU_VARIABLE WHERE NAME_ = \'idNumber\' AND TEXT_ = ?", idNumber);
	}

	private void assertProblem(Http.Response r, int status, String field, String message) {
		assertThat(r.status()).as(r.body()).isEqualTo(status);
		assertThat(r.contentType()).startsWith("application/problem+json");
		JsonNode json = r.json();
		assertThat(json.path("status").asInt()).isEqualTo(status);
		assertThat(json.path("detail").asText()).contains(message);
		if (field != null) {
			assertThat(json.path("errors").findValuesAsText("field")).contains(field);
		}
	}

	@Test
	void aGoodApplicationIsCreatedWithItsBusinessKey() {
		String id = TestIds.newIdNumber();
		Http.Response r = http(DOCTOR).postJson(START, application(id));
		assertThat(r.status()).isEqualTo(201);
		String businessKey = r.json().path("businessKey").asText();
		assertThat(businessKey).matches("CC-\\d{4}-\\d{6}");
		assertThat(r.json().path("processInstanceId").asText()).isNotBlank();
		java.util.Map<String, Object> row = jdbc.queryForMap("SELECT * FROM ha_case WHERE business_key = ?", businessKey);
		// the ID number sealed, beside its search index (docs/security.md, "Personal data at rest")
		assertThat(cipher.open((String) row.get("ID_NUMBER"))).isEqualTo(id);
		assertThat(row.get("ID_NUMBER").toString()).doesNotContain(id);
		assertThat(row).containsEntry("ID_INDEX", idIndex(id))
			.containsEntry("VILLAGE_CODE", "T01V01")
			.containsEntry("TOWNSHIP_CODE", "T01")
			.containsEntry("STATUS", "running")
			.containsEntry("STARTED_BY", DOCTOR);
	}

	@Test
	void aBlankVillageMeansTheDoctorsOwnVillage() {
		Http.Response r = http("doctor-t02v01").postJson(START, without(application(TestIds.newIdNumber()), "villageCode"));
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		assertThat(jdbc.queryForObject("SELECT village_code FROM ha_case WHERE business_key = ?", String.class,
				r.json().path("businessKey").asText())).isEqualTo("T02V01");
	}

	@ParameterizedTest(name = "{0} = {1} -> {2}")
	@CsvSource(delimiter = '|', value = { //
			"idNumber|WRONG_CHECK|400|身份证号码校验位不正确", //
			"idNumber|12345|400|身份证号码应为18位", //
			"idNumber||400|身份证号码不能为空", //
			"villageCode|T09V09|400|未知的村代码 T09V09", //
			"villageCode|T01V02|403|不在您的辖区内", //
			"villageCode|T02V01|403|不在您的辖区内", //
			"diseaseCode|FLU|400|病种 FLU 不在慢性病目录中", //
			"householdCategory|rich|400|未知的人群类别 rich", //
			"phone|123|400|联系电话应为11位手机号", //
			"applicantName||400|申请人姓名不能为空", //
			"applicantName|<b>王</b>|400|申请人姓名不能包含 < 或 >", //
			"applicantName|王一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三|400|申请人姓名不能超过32个字" })
	void aRefusedApplicationNamesTheFieldAndStoresNothing(String field, String value, int status, String message) {
		String id = TestIds.newIdNumber();
		Object v = "WRONG_CHECK".equals(value) ? TestIds.withWrongCheck(id) : value;
		Http.Response r = http(DOCTOR).postJson(START, with(application(id), field, v));
		assertProblem(r, status, field, message);
		assertThat(stored(id)).isZero();
		if (v instanceof String s && s.length() == 18) {
			assertThat(stored(s)).isZero();
		}
	}

	@Test
	void aSecondApplicationForTheSamePersonAndDisease_isAConflict_andStoresNothing() {
		String id = TestIds.newIdNumber();
		assertThat(http(DOCTOR).postJson(START, application(id)).status()).isEqualTo(201);
		int cases = count("SELECT COUNT(*) FROM ha_case");
		long instances = runtimeService.createProcessInstanceQuery().count();

		Http.Response again = http(DOCTOR).postJson(START, application(id));
		assertProblem(again, 409, "idNumber", "已有办理中的高血压慢性病证申请");
		assertThat(count("SELECT COUNT(*) FROM ha_case")).isEqualTo(cases);
		assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(instances);
		// another disease is another application
		assertThat(http(DOCTOR).postJson(START, with(application(id), "diseaseCode", "DM")).status()).isEqualTo(201);
	}

	@Test
	void aPersonWithAValidCertificate_isRefused() {
		String id = TestIds.newIdNumber();
		jdbc.update("""
				INSERT INTO ha_certificate (certificate_no, business_key, id_number, applicant_name, disease_code, village_code,
				  township_code, zero_material, valid_from, status, issued_at, valid_key, id_index)
				VALUES (?, ?, ?, '王秀兰', 'DM', 'T01V01', 'T01', TRUE, CURRENT_DATE, 'valid', CURRENT_TIMESTAMP, ?, ?)
				""", "MB-TEST-" + id, "CC-TEST-" + id, cipher.seal(id),
				cipher.index(cn.healthassist.values.Keys.validCertificate(id, "DM")), cipher.index(id));
		Http.Response r = http(DOCTOR).postJson(START, with(application(id), "diseaseCode", "DM"));
		assertProblem(r, 409, "idNumber", "已持有有效的糖尿病慢性病证");
		assertThat(count("SELECT COUNT(*) FROM ha_case WHERE id_index = ?", cipher.index(id))).isZero();
	}

	@Test
	void malformedRequestsAreClearErrors() {
		assertProblem(http(DOCTOR).postJson(START, with(application(TestIds.newIdNumber()), "bloodType", "A")), 400, "bloodType",
				"未知字段 bloodType");
		assertProblem(http(DOCTOR).post(START, "application/json", "{\"applicantName\": "), 400, null, "请求体不是有效的 JSON");
		assertProblem(http(DOCTOR).postJson(START, with(application(TestIds.newIdNumber()), "phone", Map.of("n", 1))), 400, "phone",
				"字段 phone 的类型或格式不正确");
		Http.Response noLogin = anonymous().postJson(START, application(TestIds.newIdNumber()));
		assertThat(noLogin.status()).isEqualTo(401);
	}

	@Test
	void someoneWhoIsNotAVillageDoctor_cannotStartOne() {
		String id = TestIds.newIdNumber();
		assertProblem(http(TOWNSHIP).postJson(START, application(id)), 403, "villageCode", "不在您的辖区内");
		assertProblem(http("auditor").postJson(START, application(id)), 403, null, "");
		assertThat(stored(id)).isZero();
	}

	@Test
	void tasklistsStartForm_goesThroughTheSameRules() {
		Http tasklist = anonymous();
		assertThat(tasklist.login("tasklist", DOCTOR, PASSWORD).status()).isEqualTo(200);
		String path = "/camunda/api/engine/engine/default/process-definition/key/chronic-certificate/submit-form";
		String bad = TestIds.newIdNumber();
		Http.Response refused = tasklist.postJson(path, Map.of("variables", typed(with(application(TestIds.withWrongCheck(bad)), "villageCode", "T01V01"))));
		assertThat(refused.status()).as(refused.body()).isEqualTo(400);
		assertThat(refused.json().path("message").asText()).isEqualTo("身份证号码校验位不正确，请核对");
		assertThat(stored(TestIds.withWrongCheck(bad))).isZero();

		Http.Response outside = tasklist.postJson(path, Map.of("variables", typed(with(application(bad), "villageCode", "T02V02"))));
		assertThat(outside.status()).as(outside.body()).isEqualTo(403);
		assertThat(outside.json().path("message").asText()).contains("不在您的辖区内");
		assertThat(stored(bad)).isZero();

		String good = TestIds.newIdNumber();
		Http.Response started = tasklist.postJson(path, Map.of("variables", typed(without(application(good), "villageCode"))));
		assertThat(started.status()).as(started.body()).isEqualTo(200);
		assertThat(jdbc.queryForObject("SELECT business_key FROM ha_case WHERE id_index = ?", String.class, idIndex(good)))
			.matches("CC-\\d{4}-\\d{6}");
	}

	private static Map<String, Object> typed(Map<String, Object> values) {
		Map<String, Object> typed = new java.util.LinkedHashMap<>();
		values.forEach((k, v) -> typed.put(k, Map.of("value", v, "type", "String")));
		return typed;
	}

}
