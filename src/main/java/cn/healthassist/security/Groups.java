package cn.healthassist.security;

import java.util.Optional;

/**
 * Camunda group ids of docs/product.md section 3. Jurisdiction groups carry the organisation code after the role:
 * {@code village-doctor-T01V01}, {@code township-health-T01}, {@code hospital-head-H01}.
 */
public final class Groups {

	public static final String VILLAGE_DOCTOR = "village-doctor-";

	public static final String VILLAGE_COMMITTEE = "village-committee-";

	public static final String TOWNSHIP_HEALTH = "township-health-";

	public static final String TOWNSHIP_CIVIL = "township-civil-";

	public static final String HOSPITAL_DOCTOR = "hospital-doctor-";

	public static final String HOSPITAL_HEAD = "hospital-head-";

	public static final String COUNTY_INSURANCE = "county-insurance";

	public static final String HEALTH_COMMISSION = "health-commission";

	public static final String CHARITY_FEDERATION = "charity-federation";

	public static final String AUDITOR = "auditor";

	public static final String PROCESS_OWNER = "process-owner";

	public static final String ADMIN = "camunda-admin";

	/** 系统管理员 (三员分立): users, groups, memberships, organisation data. */
	public static final String SYSTEM_ADMIN = "system-admin";

	/** 安全管理员: authorizations, unlocking accounts, password policy, the administrators' memberships. */
	public static final String SECURITY_ADMIN = "security-admin";

	/** 审计管理员: reads the security log, changes nothing. */
	public static final String AUDIT_ADMIN = "audit-admin";

	/** The administrators' groups: their members' accounts and memberships are not ordinary users' business. */
	public static final java.util.Set<String> ADMINISTRATORS = java.util.Set.of(ADMIN, SYSTEM_ADMIN, SECURITY_ADMIN,
			AUDIT_ADMIN);

	private Groups() {
	}

	public static String villageDoctor(String village) {
		return VILLAGE_DOCTOR + village;
	}

	public static String villageCommittee(String village) {
		return VILLAGE_COMMITTEE + village;
	}

	public static String townshipHealth(String township) {
		return TOWNSHIP_HEALTH + township;
	}

	public static String townshipCivil(String township) {
		return TOWNSHIP_CIVIL + township;
	}

	public static String hospitalDoctor(String hospital) {
		return HOSPITAL_DOCTOR + hospital;
	}

	public static String hospitalHead(String hospital) {
		return HOSPITAL_HEAD + hospital;
	}

	/** The organisation code of a jurisdiction group with the given prefix. */
	public static Optional<String> codeOf(String groupId, String prefix) {
		if (groupId != null && groupId.startsWith(prefix) && groupId.length() > prefix.length()) {
			return Optional.of(groupId.substring(prefix.length()));
		}
		return Optional.empty();
	}

}
