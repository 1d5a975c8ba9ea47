package cn.healthassist.referral;

/** Element ids of processes/county-referral.bpmn that code and tests refer to. */
public final class ReferralActivities {

	public static final String UNIT_HEAD_APPROVAL = "Task_UnitHeadApproval";

	public static final String ISSUE_REFERRAL = "Task_IssueReferral";

	public static final String ISSUE_EMERGENCY_REFERRAL = "Task_IssueEmergencyReferral";

	public static final String CONFIRM_EMERGENCY = "Task_ConfirmEmergencyReferral";

	public static final String CONFIRMATION_OVERDUE = "BoundaryEvent_EmergencyConfirmationOverdue";

	public static final String SUPERVISE_OVERDUE = "Task_SuperviseOverdueEmergency";

	public static final String COMMISSION_AUDIT = "Task_CommissionAudit";

	public static final String END_REJECTED = "EndEvent_ReferralRejected";

	public static final String END_COMPLIANT = "EndEvent_AuditedCompliant";

	public static final String END_NON_COMPLIANT = "EndEvent_AuditedNonCompliant";

	public static final String END_ESCALATION_HANDLED = "EndEvent_EscalationHandled";

	private ReferralActivities() {
	}

}
