package cn.healthassist.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import cn.healthassist.processes.ProcessKeys;

/**
 * The four processes, each declared once (docs/product.md 2 and 3): its key, its business-key prefix, which group
 * starts it, which groups see its cases (its jurisdiction: a group of the case's village, of its township, of its
 * hospital, and a county office) and the product's tables that hold its records. The start listeners' business keys,
 * the case's read grants, the groups' start rights (IdentitySync), who sees which case in the search, the trail and
 * the documents (CaseScope), and the welcome page's 发起 and 案件查询 links read this declaration.
 */
public enum CaseProcess {

	/**
	 * The engine keeps what the gateways, the candidate groups and Tasklist's list read, a return's reason and the
	 * checklist the next forms show as a list; the rest of a case's values are its record's.
	 */
	CHRONIC_CERTIFICATE(ProcessKeys.CHRONIC_CERTIFICATE, "CC", Groups.VILLAGE_DOCTOR, Groups.VILLAGE_DOCTOR,
			Groups.TOWNSHIP_HEALTH, List.of(), Groups.COUNTY_INSURANCE, List.of("ha_case", "ha_certificate", "ha_audit_log"),
			Set.of("caseNo", "applicantName", "villageName", "subjectName", "villageCode", "townshipCode", "zeroMaterial",
					"townshipDecision", "countyDecision", "returnReason", "materialsChecklist", "initiator", "caseStatus",
					"withdrawReason", "withdrawnBy")),

	/** The engine keeps what the gateways, the candidate group and Tasklist's list read. */
	COUNTY_REFERRAL(ProcessKeys.COUNTY_REFERRAL, "RF", Groups.HOSPITAL_DOCTOR, null, null,
			List.of(Groups.HOSPITAL_DOCTOR, Groups.HOSPITAL_HEAD), Groups.HEALTH_COMMISSION,
			List.of("ha_case", "ha_referral", "ha_audit_log"),
			Set.of("caseNo", "applicantName", "hospitalName", "subjectName", "hospitalCode", "urgency", "headDecision",
					"auditOutcome", "initiator", "caseStatus")),

	/**
	 * The engine keeps what the gateways, the notice's timer, the candidate groups and Tasklist's list read, the inputs
	 * of the two decision tables (the household category, the relief amount) and the versions of them the case pinned,
	 * and a return's reason; amounts, opinions, approvers and the payment are its record's.
	 */
	CHARITY_RELIEF(ProcessKeys.CHARITY_RELIEF, "CR", Groups.VILLAGE_COMMITTEE, Groups.VILLAGE_COMMITTEE,
			Groups.TOWNSHIP_CIVIL, List.of(), Groups.CHARITY_FEDERATION, List.of("ha_case", "ha_grant", "ha_audit_log"),
			Set.of("caseNo", "applicantName", "villageName", "hospitalName", "subjectName", "villageCode", "townshipCode",
					"householdCategory", "reliefRateVersion", "secondApprovalVersion", "eligible", "reliefAmount",
					"secondApprovalRequired", "noticeDays", "noticeUntil", "verificationDecision", "federationDecision",
					"secondDecision", "returnReason", "initiator", "caseStatus")),

	/**
	 * Started by the product when a certificate is issued, never by a person. The engine keeps what Tasklist's list,
	 * the candidate group, the model's gateways, due date and timers read, the schedule rule's input, version and
	 * result until the first visit is planned, and a visit's answers from its completion until the next visit is
	 * planned (the visit record and the outcome's gateway read them); the certificate, the ID number, the township, the
	 * disease's name, the schedule and each visit's number are its record's.
	 */
	CHRONIC_FOLLOWUP(ProcessKeys.CHRONIC_FOLLOWUP, "FU", null, Groups.VILLAGE_DOCTOR, Groups.TOWNSHIP_HEALTH, List.of(),
			Groups.HEALTH_COMMISSION, List.of("ha_case", "ha_followup_visit", "ha_audit_log"),
			Set.of("caseNo", "applicantName", "villageName", "subjectName", "villageCode", "visitKind", "visitDue",
					"visitOpensAt", "visitMissedAt", "followupOutcome", "diseaseCode", "scheduleVersion", "schedule",
					"caseStatus", "visitDoctor", "systolic", "diastolic", "fastingGlucose", "medicationAdherence",
					"riskLevel", "socialFunction", "conditionStable", "medicationTaken", "adverseReaction",
					"sputumResult", "tbOutcome", "prescriptionFeedback", "visitType", "visitNote", "patientDied"));

	/**
	 * The variables that hold a case's jurisdiction (each level's code, and the county's), in their names' order, fixed
	 * by its start rule from the starter's village or hospital: no step's form and no model's mapping may set them
	 * (engine/PersonCommandGuard, engine/ModelRules).
	 */
	public static final Set<String> JURISDICTION_CODES = jurisdictionCodes();

	/** The level of the organisation a jurisdiction group belongs to, and the variable of a case's code there. */
	public enum Level {
		VILLAGE("villageCode"), TOWNSHIP("townshipCode"), HOSPITAL("hospitalCode");

		private final String codeVariable;

		Level(String codeVariable) {
			this.codeVariable = codeVariable;
		}

		/**
		 * The variable that holds a case's code at this level, the suffix of its groups
		 * ({@code township-health-${townshipCode}}).
		 */
		public String codeVariable() {
			return codeVariable;
		}
	}

	private static Set<String> jurisdictionCodes() {
		Set<String> codes = new java.util.TreeSet<>(List.of("countyCode"));
		Arrays.stream(Level.values()).map(Level::codeVariable).forEach(codes::add);
		return java.util.Collections.unmodifiableSet(codes);
	}

	private final String key;

	private final String businessKeyPrefix;

	private final String starter;

	private final String village;

	private final String township;

	private final List<String> hospital;

	private final String county;

	private final List<String> records;

	private final Set<String> engineKeeps;

	CaseProcess(String key, String businessKeyPrefix, String starter, String village, String township,
			List<String> hospital, String county, List<String> records, Set<String> engineKeeps) {
		this.key = key;
		this.businessKeyPrefix = businessKeyPrefix;
		this.starter = starter;
		this.village = village;
		this.township = township;
		this.hospital = hospital;
		this.county = county;
		this.records = records;
		this.engineKeeps = java.util.Objects.requireNonNull(engineKeeps, key);
	}

	/**
	 * Whether the engine keeps this value of a case as a process variable. Each process declares what its engine keeps
	 * (an allow-list); every other value is in its case record only: the start, each step's form and each rule write
	 * the record, and the forms show it from there (cases/RecordValuesInForms).
	 */
	public boolean engineKeeps(String variable) {
		return engineKeeps.contains(variable);
	}

	/** A process definition's key, from its id ({@code key:version:id}); null for none. */
	public static String keyOf(String processDefinitionId) {
		int colon = processDefinitionId == null ? -1 : processDefinitionId.indexOf(':');
		return colon < 0 ? processDefinitionId : processDefinitionId.substring(0, colon);
	}

	/** As {@link #engineKeeps(String)}, for the process of a process definition id ({@code key:version:id}). */
	public static boolean engineKeeps(String processDefinitionId, String variable) {
		String key = keyOf(processDefinitionId);
		return Arrays.stream(values()).filter(p -> p.key.equals(key)).findFirst()
			.map(p -> p.engineKeeps(variable))
			.orElse(true);
	}

	public String key() {
		return key;
	}

	/** The business key's prefix (docs/product.md 4: CC-, RF-, CR-; FU- for a follow-up). */
	public String businessKeyPrefix() {
		return businessKeyPrefix;
	}

	/** The prefix of the jurisdiction groups whose members start it ({@code village-doctor-}); empty for the product. */
	public Optional<String> starter() {
		return Optional.ofNullable(starter);
	}

	/** The county office that sees every case of the process ({@code county-insurance}). */
	public String county() {
		return county;
	}

	/** The product's tables that hold the records of its cases. */
	public List<String> records() {
		return records;
	}

	/** The prefixes of the jurisdiction groups at the level that see the process's cases there. */
	public List<String> groupsAt(Level level) {
		return switch (level) {
			case VILLAGE -> village == null ? List.of() : List.of(village);
			case TOWNSHIP -> township == null ? List.of() : List.of(township);
			case HOSPITAL -> hospital;
		};
	}

	/** The groups that may read a case of the process: of its village, township and hospital, and the county office. */
	public List<String> readers(String villageCode, String townshipCode, String hospitalCode) {
		List<String> groups = new ArrayList<>();
		add(groups, Level.VILLAGE, villageCode);
		add(groups, Level.TOWNSHIP, townshipCode);
		add(groups, Level.HOSPITAL, hospitalCode);
		groups.add(county);
		return groups;
	}

	private void add(List<String> groups, Level level, String code) {
		for (String prefix : groupsAt(level)) {
			if (code == null) {
				throw new IllegalArgumentException(key + " needs the " + level.name().toLowerCase() + " of its case");
			}
			groups.add(prefix + code);
		}
	}

	/** The process of the key. */
	public static CaseProcess of(String key) {
		return Arrays.stream(values())
			.filter(p -> p.key.equals(key))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("no such process: " + key));
	}

	/** Every process's key. */
	public static Set<String> keys() {
		return Set.of(Arrays.stream(values()).map(CaseProcess::key).toArray(String[]::new));
	}

	/** The processes whose cases members of groups with the prefix start ({@code village-doctor-}). */
	public static List<CaseProcess> startedBy(String groupPrefix) {
		return Arrays.stream(values()).filter(p -> groupPrefix.equals(p.starter)).toList();
	}

	/** Whether the person is in a group that starts a process's cases (the portal's 发起 links). */
	public static boolean startsCases(CurrentUser user) {
		return Arrays.stream(values())
			.anyMatch(p -> p.starter != null && !user.codes(p.starter).isEmpty());
	}

	/** Whether the person's groups give them any process's cases to see: a village, township, hospital or county office. */
	public static boolean seesCases(CurrentUser user) {
		return Arrays.stream(values())
			.anyMatch(p -> p.seenCountyWideBy(user)
					|| Arrays.stream(Level.values()).anyMatch(level -> !p.codesAt(level, user).isEmpty()));
	}

	/** Whether the person is in the county office that sees every case of the process. */
	public boolean seenCountyWideBy(CurrentUser user) {
		return user.isMember(county);
	}

	/** The codes of the villages, townships or hospitals at the level where the person sees the process's cases. */
	public Set<String> codesAt(Level level, CurrentUser user) {
		Set<String> codes = new LinkedHashSet<>();
		groupsAt(level).forEach(prefix -> codes.addAll(user.codes(prefix)));
		return codes;
	}

}
