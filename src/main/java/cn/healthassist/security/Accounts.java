package cn.healthassist.security;

import java.time.Duration;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.healthassist.config.HealthAssistProperties;
import cn.healthassist.security.AccountMapper.AccountState;
import cn.healthassist.security.AccountMapper.PasswordHash;

/**
 * The accounts' passwords over time (等保 身份鉴别): the last healthassist.password.history (5) salted hashes of each
 * account, which a new password may not repeat (engine/PasswordHistoryGuard, whatever the door), and whether the owner
 * must change the password before anything else: it was set by someone else (an administrator creating the account or
 * resetting its password, the first start's administrators), or is older than healthassist.password.max-age (90
 * days). Demo accounts (the demo data's, password demo) are exempt from the change, so the demo keeps working. The
 * time is the engine's clock, which tests move.
 */
@Service
public class Accounts {

	/** Why the owner must change the password before anything else, if they must. */
	public enum PasswordChange {
		NONE, SET_BY_SOMEONE_ELSE, EXPIRED
	}

	private final AccountMapper mapper;

	private final TotpMapper authenticators;

	private final int history;

	private final Duration maxAge;

	public Accounts(AccountMapper mapper, TotpMapper authenticators, HealthAssistProperties properties) {
		this.mapper = mapper;
		this.authenticators = authenticators;
		this.history = properties.getPassword().getHistory();
		this.maxAge = properties.getPassword().getMaxAge();
		if (history < 1 || maxAge.isNegative() || maxAge.isZero()) {
			throw new IllegalStateException("healthassist.password: history must be at least 1 and max-age positive");
		}
	}

	/** How many of an account's last passwords a new one may not repeat. */
	public int historySize() {
		return history;
	}

	public Duration maxAge() {
		return maxAge;
	}

	/** The account's last passwords (salted hashes), the newest first. */
	public List<PasswordHash> recentPasswords(String userId) {
		return mapper.passwords(userId, history);
	}

	/** A password was set: into the history (the oldest beyond the limit forgotten), and the state's date and flag. */
	@Transactional
	public void passwordSet(String userId, String hash, String salt, boolean bySomeoneElse) {
		Date now = ClockUtil.getCurrentTime();
		mapper.insertPassword(userId, hash, salt, now);
		List<PasswordHash> kept = mapper.passwords(userId, history);
		if (kept.size() == history) {
			mapper.forgetOlder(userId, kept.get(history - 1).id());
		}
		if (mapper.passwordSet(userId, now, bySomeoneElse) == 0) {
			insertState(new AccountState(userId, now, bySomeoneElse, false));
		}
	}

	/** A demo account (demo data): never asked to change its password. */
	public void markDemo(String userId) {
		ensureState(userId);
		mapper.demo(userId, true);
	}

	/** Whether the account is a demo account (the demo data's). */
	public boolean isDemo(String userId) {
		AccountState state = mapper.state(userId);
		return state != null && state.demo();
	}

	/** The owner must change the password at the next login (the first start's administrators). */
	public void requireChange(String userId) {
		ensureState(userId);
		mapper.mustChange(userId, true);
	}

	/**
	 * Whether the owner must change the password before anything else. An account from before the password state was
	 * kept has its age counted from the first time it is asked.
	 */
	public PasswordChange passwordChange(String userId) {
		AccountState state = mapper.state(userId);
		if (state == null) {
			ensureState(userId);
			return PasswordChange.NONE;
		}
		if (state.demo()) {
			return PasswordChange.NONE;
		}
		if (state.mustChange()) {
			return PasswordChange.SET_BY_SOMEONE_ELSE;
		}
		Date now = ClockUtil.getCurrentTime();
		return state.passwordSetAt().getTime() + maxAge.toMillis() < now.getTime() ? PasswordChange.EXPIRED
				: PasswordChange.NONE;
	}

	/**
	 * An account deleted: its history, state and authenticator (Totp) go with it (a new account of the same id starts
	 * afresh).
	 */
	@Transactional
	public void forget(String userId) {
		mapper.forgetAll(userId);
		authenticators.delete(userId);
		mapper.deleteState(userId);
	}

	private void ensureState(String userId) {
		if (mapper.state(userId) == null) {
			insertState(new AccountState(userId, ClockUtil.getCurrentTime(), false, false));
		}
	}

	private void insertState(AccountState state) {
		try {
			mapper.insertState(state);
		}
		catch (DuplicateKeyException e) {
			// another request or node made it at the same moment
		}
	}

}
