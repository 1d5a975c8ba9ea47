package cn.healthassist.referral;

/** Process variables of {@code county-referral} (the keys of its Camunda Forms). */
public final class ReferralVariables {

	public static final String PATIENT_NAME = "patientName";

	public static final String APPLICANT_NAME = "applicantName";

	public static final String ID_NUMBER = "idNumber";

	public static final String HOUSEHOLD_CATEGORY = "householdCategory";

	public static final String HOUSEHOLD_CATEGORY_NAME = "householdCategoryName";

	public static final String HOSPITAL_CODE = "hospitalCode";

	public static final String HOSPITAL_NAME = "hospitalName";

	public static final String DIAGNOSIS = "diagnosis";

	public static final String REASON = "reason";

	public static final String DESTINATION_CODE = "destinationHospitalCode";

	public static final String DESTINATION_NAME = "destinationHospitalName";

	public static final String URGENCY = "urgency";

	public static final String URGENCY_NAME = "urgencyName";

	public static final String CASE_NO = "caseNo";

	public static final String SUBJECT_NAME = "subjectName";

	public static final String COUNTY_CODE = "countyCode";

	public static final String REFERRAL_NO = "referralNo";

	public static final String HEAD_DECISION = "headDecision";

	public static final String HEAD_DECISION_NAME = "headDecisionName";

	public static final String HEAD_OPINION = "headOpinion";

	public static final String AUDIT_OUTCOME = "auditOutcome";

	public static final String AUDIT_OPINION = "auditOpinion";

	public static final String SUPERVISE_ACTION = "superviseAction";

	public static final String SUPERVISE_NOTE = "superviseNote";

	private ReferralVariables() {
	}

}
