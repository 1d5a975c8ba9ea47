package cn.healthassist.charity;

import cn.healthassist.problems.CaseRejectedException;

import static cn.healthassist.charity.CharityVariables.*;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import cn.healthassist.audit.CaseFacts;
import cn.healthassist.audit.CaseRecords;
import cn.healthassist.security.CaseProcess;
import cn.healthassist.values.Money;
import cn.healthassist.values.Messages;

/**
 * Applies the federation's rule (the result of DMN {@code charity-relief-rate}, in {@code reliefRule}) to the case:
 * relief = remaining self-paid × rate, rounded half-up to the fen, then limited by the yearly cap less what the
 * person has been paid this year (grant registry). Nothing to pay, or the cap reached, makes the case not eligible.
 */
@Component("calculateRelief")
public class CalculateReliefDelegate implements JavaDelegate {

	private final GrantMapper grants;

	private final CaseRecords caseRecords;

	public CalculateReliefDelegate(GrantMapper grants, CaseRecords caseRecords) {
		this.caseRecords = caseRecords;
		this.grants = grants;
	}

	@Override
	public void execute(DelegateExecution execution) {
		@SuppressWarnings("unchecked")
		Map<String, Object> rule = (Map<String, Object>) execution.getVariable(RELIEF_RULE);
		Map<String, Object> result = calculate(caseRecords.of(execution), rule);
		caseRecords.establish(execution, result);
		// the rule's result is in the record (rate, cap, reason); the engine keeps the gateway's and the next rule's
		// inputs (CaseProcess.engineKeeps)
		if (!CaseProcess.engineKeeps(execution.getProcessDefinitionId(), RELIEF_RULE)) {
			execution.removeVariable(RELIEF_RULE);
		}
	}

	/**
	 * The relief of the case by the rule's result (DMN {@code charity-relief-rate}, evaluated just before by the
	 * business rule task), from the amounts and the person of the case record.
	 */
	private Map<String, Object> calculate(CaseFacts facts, Map<String, Object> rule) {
		Map<String, Object> result = new LinkedHashMap<>();
		if (!Boolean.TRUE.equals(rule.get("eligible"))) {
			Object reason = rule.get("ineligibleReason");
			return notEligible(result, reason == null || reason.toString().isBlank() ? Messages.get("charity.notEligible")
					: reason.toString());
		}
		BigDecimal rate = new BigDecimal(rule.get("rate").toString().strip());
		// a relief is a part of what the patient paid themselves: a rule with a rate outside 0 to 1 is the process
		// owner's mistake, refused here (the step that ran the rule changes nothing) rather than paid
		if (rate.signum() < 0 || rate.compareTo(BigDecimal.ONE) > 0) {
			throw CaseRejectedException.conflict(Messages.get("charity.rate.outOfRange", rate.toPlainString(),
					CharityActivities.RATE_DECISION));
		}
		BigDecimal remaining = facts.money(REMAINING_SELF_PAID);
		BigDecimal calculated = Money.apply(remaining, rate);
		int year = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneId.systemDefault()).getYear();
		BigDecimal yearTotal = grants.yearTotal(facts.text(ID_NUMBER), year).setScale(2, RoundingMode.UNNECESSARY);
		Object capValue = rule.get("yearlyCap");
		BigDecimal cap = capValue == null || capValue.toString().isBlank() ? null : Money.of(capValue.toString().strip());
		BigDecimal relief = calculated;
		StringBuilder calculation = new StringBuilder(Messages.get("charity.calculation.base", Money.text(remaining),
				rate.stripTrailingZeros().toPlainString(), Money.text(calculated)));
		result.put(RATE, rate.toPlainString());
		result.put(RATE_PERCENT, rate.movePointRight(2).stripTrailingZeros().toPlainString() + "%");
		result.put(CALCULATED_RELIEF, Money.text(calculated));
		result.put(YEAR_TOTAL_BEFORE, Money.text(yearTotal));
		result.put(YEARLY_CAP, cap == null ? "" : Money.text(cap));
		if (cap != null) {
			BigDecimal allowance = cap.subtract(yearTotal);
			calculation.append(Messages.get("charity.calculation.yearTotal", Money.text(yearTotal), Money.text(cap)));
			if (allowance.signum() <= 0) {
				result.put(CALCULATION, calculation.toString());
				return notEligible(result, Messages.get("charity.capReached", Money.text(cap)));
			}
			if (allowance.compareTo(calculated) < 0) {
				relief = allowance;
				calculation.append(Messages.get("charity.calculation.capped", Money.text(relief)));
			}
		}
		result.put(CALCULATION, calculation.toString());
		if (relief.signum() == 0) {
			return notEligible(result, Messages.get("charity.nothingToRelieve"));
		}
		result.put(RELIEF_AMOUNT, Money.text(relief));
		result.put(ELIGIBLE, true);
		result.put(INELIGIBLE_REASON, null);
		return result;
	}

	private static Map<String, Object> notEligible(Map<String, Object> result, String reason) {
		result.put(ELIGIBLE, false);
		result.put(INELIGIBLE_REASON, reason);
		result.put(RELIEF_AMOUNT, "0.00");
		return result;
	}

}
