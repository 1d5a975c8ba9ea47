package cn.healthassist.engine;

import java.util.List;
import java.util.Set;

import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.stereotype.Component;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import jakarta.annotation.PostConstruct;

/**
 * Camunda's REST API logs every answer it gives as 500 as a warning with a stack trace, among them a business rule's
 * refusal of a form (which the person is shown as a 400) and requests for records that do not exist. Those are the
 * person's mistakes, not the server's: {@code common/RejectionResponseFilter} logs them in one line at INFO, and this
 * filter drops Camunda's warning. Real faults (the database, the server) keep their warning and stack trace.
 */
@Component
public class RefusalLogFilter extends TurboFilter {

	private static final String REST_EXCEPTIONS = "org.camunda.bpm.engine.rest.exception";

	/** Exceptions a request causes; anything else is a server fault. */
	private static final Set<String> REQUEST_CAUSED = Set.of("BadUserRequestException", "CaseRejectedException",
			"NullValueException", "NotFoundException", "InvalidRequestException", "NotValidException",
			"AuthorizationException", "TaskAlreadyClaimedException", "OptimisticLockingException",
			"MismatchingMessageCorrelationException", "FormFieldValidatorException", "FormFieldValidationException");

	@PostConstruct
	void register() {
		if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context && !context.getTurboFilterList().contains(this)) {
			context.addTurboFilter(this);
		}
	}

	@Override
	public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
		if (logger == null || !logger.getName().startsWith(REST_EXCEPTIONS) || !level.isGreaterOrEqual(Level.WARN)) {
			return FilterReply.NEUTRAL;
		}
		if (t != null) {
			return requestCaused(t) ? FilterReply.DENY : FilterReply.NEUTRAL;
		}
		// Camunda's REST logger passes the stack trace as text, in the message itself
		if (format != null && requestCaused(format)) {
			return FilterReply.DENY;
		}
		if (params != null) {
			for (Object p : params) {
				if (p instanceof Throwable thrown && requestCaused(thrown)
						|| p instanceof String text && requestCaused(text)) {
					return FilterReply.DENY;
				}
			}
		}
		return FilterReply.NEUTRAL;
	}

	/** Reads the exceptions of a stack trace (its first line and its "Caused by:" lines), not its frames. */
	static boolean requestCaused(String stackTrace) {
		String text = stackTrace.startsWith("ENGINE-REST-HTTP") ? stackTrace.substring(stackTrace.indexOf(' ') + 1) : stackTrace;
		List<String> exceptions = text.lines()
			.filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)) || l.startsWith("Caused by:"))
			.map(l -> l.startsWith("Caused by:") ? l.substring(10).strip() : l)
			.map(l -> l.contains(":") ? l.substring(0, l.indexOf(':')) : l)
			.toList();
		if (exceptions.stream().anyMatch(e -> e.contains("Persistence") || e.contains("SQL"))) {
			return false;
		}
		return exceptions.stream().anyMatch(e -> REQUEST_CAUSED.contains(e.substring(e.lastIndexOf('.') + 1)));
	}

	static boolean requestCaused(Throwable thrown) {
		for (Throwable c = thrown; c != null; c = c.getCause() == c ? null : c.getCause()) {
			if (REQUEST_CAUSED.contains(c.getClass().getSimpleName())) {
				return true;
			}
		}
		return false;
	}

}
