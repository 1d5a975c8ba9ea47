package cn.healthassist.security;

/**
 * Counts a failed login step that is not a password (a wrong TOTP code) toward the account's lock, as a wrong password
 * is counted (engine/LoginLocks: 5 in a row lock the account for 15 minutes).
 */
public interface LoginFailures {

	/**
	 * A failure counted; {@code lockNow}: the account's wrong codes in a row reached the limit, so it is locked now
	 * (a right password between wrong codes does not start their count afresh, as it does for wrong passwords).
	 */
	void failed(String userId, boolean lockNow);

	/** Until when wrong passwords or codes lock the account now, or null (no such account, not locked). */
	java.util.Date lockedUntil(String userId);

}
