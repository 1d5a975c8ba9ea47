package cn.healthassist.chronic;

/** Element ids of processes/chronic-certificate.bpmn that code and tests refer to. */
public final class ChronicActivities {

	public static final String LOOK_UP_TREATMENT_RECORDS = "Task_LookUpTreatmentRecords";

	public static final String COLLECT_MATERIALS = "Task_CollectMaterials";

	public static final String TOWNSHIP_REVIEW = "Task_TownshipReview";

	public static final String COUNTY_APPROVAL = "Task_CountyApproval";

	public static final String ISSUE_CERTIFICATE = "Task_IssueCertificate";

	public static final String EXPLAIN_POLICY = "Task_ExplainPolicy";

	public static final String END_ISSUED = "EndEvent_CertificateIssued";

	public static final String END_NOT_ELIGIBLE = "EndEvent_NotEligibleExplained";

	public static final String END_WITHDRAWN = "EndEvent_ApplicationWithdrawn";

	public static final String WITHDRAW_MESSAGE = "chronic-certificate-withdraw";

	/** The event a withdrawal starts (its reason is in the case record). */
	public static final String WITHDRAW_REQUESTED = "StartEvent_WithdrawRequested";

	private ChronicActivities() {
	}

}
