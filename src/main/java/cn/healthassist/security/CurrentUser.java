package cn.healthassist.security;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The person behind a request, with the organisation codes their groups give them: the villages they serve
 * as doctor or committee, the townships and hospitals they work for, and their county-wide roles.
 */
public record CurrentUser(String userId, List<String> groupIds) {

	public CurrentUser {
		groupIds = List.copyOf(groupIds);
	}

	public boolean isMember(String groupId) {
		return groupIds.contains(groupId);
	}

	public boolean isAdmin() {
		return isMember(Groups.ADMIN);
	}

	/** Manages users, groups and organisation data: the system administrator, or the embedded demo's superuser. */
	public boolean isSystemAdmin() {
		return isAdmin() || isMember(Groups.SYSTEM_ADMIN);
	}

	/** Manages authorizations and unlocks accounts: the security administrator, or the demo's superuser. */
	public boolean isSecurityAdmin() {
		return isAdmin() || isMember(Groups.SECURITY_ADMIN);
	}

	/** Reads the security log: the audit administrator alone (not even the demo's superuser). */
	public boolean isAuditAdmin() {
		return isMember(Groups.AUDIT_ADMIN);
	}

	public boolean isAuditor() {
		return isMember(Groups.AUDITOR);
	}

	/** Villages where the user is a village doctor (村医). */
	public Set<String> doctorVillages() {
		return codes(Groups.VILLAGE_DOCTOR);
	}

	/** Villages where the user sits on the village committee (村两委). */
	public Set<String> committeeVillages() {
		return codes(Groups.VILLAGE_COMMITTEE);
	}

	/** Every village the user serves in any village role. */
	public Set<String> villages() {
		Set<String> all = new LinkedHashSet<>(doctorVillages());
		all.addAll(committeeVillages());
		return all;
	}

	public Set<String> healthTownships() {
		return codes(Groups.TOWNSHIP_HEALTH);
	}

	public Set<String> civilTownships() {
		return codes(Groups.TOWNSHIP_CIVIL);
	}

	public Set<String> townships() {
		Set<String> all = new LinkedHashSet<>(healthTownships());
		all.addAll(civilTownships());
		return all;
	}

	public Set<String> doctorHospitals() {
		return codes(Groups.HOSPITAL_DOCTOR);
	}

	public Set<String> headHospitals() {
		return codes(Groups.HOSPITAL_HEAD);
	}

	public Set<String> hospitals() {
		Set<String> all = new LinkedHashSet<>(doctorHospitals());
		all.addAll(headHospitals());
		return all;
	}

	/** The organisation codes of the user's jurisdiction groups with the prefix ({@code village-doctor-}). */
	public Set<String> codes(String prefix) {
		Set<String> codes = new LinkedHashSet<>();
		for (String g : groupIds) {
			Groups.codeOf(g, prefix).ifPresent(codes::add);
		}
		return codes;
	}

}
