package cn.healthassist.common;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.identity.Authentication;

import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Clear answers from Camunda's REST APIs (the engine REST API, and the one Tasklist uses) for changes:
 * <ul>
 * <li>a business rule's refusal: Camunda answers 500 with its own wording around the reason ("Cannot instantiate
 * process definition …: reason"); the person gets the rule's status (400, 403, 409) and the reason alone;</li>
 * <li>a conflict (two people changing the same case at once: optimistic locking, a task already claimed, a task
 * completed a moment ago by someone else) becomes 409 with a message to refresh, never a 500.</li>
 * </ul>
 * Answers keep Camunda's error shape ({@code type}, {@code message}), which Tasklist shows as it is.
 */
public class RejectionResponseFilter extends OncePerRequestFilter {

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

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) {
			chain.doFilter(request, response);
			return;
		}
		CaseRejectedException.LAST.remove();
		ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
		try {
			chain.doFilter(request, wrapper);
			CaseRejectedException rejection = CaseRejectedException.LAST.get();
			if (rejection != null && wrapper.getStatus() >= 400) {
				write(response, rejection.getStatus().value(), Map.of("type", "CaseRejectedException", "message",
						rejection.getMessage(), "code", 0, "errors", rejection.getProblems()));
				return;
			}
			String conflict = conflict(request, wrapper);
			if (conflict != null) {
				write(response, 409, Map.of("type", "ConflictException", "message", conflict, "code", 0));
				return;
			}
			wrapper.copyBodyToResponse();
		}
		finally {
			CaseRejectedException.LAST.remove();
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
			return "该案件刚被他人办理或认领，请刷新后重试";
		}
		Matcher m = TASK_ACTION.matcher(request.getRequestURI());
		Authentication auth = identityService.getCurrentAuthentication();
		if (m.matches() && auth != null) {
			String taskId = m.group(1);
			HistoricTaskInstance done = SystemCalls.run(identityService,
					() -> historyService.createHistoricTaskInstanceQuery().taskId(taskId).finished().singleResult());
			// only for someone who could have done the task: others keep their 403 or 404
			if (done != null && couldDo(done, auth)) {
				return "该任务已由 " + (done.getAssignee() == null ? "他人" : done.getAssignee()) + " 办理完毕，请刷新任务列表";
			}
		}
		return null;
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
