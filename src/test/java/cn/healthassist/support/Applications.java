package cn.healthassist.support;

import java.util.LinkedHashMap;
import java.util.Map;

/** Request bodies the tests, the cluster test and the benchmark send. */
public final class Applications {

	private Applications() {
	}

	/** A chronic-certificate application for hypertension from the given village (POST /api/chronic-certificate-applications). */
	public static Map<String, Object> chronic(String idNumber, String villageCode) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("applicantName", "王秀兰");
		body.put("idNumber", idNumber);
		body.put("villageCode", villageCode);
		body.put("householdCategory", "registered-poor");
		body.put("diseaseCode", "HTN");
		body.put("phone", "13912345678");
		return body;
	}

}
