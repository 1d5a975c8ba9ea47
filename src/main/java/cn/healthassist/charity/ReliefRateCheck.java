package cn.healthassist.charity;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

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
 * The federation's rate decision (DMN {@code charity-relief-rate}) as the relief's calculation uses it, checked when a
 * process owner deploys a version: for every household category of the reference data exactly one rule answers, with
 * {@code eligible} true or false and, where eligible, a rate from 0 to 1 (a relief is a part of what the patient paid
 * themselves) and a yearly cap that is empty or an amount. CalculateReliefDelegate checks the rate again where it runs.
 */
@Component
class ReliefRateCheck implements DecisionCheck {

	private final OrganisationMapper organisation;

	ReliefRateCheck(OrganisationMapper organisation) {
		this.organisation = organisation;
	}

	@Override
	public String decisionKey() {
		return CharityActivities.RATE_DECISION;
	}

	@Override
	public List<String> problems(DmnEngine engine, DmnDecision decision) {
		List<String> problems = new ArrayList<>();
		for (CodeName category : organisation.selectHouseholdCategories()) {
			DmnDecisionResultEntries rule;
			try {
				rule = engine.evaluateDecision(decision,
						Variables.createVariables().putValue(CharityVariables.HOUSEHOLD_CATEGORY, category.code()))
					.getSingleResult();
			}
			catch (RuntimeException e) {
				problems.add(Messages.get("charity.rate.check.failed", category.code(), String.valueOf(e.getMessage())));
				continue;
			}
			if (rule == null) {
				problems.add(Messages.get("charity.rate.check.noRule", category.code()));
				continue;
			}
			Object eligible = rule.get("eligible");
			if (!(eligible instanceof Boolean)) {
				problems.add(Messages.get("charity.rate.check.eligible", category.code()));
				continue;
			}
			if (Boolean.TRUE.equals(eligible)) {
				Object rate = rule.get("rate");
				if (!number(rate, BigDecimal.ONE)) {
					problems.add(Messages.get("charity.rate.check.rate", category.code(), String.valueOf(rate)));
				}
				Object cap = rule.get("yearlyCap");
				if (cap != null && !cap.toString().isBlank() && !number(cap, null)) {
					problems.add(Messages.get("charity.rate.check.cap", category.code(), cap));
				}
			}
		}
		return problems;
	}

	/** Whether the value is a number from 0 up to the most given (none: no most). */
	private static boolean number(Object value, BigDecimal most) {
		try {
			BigDecimal n = new BigDecimal(String.valueOf(value).strip());
			return n.signum() >= 0 && (most == null || n.compareTo(most) <= 0);
		}
		catch (NumberFormatException e) {
			return false;
		}
	}

}
