package cn.healthassist.chronic;

import java.time.LocalDate;
import java.util.Date;

/** A chronic-disease certificate (慢性病证) in the registry. */
public record Certificate(String certificateNo, String businessKey, String idNumber, String applicantName,
		String diseaseCode, String villageCode, String townshipCode, boolean zeroMaterial, LocalDate validFrom,
		LocalDate validTo, String status, String issuedBy, Date issuedAt, Date revokedAt, String revokeReason,
		String validKey) {
}
