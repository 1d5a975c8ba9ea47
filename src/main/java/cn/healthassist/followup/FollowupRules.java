package cn.healthassist.followup;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

import cn.healthassist.problems.CaseRejectedException;
import cn.healthassist.problems.FieldProblem;
import cn.healthassist.processes.ProcessKeys;
import cn.healthassist.engine.TaskCompletionRules;
import cn.healthassist.values.Texts;

/**
 * The rules of the visit forms, checked before a visit is recorded: plausible vital signs (blood pressure,
 * fasting blood glucose) and an answer to every single-choice item.
 */
@Component("followupRules")
public class FollowupRules implements TaskListener, TaskCompletionRules.ByStep {

	static final List<String> ADHERENCE = List.of("regular", "intermittent", "none");

	@Override
	public String processKey() {
		return ProcessKeys.CHRONIC_FOLLOWUP;
	}

	@Override
	public void notify(DelegateTask task) {
		List<FieldProblem> problems = check(task.getTaskDefinitionKey(), task.getVariables());
		if (!problems.isEmpty()) {
			throw CaseRejectedException.badInput(problems);
		}
		String doctor = task.getAssignee();
		if (doctor == null) {
			Authentication auth = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
			doctor = auth == null ? null : auth.getUserId();
		}
		task.setVariable("visitDoctor", doctor);
	}

	@Override
	public List<FieldProblem> check(String step, Map<String, Object> v) {
		List<FieldProblem> problems = new ArrayList<>();
		switch (step) {
			case "Task_VisitHypertension" -> {
				BigDecimal systolic = range(problems, v, "systolic", "收缩压", 60, 260, "mmHg");
				BigDecimal diastolic = range(problems, v, "diastolic", "舒张压", 30, 160, "mmHg");
				if (systolic != null && diastolic != null && diastolic.compareTo(systolic) >= 0) {
					problems.add(new FieldProblem("diastolic", "舒张压应低于收缩压，请核对"));
				}
				Texts.oneOf(problems, "medicationAdherence", "服药依从性", v.get("medicationAdherence"), ADHERENCE);
			}
			case "Task_VisitDiabetes" -> {
				range(problems, v, "fastingGlucose", "空腹血糖", 1, 33.3, "mmol/L");
				Texts.oneOf(problems, "medicationAdherence", "服药依从性", v.get("medicationAdherence"), ADHERENCE);
			}
			case "Task_VisitMental" -> {
				Texts.oneOf(problems, "riskLevel", "危险性评估", v.get("riskLevel"), List.of("0", "1", "2", "3", "4", "5"));
				Texts.oneOf(problems, "medicationAdherence", "服药依从性", v.get("medicationAdherence"), ADHERENCE);
				Texts.oneOf(problems, "socialFunction", "社会功能情况", v.get("socialFunction"), List.of("good", "fair", "poor"));
				Texts.oneOf(problems, "conditionStable", "病情", v.get("conditionStable"), List.of("stable", "mostly", "unstable"));
			}
			case "Task_VisitTuberculosis" -> {
				Texts.oneOf(problems, "medicationTaken", "服药情况", v.get("medicationTaken"), List.of("on-time", "missed", "stopped"));
				Texts.oneOf(problems, "adverseReaction", "不良反应", v.get("adverseReaction"), List.of("none", "mild", "serious"));
				Texts.oneOf(problems, "sputumResult", "痰检结果", v.get("sputumResult"), List.of("negative", "positive", "not-done"));
				Texts.oneOf(problems, "tbOutcome", "治疗转归", v.get("tbOutcome"), List.of("treating", "cured", "transferred"));
			}
			case "Task_VisitCommon" -> Texts.oneOf(problems, "prescriptionFeedback", "健康教育处方执行情况",
					v.get("prescriptionFeedback"), List.of("followed", "partly", "not-followed"));
			case "Task_VisitGeneral" -> Texts.oneOf(problems, "visitType", "随访方式", v.get("visitType"), List.of("clinic", "home", "phone"));
			default -> {
			}
		}
		Texts.text(problems, "visitNote", "随访记录", v.get("visitNote"), false, 500);
		return problems;
	}

	private static BigDecimal range(List<FieldProblem> problems, Map<String, Object> v, String field, String label, double min,
			double max, String unit) {
		Object value = v.get(field);
		if (value == null || value.toString().isBlank()) {
			problems.add(new FieldProblem(field, "请填写" + label));
			return null;
		}
		BigDecimal number;
		try {
			number = new BigDecimal(value.toString().strip());
		}
		catch (NumberFormatException e) {
			problems.add(new FieldProblem(field, label + "应为数字"));
			return null;
		}
		if (number.compareTo(BigDecimal.valueOf(min)) < 0 || number.compareTo(BigDecimal.valueOf(max)) > 0) {
			problems.add(new FieldProblem(field, label + " " + number.stripTrailingZeros().toPlainString() + " " + unit
					+ " 不在合理范围（" + BigDecimal.valueOf(min).stripTrailingZeros().toPlainString() + "～"
					+ BigDecimal.valueOf(max).stripTrailingZeros().toPlainString() + " " + unit + "），请核对"));
			return null;
		}
		return number;
	}

}
