package cn.healthassist.web;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.http.MediaType;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.healthassist.values.Messages;

/**
 * The answer Tomcat gives itself, where no servlet, filter or error page runs: a request line or address it cannot
 * take (an encoded slash or a NUL in the path, {@code /api/cases%2F1}), a header too large. Tomcat's own page is
 * HTML in English with no reason a person can act on; this one is {@code application/problem+json} in Chinese, like
 * every other refusal (docs/security.md, "Clear answers"). Everything else answers through the application's
 * filters and Spring's error handling as before: this valve only writes where nothing was written.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		// as Tomcat's own valve: nothing below 400, nothing over an answer already begun, each error once
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean io = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, io);
		if (!io.get()) {
			return;
		}
		Map<String, Object> body = ProblemResponses.body(status,
				Messages.get(status == 400 ? "web.requestLine" : status < 500 ? "web.badRequest" : "web.unexpected"), false);
		try {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			response.setHeader("X-Content-Type-Options", "nosniff");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(JSON.writeValueAsString(body));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException e) {
			// the client is gone or the answer was begun after all: nothing more to say
		}
	}

	/**
	 * Puts this valve in place of the one Spring Boot gives Tomcat's host, and names it as the host's error report
	 * valve so that Tomcat does not add its own beside it.
	 */
	static WebServerFactoryCustomizer<TomcatServletWebServerFactory> installer() {
		return factory -> factory.addContextCustomizers(context -> {
			if (context.getParent() instanceof StandardHost host) {
				host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
			}
			Pipeline pipeline = context.getParent().getPipeline();
			for (Valve valve : pipeline.getValves()) {
				if (valve instanceof ErrorReportValve && !(valve instanceof ProblemErrorReportValve)) {
					pipeline.removeValve(valve);
				}
			}
			if (java.util.Arrays.stream(pipeline.getValves()).noneMatch(ProblemErrorReportValve.class::isInstance)) {
				pipeline.addValve(new ProblemErrorReportValve());
			}
		});
	}

}
