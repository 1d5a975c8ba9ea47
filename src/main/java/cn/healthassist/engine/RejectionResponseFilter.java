package cn.healthassist.engine;

import cn.healthassist.problems.FieldProblem;
import cn.healthassist.problems.CaseRejectedException;

import cn.healthassist.values.IdNumbers;
import cn.healthassist.values.Messages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.identity.Authentication;

import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Clear answers from Camunda's REST APIs (the engine REST API, the one Tasklist uses, and Cockpit's and Admin's plugin
 * APIs):
 * <ul>
 * <li>a JSON body that is not an object ({@code null}, {@code []}, broken) is a 400 before Camunda reads it, and one
 * over 2 MB a 413; so is a date that does not exist ({@link EngineDates}), which Camunda would read as another;</li>
 * <li>a business rule's refusal: Camunda answers 500 with its own wording around the reason ("Cannot instantiate
 * process definition …: reason"); the person gets the rule's status (400, 403, 409) and the reason alone;</li>
 * <li>a conflict (two people changing the same case at once: optimistic locking, a task already claimed, a task
 * completed a moment ago by someone else) becomes 409 with a message to refresh, never a 500;</li>
 * <li>any other 500 that a request caused (an unknown id, a value of the wrong shape) becomes 404 or 400, and a
 * message naming Java classes is replaced by a plain one; a real server fault stays 500 without class names.</li>
 * </ul>
 * Answers keep Camunda's error shape ({@code type}, {@code message}), which Tasklist shows as it is.
 */
public class RejectionResponseFilter extends OncePerRequestFilter {

	private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RejectionResponseFilter.class);

	private static final Pattern TASK_ACTION = Pattern.compile(".*/task/([^/]+)/(complete|submit-form|claim|resolve)$");

	private final ObjectMapper objectMapper;

	private final HistoryService historyService;

	private final IdentityService identityService;

	public RejectionResponseFilter(ObjectMapper objectMapper, HistoryService historyService,
			IdentityService identityService) {
		this.objectMapper = objectMapper;
		this.historyService = historyService;
		this.identityService = identityService;
	}

	/** The web apps' plugin files (scripts, styles) pass as they are. */
	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return STATIC.matcher(request.getRequestURI().substring(request.getContextPath().length())).matches();
	}

	private static final Pattern STATIC = Pattern.compile("/camunda/api/[^/]+/plugin/[^/]+/static/.*");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HttpServletRequest body = request;
		if (hasJsonBody(request)) {
			CachedBodyRequest cached = new CachedBodyRequest(request);
			if (cached.tooLarge()) {
				write(response, 413, Map.of("type", "PayloadTooLarge", "message", Messages.get("engine.rest.tooLarge"),
						"code", 0));
				return;
			}
			JsonNode query = jsonObjectOrEmpty(cached.body());
			if (query == null) {
				write(response, 400, Map.of("type", "InvalidRequest", "message",
						Messages.get("engine.rest.jsonObject"), "code", 0));
				return;
			}
			String paging = badPaging(query);
			if (paging != null) {
				write(response, 400, Map.of("type", "InvalidRequest", "message",
						Messages.get("engine.route.paging", paging), "code", 0));
				return;
			}
			String date = EngineDates.impossibleIn(query);
			if (date != null) {
				write(response, 400, Map.of("type", "InvalidRequest", "message", Messages.get("engine.route.date", date),
						"code", 0));
				return;
			}
			String likeOnWhat = request.getRequestURI().startsWith(request.getContextPath() + "/camunda/api/cockpit/")
					? badLike(query) : null;
			if (likeOnWhat != null) {
				write(response, 400, Map.of("type", "InvalidRequest", "message",
						Messages.get("engine.route.likeText", likeOnWhat), "code", 0));
				return;
			}
			body = cached;
		}
		CaseRejectedException.forgetLastOnThisThread();
		ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
		try {
			chain.doFilter(body, wrapper);
			CaseRejectedException rejection = CaseRejectedException.lastOnThisThread();
			if (rejection != null && wrapper.getStatus() >= 400) {
				LOG.info("Refused {} {} ({}): {}", request.getMethod(), request.getRequestURI(), rejection.getStatus().value(),
						fields(rejection));
				write(response, rejection.getStatus().value(), Map.of("type", "Rejected", "message",
						rejection.getMessage(), "code", 0, "errors", rejection.getProblems()));
				return;
			}
			String conflict = "GET".equals(request.getMethod()) ? null : conflict(request, wrapper);
			if (conflict != null) {
				write(response, 409, Map.of("type", "ConflictException", "message", conflict, "code", 0));
				return;
			}
			if (wrapper.getStatus() >= 400 && clearAnswer(request, response, wrapper)) {
				return;
			}
			wrapper.copyBodyToResponse();
		}
		finally {
			CaseRejectedException.forgetLastOnThisThread();
		}
	}

	/** Camunda's own words for a request it could not serve, when they name Java classes or say 500 for bad input. */
	private static final Pattern JAVA_NAME = Pattern.compile("\\b(java|javax|jakarta|org|com)\\.[a-z]+\\.");

	private static final Pattern NOT_FOUND = Pattern.compile(
			"(?i)(doesn't exist|does not exist|is null|not found|cannot find|no matching|no deployed)");

	private static final Pattern SERVER_FAULT = Pattern.compile("(?i)(PersistenceException|SQLException|DataAccess|"
			+ "Connection|OutOfMemory|StackOverflow|TransactionException)");

	/**
	 * Answers an error Camunda gave in words a person can act on: a 500 caused by a request (a missing record, a value
	 * of the wrong shape) becomes 404 or 400; a message that names Java classes is replaced by a plain one. A real
	 * server fault stays 500, without class names, and is logged with Camunda's own message.
	 */
	private boolean clearAnswer(HttpServletRequest request, HttpServletResponse response,
			ContentCachingResponseWrapper wrapper) throws IOException {
		int status = wrapper.getStatus();
		String body = new String(wrapper.getContentAsByteArray(), StandardCharsets.UTF_8);
		if (status == 401 || status == 403) {
			// the web apps read Camunda's AuthorizationException as it is; another exception's name (a 403 typed
			// InvalidRequestException for a form the person may not see) becomes a plain type, with its message
			JsonNode refusal = json(body);
			String type = refusal == null ? "" : refusal.path("type").asText("");
			if (!type.endsWith("Exception") || type.equals("AuthorizationException")) {
				return false;
			}
			String message = refusal.path("message").asText("");
			write(response, status, Map.of("type", status == 401 ? "Unauthorized" : "Forbidden", "message",
					JAVA_NAME.matcher(message).find() || message.isBlank() ? Messages.get("web.forbidden") : message,
					"code", 0));
			return true;
		}
		if (status >= 500) {
			if (SERVER_FAULT.matcher(body).find()) {
				LOG.error("Server error on {} {}: {}", request.getMethod(), request.getRequestURI(), abbreviate(body));
				write(response, 500, Map.of("type", "ServerError", "message", Messages.get("engine.rest.serverError"),
						"code", 0));
				return true;
			}
			LOG.info("Refused {} {}: {}", request.getMethod(), request.getRequestURI(), abbreviate(body));
			if (NOT_FOUND.matcher(body).find()) {
				write(response, 404, Map.of("type", "NotFound", "message", Messages.get("engine.rest.notFound"), "code", 0));
			}
			else {
				write(response, 400, Map.of("type", "InvalidRequest", "message", Messages.get("engine.rest.refused"),
						"code", 0));
			}
			return true;
		}
		JsonNode answer = json(body);
		String message = answer == null ? body : answer.path("message").asText("");
		if (JAVA_NAME.matcher(message).find() || message.isBlank()) {
			LOG.info("Refused {} {} ({}): {}", request.getMethod(), request.getRequestURI(), status, abbreviate(body));
			write(response, status, Map.of("type", status == 404 ? "NotFound" : "InvalidRequest", "message",
					status == 404 ? Messages.get("engine.rest.notFound")
							: Messages.get("engine.rest.badRequest"), "code", 0));
			return true;
		}
		// Camunda names its exception's class as the answer's type (InvalidRequestException, NotValidException …):
		// the person's mistake keeps its message under a plain type (401 and 403 keep theirs: the web apps read them)
		if (status != 409 && answer != null && answer.path("type").asText("").endsWith("Exception")) {
			write(response, status, Map.of("type", status == 404 ? "NotFound" : "InvalidRequest", "message", message,
					"code", 0));
			return true;
		}
		return false;
	}

	/** The fields a rejection names, never their values (which may be ID numbers). */
	private static String fields(CaseRejectedException rejection) {
		List<String> names = rejection.getProblems().stream().map(FieldProblem::field).filter(f -> f != null).toList();
		return names.isEmpty() ? "a business rule" : "fields " + String.join(", ", names);
	}

	/** An answer's JSON, or null when it is not JSON. */
	private JsonNode json(String body) {
		try {
			return objectMapper.readTree(body);
		}
		catch (IOException e) {
			return null;
		}
	}

	/** A shortened answer for the log, with anything shaped like an ID number masked (a request may echo one). */
	static String abbreviate(String body) {
		String masked = IdNumbers.maskAll(body);
		return masked.length() > 300 ? masked.substring(0, 300) + "…" : masked;
	}

	private static boolean hasJsonBody(HttpServletRequest request) {
		String type = request.getContentType();
		return ("POST".equals(request.getMethod()) || "PUT".equals(request.getMethod())) && type != null
				&& type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json");
	}

	/**
	 * Paging sent in a query's body (Cockpit's plugin queries read it there), held to the address's rule
	 * (EngineRouteFilter): the first field that breaks it, or null.
	 */
	private static String badPaging(JsonNode query) {
		for (String name : EngineRouteFilter.PAGING) {
			JsonNode value = query.get(name);
			if (value != null && !value.isNull() && !(value.isIntegralNumber() && value.canConvertToLong()
					&& EngineRouteFilter.isPageNumber(value.longValue()))) {
				return name;
			}
		}
		return null;
	}

	/**
	 * The name of a variable condition of Cockpit's plugin queries that compares with {@code like} or {@code notLike}
	 * something other than text (the query then fails in the database: a 500; the engine REST API converts such a
	 * value itself), or null. Variable conditions are lists of {name, operator, value} under any field of the query.
	 */
	private static String badLike(JsonNode query) {
		for (JsonNode field : query) {
			if (field.isArray()) {
				for (JsonNode condition : field) {
					String operator = condition.path("operator").asText("");
					if (condition.isObject() && ("like".equalsIgnoreCase(operator) || "notLike".equalsIgnoreCase(operator))
							&& !condition.path("value").isTextual()) {
						return condition.path("name").asText("");
					}
				}
			}
		}
		return null;
	}

	/** A JSON body that is an object (an empty one when the body is empty), or null when it is anything else. */
	private JsonNode jsonObjectOrEmpty(byte[] body) {
		String text = new String(body, StandardCharsets.UTF_8).strip();
		if (text.isEmpty()) {
			return objectMapper.createObjectNode();
		}
		try {
			JsonNode node = objectMapper.readTree(text);
			return node instanceof com.fasterxml.jackson.databind.node.ObjectNode ? node : null;
		}
		catch (IOException e) {
			return null;
		}
	}

	private String conflict(HttpServletRequest request, ContentCachingResponseWrapper wrapper) {
		int status = wrapper.getStatus();
		if (status < 400 || status == 401) {
			return null;
		}
		String body = new String(wrapper.getContentAsByteArray(), StandardCharsets.UTF_8);
		if (status >= 500 && (body.contains("\"OptimisticLockingException\"") || body.contains("\"TaskAlreadyClaimedException\"")
				|| body.contains("is already claimed"))) {
			return Messages.get("engine.rest.changedByOthers");
		}
		Matcher m = TASK_ACTION.matcher(request.getRequestURI());
		Authentication auth = identityService.getCurrentAuthentication();
		if (m.matches() && auth != null) {
			String taskId = m.group(1);
			HistoricTaskInstance done = SystemCalls.run(identityService,
					() -> historyService.createHistoricTaskInstanceQuery().taskId(taskId).finished().singleResult());
			// only for someone who could have done the task: others keep their 403 or 404
			if (done != null && couldDo(done, auth)) {
				String who = done.getAssignee() != null ? done.getAssignee() : completedBy(taskId);
				return Messages.get("engine.rest.taskDone", who == null ? Messages.get("engine.rest.someoneElse") : who);
			}
		}
		return null;
	}

	/** Who completed a task no one had claimed: the engine's operation log names them. */
	private String completedBy(String taskId) {
		return SystemCalls.run(identityService, () -> historyService.createUserOperationLogQuery()
			.taskId(taskId)
			.operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE)
			.list()
			.stream()
			.map(UserOperationLogEntry::getUserId)
			.filter(java.util.Objects::nonNull)
			.findFirst()
			.orElse(null));
	}

	private boolean couldDo(HistoricTaskInstance task, Authentication auth) {
		if (auth.getUserId().equals(task.getAssignee())) {
			return true;
		}
		List<String> groups = auth.getGroupIds() == null ? List.of() : auth.getGroupIds();
		return SystemCalls.run(identityService, () -> historyService.createHistoricIdentityLinkLogQuery()
			.taskId(task.getId())
			.type("candidate")
			.list()
			.stream()
			.anyMatch(l -> auth.getUserId().equals(l.getUserId()) || (l.getGroupId() != null && groups.contains(l.getGroupId()))));
	}

	private void write(HttpServletResponse response, int status, Map<String, Object> payload) throws IOException {
		byte[] body = objectMapper.writeValueAsBytes(payload);
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

}
