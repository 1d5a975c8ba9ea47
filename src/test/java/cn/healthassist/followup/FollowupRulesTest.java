package cn.healthassist.followup;

import static cn.healthassist.support.Vars.vars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.math.BigDecimal;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import cn.healthassist.problems.FieldProblem;
import cn.healthassist.processes.ProcessKeys;

/** The rules of the follow-up visit forms: plausible vital signs and an answer to every single-choice item. */
class FollowupRulesTest {

	private final FollowupRules rules = new FollowupRules();

	private static Map<String, Object> hypertension(Object systolic, Object diastolic) {
		return vars("systolic", systolic, "diastolic", diastolic, "medicationAdherence", "regular", "visitNote",
				"血压控制良好，嘱低盐饮食。");
	}

	@Test
	void theRules_areThoseOfChronicFollowup() {
		assertThat(rules.processKey()).isEqualTo(ProcessKeys.CHRONIC_FOLLOWUP);
	}

	// hypertension

	@Test
	void aHypertensionVisitWithPlausiblePressures_passes() {
		assertThat(rules.check("Task_VisitHypertension", hypertension("138", "86"))).isEmpty();
		assertThat(rules.check("Task_VisitHypertension", hypertension(145L, 92L))).as("numbers as Tasklist sends them").isEmpty();
		assertThat(rules.check("Task_VisitHypertension", hypertension(" 120.5 ", new BigDecimal("80")))).isEmpty();
	}

	@Test
	void theLimitsOfTheRanges_areAccepted() {
		assertThat(rules.check("Task_VisitHypertension", hypertension("260", "160"))).isEmpty();
		assertThat(rules.check("Task_VisitHypertension", hypertension("60", "30"))).isEmpty();
	}

	@Test
	void aSystolicPressureTypedWithAnExtraDigit_isRefusedWithTheRange() {
		assertThat(rules.check("Task_VisitHypertension", hypertension("1450", "90")))
			.containsExactly(new FieldProblem("systolic", "收缩压 1450 mmHg 不在合理范围（60～260 mmHg），请核对"));
	}

	@ParameterizedTest
	@CsvSource({ "59.9,80,systolic,收缩压 59.9 mmHg 不在合理范围（60～260 mmHg），请核对",
			"260.5,80,systolic,收缩压 260.5 mmHg 不在合理范围（60～260 mmHg），请核对",
			"120,29,diastolic,舒张压 29 mmHg 不在合理范围（30～160 mmHg），请核对",
			"200,161,diastolic,舒张压 161 mmHg 不在合理范围（30～160 mmHg），请核对",
			"120,-80,diastolic,舒张压 -80 mmHg 不在合理范围（30～160 mmHg），请核对" })
	void aPressureJustOutsideItsRange_isRefused(String systolic, String diastolic, String field, String message) {
		assertThat(rules.check("Task_VisitHypertension", hypertension(systolic, diastolic)))
			.containsExactly(new FieldProblem(field, message));
	}

	@Test
	void aPressureWithTrailingZeros_isShownPlainly() {
		assertThat(rules.check("Task_VisitHypertension", hypertension("300.00", "80")))
			.containsExactly(new FieldProblem("systolic", "收缩压 300 mmHg 不在合理范围（60～260 mmHg），请核对"));
	}

	@Test
	void aDiastolicNotBelowTheSystolic_isRefused() {
		assertThat(rules.check("Task_VisitHypertension", hypertension("120", "120")))
			.containsExactly(new FieldProblem("diastolic", "舒张压应低于收缩压，请核对"));
		assertThat(rules.check("Task_VisitHypertension", hypertension("90", "110")))
			.containsExactly(new FieldProblem("diastolic", "舒张压应低于收缩压，请核对"));
	}

	@Test
	void pressuresThatAreNoNumbers_areRefused() {
		assertThat(rules.check("Task_VisitHypertension", hypertension("138/86", "八十")))
			.containsExactly(new FieldProblem("systolic", "收缩压应为数字"), new FieldProblem("diastolic", "舒张压应为数字"));
	}

	@Test
	void anEmptyHypertensionVisit_asksForEachItem() {
		assertThat(rules.check("Task_VisitHypertension", vars("systolic", " "))).containsExactly(
				new FieldProblem("systolic", "请填写收缩压"), new FieldProblem("diastolic", "请填写舒张压"),
				new FieldProblem("medicationAdherence", "请选择服药依从性"));
	}

	@Test
	void anUnknownAdherence_isRefusedListingTheChoices() {
		Map<String, Object> v = hypertension("138", "86");
		v.put("medicationAdherence", "sometimes");
		assertThat(rules.check("Task_VisitHypertension", v))
			.containsExactly(new FieldProblem("medicationAdherence", "服药依从性的取值无效（可选：regular、intermittent、none）"));
	}

	// diabetes

	@ParameterizedTest
	@ValueSource(strings = { "1", "7.2", "33.3" })
	void aPlausibleFastingGlucose_passes(String glucose) {
		assertThat(rules.check("Task_VisitDiabetes", vars("fastingGlucose", glucose, "medicationAdherence", "intermittent")))
			.isEmpty();
	}

	@ParameterizedTest
	@CsvSource({ "0.9,空腹血糖 0.9 mmol/L 不在合理范围（1～33.3 mmol/L），请核对",
			"33.4,空腹血糖 33.4 mmol/L 不在合理范围（1～33.3 mmol/L），请核对",
			"72,空腹血糖 72 mmol/L 不在合理范围（1～33.3 mmol/L），请核对" })
	void anImplausibleFastingGlucose_isRefusedWithTheRange(String glucose, String message) {
		assertThat(rules.check("Task_VisitDiabetes", vars("fastingGlucose", glucose, "medicationAdherence", "regular")))
			.containsExactly(new FieldProblem("fastingGlucose", message));
	}

	@Test
	void anEmptyDiabetesVisit_asksForGlucoseAndAdherence() {
		assertThat(rules.check("Task_VisitDiabetes", vars())).containsExactly(new FieldProblem("fastingGlucose", "请填写空腹血糖"),
				new FieldProblem("medicationAdherence", "请选择服药依从性"));
	}

	// severe mental disorder

	@Test
	void aMentalHealthVisitWithEveryAnswer_passes() {
		assertThat(rules.check("Task_VisitMental", vars("riskLevel", "0", "medicationAdherence", "regular", "socialFunction",
				"fair", "conditionStable", "mostly"))).isEmpty();
	}

	@Test
	void aMentalHealthVisitWithAnswersOutsideTheLists_isRefusedForEach() {
		assertThat(rules.check("Task_VisitMental", vars("riskLevel", "6", "medicationAdherence", "none", "socialFunction",
				"excellent", "conditionStable", "stable"))).containsExactly(
						new FieldProblem("riskLevel", "危险性评估的取值无效（可选：0、1、2、3、4、5）"),
						new FieldProblem("socialFunction", "社会功能情况的取值无效（可选：good、fair、poor）"));
	}

	@Test
	void anEmptyMentalHealthVisit_asksForEachAnswer() {
		assertThat(rules.check("Task_VisitMental", vars())).containsExactly(new FieldProblem("riskLevel", "请选择危险性评估"),
				new FieldProblem("medicationAdherence", "请选择服药依从性"), new FieldProblem("socialFunction", "请选择社会功能情况"),
				new FieldProblem("conditionStable", "请选择病情"));
	}

	@Test
	void aRiskLevelAsANumber_isTakenAsItsText() {
		assertThat(rules.check("Task_VisitMental", vars("riskLevel", 3, "medicationAdherence", "regular", "socialFunction",
				"poor", "conditionStable", "unstable"))).isEmpty();
	}

	// tuberculosis

	@Test
	void aTuberculosisVisitWithEveryAnswer_passes() {
		assertThat(rules.check("Task_VisitTuberculosis", vars("medicationTaken", "on-time", "adverseReaction", "mild",
				"sputumResult", "not-done", "tbOutcome", "treating"))).isEmpty();
	}

	@Test
	void anEmptyTuberculosisVisit_asksForEachAnswer() {
		assertThat(rules.check("Task_VisitTuberculosis", vars())).containsExactly(new FieldProblem("medicationTaken", "请选择服药情况"),
				new FieldProblem("adverseReaction", "请选择不良反应"), new FieldProblem("sputumResult", "请选择痰检结果"),
				new FieldProblem("tbOutcome", "请选择治疗转归"));
	}

	@Test
	void tuberculosisAnswersOutsideTheLists_areRefusedListingTheChoices() {
		assertThat(rules.check("Task_VisitTuberculosis", vars("medicationTaken", "sometimes", "adverseReaction", "severe",
				"sputumResult", "unknown", "tbOutcome", "died"))).containsExactly(
						new FieldProblem("medicationTaken", "服药情况的取值无效（可选：on-time、missed、stopped）"),
						new FieldProblem("adverseReaction", "不良反应的取值无效（可选：none、mild、serious）"),
						new FieldProblem("sputumResult", "痰检结果的取值无效（可选：negative、positive、not-done）"),
						new FieldProblem("tbOutcome", "治疗转归的取值无效（可选：treating、cured、transferred）"));
	}

	// common and general visits

	@Test
	void aCommonDiseaseVisit_needsThePrescriptionFeedback() {
		assertThat(rules.check("Task_VisitCommon", vars("prescriptionFeedback", "partly"))).isEmpty();
		assertThat(rules.check("Task_VisitCommon", vars()))
			.containsExactly(new FieldProblem("prescriptionFeedback", "请选择健康教育处方执行情况"));
		assertThat(rules.check("Task_VisitCommon", vars("prescriptionFeedback", "yes"))).containsExactly(
				new FieldProblem("prescriptionFeedback", "健康教育处方执行情况的取值无效（可选：followed、partly、not-followed）"));
	}

	@Test
	void aGeneralVisit_needsTheVisitType() {
		assertThat(rules.check("Task_VisitGeneral", vars("visitType", "home"))).isEmpty();
		assertThat(rules.check("Task_VisitGeneral", vars())).containsExactly(new FieldProblem("visitType", "请选择随访方式"));
		assertThat(rules.check("Task_VisitGeneral", vars("visitType", "video")))
			.containsExactly(new FieldProblem("visitType", "随访方式的取值无效（可选：clinic、home、phone）"));
	}

	// the visit note, on every step

	@ParameterizedTest
	@ValueSource(strings = { "Task_VisitGeneral", "Task_SomeFutureVisit" })
	void aVisitNoteWithMarkupOrTooLong_isRefusedOnAnyStep(String step) {
		Map<String, Object> v = vars("visitType", "clinic", "visitNote", "<img src=x onerror=alert(1)>");
		assertThat(rules.check(step, v)).containsExactly(new FieldProblem("visitNote", "随访记录不能包含HTML标记"));
		v.put("visitNote", "记".repeat(501));
		assertThat(rules.check(step, v)).containsExactly(new FieldProblem("visitNote", "随访记录不能超过500个字"));
	}

	@Test
	void aVisitNote_isOptional() {
		assertThat(rules.check("Task_VisitGeneral", vars("visitType", "phone"))).isEmpty();
		assertThat(rules.check("Task_SomeFutureVisit", vars())).isEmpty();
	}

	@Test
	void throughATask_theStepIsTheTasksDefinitionKey() {
		Task task = mock(Task.class);
		when(task.getTaskDefinitionKey()).thenReturn("Task_VisitHypertension");
		assertThat(rules.check(task, hypertension("1450", "90"), mock(ProcessEngineServices.class)))
			.containsExactly(new FieldProblem("systolic", "收缩压 1450 mmHg 不在合理范围（60～260 mmHg），请核对"));
	}

}
