package cn.healthassist.common;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * When a business rule refuses a change made through Camunda's REST APIs (the engine REST API, and the one
 * Tasklist uses), Camunda answers 500 with its own wording around the reason ("Cannot instantiate process
 * definition …: reason"). This filter gives the person the rule's status (400, 403, 409) and the reason alone,
 * in Camunda's error shape ({@code type}, {@code message}), which Tasklist shows as it is.
 */
public class RejectionResponseFilter extends OncePerRequestFilter {

	private final ObjectMapper objectMapper;

	public RejectionResponseFilter(ObjectMapper objectMapper) {
		this.objectMapper = objectMapper;
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
			if (rejection != null && wrapper.getStatus() >= 500) {
				wrapper.resetBuffer();
				byte[] body = objectMapper.writeValueAsBytes(Map.of("type", "CaseRejectedException", "message",
						rejection.getMessage(), "code", 0, "errors", rejection.getProblems()));
				response.setStatus(rejection.getStatus().value());
				response.setContentType(MediaType.APPLICATION_JSON_VALUE);
				response.setCharacterEncoding(StandardCharsets.UTF_8.name());
				response.setContentLength(body.length);
				response.getOutputStream().write(body);
				return;
			}
			wrapper.copyBodyToResponse();
		}
		finally {
			CaseRejectedException.LAST.remove();
		}
	}

}
