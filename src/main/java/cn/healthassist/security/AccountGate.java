package cn.healthassist.security;

import org.springframework.stereotype.Service;

import cn.healthassist.values.Messages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * What a person must do after the password before anything else works (等保 身份鉴别): change a password that someone
 * else set or that has grown too old. Worked out once per login session (kept in the session) and for every HTTP
 * Basic request; {@link AccountGateFilter} lets only the routes of that step through.
 */
@Service
public class AccountGate {

	/** The step a person must take first, and the page of the product where they take it. */
	public enum Step {
		NONE(null), PASSWORD("/portal/password.html");

		private final String page;

		Step(String page) {
			this.page = page;
		}

		public String page() {
			return page;
		}

	}

	private static final String SESSION_USER = AccountGate.class.getName() + ".user";

	private static final String SESSION_STEP = AccountGate.class.getName() + ".step";

	private static final String SESSION_REASON = AccountGate.class.getName() + ".reason";

	private final Accounts accounts;

	public AccountGate(Accounts accounts) {
		this.accounts = accounts;
	}

	/** The step of a person who logs in with each request (HTTP Basic). */
	public Step step(CurrentUser user) {
		return accounts.passwordChange(user.userId()) == Accounts.PasswordChange.NONE ? Step.NONE : Step.PASSWORD;
	}

	/** The step of the person of this login session, worked out at the session's first request. */
	public Step step(HttpServletRequest request, CurrentUser user) {
		HttpSession session = request.getSession(false);
		if (session == null) {
			return step(user);
		}
		if (!user.userId().equals(session.getAttribute(SESSION_USER))) {
			refresh(request, user);
		}
		return Step.valueOf((String) session.getAttribute(SESSION_STEP));
	}

	/** Works the session's step out again (after the person took one). */
	public void refresh(HttpServletRequest request, CurrentUser user) {
		HttpSession session = request.getSession(false);
		if (session == null) {
			return;
		}
		Accounts.PasswordChange change = accounts.passwordChange(user.userId());
		session.setAttribute(SESSION_STEP, (change == Accounts.PasswordChange.NONE ? Step.NONE : Step.PASSWORD).name());
		session.setAttribute(SESSION_REASON, change.name());
		session.setAttribute(SESSION_USER, user.userId());
	}

	/** What the person is told while the step is not taken. */
	public String message(Step step, CurrentUser user) {
		if (step == Step.PASSWORD) {
			return accounts.passwordChange(user.userId()) == Accounts.PasswordChange.EXPIRED
					? Messages.get("security.gate.passwordExpired", accounts.maxAge().toDays())
					: Messages.get("security.gate.passwordSetByOther");
		}
		return null;
	}

}
