package cn.healthassist.audit;

/** The audit log's hash of an entry, for test code outside this package (the benchmark's copies of cases). */
public final class AuditChains {

	public static final String GENESIS = AuditLog.GENESIS;

	private AuditChains() {
	}

	public static String hash(AuditEntry entry) {
		return AuditLog.hash(entry);
	}

}
