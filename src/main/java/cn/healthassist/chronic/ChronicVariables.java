package cn.healthassist.chronic;

/** Process variables of {@code chronic-certificate} (the keys of its Camunda Forms). */
public final class ChronicVariables {

	// start form (docs/product.md 4 request fields)
	public static final String APPLICANT_NAME = "applicantName";

	public static final String ID_NUMBER = "idNumber";

	public static final String VILLAGE_CODE = "villageCode";

	public static final String HOUSEHOLD_CATEGORY = "householdCategory";

	public static final String DISEASE_CODE = "diseaseCode";

	public static final String PHONE = "phone";

	// derived at start
	public static final String CASE_NO = "caseNo";

	public static final String TOWNSHIP_CODE = "townshipCode";

	public static final String COUNTY_CODE = "countyCode";

	public static final String VILLAGE_NAME = "villageName";

	public static final String TOWNSHIP_NAME = "townshipName";

	public static final String HOUSEHOLD_CATEGORY_NAME = "householdCategoryName";

	public static final String DISEASE_NAME = "diseaseName";

	public static final String SUBJECT_NAME = "subjectName";

	// treatment-record look-up
	public static final String ZERO_MATERIAL = "zeroMaterial";

	public static final String TREATMENT_RECORD_COUNT = "treatmentRecordCount";

	public static final String TREATMENT_RECORD_SUMMARY = "treatmentRecordSummary";

	// materials
	public static final String MATERIALS_CHECKLIST = "materialsChecklist";

	public static final String MATERIALS_NOTE = "materialsNote";

	public static final String RETURN_REASON = "returnReason";

	public static final String RETURN_COUNT = "returnCount";

	// decisions
	public static final String TOWNSHIP_DECISION = "townshipDecision";

	public static final String TOWNSHIP_OPINION = "townshipOpinion";

	public static final String COUNTY_DECISION = "countyDecision";

	public static final String COUNTY_OPINION = "countyOpinion";

	public static final String COUNTY_APPROVER = "countyApprover";

	// policy explanation
	public static final String EXPLAIN_METHOD = "explainMethod";

	public static final String EXPLAIN_DATE = "explainDate";

	public static final String APPLICANT_RESPONSE = "applicantResponse";

	public static final String EXPLAIN_NOTE = "explainNote";

	// certificate
	public static final String CERTIFICATE_NO = "certificateNo";

	public static final String CERTIFICATE_VALID_FROM = "certificateValidFrom";

	// withdrawal
	public static final String WITHDRAW_REASON = "withdrawReason";

	public static final String WITHDRAWN_BY = "withdrawnBy";

	public static final String INITIATOR = "initiator";

	private ChronicVariables() {
	}

}
