package cn.healthassist.security;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.healthassist.values.Messages;
import cn.healthassist.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * While a person has a step to take first ({@link AccountGate}: give the second factor's code, set up the
 * authenticator, change the password), every page and API answers 403
 * {@code problem+json} saying so, and the pages of the portal, Tasklist, Cockpit, Admin and the welcome page lead to
 * the product's page of that step. Open meanwhile: that page and its API, {@code /api/me}, the login and the logout.
 * Runs after the logins (the session's, HTTP Basic's), so a wrong password is still just a wrong password. An HTTP Basic
 * request of an account that needs a second factor and has an authenticator carries its current code in the header
 * {@code X-TOTP}, or is refused with 401; a login or logout in a session forgets the second factor it had passed.
 */
public class AccountGateFilter extends OncePerRequestFilter {

	/** Routes open whatever the step: who am I (with the CSRF token), the web apps' login, who-is-logged-in, logout. */
	private static final Set<String> OPEN = Set.of("GET /api/me", "GET /camunda/api/admin/auth/user/default",
			"POST /camunda/api/admin/auth/user/default/logout");

	private static final Set<String> PASSWORD = Set.of("POST /api/me/password", "GET /portal/password.html");

	private static final Set<String> TOTP = Set.of("GET /portal/totp.html", "GET /api/me/totp", "POST /api/me/totp/verify");

	private static final Set<String> TOTP_ENROL = Set.of("GET /portal/totp.html", "GET /api/me/totp",
			"POST /api/me/totp/enrol", "POST /api/me/totp/confirm");

	/** The header an HTTP Basic request carries its second factor's current code in. */
	public static final String CODE_HEADER = "X-TOTP";

	/** Set on a request refused for its second factor, for the security log (LOGIN_FAILURE, second factor). */
	public static final String SECOND_FACTOR_FAILED = AccountGateFilter.class.getName() + ".secondFactorFailed";

	private final AccountGate gate;

	private final Totp totp;

	private final IdentityService identityService;

	private final ObjectMapper json;

	public AccountGateFilter(AccountGate gate, Totp totp, IdentityService identityService, ObjectMapper json) {
		this.gate = gate;
		this.totp = totp;
		this.identityService = identityService;
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String route = request.getMethod() + " " + path;
		if (basic(request)) {
			// HTTP Basic: the second factor before anything, who-am-I included
			Optional<CurrentUser> user = user(request);
			if (user.isPresent() && !secondFactor(request, response, user.get())) {
				return;
			}
		}
		boolean login = path.startsWith("/camunda/api/admin/auth/user/default/login/");
		if (login || route.equals("POST /camunda/api/admin/auth/user/default/logout")) {
			gate.forget(request);
		}
		if (OPEN.contains(route) || path.startsWith("/portal/assets/") || path.equals("/portal/login.html") || login) {
			chain.doFilter(request, response);
			return;
		}
		Optional<CurrentUser> user = user(request);
		if (user.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		AccountGate.Step step = basic(request) ? gate.step(user.get()) : gate.step(request, user.get());
		if (step == AccountGate.Step.NONE || allowed(step, route) || resource(request, path)) {
			chain.doFilter(request, response);
			return;
		}
		if (page(request, path)) {
			response.sendRedirect(request.getContextPath() + step.page());
			return;
		}
		ProblemResponses.write(response, json, HttpStatus.FORBIDDEN.value(), gate.message(step, user.get()), true);
	}

	private static boolean allowed(AccountGate.Step step, String route) {
		return switch (step) {
			case PASSWORD -> PASSWORD.contains(route);
			case TOTP -> TOTP.contains(route);
			case TOTP_ENROL -> TOTP_ENROL.contains(route);
			case NONE -> true;
		};
	}

	/**
	 * The code of an HTTP Basic request whose account has an authenticator and needs it: none, or a wrong one (which
	 * counts toward the account's lock), is answered 401 here; true when the request may go on.
	 */
	private boolean secondFactor(HttpServletRequest request, HttpServletResponse response, CurrentUser user)
			throws IOException {
		if (!totp.enrolled(user.userId())) {
			return true; // an administrator without an authenticator may only enrol (AccountGate's step)
		}
		String code = request.getHeader(CODE_HEADER);
		if (code == null || code.isBlank()) {
			request.setAttribute(SECOND_FACTOR_FAILED, Boolean.TRUE);
			ProblemResponses.write(response, json, HttpStatus.UNAUTHORIZED.value(), Messages.get("security.totp.basicMissing"), true);
			return false;
		}
		if (totp.check(user.userId(), code) != Totp.Outcome.ACCEPTED) {
			request.setAttribute(SECOND_FACTOR_FAILED, Boolean.TRUE);
			ProblemResponses.write(response, json, HttpStatus.UNAUTHORIZED.value(), Messages.get("security.totp.basicWrong"), true);
			return false;
		}
		return true;
	}

	/** A page a person opens in the browser: the portal's, the web apps', the start page. */
	private static boolean page(HttpServletRequest request, String path) {
		String accept = request.getHeader("Accept");
		return "GET".equals(request.getMethod()) && accept != null && accept.contains("text/html")
				&& (path.equals("/") || path.startsWith("/portal/") || path.startsWith("/camunda/app/")
						|| path.equals("/camunda/") || path.equals("/camunda"));
	}

	/** The web apps' scripts, styles, locales and images: no data, needed to draw any page. */
	private static boolean resource(HttpServletRequest request, String path) {
		return "GET".equals(request.getMethod()) && !page(request, path) && !path.startsWith("/api/")
				&& !path.startsWith("/engine-rest/") && !path.startsWith("/camunda/api/") && !path.endsWith(".html")
				&& !path.endsWith(".xlsx");
	}

	private static boolean basic(HttpServletRequest request) {
		String header = request.getHeader("Authorization");
		return header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
	}

	/** The person of this request: HTTP Basic (checked by the login before this filter), else the session's. */
	private Optional<CurrentUser> user(HttpServletRequest request) {
		if (basic(request)) {
			Authentication auth = identityService.getCurrentAuthentication();
			if (auth == null || auth.getUserId() == null) {
				return Optional.empty();
			}
			List<String> groups = auth.getGroupIds() != null ? auth.getGroupIds()
					: identityService.createGroupQuery().groupMember(auth.getUserId()).list().stream().map(Group::getId).toList();
			return Optional.of(new CurrentUser(auth.getUserId(), groups));
		}
		return ApiAuthenticationFilter.session(request);
	}

}
