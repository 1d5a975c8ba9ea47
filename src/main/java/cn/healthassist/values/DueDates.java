package cn.healthassist.values;

import java.time.Duration;
import java.util.Date;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import cn.healthassist.processes.ForModels;

import cn.healthassist.config.HealthAssistProperties;

/**
 * Due dates of human steps, configured per step in {@code healthassist.due} (ISO-8601 durations). Used from the
 * models as {@code camunda:dueDate="${dueDates.date('township-review')}"} and, for the reminder (催办) timer of
 * the same step, {@code ${dueDates.period('township-review')}}. Follows the engine's clock, so tests can move it.
 */
@ForModels
@Component("dueDates")
public class DueDates {

	private final HealthAssistProperties properties;

	public DueDates(HealthAssistProperties properties) {
		this.properties = properties;
	}

	public Duration duration(String step) {
		Duration d = properties.getDue().get(step);
		if (d == null) {
			throw new IllegalStateException("No due period configured for step '" + step + "' (healthassist.due." + step + ")");
		}
		return d;
	}

	/** The due date of a step that starts now. */
	public Date date(String step) {
		return new Date(ClockUtil.getCurrentTime().getTime() + duration(step).toMillis());
	}

	/** The due period as an ISO-8601 duration for a timer, e.g. PT120H. */
	public String period(String step) {
		return duration(step).toString();
	}

}
