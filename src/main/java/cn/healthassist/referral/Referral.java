package cn.healthassist.referral;

import java.util.Date;

/** A referral in the referral registry ({@code ha_referral}). */
public record Referral(String businessKey, String processInstanceId, String referralNo, String patientName,
		String idNumber, String householdCategory, String hospitalCode, String destinationCode, String diagnosis,
		String reason, String urgency, String requestedBy, Date requestedAt, Date issuedAt, String headDecision,
		String headOpinion, String headUser, Date headDecidedAt, Date escalatedAt, String auditOutcome,
		String auditOpinion, String auditUser, Date auditedAt) {
}
