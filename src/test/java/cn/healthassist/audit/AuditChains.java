package cn.healthassist.audit;

import cn.healthassist.privacy.PersonalDataCipher;

/** The audit log's keyed hash of an entry, for test code outside this package (the benchmark's copies of cases). */
public final class AuditChains {

	public static final String GENESIS = AuditLog.GENESIS;

	private AuditChains() {
	}

	/** The hash the application chains the entry with; its data plain, as {@link AuditLog#append} is given it. */
	public static String hash(PersonalDataCipher cipher, AuditEntry entry) {
		return AuditLog.keyedHash(cipher, entry);
	}

}
