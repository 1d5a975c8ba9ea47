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

	/** A referral request from hospital H01 to the provincial hospital (POST /api/referrals). */
	public static Map<String, Object> referral(String idNumber, String urgency) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("patientName", "孙大勇");
		body.put("idNumber", idNumber);
		body.put("householdCategory", "registered-poor");
		body.put("hospitalCode", "H01");
		body.put("diagnosis", "急性心肌梗死");
		body.put("reason", "本院不能开展急诊介入治疗");
		body.put("destinationHospitalCode", "P01");
		body.put("urgency", urgency);
		return body;
	}

	/**
	 * A charity relief request from village T01V01 (POST /api/charity-relief-applications), the worked example: insured
	 * costs 30,000.00, basic insurance 15,000.00, serious-illness insurance 5,000.00, medical assistance 4,000.00, other
	 * relief 0 → remaining 6,000.00 → relief 3,600.00 for a 建档立卡户.
	 */
	public static Map<String, Object> charity(String idNumber) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("applicantName", "周桂芳");
		body.put("idNumber", idNumber);
		body.put("villageCode", "T01V01");
		body.put("householdCategory", "registered-poor");
		body.put("hospitalName", "县人民医院");
		body.put("admissionDate", java.time.LocalDate.now().minusDays(20).toString());
		body.put("dischargeDate", java.time.LocalDate.now().minusDays(5).toString());
		body.put("totalCost", "35000.00");
		body.put("insuredCost", "30000.00");
		body.put("basicInsurancePaid", "15000.00");
		body.put("seriousIllnessInsurancePaid", "5000.00");
		body.put("medicalAssistancePaid", "4000.00");
		body.put("otherReliefPaid", "0");
		return body;
	}

}
