package cn.healthassist.followup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The follow-up schedule (processes/chronic-followup-schedule.dmn), every rule. */
class FollowupScheduleDmnTest {

	private static DmnEngine engine;

	private static DmnDecision schedule;

	@BeforeAll
	static void parse() throws IOException {
		engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
		try (InputStream in = new FileInputStream("processes/chronic-followup-schedule.dmn")) {
			schedule = engine.parseDecision("chronic-followup-schedule", in);
		}
	}

	@ParameterizedTest
	@CsvSource({ "HTN,hypertension,P3M", "DM,diabetes,P3M", "SMI,mental,P3M", "TB,tuberculosis,P1M", "CVD,common,P1Y", "CHD,common,P1Y",
			"COPD,common,P1Y", "RA,common,P1Y", "OA,common,P1Y", "CB,common,P1Y", "CKD,general,P1Y", "EPI,general,P1Y" })
	void scheduleByDisease(String disease, String kind, String interval) {
		Map<String, Object> r = engine.evaluateDecision(schedule, Variables.createVariables().putValue("diseaseCode", disease))
			.getSingleResult()
			.getEntryMap();
		assertThat(r).containsEntry("visitKind", kind).containsEntry("interval", interval);
		assertThat((Integer) r.get("windowDays")).isPositive();
		assertThat((Integer) r.get("graceDays")).isGreaterThan((Integer) r.get("windowDays") / 2);
	}

}
