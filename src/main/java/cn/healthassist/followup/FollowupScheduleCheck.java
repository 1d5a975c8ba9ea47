package cn.healthassist.followup;

import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import cn.healthassist.engine.DecisionCheck;
import cn.healthassist.organisation.CodeName;
import cn.healthassist.organisation.OrganisationMapper;
import cn.healthassist.values.Messages;

/**
 * The follow-up's schedule decision (DMN {@code chronic-followup-schedule}) as ScheduleVisitDelegate uses it, checked
 * when a process owner deploys a version: for every disease of the catalogue exactly one rule answers, with a kind of
 * visit the product has a form for, an interval of whole days, months or years of at least one day, and the days a
 * visit opens early and stays open late as whole numbers from 0 to 366. A version that answered otherwise would stop
 * every new follow-up of that disease when its certificate is issued, or plan visits on no day.
 */
@Component
class FollowupScheduleCheck implements DecisionCheck {

	/** The most days a visit may open before its due day or stay open after it. */
	static final int MOST_DAYS = 366;

	private final OrganisationMapper organisation;

	FollowupScheduleCheck(OrganisationMapper organisation) {
		this.organisation = organisation;
	}

	@Override
	public String decisionKey() {
		return FollowupVariables.SCHEDULE_DECISION;
	}

	@Override
	public List<String> problems(DmnEngine engine, DmnDecision decision) {
		List<String> problems = new ArrayList<>();
		for (CodeName disease : organisation.selectDiseases()) {
			String code = disease.code();
			DmnDecisionResultEntries rule;
			try {
				rule = engine.evaluateDecision(decision,
						Variables.createVariables().putValue(FollowupVariables.DISEASE_CODE, code))
					.getSingleResult();
			}
			catch (RuntimeException e) {
				problems.add(Messages.get("followup.schedule.check.failed", code, String.valueOf(e.getMessage())));
				continue;
			}
			if (rule == null) {
				problems.add(Messages.get("followup.schedule.check.noRule", code));
				continue;
			}
			Object kind = rule.get("visitKind");
			if (!FollowupVariables.VISIT_KINDS.contains(kind)) {
				problems.add(Messages.get("followup.schedule.check.kind", code, String.valueOf(kind),
						String.join("、", FollowupVariables.VISIT_KINDS)));
			}
			Object interval = rule.get("interval");
			if (!interval(interval)) {
				problems.add(Messages.get("followup.schedule.check.interval", code, String.valueOf(interval)));
			}
			Map<String, String> days = Map.of(FollowupVariables.WINDOW_DAYS, Messages.get("followup.schedule.windowDays"),
					FollowupVariables.GRACE_DAYS, Messages.get("followup.schedule.graceDays"));
			days.forEach((name, label) -> {
				Object value = rule.get(name);
				if (!days(value)) {
					problems.add(Messages.get("followup.schedule.check.days", code, label, String.valueOf(value), MOST_DAYS));
				}
			});
		}
		return problems;
	}

	/** Whether the value is an ISO period of days, months or years, none negative, at least a day in all. */
	static boolean interval(Object value) {
		if (!(value instanceof String text)) {
			return false;
		}
		try {
			Period period = Period.parse(text);
			return !period.isNegative() && !period.isZero();
		}
		catch (DateTimeParseException e) {
			return false;
		}
	}

	/** Whether the value is a whole number of days from 0 to {@link #MOST_DAYS}. */
	static boolean days(Object value) {
		return (value instanceof Integer || value instanceof Long) && ((Number) value).longValue() >= 0
				&& ((Number) value).longValue() <= MOST_DAYS;
	}

}
