package cn.healthassist.charity;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test data for charity relief requests. */
final class CharityCases {

	static final String COMMITTEE = "committee-t01v01";

	static final String CIVIL = "civil-t01";

	static final String CHARITY = "charity";

	private CharityCases() {
	}

	/**
	 * The worked example of the issue: insured costs 30,000.00, basic insurance 15,000.00, serious-illness insurance
	 * 5,000.00, medical assistance 4,000.00, other relief 0 → remaining 6,000.00 → relief 3,600.00 for a 建档立卡户.
	 */
	static Map<String, Object> request(String idNumber) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("applicantName", "周桂芳");
		body.put("idNumber", idNumber);
		body.put("villageCode", "T01V01");
		body.put("householdCategory", "registered-poor");
		body.put("hospitalName", "县人民医院");
		body.put("admissionDate", LocalDate.now().minusDays(20).toString());
		body.put("dischargeDate", LocalDate.now().minusDays(5).toString());
		body.put("totalCost", "35000.00");
		body.put("insuredCost", "30000.00");
		body.put("basicInsurancePaid", "15000.00");
		body.put("seriousIllnessInsurancePaid", "5000.00");
		body.put("medicalAssistancePaid", "4000.00");
		body.put("otherReliefPaid", "0");
		return body;
	}

	static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
		Map<String, Object> copy = new LinkedHashMap<>(body);
		copy.put(key, value);
		return copy;
	}

}
