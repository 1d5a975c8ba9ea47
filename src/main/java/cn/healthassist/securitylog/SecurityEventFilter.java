package cn.healthassist.securitylog;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;

import cn.healthassist.engine.CommandDetails;
import cn.healthassist.engine.LoginLocks;
import cn.healthassist.security.AccountGate;
import cn.healthassist.security.AccountGateFilter;
import cn.healthassist.security.ApiAuthenticationFilter;
import cn.healthassist.security.ConcurrentSessions;
import cn.healthassist.security.CurrentUser;
import cn.healthassist.values.IdNumbers;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Writes the security log from the answers people get, whatever the door: a login through the web apps or the portal
 * (success, failure, and the lock it causes), the second factor's code (LOGIN_SUCCESS or LOGIN_FAILURE, "second
 * factor"), a wrong password or code over HTTP Basic, every 401 and 403 (and a person refused again and again,
 * {@link RefusalWatch}), every change of
 * users, groups, memberships and authorizations, every deployment, and every export or print of personal data
 * (Excel downloads, the trail's print view). A request that succeeds over HTTP Basic is not a login of its own and
 * is not logged.
 */
public class SecurityEventFilter extends OncePerRequestFilter {

	private static final Logger LOG = LoggerFactory.getLogger(SecurityEventFilter.class);

	private static final Pattern LOGIN = Pattern.compile("/camunda/api/admin/auth/user/[^/]+/login/[^/]+");

	/** A route of Camunda's REST APIs without its prefix: /engine-rest[/engine/x] or /camunda/api/engine/engine/x. */
	private static final Pattern ENGINE_ROUTE = Pattern.compile("(?:/engine-rest(?:/engine/[^/]+)?|/camunda/api/engine/engine/[^/]+)(/.*)");

	private static final Pattern USERS = Pattern.compile("/(user|group)(/.*)?");

	private static final Pattern AUTHORIZATIONS = Pattern.compile("/authorization(/.*)?");

	private static final Pattern DEPLOYMENT = Pattern.compile("/deployment/create");

	private static final Pattern UNLOCK = Pattern.compile("/api/users/[^/]+/unlock");

	/** The security administrator removes an account's lost authenticator. */
	private static final Pattern TOTP_RESET = Pattern.compile("/api/users/[^/]+/totp");

	/** The second factor of a session's login: its code, or the first code of a new authenticator. */
	private static final List<String> SECOND_FACTOR = List.of("/api/me/totp/verify", "/api/me/totp/confirm");

	private static final List<String> CHANGES = List.of("POST", "PUT", "DELETE");

	/** The page that prints a case's trail (its data comes from the trail's API, also read to view it). */
	private static final List<String> PRINT_PAGES = List.of("/portal/trail-print.html");

	/** A document's data, as its print page (/portal/document.html) reads it. */
	private static final Pattern DOCUMENT = Pattern.compile("/api/cases/[^/]+/documents/[^/]+");

	private final SecurityLog log;

	private final IdentityService identityService;

	private final List<String> trustedProxies;

	private final AddressLoginLimit limit;

	private final RefusalWatch refusals;

	private final ConcurrentSessions sessions;

	private final AccountGate gate;

	public SecurityEventFilter(SecurityLog log, IdentityService identityService, List<String> trustedProxies,
			AddressLoginLimit limit, RefusalWatch refusals, ConcurrentSessions sessions, AccountGate gate) {
		this.log = log;
		this.sessions = sessions;
		this.gate = gate;
		this.limit = limit;
		this.refusals = refusals;
		this.identityService = identityService;
		this.trustedProxies = List.copyOf(trustedProxies);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		// a login's user name comes in the form body, which the web apps' login reads as a stream: keep a copy
		HttpServletRequest seen = isLogin(request) ? new ContentCachingRequestWrapper(request) : request;
		try {
			chain.doFilter(seen, response);
		}
		finally {
			try {
				record(seen, response.getStatus());
			}
			catch (RuntimeException e) {
				// the answer is already given; a security event that cannot be written is an operator's alarm
				LOG.error("Security event not recorded for {} {}", request.getMethod(), request.getRequestURI(), e);
			}
		}
	}

	private void record(HttpServletRequest request, int status) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String method = request.getMethod();
		String ip = ClientAddresses.of(request, trustedProxies);
		String where = method + " " + path;
		if (status == 429) {
			return; // refused by the lock per address, which recorded it
		}
		if (isLogin(request)) {
			String user = loginName(request);
			if (status == 200) {
				int ended = countSession(request, false);
				log.record(SecurityEvent.LOGIN_SUCCESS, user, ip, "success", where);
				recordSessionsEnded(request, ip, ended);
			}
			else {
				loginFailed(user, ip, where);
			}
			return;
		}
		String basicUser = basicUser(request);
		if (status == 401 && basicUser != null) {
			loginFailed(basicUser, ip, request.getAttribute(AccountGateFilter.SECOND_FACTOR_FAILED) != null
					? "second factor: " + where : where);
			return;
		}
		String user = basicUser != null ? basicUser
				: ApiAuthenticationFilter.session(request).map(CurrentUser::userId).orElse(null);
		if ("POST".equals(method) && SECOND_FACTOR.contains(path) && (status == 204 || status == 400)) {
			if (status == 204) {
				int ended = countSession(request, true);
				log.record(SecurityEvent.LOGIN_SUCCESS, user, ip, "success", "second factor: " + where);
				recordSessionsEnded(request, ip, ended);
			}
			else if (path.endsWith("/verify") && request.getAttribute(AccountGateFilter.SECOND_FACTOR_FAILED) != null) {
				loginFailed(user, ip, "second factor: " + where);
			}
			return;
		}
		// a wrong password asked for outside a login (the current password of a password change, Camunda's
		// authenticatedUserPassword): a failed login too, which the account's lock counts
		String wrongPassword = LoginLocks.wrongPasswordOf(request);
		if (wrongPassword != null && status >= 400) {
			loginFailed(wrongPassword, ip, "password check: " + where);
			return;
		}
		if (status == 401 || status == 403) {
			log.record(SecurityEvent.ACCESS_DENIED, user, ip, String.valueOf(status), where);
			if (status == 403) {
				watch(user, status, ip, where);
			}
			return;
		}
		boolean api = path.startsWith("/api/");
		if ((status == 404 && api) || (status == 409 && (api || ENGINE_ROUTE.matcher(path).matches()))) {
			// a case or document not there (or not theirs); a person already holding or applying for what a start asks
			watch(user, status, ip, where);
			return;
		}
		if (status < 200 || status >= 300) {
			return;
		}
		String type = changeType(method, path);
		if (type != null) {
			// what the request changed, as the engine's commands said it (the route alone names no account or grant)
			List<String> changed = CommandDetails.of(request);
			log.record(type, user, ip, "success", changed.isEmpty() ? where : where + " | " + String.join("; ", changed));
		}
		else if ("GET".equals(method) && isExport(path)) {
			String query = request.getQueryString();
			log.record(SecurityEvent.EXPORT, user, ip, "success", query == null ? where : where + "?" + query);
		}
	}

	/** One refusal of a logged-in person; REFUSALS_REPEATED when they reach the alarm's count (RefusalWatch). */
	private void watch(String user, int status, String ip, String where) {
		if (user == null) {
			return;
		}
		String alarm = refusals.refused(user, status, where, ClockUtil.getCurrentTime().getTime());
		if (alarm != null) {
			log.record(SecurityEvent.REFUSALS_REPEATED, user, ip, "alarm", alarm);
			LOG.warn("Security alarm: {} for {} from {}", IdNumbers.maskAll(alarm), IdNumbers.maskAll(user), ip);
		}
	}

	/**
	 * A download or print of personal data: Excel, a document as PDF or as the data of its print page, the trail's print
	 * page (paths are plain: web/PlainPaths refuses the others before this is asked).
	 */
	static boolean isExport(String path) {
		return path.endsWith(".xlsx") || path.endsWith(".pdf") || DOCUMENT.matcher(path).matches()
				|| PRINT_PAGES.contains(path);
	}

	/**
	 * A session has logged in: it counts toward its account's sessions, and a login beyond them ends the oldest
	 * (security/ConcurrentSessions). A session still owing its second factor does not count yet, so the password
	 * alone ends nobody's session: it counts once the code is given.
	 *
	 * @return how many sessions were ended
	 */
	private int countSession(HttpServletRequest request, boolean secondFactorGiven) {
		HttpSession session = request.getSession(false);
		Optional<CurrentUser> user = ApiAuthenticationFilter.session(request);
		if (session == null || user.isEmpty()) {
			return 0;
		}
		if (!secondFactorGiven) {
			AccountGate.Step step = gate.step(request, user.get());
			if (step == AccountGate.Step.TOTP || step == AccountGate.Step.TOTP_ENROL) {
				return 0;
			}
		}
		return sessions.loggedIn(session);
	}

	private void recordSessionsEnded(HttpServletRequest request, String ip, int ended) {
		if (ended > 0) {
			log.record(SecurityEvent.SESSION_ENDED, ApiAuthenticationFilter.session(request).map(CurrentUser::userId)
				.orElse(null), ip, "ended", "the oldest " + (ended == 1 ? "session" : ended + " sessions") + " of the account "
						+ "ended: at most " + sessions.max() + " at once on a node");
		}
	}

	/** A login through the web apps' or the portal's form. */
	static boolean isLogin(HttpServletRequest request) {
		return "POST".equals(request.getMethod())
				&& LOGIN.matcher(request.getRequestURI().substring(request.getContextPath().length())).matches();
	}

	/** The user name a login form sent (username=…&password=…), from the copy of the body the web app read. */
	private static String loginName(HttpServletRequest request) {
		String name = request.getParameter("username");
		if (name == null && request instanceof ContentCachingRequestWrapper cached) {
			for (String pair : cached.getContentAsString().split("&")) {
				if (pair.startsWith("username=")) {
					name = URLDecoder.decode(pair.substring("username=".length()), StandardCharsets.UTF_8);
				}
			}
		}
		return name;
	}

	private static String changeType(String method, String path) {
		if (!CHANGES.contains(method)) {
			return null;
		}
		if (path.equals("/api/me/password")) {
			return SecurityEvent.PASSWORD_CHANGED;
		}
		if (path.equals("/api/followups/start-missing")) {
			return SecurityEvent.FOLLOWUPS_STARTED;
		}
		if (path.equals("/api/organisation") || UNLOCK.matcher(path).matches() || TOTP_RESET.matcher(path).matches()) {
			return SecurityEvent.USER_CHANGED; // the organisation's groups, an account unlocked, an authenticator removed
		}
		Matcher engine = ENGINE_ROUTE.matcher(path);
		if (!engine.matches()) {
			return null;
		}
		String route = engine.group(1);
		if (USERS.matcher(route).matches() && !route.endsWith("/count") && !route.equals("/group")) {
			return SecurityEvent.USER_CHANGED;
		}
		if (AUTHORIZATIONS.matcher(route).matches() && !route.endsWith("/count")) {
			return SecurityEvent.AUTHORIZATION_CHANGED;
		}
		return DEPLOYMENT.matcher(route).matches() ? SecurityEvent.DEPLOYMENT : null;
	}

	private void loginFailed(String user, String ip, String detail) {
		log.record(SecurityEvent.LOGIN_FAILURE, user, ip, "failure", detail);
		limit.failed(ip);
		Date lockedUntil = lockedUntil(user);
		if (lockedUntil != null) {
			log.record(SecurityEvent.ACCOUNT_LOCKED, user, ip, "locked", "locked until " + lockedUntil.toInstant());
		}
	}

	/** Until when wrong passwords lock the account now (engine/LoginLocks), or null. */
	private Date lockedUntil(String userId) {
		if (userId == null || userId.isBlank()) {
			return null;
		}
		User user = identityService.createUserQuery().userId(userId).singleResult();
		if (user instanceof UserEntity entity && entity.getLockExpirationTime() != null
				&& entity.getLockExpirationTime().after(ClockUtil.getCurrentTime())) {
			return entity.getLockExpirationTime();
		}
		return null;
	}

	/** A request that logs in by itself, with HTTP Basic. */
	static boolean isBasic(HttpServletRequest request) {
		String header = request.getHeader("Authorization");
		return header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
	}

	static String basicUser(HttpServletRequest request) {
		if (!isBasic(request)) {
			return null;
		}
		try {
			String decoded = new String(Base64.getDecoder().decode(request.getHeader("Authorization").substring(6).trim()),
					StandardCharsets.UTF_8);
			int colon = decoded.indexOf(':');
			return colon > 0 ? decoded.substring(0, colon) : null;
		}
		catch (IllegalArgumentException e) {
			return null;
		}
	}

}
