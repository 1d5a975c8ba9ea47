package cn.healthassist.cases;

import java.util.HashMap;
import java.util.Map;

import cn.healthassist.organisation.OrganisationMapper;

/**
 * The names of the organisation's units (townships, villages, hospitals, destinations) by their code, as the
 * organisation data has them now: read once, when first asked, for one trail or one export. A code names one unit
 * (the import keeps codes unique and a code's type fixed).
 */
final class PlaceNames {

	private final OrganisationMapper organisation;

	private Map<String, String> names;

	PlaceNames(OrganisationMapper organisation) {
		this.organisation = organisation;
	}

	Map<String, String> all() {
		if (names == null) {
			names = new HashMap<>();
			organisation.selectAllUnits().forEach(u -> names.put(u.code(), u.name()));
		}
		return names;
	}

	/** The unit's name, or the code itself when it names none. */
	String nameOf(String code) {
		return all().getOrDefault(code, code);
	}

}
