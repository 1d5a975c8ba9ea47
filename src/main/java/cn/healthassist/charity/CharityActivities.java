package cn.healthassist.charity;

/** Element ids of processes/charity-relief.bpmn that code and tests refer to. */
public final class CharityActivities {

	public static final String SUPPLEMENT = "Task_SupplementMaterials";

	public static final String VERIFICATION = "Task_CivilVerification";

	public static final String DECIDE_RATE = "Task_DecideReliefRate";

	public static final String CALCULATE = "Task_CalculateRelief";

	public static final String DECIDE_SECOND = "Task_DecideSecondApproval";

	public static final String PUBLIC_NOTICE = "Task_StartPublicNotice";

	public static final String NOTICE_EVENTS = "Gateway_NoticeEvents";

	public static final String NOTICE_OVER = "Event_NoticePeriodOver";

	public static final String OBJECTION = "Event_ObjectionReceived";

	public static final String FEDERATION_APPROVAL = "Task_FederationApproval";

	public static final String SECOND_APPROVAL = "Task_SecondApproval";

	public static final String RECORD_PAYMENT = "Task_RecordPayment";

	public static final String RECORD_GRANT = "Task_RecordGrant";

	public static final String END_PAID = "EndEvent_ReliefPaid";

	public static final String END_NOT_ELIGIBLE = "EndEvent_NotEligible";

	public static final String END_VERIFICATION_REJECTED = "EndEvent_VerificationRejected";

	public static final String END_FEDERATION_REJECTED = "EndEvent_FederationRejected";

	public static final String END_SECOND_REJECTED = "EndEvent_SecondRejected";

	public static final String OBJECTION_MESSAGE = "charity-objection";

	/** The event an objection reaches (its reason is in the case record). */
	public static final String OBJECTION_RECEIVED = "Event_ObjectionReceived";

	public static final String RATE_DECISION = "charity-relief-rate";

	public static final String SECOND_APPROVAL_DECISION = "charity-second-approval";

	private CharityActivities() {
	}

}
