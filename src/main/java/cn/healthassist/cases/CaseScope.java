package cn.healthassist.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import cn.healthassist.security.CaseProcess;
import cn.healthassist.security.CaseProcess.Level;
import cn.healthassist.security.CurrentUser;

/**
 * Which cases a person may see, from their groups and each process's declaration (security/CaseProcess): a village
 * doctor the chronic-disease cases and follow-ups of their village, a village committee its charity cases, a township
 * health centre or civil-affairs office those of its township, a hospital its referrals, a county office the cases of
 * its process county-wide; auditors and administrators all. A person sees full ID numbers only within their own
 * jurisdiction, and auditors everywhere.
 */
public record CaseScope(boolean all, boolean unmaskAll, List<Area> areas, List<String> countyProcesses, String userId) {

	/** The cases of one process in some villages, townships or hospitals, by their codes. */
	public record Area(String processKey, Level level, List<String> codes) {

		boolean holds(CaseRecord c) {
			String code = switch (level) {
				case VILLAGE -> c.villageCode();
				case TOWNSHIP -> c.townshipCode();
				case HOSPITAL -> c.hospitalCode();
			};
			return processKey.equals(c.processKey()) && codes.contains(code);
		}

	}

	public static CaseScope of(CurrentUser user) {
		boolean auditor = user.isAuditor();
		boolean all = auditor || user.isAdmin();
		List<Area> areas = new ArrayList<>();
		List<String> county = new ArrayList<>();
		for (CaseProcess p : CaseProcess.values()) {
			if (p.seenCountyWideBy(user)) {
				county.add(p.key());
			}
			for (Level level : Level.values()) {
				Set<String> codes = p.codesAt(level, user);
				if (!codes.isEmpty()) {
					areas.add(new Area(p.key(), level, List.copyOf(codes)));
				}
			}
		}
		return new CaseScope(all, auditor, List.copyOf(areas), List.copyOf(county), user.userId());
	}

	/** Whether the case lies in the person's own jurisdiction (so they see its full ID number). */
	public boolean isOwnJurisdiction(CaseRecord c) {
		return unmaskAll || countyProcesses.contains(c.processKey()) || areas.stream().anyMatch(a -> a.holds(c));
	}

	/** Whether the person may see the case at all. */
	public boolean canSee(CaseRecord c) {
		return all || isOwnJurisdiction(c) || userId.equals(c.startedBy());
	}

	public boolean seesNothing() {
		return !all && areas.isEmpty() && countyProcesses.isEmpty();
	}

	static Set<String> processes() {
		return CaseProcess.keys();
	}

}
