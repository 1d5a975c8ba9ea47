package cn.healthassist.security;

import cn.healthassist.web.ProblemResponses;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import cn.healthassist.values.Messages;

/**
 * Login for the project's own API ({@code /api/**}) and pages ({@code /portal/**}): the session of the Camunda
 * web apps (one login for Tasklist, Cockpit and the project's pages) or HTTP Basic against Camunda's identity.
 * The user and groups are set on the engine for the request, so Camunda's authorizations apply to everything
 * done on the user's behalf. Session-authenticated changes must carry the web apps' CSRF token.
 */
public class ApiAuthenticationFilter extends OncePerRequestFilter {

	public static final String CURRENT_USER = ApiAuthenticationFilter.class.getName() + ".user";

	private static final String ENGINE = "default";

	/** Says that the request's session was ended for the account's limit of sessions (ConcurrentSessions). */
	static final String SESSION_ENDED_HEADER = "X-Session-Ended";

	private static final Pattern SAFE_METHODS = CsrfConstants.CSRF_NON_MODIFYING_METHODS_PATTERN;

	private final IdentityService identityService;

	private final ObjectMapper objectMapper;

	private final ConcurrentSessions sessions;

	public ApiAuthenticationFilter(IdentityService identityService, ObjectMapper objectMapper, ConcurrentSessions sessions) {
		this.sessions = sessions;
		this.identityService = identityService;
		this.objectMapper = objectMapper;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (isPublic(path)) {
			chain.doFilter(request, response);
			return;
		}
		String header = request.getHeader("Authorization");
		CurrentUser user;
		if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
			Optional<CurrentUser> basic = basic(header.substring(6).trim());
			if (basic.isEmpty()) {
				response.setHeader("WWW-Authenticate", "Basic realm=\"healthassist\", charset=\"UTF-8\"");
				problem(response, HttpStatus.UNAUTHORIZED, Messages.get("security.wrongPassword"));
				return;
			}
			user = basic.get();
		}
		else {
			Optional<CurrentUser> session = session(request);
			if (session.isEmpty()) {
				Optional<String> ended = sessions.endedReason(request);
				if (path.startsWith("/portal/") && "GET".equals(request.getMethod())) {
					// the whole address, its case and document included, for a link opened before logging in
					String asked = request.getQueryString() == null ? path : path + "?" + request.getQueryString();
					response.sendRedirect(request.getContextPath() + "/portal/login.html?next="
							+ java.net.URLEncoder.encode(asked, StandardCharsets.UTF_8) + (ended.isPresent() ? "&ended=limit" : ""));
					return;
				}
				// the portal's own scripts (X-Requested-With) handle a 401 themselves: no browser login dialog for them
				if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
					response.setHeader("WWW-Authenticate", "Basic realm=\"healthassist\", charset=\"UTF-8\"");
				}
				if (ended.isPresent()) {
					// for the portal's scripts, which send the person to the login page with the reason (portal.js)
					response.setHeader(SESSION_ENDED_HEADER, "limit");
				}
				problem(response, HttpStatus.UNAUTHORIZED, ended.orElseGet(() -> Messages.get("security.loginFirstApi")));
				return;
			}
			user = session.get();
			if (!SAFE_METHODS.matcher(request.getMethod()).matches() && !csrfTokenMatches(request)) {
				problem(response, HttpStatus.FORBIDDEN, Messages.get("security.csrfToken"));
				return;
			}
		}
		if (readOnly(user) && !SAFE_METHODS.matcher(request.getMethod()).matches()) {
			problem(response, HttpStatus.FORBIDDEN, Messages.get("security.auditorReadOnly"));
			return;
		}
		request.setAttribute(CURRENT_USER, user);
		identityService.setAuthentication(user.userId(), user.groupIds());
		EngineDoors.enterProduct();
		try {
			chain.doFilter(request, response);
		}
		finally {
			EngineDoors.leaveProduct();
			identityService.clearAuthentication();
		}
	}

	/** Auditors read every case and change nothing. */
	private static boolean readOnly(CurrentUser user) {
		return user.isAuditor() && user.groupIds().stream().allMatch(Groups.AUDITOR::equals);
	}

	private static boolean isPublic(String path) {
		return path.equals("/portal/login.html") || path.startsWith("/portal/assets/") || path.equals(LoginToken.PATH);
	}

	private Optional<CurrentUser> basic(String encoded) {
		String decoded;
		try {
			decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException e) {
			return Optional.empty();
		}
		int colon = decoded.indexOf(':');
		if (colon <= 0) {
			return Optional.empty();
		}
		String userId = decoded.substring(0, colon);
		String password = decoded.substring(colon + 1);
		if (!identityService.checkPassword(userId, password)) {
			return Optional.empty();
		}
		List<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
		return Optional.of(new CurrentUser(userId, groups));
	}

	/** The person logged in to the web apps in this request's session (Tasklist, Cockpit, Admin, welcome, portal). */
	public static Optional<CurrentUser> session(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return session == null ? Optional.empty() : sessionUser(session);
	}

	/** The person logged in to the web apps in a session, empty for none. */
	public static Optional<CurrentUser> sessionUser(HttpSession session) {
		Authentications auths = AuthenticationUtil.getAuthsFromSession(session);
		if (auths == null || !auths.hasAuthenticationForProcessEngine(ENGINE)) {
			return Optional.empty();
		}
		UserAuthentication auth = (UserAuthentication) auths.getAuthenticationForProcessEngine(ENGINE);
		return Optional.of(new CurrentUser(auth.getName(), auth.getGroupIds() == null ? List.of() : auth.getGroupIds()));
	}

	private static boolean csrfTokenMatches(HttpServletRequest request) {
		String expected = csrfToken(request);
		return expected != null && expected.equals(request.getHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME));
	}

	/** The CSRF token Camunda's web apps gave this request's session, or null. */
	public static String csrfToken(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		Object token = session == null ? null : session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME);
		return token == null ? null : token.toString();
	}

	private void problem(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
		ProblemResponses.write(response, objectMapper, status.value(), detail, false);
	}

}
