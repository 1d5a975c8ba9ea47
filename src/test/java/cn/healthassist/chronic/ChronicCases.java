package cn.healthassist.chronic;

import java.util.LinkedHashMap;
import java.util.Map;

/** Test data for chronic-certificate applications. */
final class ChronicCases {

	static final String DOCTOR = "doctor-t01v01";

	static final String OTHER_VILLAGE_DOCTOR = "doctor-t01v02";

	static final String TOWNSHIP = "health-t01";

	static final String OTHER_TOWNSHIP = "health-t02";

	static final String COUNTY = "insurance";

	private ChronicCases() {
	}

	/** A typical application from 桃园村 (T01V01) for hypertension. */
	static Map<String, Object> application(String idNumber) {
		return cn.healthassist.support.Applications.chronic(idNumber, "T01V01");
	}

	static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
		Map<String, Object> copy = new LinkedHashMap<>(body);
		copy.put(key, value);
		return copy;
	}

	static Map<String, Object> without(Map<String, Object> body, String key) {
		Map<String, Object> copy = new LinkedHashMap<>(body);
		copy.remove(key);
		return copy;
	}

}
