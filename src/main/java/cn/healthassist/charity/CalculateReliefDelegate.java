package cn.healthassist.charity;

import static cn.healthassist.charity.CharityVariables.*;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

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

	public CalculateReliefDelegate(GrantMapper grants) {
		this.grants = grants;
	}

	@Override
	public void execute(DelegateExecution execution) {
		@SuppressWarnings("unchecked")
		Map<String, Object> rule = (Map<String, Object>) execution.getVariable(RELIEF_RULE);
		if (!Boolean.TRUE.equals(rule.get("eligible"))) {
			Object reason = rule.get("ineligibleReason");
			notEligible(execution, reason == null || reason.toString().isBlank() ? Messages.get("charity.notEligible")
					: reason.toString());
			return;
		}
		BigDecimal rate = new BigDecimal(rule.get("rate").toString().strip());
		BigDecimal remaining = Money.of(execution.getVariable(REMAINING_SELF_PAID));
		BigDecimal calculated = Money.apply(remaining, rate);
		int year = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneId.systemDefault()).getYear();
		BigDecimal yearTotal = grants.yearTotal((String) execution.getVariable(ID_NUMBER), year).setScale(2, RoundingMode.UNNECESSARY);
		Object capValue = rule.get("yearlyCap");
		BigDecimal cap = capValue == null || capValue.toString().isBlank() ? null : Money.of(capValue.toString().strip());
		BigDecimal relief = calculated;
		StringBuilder calculation = new StringBuilder(Messages.get("charity.calculation.base", Money.text(remaining),
				rate.stripTrailingZeros().toPlainString(), Money.text(calculated)));
		execution.setVariable(RATE, rate.toPlainString());
		execution.setVariable(RATE_PERCENT, rate.movePointRight(2).stripTrailingZeros().toPlainString() + "%");
		execution.setVariable(CALCULATED_RELIEF, Money.text(calculated));
		execution.setVariable(YEAR_TOTAL_BEFORE, Money.text(yearTotal));
		execution.setVariable(YEARLY_CAP, cap == null ? "" : Money.text(cap));
		if (cap != null) {
			BigDecimal allowance = cap.subtract(yearTotal);
			calculation.append(Messages.get("charity.calculation.yearTotal", Money.text(yearTotal), Money.text(cap)));
			if (allowance.signum() <= 0) {
				execution.setVariable(CALCULATION, calculation.toString());
				notEligible(execution, Messages.get("charity.capReached", Money.text(cap)));
				return;
			}
			if (allowance.compareTo(calculated) < 0) {
				relief = allowance;
				calculation.append(Messages.get("charity.calculation.capped", Money.text(relief)));
			}
		}
		execution.setVariable(CALCULATION, calculation.toString());
		if (relief.signum() == 0) {
			notEligible(execution, Messages.get("charity.nothingToRelieve"));
			return;
		}
		execution.setVariable(RELIEF_AMOUNT, Money.text(relief));
		execution.setVariable(ELIGIBLE, true);
		execution.setVariable(INELIGIBLE_REASON, null);
	}

	private static void notEligible(DelegateExecution execution, String reason) {
		execution.setVariable(ELIGIBLE, false);
		execution.setVariable(INELIGIBLE_REASON, reason);
		execution.setVariable(RELIEF_AMOUNT, "0.00");
	}

}
