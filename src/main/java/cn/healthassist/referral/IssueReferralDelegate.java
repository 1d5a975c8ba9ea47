package cn.healthassist.referral;

import static cn.healthassist.referral.ReferralVariables.*;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import cn.healthassist.audit.CaseRecords;
import cn.healthassist.numbering.Sequences;

/**
 * Issues the referral (docs/product.md 2.2 step 3): a referral number {@code ZZ-{county}-{year}-{sequence}} that never
 * repeats, in the referral registry. An emergency referral is issued at once, before the head's approval.
 */
@Component("issueReferral")
public class IssueReferralDelegate implements JavaDelegate {

	private final Sequences sequences;

	private final ReferralMapper referrals;

	private final CaseRecords caseRecords;

	public IssueReferralDelegate(Sequences sequences, ReferralMapper referrals, CaseRecords caseRecords) {
		this.caseRecords = caseRecords;
		this.sequences = sequences;
		this.referrals = referrals;
	}

	@Override
	public void execute(DelegateExecution execution) {
		Date now = ClockUtil.getCurrentTime();
		int year = LocalDate.ofInstant(now.toInstant(), ZoneId.systemDefault()).getYear();
		String prefix = "ZZ-" + caseRecords.of(execution).text(COUNTY_CODE) + "-" + year;
		String number = String.format("%s-%06d", prefix, sequences.next(prefix));
		referrals.issued(execution.getProcessBusinessKey(), number, now);
		caseRecords.establish(execution, Map.of(REFERRAL_NO, number));
	}

}
