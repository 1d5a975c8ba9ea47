package cn.healthassist.support;

import java.util.HashMap;
import java.util.Map;

/** Variables as a form submits them, written as key, value, key, value (nulls allowed, unlike Map.of). */
public final class Vars {

	private Vars() {
	}

	public static Map<String, Object> vars(Object... keysAndValues) {
		Map<String, Object> v = new HashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			v.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return v;
	}

}
