package cn.healthassist.cases;

import static cn.healthassist.processes.ProcessKeys.CHARITY_RELIEF;
import static cn.healthassist.processes.ProcessKeys.CHRONIC_CERTIFICATE;
import static cn.healthassist.processes.ProcessKeys.CHRONIC_FOLLOWUP;
import static cn.healthassist.processes.ProcessKeys.COUNTY_REFERRAL;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import cn.healthassist.security.CurrentUser;
import cn.healthassist.security.Groups;

/**
 * Which cases a person may see, from their groups: a village doctor the chronic-disease cases of their village, a
 * village committee its charity cases, a township health centre or civil-affairs office those of its township, a
 * hospital its referrals, a county office the cases of its process county-wide; auditors and administrators all.
 * A person sees full ID numbers only within their own jurisdiction, and auditors everywhere.
 */
public record CaseScope(boolean all, boolean unmaskAll, List<String> chronicVillages, List<String> charityVillages,
		List<String> chronicTownships, List<String> charityTownships, List<String> referralHospitals,
		List<String> countyProcesses, String userId) {

	static final List<String> VILLAGE_DOCTOR_PROCESSES = List.of(CHRONIC_CERTIFICATE, CHRONIC_FOLLOWUP);

	public static CaseScope of(CurrentUser user) {
		boolean auditor = user.isAuditor();
		boolean all = auditor || user.isAdmin();
		List<String> county = new ArrayList<>();
		if (user.isMember(Groups.COUNTY_INSURANCE)) {
			county.add(CHRONIC_CERTIFICATE);
		}
		if (user.isMember(Groups.HEALTH_COMMISSION)) {
			county.add(COUNTY_REFERRAL);
			county.add(CHRONIC_FOLLOWUP);
		}
		if (user.isMember(Groups.CHARITY_FEDERATION)) {
			county.add(CHARITY_RELIEF);
		}
		return new CaseScope(all, auditor, List.copyOf(user.doctorVillages()), List.copyOf(user.committeeVillages()),
				List.copyOf(user.healthTownships()), List.copyOf(user.civilTownships()), List.copyOf(user.hospitals()),
				county, user.userId());
	}

	/** Whether the case lies in the person's own jurisdiction (so they see its full ID number). */
	public boolean isOwnJurisdiction(CaseRecord c) {
		if (unmaskAll) {
			return true;
		}
		String p = c.processKey();
		return (VILLAGE_DOCTOR_PROCESSES.contains(p) && chronicVillages.contains(c.villageCode()))
				|| (CHARITY_RELIEF.equals(p) && charityVillages.contains(c.villageCode()))
				|| (VILLAGE_DOCTOR_PROCESSES.contains(p) && chronicTownships.contains(c.townshipCode()))
				|| (CHARITY_RELIEF.equals(p) && charityTownships.contains(c.townshipCode()))
				|| (COUNTY_REFERRAL.equals(p) && referralHospitals.contains(c.hospitalCode()))
				|| countyProcesses.contains(p);
	}

	/** Whether the person may see the case at all. */
	public boolean canSee(CaseRecord c) {
		return all || isOwnJurisdiction(c) || userId.equals(c.startedBy());
	}

	public boolean seesNothing() {
		return !all && chronicVillages.isEmpty() && charityVillages.isEmpty() && chronicTownships.isEmpty()
				&& charityTownships.isEmpty() && referralHospitals.isEmpty() && countyProcesses.isEmpty();
	}

	static Set<String> processes() {
		return Set.of(CHRONIC_CERTIFICATE, COUNTY_REFERRAL, CHARITY_RELIEF, CHRONIC_FOLLOWUP);
	}

}
