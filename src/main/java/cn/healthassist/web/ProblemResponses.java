package cn.healthassist.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
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
		HttpStatus known = HttpStatus.resolve(status);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", "about:blank");
		body.put("title", known == null ? "Error" : known.getReasonPhrase());
		body.put("status", status);
		body.put("detail", detail);
		if (withMessage) {
			body.put("message", detail);
		}
		return body;
	}

}
