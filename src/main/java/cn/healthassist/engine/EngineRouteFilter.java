package cn.healthassist.engine;

import cn.healthassist.web.ProblemResponses;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.healthassist.values.IdNumbers;
import cn.healthassist.engine.EngineRoutes.Role;
import cn.healthassist.security.ApiAuthenticationFilter;
import cn.healthassist.security.CurrentUser;
import cn.healthassist.web.PlainPaths;
import cn.healthassist.security.Groups;
import cn.healthassist.values.Messages;
import cn.healthassist.security.ConcurrentSessions;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Lets through to Camunda's REST APIs only the routes {@link EngineRoutes} allows the person's roles; everything else
 * is answered 403 (401 without a login) as {@code application/problem+json}. Runs after the engine REST API's login
 * (HTTP Basic); the web apps' APIs from the web apps' session, as the product's API reads it.
 */
public class EngineRouteFilter extends OncePerRequestFilter {

	private static final Logger LOG = LoggerFactory.getLogger(EngineRouteFilter.class);

	private static final Pattern ENGINE_REST = Pattern.compile("/engine-rest(?:/engine/[^/]+)?(/.*)?");

	/** The paging parameters of Camunda's queries, in the address or (Cockpit's) in the body. */
	static final List<String> PAGING = List.of("firstResult", "maxResults");

	/** The most a paging parameter may say: nine digits. */
	private static final long MAX_PAGE = 999_999_999L;

	/** A paging parameter in the address: at most nine digits, so never above {@link #MAX_PAGE}. */
	private static final Pattern PAGE_NUMBER = Pattern.compile("[0-9]{1,9}");

	/** Whether a paging parameter's number is one: 0 to 999,999,999 ({@link RejectionResponseFilter} asks too). */
	static boolean isPageNumber(long value) {
		return value >= 0 && value <= MAX_PAGE;
	}

	/**
	 * Camunda's history of case (CMMN) models: the product runs none, and their history tables are not created (the
	 * case definitions themselves answer an empty list, which Cockpit's dashboard counts).
	 */
	private static final Pattern CASE_MODELS = Pattern.compile("/history/case-[a-z-]+(/.*)?");

	private static final Pattern WEBAPP_ENGINE = Pattern.compile("/camunda/api/engine/engine/[^/]+(/.*)?");

	private static final List<String> STAFF = List.of(Groups.VILLAGE_DOCTOR, Groups.VILLAGE_COMMITTEE,
			Groups.TOWNSHIP_HEALTH, Groups.TOWNSHIP_CIVIL, Groups.HOSPITAL_DOCTOR, Groups.HOSPITAL_HEAD,
			Groups.COUNTY_INSURANCE, Groups.HEALTH_COMMISSION, Groups.CHARITY_FEDERATION);

	private final EngineRoutes routes;

	private final IdentityService identityService;

	private final ObjectMapper objectMapper;

	/** Why a request with a session finds no login, where the product knows it (a session ended for the limit). */
	private final ConcurrentSessions sessions;

	public EngineRouteFilter(EngineRoutes routes, IdentityService identityService, ObjectMapper objectMapper,
			ConcurrentSessions sessions) {
		this.sessions = sessions;
		this.routes = routes;
		this.identityService = identityService;
		this.objectMapper = objectMapper;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String uri = request.getRequestURI().substring(request.getContextPath().length());
		String method = request.getMethod();
		// an address not in plain form (encoded separators, dot segments, parameters) is refused, never guessed at;
		// web/PlainPaths refuses it for the whole application first, this door keeps its own refusal
		if (!PlainPaths.plain(uri)) {
			problem(response, 403, Messages.get("engine.route.path"), uri, method, null);
			return;
		}
		String path;
		Matcher rest = ENGINE_REST.matcher(uri);
		Matcher webapp = WEBAPP_ENGINE.matcher(uri);
		boolean engineRest = rest.matches();
		if (engineRest) {
			path = rest.group(1) == null ? "/" : rest.group(1);
		}
		else if (webapp.matches()) {
			path = webapp.group(1) == null ? "/" : webapp.group(1);
		}
		else {
			path = uri;
		}
		CurrentUser person = engineRest ? fromEngine() : ApiAuthenticationFilter.session(request).orElse(null);
		Set<Role> roles = roles(person);
		boolean allowed = ("OPTIONS".equals(method) && person != null) || routes.allows(roles, method, path);
		if (allowed) {
			String paging = badPaging(request.getQueryString());
			if (paging != null) {
				problem(response, 400, Messages.get("engine.route.paging", paging), uri, method, null);
				return;
			}
			String date = impossibleDate(request.getQueryString());
			if (date != null) {
				problem(response, 400, Messages.get("engine.route.date", date), uri, method, null);
				return;
			}
			if (CASE_MODELS.matcher(path).matches()) {
				problem(response, 404, Messages.get("engine.route.noCaseModels"), uri, method, null);
				return;
			}
			chain.doFilter(request, response);
			return;
		}
		if (person == null) {
			problem(response, 401, sessions.endedReason(request).orElseGet(() -> Messages.get("security.loginFirst")), uri,
					method, null);
		}
		else {
			problem(response, 403, Messages.get("engine.route.notAllowed", method, path), uri, method,
					person.userId());
		}
	}

	/**
	 * The paging parameters of a query ({@code firstResult}, {@code maxResults}), whichever door: whole numbers from 0 to
	 * 999,999,999, or the database is asked for a negative offset (a server error, not the person's mistake). The first
	 * that is not, or null. Read from the address only: a form's body is the resource's to read.
	 */
	static String badPaging(String queryString) {
		return firstParameter(queryString,
				(name, value) -> PAGING.contains(name) && (value == null || !PAGE_NUMBER.matcher(value).matches()));
	}

	/** The name of the first parameter in the address whose value is a date that does not exist (EngineDates), or null. */
	static String impossibleDate(String queryString) {
		return firstParameter(queryString, (name, value) -> EngineDates.impossible(value));
	}

	/**
	 * The name of the first parameter of the address (decoded) for which the test holds of its name and decoded value
	 * (null when it has none or cannot be decoded), or null.
	 */
	private static String firstParameter(String queryString, java.util.function.BiPredicate<String, String> test) {
		if (queryString == null) {
			return null;
		}
		for (String pair : queryString.split("&")) {
			int eq = pair.indexOf('=');
			String name = decoded(eq < 0 ? pair : pair.substring(0, eq));
			if (name != null && test.test(name, eq < 0 ? "" : decoded(pair.substring(eq + 1)))) {
				return name;
			}
		}
		return null;
	}

	private static String decoded(String part) {
		try {
			return java.net.URLDecoder.decode(part, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException e) {
			return null;
		}
	}

	private CurrentUser fromEngine() {
		Authentication auth = identityService.getCurrentAuthentication();
		return auth == null || auth.getUserId() == null ? null
				: new CurrentUser(auth.getUserId(), auth.getGroupIds() == null ? List.of() : auth.getGroupIds());
	}


	static Set<Role> roles(CurrentUser person) {
		EnumSet<Role> roles = EnumSet.of(Role.ANYONE);
		if (person == null) {
			return roles;
		}
		roles.add(Role.EVERYONE);
		for (String group : person.groupIds()) {
			if (STAFF.stream().anyMatch(group::startsWith)) {
				roles.add(Role.STAFF);
			}
			if (Groups.AUDITOR.equals(group)) {
				roles.add(Role.AUDITOR);
			}
			if (Groups.PROCESS_OWNER.equals(group)) {
				roles.add(Role.OWNER);
			}
			if (Groups.ADMIN.equals(group)) {
				roles.add(Role.ADMIN);
			}
			if (Groups.SYSTEM_ADMIN.equals(group)) {
				roles.add(Role.SYSADMIN);
			}
			if (Groups.SECURITY_ADMIN.equals(group)) {
				roles.add(Role.SECADMIN);
			}
			if (Groups.AUDIT_ADMIN.equals(group)) {
				roles.add(Role.AUDITADMIN);
			}
		}
		return roles;
	}

	private void problem(HttpServletResponse response, int status, String detail, String uri, String method,
			String userId) throws IOException {
		if (status == 403) {
			LOG.info("Refused route {} {} for {}", method, IdNumbers.maskAll(uri), userId);
		}
		ProblemResponses.write(response, objectMapper, status, detail, true);
	}

}
