package cn.healthassist.security;

import org.springframework.stereotype.Service;

import cn.healthassist.values.Messages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * What a person must do after the password before anything else works (等保 身份鉴别): give the code of their
 * authenticator (Totp: administrators, and anyone who enrolled), set one up (an administrator without one), change a
 * password that someone else set or that has grown too old. Worked out once per login session (kept in the session)
 * and for every HTTP Basic request; {@link AccountGateFilter} lets only the routes of that step through. An enrolled
 * account gives its code before it may change an expired password; a new administrator changes the password the
 * system administrator gave before setting up the authenticator.
 */
@Service
public class AccountGate {

	/** The step a person must take first, its name (in /api/me) and the page of the product where they take it. */
	public enum Step {
		NONE(null, null), PASSWORD("password", "/portal/password.html"), TOTP("totp", "/portal/totp.html"),
		TOTP_ENROL("totp-enrol", "/portal/totp.html");

		private final String label;

		private final String page;

		Step(String label, String page) {
			this.label = label;
			this.page = page;
		}

		public String label() {
			return label;
		}

		public String page() {
			return page;
		}

	}

	private static final String SESSION_USER = AccountGate.class.getName() + ".user";

	private static final String SESSION_STEP = AccountGate.class.getName() + ".step";

	private static final String SESSION_REASON = AccountGate.class.getName() + ".reason";

	/** The account whose second factor this login session passed (gone with the session, and at login and logout). */
	private static final String SESSION_SECOND_FACTOR = AccountGate.class.getName() + ".secondFactor";

	private final Accounts accounts;

	private final Totp totp;

	public AccountGate(Accounts accounts, Totp totp) {
		this.accounts = accounts;
		this.totp = totp;
	}

	/**
	 * The step of a person who logs in with each request (HTTP Basic), whose code, if they need one, was checked
	 * (AccountGateFilter, header X-TOTP).
	 */
	public Step step(CurrentUser user) {
		return step(user, true);
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
		boolean passed = user.userId().equals(session.getAttribute(SESSION_SECOND_FACTOR));
		session.setAttribute(SESSION_STEP, step(user, passed).name());
		session.setAttribute(SESSION_REASON, accounts.passwordChange(user.userId()).name());
		session.setAttribute(SESSION_USER, user.userId());
	}

	/** The person gave a right code (or confirmed their authenticator with one) in this login session. */
	public void secondFactorPassed(HttpServletRequest request, CurrentUser user) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.setAttribute(SESSION_SECOND_FACTOR, user.userId());
			refresh(request, user);
		}
	}

	/** A login or logout in this session: whatever the session's person had passed is passed no more. */
	public void forget(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.removeAttribute(SESSION_SECOND_FACTOR);
			session.removeAttribute(SESSION_STEP);
			session.removeAttribute(SESSION_USER);
			session.removeAttribute(SESSION_REASON);
		}
	}

	private Step step(CurrentUser user, boolean secondFactorPassed) {
		boolean enrolled = totp.enrolled(user.userId());
		boolean required = enrolled || totp.mandatory(user);
		if (enrolled && !secondFactorPassed) {
			return Step.TOTP;
		}
		if (accounts.passwordChange(user.userId()) != Accounts.PasswordChange.NONE) {
			return Step.PASSWORD;
		}
		return required && !enrolled ? Step.TOTP_ENROL : Step.NONE;
	}

	/** What the person is told while the step is not taken. */
	public String message(Step step, CurrentUser user) {
		return switch (step) {
			case PASSWORD -> accounts.passwordChange(user.userId()) == Accounts.PasswordChange.EXPIRED
					? Messages.get("security.gate.passwordExpired", accounts.maxAge().toDays())
					: Messages.get("security.gate.passwordSetByOther");
			case TOTP -> Messages.get("security.gate.totp");
			case TOTP_ENROL -> Messages.get("security.gate.totpEnrol");
			case NONE -> null;
		};
	}

}
