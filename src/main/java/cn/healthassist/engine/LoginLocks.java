package cn.healthassist.engine;

import java.time.Duration;
import java.util.Date;

import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Camunda's identity in the database, with the lock of a level-3 system (等保 身份鉴别): after {@code maxFailures} wrong
 * passwords in a row an account is locked for {@code duration}, then the lock runs out by itself and the count starts
 * afresh; a right password in between resets it. Never a permanent lock, which anyone who knows a user id could cause
 * (Camunda's own lock grows after every failure and becomes permanent after loginMaxAttempts, which is set out of
 * reach). The security administrator lifts a lock early ({@code UnlockUserCmd}).
 */
public class LoginLocks extends DbIdentityServiceProvider {

	private static final Logger LOG = LoggerFactory.getLogger(LoginLocks.class);

	private final int maxFailures;

	private final Duration duration;

	LoginLocks(int maxFailures, Duration duration) {
		this.maxFailures = maxFailures;
		this.duration = duration;
	}

	/** The request attribute naming the account whose password a request got wrong (securitylog/SecurityEventFilter). */
	private static final String WRONG_PASSWORD = LoginLocks.class.getName() + ".wrongPassword";

	/**
	 * The account whose password the request got wrong (or tried while it is locked), whatever asked for it (a login,
	 * the current password of a password change): the security log records it as a failed login; null when none was.
	 */
	public static String wrongPasswordOf(HttpServletRequest request) {
		return (String) request.getAttribute(WRONG_PASSWORD);
	}

	/**
	 * Camunda's check, and the request that asked for it told when it failed: a wrong password, or any password for
	 * an account locked now (a wrong TOTP code counts toward the lock through lockUser, not here).
	 */
	@Override
	public boolean checkPassword(String userId, String password) {
		boolean right = super.checkPassword(userId, password);
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (!right && userId != null && request != null) {
			request.setAttribute(WRONG_PASSWORD, userId, RequestAttributes.SCOPE_REQUEST);
		}
		return right;
	}

	/** Called by Camunda after a wrong password for an account that is not locked now. */
	@Override
	protected void lockUser(UserEntity user) {
		// an account that is not locked now but has the full count had its lock run out: count afresh
		int failures = user.getAttempts() >= maxFailures ? 1 : user.getAttempts() + 1;
		Date until = null;
		if (failures >= maxFailures) {
			until = new Date(ClockUtil.getCurrentTime().getTime() + duration.toMillis());
			LOG.info("Account locked until {} after {} wrong passwords in a row", until.toInstant(), failures);
		}
		getIdentityInfoManager().updateUserLock(user, failures, until);
	}

	/**
	 * A failed login step other than the password (a wrong TOTP code) counts like a wrong password, toward the same
	 * lock; {@code lockNow} locks for the same duration at once (the caller counted the limit reached: the right
	 * password before each code resets this count). Nothing for an unknown account or one locked now.
	 */
	void countFailure(String userId, boolean lockNow) {
		UserEntity user = findUserById(userId);
		if (user == null || isUserLocked(user)) {
			return;
		}
		if (lockNow) {
			Date until = new Date(ClockUtil.getCurrentTime().getTime() + duration.toMillis());
			LOG.info("Account locked until {} after {} wrong second-factor codes in a row", until.toInstant(), maxFailures);
			getIdentityInfoManager().updateUserLock(user, maxFailures, until);
		}
		else {
			lockUser(user);
		}
	}

	/** The engine's session factory of this identity provider (it stands for Camunda's DbIdentityServiceProvider). */
	static SessionFactory factory(int maxFailures, Duration duration) {
		if (maxFailures < 1 || duration.isNegative() || duration.isZero()) {
			throw new IllegalStateException("healthassist.login-lock: max-failures must be at least 1 and duration positive");
		}
		return new SessionFactory() {
			@Override
			public Class<?> getSessionType() {
				return LoginLocks.class;
			}

			@Override
			public Session openSession() {
				return new LoginLocks(maxFailures, duration);
			}
		};
	}

}
