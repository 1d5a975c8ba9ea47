package cn.healthassist.charity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The federation's rule itself (processes/charity-relief-rate.dmn): every rule, and the amounts at the threshold. */
class CharityReliefRateDmnTest {

	private static DmnEngine engine;

	private static DmnDecision rate;

	private static DmnDecision second;

	@BeforeAll
	static void parse() throws IOException {
		engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
		try (InputStream in = new FileInputStream("processes/charity-relief-rate.dmn")) {
			List<DmnDecision> decisions = engine.parseDecisions(in);
			rate = decisions.stream().filter(d -> d.getKey().equals("charity-relief-rate")).findFirst().orElseThrow();
			second = decisions.stream().filter(d -> d.getKey().equals("charity-second-approval")).findFirst().orElseThrow();
		}
	}

	private static Map<String, Object> rate(String category) {
		DmnDecisionResult result = engine.evaluateDecision(rate, Variables.createVariables().putValue("householdCategory", category));
		return result.getSingleResult().getEntryMap();
	}

	@ParameterizedTest
	@ValueSource(strings = { "dibao", "registered-poor" })
	void dibaoAndRegisteredPoor_getSixtyPercentWithAYearlyCap(String category) {
		Map<String, Object> r = rate(category);
		assertThat(r).containsEntry("eligible", true)
			.containsEntry("rate", "0.60")
			.containsEntry("yearlyCap", "50000.00")
			.containsEntry("ineligibleReason", "");
	}

	@ParameterizedTest
	@ValueSource(strings = { "sanwu", "jingjian", "wubao", "orphan", "hardship-child", "priority-care", "hardship-worker", "none" })
	void everyOtherCategory_isNotEligible(String category) {
		Map<String, Object> r = rate(category);
		assertThat(r).containsEntry("eligible", false).containsEntry("rate", "0.00");
		assertThat((String) r.get("ineligibleReason")).isEqualTo("慈善救助仅面向低保人员和建档立卡户");
	}

	@ParameterizedTest(name = "{0} yuan -> second approval {1}")
	@CsvSource({ "0.01,false", "3600.00,false", "9999.99,false", "10000.00,false", "10000.01,true", "12000.00,true",
			"50000.00,true" })
	void aSecondApprovalAboveTenThousandYuan(String amount, boolean required) {
		DmnDecisionResult result = engine.evaluateDecision(second, Variables.createVariables().putValue("reliefAmount", amount));
		assertThat(result.getSingleResult().<Boolean>getSingleEntry()).isEqualTo(required);
	}

	@Test
	void eachDecisionHasAHistoryTimeToLive() throws IOException {
		String xml = new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("processes/charity-relief-rate.dmn")),
				java.nio.charset.StandardCharsets.UTF_8);
		assertThat(xml).contains("id=\"charity-relief-rate\"").contains("id=\"charity-second-approval\"");
		assertThat(xml.split("camunda:historyTimeToLive=").length - 1).isEqualTo(2);
	}

}
