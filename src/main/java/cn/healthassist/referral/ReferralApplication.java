package cn.healthassist.referral;

/** A referral request as clients send it (docs/product.md 4). */
public record ReferralApplication(String patientName, String idNumber, String householdCategory, String hospitalCode,
		String diagnosis, String reason, String destinationHospitalCode, String urgency) {
}
