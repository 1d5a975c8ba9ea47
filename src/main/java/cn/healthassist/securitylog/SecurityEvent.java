package cn.healthassist.securitylog;

import java.util.Date;

/**
 * One entry of the security log (docs/product.md 4.1): what happened ({@link #type}), to or by whom, from which
 * client address, when, with which outcome, and a detail without ID numbers; chained to the entry before it, its hash
 * keyed (HMAC-SM3) or, for an event an earlier version wrote, SHA-256 ({@code keyed} false; {@link SecurityLog}).
 */
public record SecurityEvent(long seq, String type, String userId, String clientIp, Date time, String outcome,
		String detail, String prevHash, String hash, boolean keyed) {

	public static final String LOGIN_SUCCESS = "LOGIN_SUCCESS";

	public static final String LOGIN_FAILURE = "LOGIN_FAILURE";

	public static final String ACCOUNT_LOCKED = "ACCOUNT_LOCKED";

	public static final String ACCESS_DENIED = "ACCESS_DENIED";

	public static final String USER_CHANGED = "USER_CHANGED";

	public static final String AUTHORIZATION_CHANGED = "AUTHORIZATION_CHANGED";

	public static final String DEPLOYMENT = "DEPLOYMENT";

	public static final String EXPORT = "EXPORT";

	/** A person changed their own password (POST /api/me/password); a password set by an administrator is USER_CHANGED. */
	public static final String PASSWORD_CHANGED = "PASSWORD_CHANGED";

	/**
	 * The system administrator started the follow-ups that certificates issued before them lack
	 * (POST /api/followups/start-missing): cases started by a person's request, not by a step.
	 */
	public static final String FOLLOWUPS_STARTED = "FOLLOWUPS_STARTED";

	/**
	 * A person's refusals (every 403, the 404s of the product's API, the 409s of it and of the engine's) reached the
	 * alarm's count within its window (healthassist.security-log.refusal-alarm): someone trying doors or asking about
	 * people one by one ({@link RefusalWatch}).
	 */
	public static final String REFUSALS_REPEATED = "REFUSALS_REPEATED";

	/**
	 * A login beyond the sessions one account may hold at once (healthassist.session-max-concurrent) ended the
	 * account's oldest session on that node (security/ConcurrentSessions).
	 */
	public static final String SESSION_ENDED = "SESSION_ENDED";

	/** At a start: an account that mixes duties (三员分立), made before the engine refused such memberships. */
	public static final String DUTIES_MIXED = "DUTIES_MIXED";

	/**
	 * Once, by the migration that keyed the chain (V23), on a log an earlier version wrote: from this event on every
	 * hash is keyed; this one covers the events before it and says where the log starts ({@link SecurityLogKeying}).
	 */
	public static final String LOG_KEYED = "LOG_KEYED";

	/**
	 * Once, by the migration that keyed the case audit log's chains (V24): how many chains of an earlier version it
	 * sealed, how many did not verify, or that it refused to seal on a log that already held keyed chains
	 * (audit/AuditLogKeying).
	 */
	public static final String CASE_CHAINS_KEYED = "CASE_CHAINS_KEYED";

	/**
	 * The retention removed the log's oldest events: where the log now starts, which the chain's verification holds
	 * it to ({@link SecurityLog#removeExpired}).
	 */
	public static final String LOG_TRIMMED = "LOG_TRIMMED";

}
