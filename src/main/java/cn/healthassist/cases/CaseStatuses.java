package cn.healthassist.cases;

import java.util.LinkedHashMap;
import java.util.Map;

import cn.healthassist.values.Messages;

/** Chinese names of case statuses and processes, as the pages and exports show them. */
public final class CaseStatuses {

	public static final Map<String, String> STATUS = new LinkedHashMap<>();

	public static final Map<String, String> PROCESS = new LinkedHashMap<>();

	static {
		STATUS.put("running", Messages.get("cases.status.running"));
		STATUS.put("issued", Messages.get("cases.status.issued"));
		STATUS.put("not-eligible", Messages.get("cases.status.notEligible"));
		STATUS.put("withdrawn", Messages.get("cases.status.withdrawn"));
		STATUS.put("rejected", Messages.get("cases.status.rejected"));
		STATUS.put("audited-compliant", Messages.get("cases.status.auditedCompliant"));
		STATUS.put("audited-non-compliant", Messages.get("cases.status.auditedNonCompliant"));
		STATUS.put("paid", Messages.get("cases.status.paid"));
		STATUS.put("cured", Messages.get("cases.status.cured"));
		STATUS.put("deceased", Messages.get("cases.status.deceased"));
		STATUS.put("revoked", Messages.get("cases.status.revoked"));
		STATUS.put("ended", Messages.get("cases.status.ended"));
		STATUS.put("cancelled", Messages.get("cases.status.cancelled"));
		PROCESS.put("chronic-certificate", Messages.get("cases.process.chronicCertificate"));
		PROCESS.put("county-referral", Messages.get("cases.process.countyReferral"));
		PROCESS.put("charity-relief", Messages.get("cases.process.charityRelief"));
		PROCESS.put("chronic-followup", Messages.get("cases.process.chronicFollowup"));
	}

	private CaseStatuses() {
	}

	public static String statusName(String status) {
		return STATUS.getOrDefault(status, status);
	}

	public static String processName(String processKey) {
		return PROCESS.getOrDefault(processKey, processKey);
	}

}
