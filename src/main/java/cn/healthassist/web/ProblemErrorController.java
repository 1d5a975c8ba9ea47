package cn.healthassist.web;

import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import cn.healthassist.values.Messages;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The answer to an error a filter of the web apps sent without a body (Camunda's CSRF check: a session's POST
 * without its {@code X-XSRF-TOKEN}), for a client that does not ask for a page: {@code application/problem+json} with
 * a reason a person can act on, in place of Spring Boot's {@code {"timestamp","status","error","path"}}. Browsers
 * asking for a page keep the portal's error pages ({@code static/error/}).
 */
@Configuration(proxyBeanMethods = false)
public class ProblemErrorController {

	private static final java.util.regex.Pattern LOGIN = java.util.regex.Pattern
		.compile("/camunda/api/admin/auth/user/[^/]+/login/[^/]+");

	@Bean
	BasicErrorController basicErrorController(ErrorAttributes errorAttributes, ServerProperties server,
			ObjectProvider<ErrorViewResolver> resolvers) {
		return new BasicErrorController(errorAttributes, server.getError(), resolvers.orderedStream().toList()) {

			/** {@code /error} asked for itself, not as an error's forward, is an address with nothing: 404, not 500. */
			@Override
			protected HttpStatus getStatus(HttpServletRequest request) {
				if (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) == null) {
					return HttpStatus.NOT_FOUND;
				}
				return super.getStatus(request);
			}

			@Override
			public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
				HttpStatus status = getStatus(request);
				if (status == HttpStatus.NO_CONTENT) {
					return new ResponseEntity<>(status);
				}
				String detail = detail(status, request.getAttribute(RequestDispatcher.ERROR_MESSAGE),
						request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
				return ResponseEntity.status(status)
					.contentType(MediaType.APPLICATION_PROBLEM_JSON)
					.body(ProblemResponses.body(status.value(), detail, true));
			}
		};
	}

	/**
	 * A reason by the status; Camunda's CSRF refusal by its own words, which are not shown; a web apps' login that
	 * Camunda refuses (401 without a body) as the wrong user name or password it is.
	 */
	static String detail(HttpStatus status, Object message, Object uri) {
		if (status == HttpStatus.FORBIDDEN && message != null && message.toString().startsWith("CSRFPreventionFilter")) {
			return Messages.get("web.csrf");
		}
		if (status == HttpStatus.UNAUTHORIZED && uri != null && LOGIN.matcher(uri.toString()).matches()) {
			return Messages.get("security.wrongPassword");
		}
		return switch (status) {
			case UNAUTHORIZED -> Messages.get("security.loginFirst");
			case FORBIDDEN -> Messages.get("web.forbidden");
			case NOT_FOUND -> Messages.get("web.notFound");
			case METHOD_NOT_ALLOWED -> Messages.get("web.methodNotAllowed");
			default -> Messages.get(status.is4xxClientError() ? "web.badRequest" : "web.unexpected");
		};
	}

}
