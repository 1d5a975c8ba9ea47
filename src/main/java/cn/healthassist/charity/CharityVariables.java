package cn.healthassist.charity;

import java.util.List;

/** Process variables of {@code charity-relief} (the keys of its Camunda Forms). Amounts are strings "1234.50". */
public final class CharityVariables {

	public static final String APPLICANT_NAME = "applicantName";

	public static final String ID_NUMBER = "idNumber";

	public static final String VILLAGE_CODE = "villageCode";

	public static final String VILLAGE_NAME = "villageName";

	public static final String TOWNSHIP_CODE = "townshipCode";

	public static final String TOWNSHIP_NAME = "townshipName";

	public static final String COUNTY_CODE = "countyCode";

	public static final String HOUSEHOLD_CATEGORY = "householdCategory";

	public static final String HOUSEHOLD_CATEGORY_NAME = "householdCategoryName";

	public static final String HOSPITAL_NAME = "hospitalName";

	public static final String ADMISSION_DATE = "admissionDate";

	public static final String DISCHARGE_DATE = "dischargeDate";

	public static final String TOTAL_COST = "totalCost";

	public static final String INSURED_COST = "insuredCost";

	public static final String BASIC_INSURANCE_PAID = "basicInsurancePaid";

	public static final String SERIOUS_ILLNESS_INSURANCE_PAID = "seriousIllnessInsurancePaid";

	public static final String MEDICAL_ASSISTANCE_PAID = "medicalAssistancePaid";

	public static final String OTHER_RELIEF_PAID = "otherReliefPaid";

	/** The amounts of the request, in the order the forms show them. */
	public static final List<String> AMOUNTS = List.of(TOTAL_COST, INSURED_COST, BASIC_INSURANCE_PAID,
			SERIOUS_ILLNESS_INSURANCE_PAID, MEDICAL_ASSISTANCE_PAID, OTHER_RELIEF_PAID);

	public static final String REMAINING_SELF_PAID = "remainingSelfPaid";

	public static final String CASE_NO = "caseNo";

	public static final String SUBJECT_NAME = "subjectName";

	public static final String RELIEF_RATE_VERSION = "reliefRateVersion";

	public static final String SECOND_APPROVAL_VERSION = "secondApprovalVersion";

	public static final String NOTICE_DAYS = "noticeDays";

	// verification
	public static final String VERIFIED_HOUSEHOLD_CATEGORY = "verifiedHouseholdCategory";

	public static final String VERIFICATION_DECISION = "verificationDecision";

	public static final String VERIFICATION_OPINION = "verificationOpinion";

	public static final String RETURN_REASON = "returnReason";

	public static final String SUPPLEMENT_NOTE = "supplementNote";

	// relief decision and calculation
	public static final String RELIEF_RULE = "reliefRule";

	public static final String ELIGIBLE = "eligible";

	public static final String INELIGIBLE_REASON = "ineligibleReason";

	public static final String RATE = "rate";

	public static final String RATE_PERCENT = "ratePercent";

	public static final String CALCULATED_RELIEF = "calculatedRelief";

	public static final String RELIEF_AMOUNT = "reliefAmount";

	public static final String YEARLY_CAP = "yearlyCap";

	public static final String YEAR_TOTAL_BEFORE = "yearTotalBefore";

	public static final String CALCULATION = "calculation";

	public static final String SECOND_APPROVAL_REQUIRED = "secondApprovalRequired";

	// public notice
	public static final String NOTICE_FROM = "noticeFrom";

	public static final String NOTICE_UNTIL = "noticeUntil";

	public static final String OBJECTION_REASON = "objectionReason";

	public static final String OBJECTION_COUNT = "objectionCount";

	// federation
	public static final String FEDERATION_DECISION = "federationDecision";

	public static final String APPROVED_AMOUNT = "approvedAmount";

	public static final String LOWER_REASON = "lowerReason";

	public static final String FEDERATION_OPINION = "federationOpinion";

	public static final String FEDERATION_APPROVER = "federationApprover";

	/** The approver's name, as the later forms show them (never the user id). */
	public static final String FEDERATION_APPROVER_NAME = "federationApproverName";

	public static final String SECOND_DECISION = "secondDecision";

	public static final String SECOND_OPINION = "secondOpinion";

	public static final String SECOND_APPROVER = "secondApprover";

	// payment
	public static final String VOUCHER_NO = "voucherNo";

	public static final String PAYMENT_DATE = "paymentDate";

	public static final String PAYMENT_NOTE = "paymentNote";

	public static final String PAID_BY = "paidBy";

	private CharityVariables() {
	}

}
