package cn.healthassist.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A filter that completes the JSON the engine answered on one GET route of its APIs (the engine REST API and the web
 * apps' {@code /camunda/api/engine}): the route's request is answered by the engine as always, and only a 200 JSON
 * answer is handed to the rewrite, which changes the tree in place; anything else passes untouched. The form options
 * (organisation/FormOptions) and the full values of a task's form (cases/RecordValuesInForms) are such rewrites.
 */
public final class JsonAnswers {

	/** Changes the answer of the route in place; true when it changed it. */
	@FunctionalInterface
	public interface Rewrite {

		boolean apply(HttpServletRequest request, Matcher route, JsonNode answer) throws IOException;

	}

	private JsonAnswers() {
	}

	/** The filter, registered for the engine's APIs under the name and at the order given. */
	public static FilterRegistrationBean<OncePerRequestFilter> filter(String name, int order, Pattern route,
			ObjectMapper json, Rewrite rewrite) {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
			@Override
			protected boolean shouldNotFilter(HttpServletRequest request) {
				return !"GET".equals(request.getMethod()) || !route.matcher(request.getRequestURI()).matches();
			}

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
				chain.doFilter(request, wrapper);
				byte[] body = wrapper.getContentAsByteArray();
				Matcher m = route.matcher(request.getRequestURI());
				if (wrapper.getStatus() == 200 && body.length > 0 && wrapper.getContentType() != null
						&& wrapper.getContentType().contains("json") && m.matches()) {
					JsonNode answer = json.readTree(body);
					if (rewrite.apply(request, m, answer)) {
						wrapper.resetBuffer();
						wrapper.getOutputStream().write(json.writeValueAsString(answer).getBytes(StandardCharsets.UTF_8));
					}
				}
				wrapper.copyBodyToResponse();
			}
		});
		registration.setName(name);
		registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
		registration.setOrder(order);
		return registration;
	}

}
