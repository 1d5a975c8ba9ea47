package cn.healthassist.followup;

import java.util.List;

/** Process variables of {@code chronic-followup}. */
public final class FollowupVariables {

	public static final String CERTIFICATE_NO = "certificateNo";

	public static final String APPLICANT_NAME = "applicantName";

	public static final String ID_NUMBER = "idNumber";

	public static final String VILLAGE_CODE = "villageCode";

	public static final String VILLAGE_NAME = "villageName";

	public static final String TOWNSHIP_CODE = "townshipCode";

	public static final String COUNTY_CODE = "countyCode";

	public static final String DISEASE_CODE = "diseaseCode";

	public static final String DISEASE_NAME = "diseaseName";

	public static final String HOUSEHOLD_CATEGORY = "householdCategory";

	public static final String CASE_NO = "caseNo";

	public static final String SUBJECT_NAME = "subjectName";

	public static final String SCHEDULE_VERSION = "scheduleVersion";

	public static final String SCHEDULE = "schedule";

	public static final String VISIT_KIND = "visitKind";

	public static final String VISIT_NO = "visitNo";

	public static final String VISIT_DUE = "visitDue";

	/** When the schedule began (the first visit is planned from it): each visit is due a whole number of intervals later. */
	public static final String SCHEDULE_START = "scheduleStart";

	public static final String VISIT_DUE_TEXT = "visitDueText";

	public static final String VISIT_OPENS_AT = "visitOpensAt";

	public static final String VISIT_MISSED_AT = "visitMissedAt";

	public static final String FOLLOWUP_OUTCOME = "followupOutcome";

	public static final String PATIENT_DIED = "patientDied";

	public static final String TB_OUTCOME = "tbOutcome";

	public static final String VISIT_NOTE = "visitNote";

	/**
	 * The fields of the project's visit forms, which the engine keeps for the visit: cleared before each visit so that
	 * no earlier value is pre-filled. The visit record takes whatever the visit form held (RecordVisitDelegate, from
	 * the case record), a field a process owner added too.
	 */
	public static final List<String> VISIT_FIELDS = List.of("systolic", "diastolic", "fastingGlucose", "medicationAdherence",
			"riskLevel", "socialFunction", "conditionStable", "medicationTaken", "adverseReaction", "sputumResult", TB_OUTCOME,
			"prescriptionFeedback", "visitType", VISIT_NOTE, PATIENT_DIED);

	/** The schedule's interval (an ISO period, P3M), as the case record keeps it (ScheduleVisitDelegate). */
	public static final String SCHEDULE_INTERVAL = "scheduleInterval";

	/** Days a visit may be recorded before its due date, as the case record keeps them. */
	public static final String WINDOW_DAYS = "windowDays";

	/** Days after its due date before a visit counts as missed, as the case record keeps them. */
	public static final String GRACE_DAYS = "graceDays";

	/** The schedule decision's key (DMN), which FollowupScheduleCheck checks at each deployment. */
	public static final String SCHEDULE_DECISION = "chronic-followup-schedule";

	/**
	 * The kinds of visit the schedule may name: the product's visit forms, one a kind, between which the model's
	 * gateway chooses. A kind of its own needs a form and a model's version first.
	 */
	public static final List<String> VISIT_KINDS = List.of("hypertension", "diabetes", "mental", "tuberculosis", "common",
			"general");

	/** Who recorded the visit (FollowupRules sets it at completion, RecordVisitDelegate reads it). */
	public static final String VISIT_DOCTOR = "visitDoctor";

	private FollowupVariables() {
	}

}
