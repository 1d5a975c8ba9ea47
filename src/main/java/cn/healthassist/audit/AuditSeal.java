package cn.healthassist.audit;

/**
 * The seal the upgrade to keyed chains (V24, {@link AuditLogKeying}) put on a case's chain of an earlier version: the
 * case, how many entries it had, and the keyed hash of these with each entry's keyed hash ({@link AuditLog#sealMac}).
 * The entries up to {@code seq} keep their SHA-256; every entry after is keyed.
 */
public record AuditSeal(String businessKey, int seq, String mac) {
}
