package cn.healthassist.chronic;

/** A chronic-disease certificate application as clients send it (docs/product.md 4). */
public record ChronicApplication(String applicantName, String idNumber, String villageCode, String householdCategory,
		String diseaseCode, String phone) {
}
