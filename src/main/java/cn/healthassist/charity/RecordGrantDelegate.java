package cn.healthassist.charity;

import cn.healthassist.audit.AuditEntry;
import cn.healthassist.audit.AuditLog;
import cn.healthassist.audit.CaseFacts;
import cn.healthassist.audit.CaseRecords;
import cn.healthassist.values.Days;
import cn.healthassist.values.Messages;

import static cn.healthassist.charity.CharityVariables.*;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import cn.healthassist.values.Money;

/** Records the paid relief in the grant registry, where it counts toward the person's yearly total. */
@Component("recordGrant")
public class RecordGrantDelegate implements JavaDelegate {

	private final GrantMapper grants;

	private final CaseRecords caseRecords;

	private final AuditLog auditLog;

	public RecordGrantDelegate(GrantMapper grants, CaseRecords caseRecords, AuditLog auditLog) {
		this.auditLog = auditLog;
		this.caseRecords = caseRecords;
		this.grants = grants;
	}

	@Override
	public void execute(DelegateExecution e) {
		CaseFacts f = caseRecords.of(e);
		// whatever path a model takes to this step: a grant only for a case its record shows verified by the township
		// (after the last objection), noticed in the village for the days the case started with, then approved by the
		// federation, with an amount no second approval withdrew (CharityRules), and paid by a named person; each step
		// clears what must come after it, so a step taken out of order counts for nothing
		if (!"pass".equals(f.text(VERIFICATION_DECISION))) {
			throw new ProcessEngineException(Messages.get("charity.grant.notVerified", e.getProcessBusinessKey()));
		}
		if (f.number(NOTICE_DAYS, 0) > 0 && !noticeOver(f, auditLog.entries(e.getProcessBusinessKey()))) {
			throw new ProcessEngineException(Messages.get("charity.grant.noNotice", e.getProcessBusinessKey(),
					f.number(NOTICE_DAYS, 0)));
		}
		if (!"approve".equals(f.text(FEDERATION_DECISION)) || f.text(FEDERATION_APPROVER) == null
				|| f.get(APPROVED_AMOUNT) == null || f.text(PAID_BY) == null) {
			throw new ProcessEngineException(Messages.get("charity.grant.notApproved", e.getProcessBusinessKey()));
		}
		// the relief is a part of what the patient paid themselves, whatever a changed rule's rate says
		if (f.money(APPROVED_AMOUNT).compareTo(f.money(REMAINING_SELF_PAID)) > 0) {
			throw new ProcessEngineException(Messages.get("charity.grant.overSelfPaid", e.getProcessBusinessKey(),
					Money.text(f.money(APPROVED_AMOUNT)), Money.text(f.money(REMAINING_SELF_PAID))));
		}
		// the second approval by the federation's rule, not by the model's gateway: the decision the case was started
		// with (its version is in the record), evaluated again on the relief the record holds
		if (secondApprovalRequired(f, e.getProcessBusinessKey()) && (!"approve".equals(f.text(SECOND_DECISION))
				|| f.text(SECOND_APPROVER) == null || f.text(SECOND_APPROVER).equals(f.text(FEDERATION_APPROVER)))) {
			throw new ProcessEngineException(
					Messages.get("charity.grant.notSecondApproved", e.getProcessBusinessKey(), f.text(RELIEF_AMOUNT)));
		}
		LocalDate paidOn = Days.parse(f.text(PAYMENT_DATE));
		BigDecimal approved = f.money(APPROVED_AMOUNT);
		grants.insert(new Grant(e.getProcessBusinessKey(), e.getProcessInstanceId(), f.text(ID_NUMBER),
				f.text(APPLICANT_NAME), f.text(VILLAGE_CODE), f.text(TOWNSHIP_CODE), f.text(HOUSEHOLD_CATEGORY),
				f.text(HOSPITAL_NAME), LocalDate.parse(f.text(ADMISSION_DATE)), LocalDate.parse(f.text(DISCHARGE_DATE)),
				f.money(TOTAL_COST), f.money(INSURED_COST), f.money(BASIC_INSURANCE_PAID),
				f.money(SERIOUS_ILLNESS_INSURANCE_PAID), f.money(MEDICAL_ASSISTANCE_PAID), f.money(OTHER_RELIEF_PAID),
				f.money(REMAINING_SELF_PAID), new BigDecimal(f.text(RATE)), f.money(CALCULATED_RELIEF), approved, approved,
				paidOn.getYear(), f.text(VOUCHER_NO), paidOn, f.text(FEDERATION_APPROVER), f.text(SECOND_APPROVER),
				f.text(PAID_BY), ClockUtil.getCurrentTime()));
	}

	/**
	 * Whether the record's last public notice has run its days: the notice's end (the product's timer event) is in the
	 * case's log at or after the day the notice started with. A verification or an objection clears the notice's day,
	 * and a notice that starts again sets a later one.
	 */
	static boolean noticeOver(CaseFacts f, java.util.List<AuditEntry> log) {
		String until = f.text(NOTICE_UNTIL);
		if (until == null || until.isBlank()) {
			return false;
		}
		java.time.Instant end;
		try {
			end = java.time.Instant.parse(until);
		}
		catch (java.time.format.DateTimeParseException ex) {
			return false;
		}
		return log.stream().anyMatch(entry -> AuditEntry.EVENT.equals(entry.eventType())
				&& CharityActivities.NOTICE_OVER.equals(entry.activityId()) && entry.occurredAt() != null
				// a database may keep whole seconds of the time the timer fired
				&& !entry.occurredAt().toInstant().isBefore(end.minusSeconds(1)));
	}

	/**
	 * Whether DMN {@code charity-second-approval}, at the version recorded when the case started, asks for a second
	 * approval of the relief in the record. Evaluated as the business rule task does (Camunda's deployment cache and
	 * DMN engine, so the decision history shows this evaluation at the grant step), without a person's authorization.
	 * A decision that is not there, or answers nothing or no yes/no, pays nothing: the job fails.
	 */
	static boolean secondApprovalRequired(CaseFacts f, String businessKey) {
		ProcessEngineConfigurationImpl engine = Context.getProcessEngineConfiguration();
		int version = f.number(SECOND_APPROVAL_VERSION, -1);
		DmnDecision decision = version < 1 ? null
				: (DmnDecision) engine.getDeploymentCache()
					.findDeployedDecisionDefinitionByKeyAndVersion(CharityActivities.SECOND_APPROVAL_DECISION, version);
		Object required = decision == null ? null
				: engine.getDmnEngine()
					.evaluateDecision(decision, Variables.createVariables().putValue(RELIEF_AMOUNT, f.text(RELIEF_AMOUNT)))
					.getSingleEntry();
		if (!(required instanceof Boolean answer)) {
			throw new ProcessEngineException(Messages.get("charity.grant.secondApprovalUndecided", businessKey,
					CharityActivities.SECOND_APPROVAL_DECISION, version));
		}
		return answer;
	}

}
