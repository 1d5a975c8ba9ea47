package cn.healthassist.web;

import cn.healthassist.values.Messages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.MediaType;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The {@code application/problem+json} answers the servlet filters give before any controller runs (no login, a
 * route not allowed, the models not deployed yet, an address locked); the controllers' answers come from
 * {@link ApiExceptionHandler}.
 */
public final class ProblemResponses {

	private ProblemResponses() {
	}

	/**
	 * Writes {type, title, status, detail}; with {@code message} too where Camunda's REST clients (Modeler, Tasklist)
	 * read the reason from that field.
	 */
	public static void write(HttpServletResponse response, ObjectMapper json, int status, String detail,
			boolean withMessage) throws IOException {
		byte[] bytes = json.writeValueAsBytes(body(status, detail, withMessage));
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
	}

	/**
	 * The body of such an answer: {type, title, status, detail}, and {@code message} with it where asked; also for the
	 * answers of Tomcat's own refusals (ProblemErrorReportValve) and of errors sent without a body
	 * (ProblemErrorController).
	 */
	public static Map<String, Object> body(int status, String detail, boolean withMessage) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", "about:blank");
		body.put("title", title(status));
		body.put("status", status);
		body.put("detail", detail);
		if (withMessage) {
			body.put("message", detail);
		}
		return body;
	}

	/** A problem's title in Chinese, by its status (its detail says what to do). */
	public static String title(int status) {
		return switch (status) {
			case 400 -> Messages.get("web.title.badRequest");
			case 401 -> Messages.get("web.title.unauthorized");
			case 403 -> Messages.get("web.title.forbidden");
			case 404 -> Messages.get("web.title.notFound");
			case 409 -> Messages.get("web.title.conflict");
			case 405 -> Messages.get("web.title.methodNotAllowed");
			case 413 -> Messages.get("web.title.tooLarge");
			case 410 -> Messages.get("web.title.gone");
			case 415 -> Messages.get("web.title.mediaType");
			case 429 -> Messages.get("web.title.tooMany");
			case 503 -> Messages.get("web.title.unavailable");
			// a request the server could not serve as sent is the sender's to correct, not a system error
			default -> status < 500 ? Messages.get("web.title.badRequest") : Messages.get("web.title.error");
		};
	}

}
