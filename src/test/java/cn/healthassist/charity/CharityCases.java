package cn.healthassist.charity;

import cn.healthassist.support.Applications;

import java.util.LinkedHashMap;
import java.util.Map;

/** Test data for charity relief requests. */
final class CharityCases {

	static final String COMMITTEE = "committee-t01v01";

	static final String CIVIL = "civil-t01";

	static final String CHARITY = "charity";

	private CharityCases() {
	}

	/** The worked example: remaining self-paid 6,000.00, relief 3,600.00 ({@link Applications#charity}). */
	static Map<String, Object> request(String idNumber) {
		return Applications.charity(idNumber);
	}

	static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
		Map<String, Object> copy = new LinkedHashMap<>(body);
		copy.put(key, value);
		return copy;
	}

}
