package cn.healthassist.charity;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A charity relief request as clients send it (docs/product.md 4). Amounts are yuan, as JSON strings or numbers with at most
 * two decimals; they are read exactly (never as floating point).
 */
public record CharityApplication(String applicantName, String idNumber, String villageCode, String householdCategory,
		String hospitalName, String admissionDate, String dischargeDate, JsonNode totalCost, JsonNode insuredCost,
		JsonNode basicInsurancePaid, JsonNode seriousIllnessInsurancePaid, JsonNode medicalAssistancePaid,
		JsonNode otherReliefPaid) {
}
