package cn.healthassist.values;

import cn.healthassist.processes.ProcessKeys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Keys of the database's uniqueness guards (one running case per person and subject, one valid certificate per
 * person and disease). They are SHA-256 digests of their parts, so that the ID number never appears in a unique
 * key, nor in the database's error message (and log line) when two requests collide.
 */
public final class Keys {

	private Keys() {
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
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(String.join("|", parts).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

}
