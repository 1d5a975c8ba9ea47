package cn.healthassist.charity;

import static cn.healthassist.charity.CharityCases.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

import cn.healthassist.support.Http;
import cn.healthassist.support.IntegrationTest;
import cn.healthassist.support.TestIds;

/** POST /api/charity-relief-applications: every rule refuses with the field and reason, and stores nothing. */
class CharityApiIT extends IntegrationTest {

	private static final String START = "/api/charity-relief-applications";

	@Autowired
	RepositoryService repositoryService;

	private int stored(String id) {
		return count("SELECT COUNT(*) FROM ha_case WHERE id_index = ?", idIndex(id))
				+ count("SELECT COUNT(*) FROM ha_case c JOIN ACT_RU_EXECUTION e ON e.BUSINESS_KEY_ = c.business_key WHERE c.id_index = ?", idIndex(id))
				+ count("SELECT COUNT(*) FROM ACT_RU_VARIABLE WHERE NAME_ = \'idNumber\' AND TEXT_ = ?", id);
	}

	@ParameterizedTest(name = "{0} = {1} -> {3}")
	@CsvSource(delimiter = '|', value = { //
			"totalCost|-1.00|totalCost|住院总费用不能为负数", //
			"insuredCost|12a|insuredCost|医保规定内费用应为金额（元），如 1234.50", //
			"basicInsurancePaid|100.123|basicInsurancePaid|基本医保报销最多两位小数（精确到分）", //
			"insuredCost|36000.00|insuredCost|医保规定内费用（36000.00元）不能超过住院总费用（35000.00元）", //
			"medicalAssistancePaid|12000.00|basicInsurancePaid|已报销和已救助的合计（32000.00元）不能超过医保规定内费用（30000.00元）", //
			"otherReliefPaid||otherReliefPaid|请填写其他部门救助", //
			"householdCategory|none|householdCategory|以上均不是不在慈善救助范围：慈善救助仅面向低保人员和建档立卡户", //
			"householdCategory|wubao|householdCategory|五保户不在慈善救助范围", //
			"admissionDate|2026-02-30|admissionDate|入院日期应为日期", //
			"villageCode|T02V01|villageCode|不在您的辖区内", //
			"idNumber|WRONG|idNumber|身份证号码校验位不正确" })
	void aRefusedRequestNamesTheFieldAndStoresNothing(String field, String value, String errorField, String message) {
		String id = TestIds.newIdNumber();
		Object v = "WRONG".equals(value) ? TestIds.withWrongCheck(id) : value;
		Http.Response r = http(COMMITTEE).postJson(START, with(request(id), field, v));
		assertThat(r.status()).as(r.body()).isIn(400, 403);
		assertThat(r.contentType()).startsWith("application/problem+json");
		assertThat(r.json().path("detail").asText()).contains(message);
		assertThat(r.json().path("errors").findValuesAsText("field")).contains(errorField);
		assertThat(stored(id)).isZero();
	}

	@Test
	void dischargeBeforeAdmission_isRefused() {
		String id = TestIds.newIdNumber();
		Map<String, Object> body = with(with(request(id), "admissionDate", LocalDate.now().minusDays(3).toString()), "dischargeDate",
				LocalDate.now().minusDays(4).toString());
		Http.Response r = http(COMMITTEE).postJson(START, body);
		assertThat(r.status()).isEqualTo(400);
		assertThat(r.json().path("errors").get(0).path("field").asText()).isEqualTo("dischargeDate");
		assertThat(r.json().path("detail").asText()).isEqualTo("出院日期不能早于入院日期");
		assertThat(stored(id)).isZero();
	}

	@Test
	void amountsAsJsonNumbers_areReadExactly() {
		Map<String, Object> body = request(TestIds.newIdNumber());
		body.put("totalCost", new java.math.BigDecimal("35000.10"));
		body.put("insuredCost", 30000.1);
		body.put("basicInsurancePaid", 15000);
		body.put("otherReliefPaid", 0.1);
		Http.Response r = http(COMMITTEE).postJson(START, body);
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		String pi = r.json().path("processInstanceId").asText();
		assertThat(fact(pi, "insuredCost")).isEqualTo("30000.10");
		assertThat(fact(pi, "remainingSelfPaid")).isEqualTo("6000.00");
	}

	@Test
	void onlyTheVillageCommitteeStarts_andOneRunningRequestPerPerson() {
		String id = TestIds.newIdNumber();
		assertThat(http("doctor-t01v01").postJson(START, request(id)).status()).isEqualTo(403);
		assertThat(http("civil-t01").postJson(START, request(id)).status()).isEqualTo(403);
		assertThat(stored(id)).isZero();
		assertThat(http(COMMITTEE).postJson(START, request(id)).status()).isEqualTo(201);
		Http.Response again = http(COMMITTEE).postJson(START, request(id));
		assertThat(again.status()).isEqualTo(409);
		assertThat(count("SELECT COUNT(*) FROM ha_case WHERE id_index = ?", idIndex(id))).isOne();
	}

	@Test
	void anObjectionOutsideTheJurisdictionOrTheNotice_isRefused() {
		Http.Response r = http(COMMITTEE).postJson(START, request(TestIds.newIdNumber()));
		String key = r.json().path("businessKey").asText();
		String path = START + "/" + key + "/objections";
		assertThat(http("committee-t02v01").postJson(path, Map.of("reason", "x")).status()).isEqualTo(404);
		assertThat(http(COMMITTEE).postJson(path, Map.of("reason", "")).status()).isEqualTo(400);
		assertThat(http(COMMITTEE).postJson(path, Map.of("reason", "不在公示期")).status()).isEqualTo(409);
	}

	@Test
	void aNewRuleVersion_appliesToNewCases_whileRunningCasesKeepTheirs() throws IOException {
		ProcessInstance before = start();
		String original = Files.readString(Path.of("processes/charity-relief-rate.dmn"), StandardCharsets.UTF_8);
		Deployment changed = repositoryService.createDeployment()
			.name("charity-relief-rate 50%")
			.addString("charity-relief-rate.dmn", original.replace("<text>\"0.60\"</text>", "<text>\"0.50\"</text>"))
			.deploy();
		try {
			ProcessInstance after = start();
			complete(CIVIL, before.getId(), CharityActivities.VERIFICATION, Map.of("verificationDecision", "pass",
					"verificationOpinion", "核实无误", "householdCategory", "registered-poor"));
			complete(CIVIL, after.getId(), CharityActivities.VERIFICATION, Map.of("verificationDecision", "pass",
					"verificationOpinion", "核实无误", "householdCategory", "registered-poor"));
			assertThat(runtimeService.getVariable(before.getId(), "reliefAmount")).as("started under 0.60").isEqualTo("3600.00");
			assertThat(runtimeService.getVariable(after.getId(), "reliefAmount")).as("started under 0.50").isEqualTo("3000.00");
		}
		finally {
			// the newest version is the original rule again, for the other tests
			repositoryService.createDeployment().name("charity-relief-rate restored").addString("charity-relief-rate.dmn", original).deploy();
			assertThat(changed.getId()).isNotBlank();
		}
	}

	private ProcessInstance start() {
		Http.Response r = http(COMMITTEE).postJson(START, request(TestIds.newIdNumber()));
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		return runtimeService.createProcessInstanceQuery().processInstanceId(r.json().path("processInstanceId").asText()).singleResult();
	}

}
