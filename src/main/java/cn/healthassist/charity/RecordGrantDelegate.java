package cn.healthassist.charity;

import cn.healthassist.values.Days;

import static cn.healthassist.charity.CharityVariables.*;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import cn.healthassist.values.Money;

/** Records the paid relief in the grant registry, where it counts toward the person's yearly total. */
@Component("recordGrant")
public class RecordGrantDelegate implements JavaDelegate {

	private final GrantMapper grants;

	public RecordGrantDelegate(GrantMapper grants) {
		this.grants = grants;
	}

	@Override
	public void execute(DelegateExecution e) {
		LocalDate paidOn = Days.parse(e.getVariable(PAYMENT_DATE).toString());
		BigDecimal approved = Money.of(e.getVariable(APPROVED_AMOUNT));
		grants.insert(new Grant(e.getProcessBusinessKey(), e.getProcessInstanceId(), s(e, ID_NUMBER), s(e, APPLICANT_NAME),
				s(e, VILLAGE_CODE), s(e, TOWNSHIP_CODE), s(e, HOUSEHOLD_CATEGORY), s(e, HOSPITAL_NAME),
				LocalDate.parse(s(e, ADMISSION_DATE)), LocalDate.parse(s(e, DISCHARGE_DATE)), m(e, TOTAL_COST),
				m(e, INSURED_COST), m(e, BASIC_INSURANCE_PAID), m(e, SERIOUS_ILLNESS_INSURANCE_PAID),
				m(e, MEDICAL_ASSISTANCE_PAID), m(e, OTHER_RELIEF_PAID), m(e, REMAINING_SELF_PAID), new BigDecimal(s(e, RATE)),
				m(e, CALCULATED_RELIEF), approved, approved, paidOn.getYear(), s(e, VOUCHER_NO), paidOn,
				s(e, FEDERATION_APPROVER), s(e, SECOND_APPROVER), s(e, PAID_BY), ClockUtil.getCurrentTime()));
	}

	private static String s(DelegateExecution e, String name) {
		Object v = e.getVariable(name);
		return v == null ? null : v.toString();
	}

	private static BigDecimal m(DelegateExecution e, String name) {
		return Money.of(e.getVariable(name));
	}

}
