package cn.healthassist.values;

import org.apache.commons.codec.digest.DigestUtils;

import cn.healthassist.processes.ProcessKeys;


/**
 * Keys of the database's uniqueness guards (one running case per person and subject, one valid certificate per
 * person and disease). They are SHA-256 digests of their parts, so that the ID number never appears in a unique
 * key, nor in the database's error message (and log line) when two requests collide; the mappers store and look them
 * up keyed (HMAC-SM3 of the digest, privacy/IdIndex), so that a digest of a known ID number finds nothing.
 */
public final class Keys {

	private Keys() {
	}

	/**
	 * One running case per person (and, for a chronic-disease certificate, disease; for a follow-up, certificate):
	 * {@code ha_case.active_key}, from the case's process, the person's ID number and the case's subject.
	 */
	public static String activeKey(String processKey, String idNumber, String subject) {
		return switch (processKey) {
			case ProcessKeys.CHRONIC_CERTIFICATE -> of(processKey, idNumber, subject);
			case ProcessKeys.CHRONIC_FOLLOWUP -> of(processKey, subject);
			default -> of(processKey, idNumber);
		};
	}

	/** One valid certificate per person and disease ({@code ha_certificate.valid_key}). */
	public static String validCertificate(String idNumber, String diseaseCode) {
		return of("certificate", idNumber, diseaseCode);
	}

	/** One running follow-up per certificate ({@code ha_case.active_key} of a follow-up, whose subject is the certificate). */
	public static String followupOf(String certificateNo) {
		return of(ProcessKeys.CHRONIC_FOLLOWUP, certificateNo);
	}

	public static String of(String... parts) {
		return DigestUtils.sha256Hex(String.join("|", parts));
	}

}
