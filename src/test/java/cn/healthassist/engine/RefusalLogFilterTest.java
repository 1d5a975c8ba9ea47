package cn.healthassist.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;

import cn.healthassist.problems.CaseRejectedException;

class RefusalLogFilterTest {

	private final LoggerContext context = new LoggerContext();

	private final RefusalLogFilter filter = new RefusalLogFilter();

	@Test
	void aRefusalInsideCamundasRestException_isNotLoggedAsAWarning() {
		RestException wrapped = new RestException("Cannot instantiate process definition x: 不符合条件");
		wrapped.initCause(CaseRejectedException.badInput("idNumber", "身份证号码无效"));
		assertThat(filter.decide(null, context.getLogger("org.camunda.bpm.engine.rest.exception"), Level.WARN,
				"ENGINE-REST-HTTP500 {}", new Object[] { wrapped }, null)).isEqualTo(FilterReply.DENY);
		assertThat(filter.decide(null, context.getLogger("org.camunda.bpm.engine.rest.exception"), Level.WARN, "x", null,
				new NullValueException("execution x doesn't exist"))).isEqualTo(FilterReply.DENY);
	}

	@Test
	void aServerFault_andOtherLoggers_areLeftAlone() {
		RestException fault = new RestException("boom");
		fault.initCause(new IllegalStateException("connection refused"));
		assertThat(filter.decide(null, context.getLogger("org.camunda.bpm.engine.rest.exception"), Level.WARN, "x",
				new Object[] { fault }, null)).isEqualTo(FilterReply.NEUTRAL);
		assertThat(filter.decide(null, context.getLogger("cn.healthassist.x"), Level.WARN, "x", null,
				CaseRejectedException.badInput("f", "m"))).isEqualTo(FilterReply.NEUTRAL);
	}

	@Test
	void camundasStackTraceAsText_isReadToo() {
		String refusal = "org.camunda.bpm.engine.rest.exception.RestException: Cannot instantiate process definition x\n"
				+ "\tat org.camunda.Foo.bar(Foo.java:1)\nCaused by: cn.healthassist.problems.CaseRejectedException: 身份证号码无效\n";
		String fault = "org.camunda.bpm.engine.rest.exception.RestException: x\nCaused by: "
				+ "org.camunda.bpm.engine.ProcessEnginePersistenceException: y\nCaused by: java.sql.SQLException: z\n";
		assertThat(filter.decide(null, context.getLogger("org.camunda.bpm.engine.rest.exception"), Level.WARN,
				"ENGINE-REST-HTTP500 {}", new Object[] { refusal }, null)).isEqualTo(FilterReply.DENY);
		assertThat(filter.decide(null, context.getLogger("org.camunda.bpm.engine.rest.exception"), Level.WARN,
				"ENGINE-REST-HTTP500 {}", new Object[] { fault }, null)).isEqualTo(FilterReply.NEUTRAL);
		assertThat(filter.decide(null, context.getLogger("org.camunda.bpm.engine.rest.exception"), Level.WARN,
				"ENGINE-REST-HTTP500 " + refusal, null, null)).isEqualTo(FilterReply.DENY);
		assertThat(filter.decide(null, context.getLogger("org.camunda.bpm.engine.rest.exception"), Level.WARN,
				"ENGINE-REST-HTTP500 " + fault, null, null)).isEqualTo(FilterReply.NEUTRAL);
	}

}
