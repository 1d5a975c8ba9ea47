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
import cn.healthassist.values.Messages;

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
		task.setVariable(FollowupVariables.VISIT_DOCTOR, doctor);
	}

	@Override
	public List<FieldProblem> check(String step, Map<String, Object> v) {
		List<FieldProblem> problems = new ArrayList<>();
		switch (step) {
			case "Task_VisitHypertension" -> {
				BigDecimal systolic = range(problems, v, "systolic", Messages.get("label.systolic"), 60, 260, "mmHg");
				BigDecimal diastolic = range(problems, v, "diastolic", Messages.get("label.diastolic"), 30, 160, "mmHg");
				if (systolic != null && diastolic != null && diastolic.compareTo(systolic) >= 0) {
					problems.add(new FieldProblem("diastolic", Messages.get("followup.diastolicNotBelowSystolic")));
				}
				choice(problems, v, "medicationAdherence", "label.medicationAdherence", ADHERENCE);
			}
			case "Task_VisitDiabetes" -> {
				range(problems, v, "fastingGlucose", Messages.get("label.fastingGlucose"), 1, 33.3, "mmol/L");
				choice(problems, v, "medicationAdherence", "label.medicationAdherence", ADHERENCE);
			}
			case "Task_VisitMental" -> {
				choice(problems, v, "riskLevel", "label.riskLevel", List.of("0", "1", "2", "3", "4", "5"));
				choice(problems, v, "medicationAdherence", "label.medicationAdherence", ADHERENCE);
				choice(problems, v, "socialFunction", "label.socialFunction", List.of("good", "fair", "poor"));
				choice(problems, v, "conditionStable", "label.conditionStable", List.of("stable", "mostly", "unstable"));
			}
			case "Task_VisitTuberculosis" -> {
				choice(problems, v, "medicationTaken", "label.medicationTaken", List.of("on-time", "missed", "stopped"));
				choice(problems, v, "adverseReaction", "label.adverseReaction", List.of("none", "mild", "serious"));
				choice(problems, v, "sputumResult", "label.sputumResult", List.of("negative", "positive", "not-done"));
				choice(problems, v, "tbOutcome", "label.tbOutcome", List.of("treating", "cured", "transferred"));
			}
			case "Task_VisitCommon" -> choice(problems, v, "prescriptionFeedback", "label.prescriptionFeedback",
					List.of("followed", "partly", "not-followed"));
			case "Task_VisitGeneral" -> choice(problems, v, "visitType", "label.visitType", List.of("clinic", "home", "phone"));
			default -> {
			}
		}
		Texts.text(problems, "visitNote", Messages.get("label.visitNote"), v.get("visitNote"), false, 500);
		return problems;
	}

	/** A single-choice item: one of the allowed codes, its label the message of {@code labelKey}. */
	private static void choice(List<FieldProblem> problems, Map<String, Object> v, String field, String labelKey,
			List<String> allowed) {
		Texts.oneOf(problems, field, Messages.get(labelKey), v.get(field), allowed);
	}

	private static BigDecimal range(List<FieldProblem> problems, Map<String, Object> v, String field, String label, double min,
			double max, String unit) {
		Object value = v.get(field);
		if (value == null || value.toString().isBlank()) {
			problems.add(new FieldProblem(field, Messages.get("values.fillIn", label)));
			return null;
		}
		BigDecimal number;
		try {
			number = new BigDecimal(value.toString().strip());
		}
		catch (NumberFormatException e) {
			problems.add(new FieldProblem(field, Messages.get("followup.notANumber", label)));
			return null;
		}
		if (number.compareTo(BigDecimal.valueOf(min)) < 0 || number.compareTo(BigDecimal.valueOf(max)) > 0) {
			problems.add(new FieldProblem(field, Messages.get("followup.outOfRange", label,
					number.stripTrailingZeros().toPlainString(), unit, BigDecimal.valueOf(min).stripTrailingZeros().toPlainString(),
					BigDecimal.valueOf(max).stripTrailingZeros().toPlainString())));
			return null;
		}
		return number;
	}

}
