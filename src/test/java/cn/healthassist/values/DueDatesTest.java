package cn.healthassist.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cn.healthassist.config.HealthAssistProperties;

class DueDatesTest {

	private final HealthAssistProperties properties = new HealthAssistProperties();

	private final DueDates dueDates = new DueDates(properties);

	@AfterEach
	void engineClockBack() {
		ClockUtil.reset();
	}

	@Test
	void theConfiguredPeriodOfAStep_isItsDuration() {
		properties.getDue().put("township-review", Duration.ofDays(5));
		assertThat(dueDates.duration("township-review")).isEqualTo(Duration.ofDays(5));
	}

	@Test
	void thePeriodForATimer_isAnIsoDuration() {
		properties.getDue().put("township-review", Duration.ofDays(5));
		properties.getDue().put("referral-emergency-confirmation", Duration.ofHours(24));
		assertThat(dueDates.period("township-review")).isEqualTo("PT120H");
		assertThat(dueDates.period("referral-emergency-confirmation")).isEqualTo("PT24H");
	}

	@Test
	void theDueDate_isThePeriodAfterTheEnginesClock() {
		properties.getDue().put("collect-materials", Duration.ofDays(10));
		ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-03-01T02:00:00Z")));
		assertThat(dueDates.date("collect-materials")).isEqualTo(Date.from(Instant.parse("2026-03-11T02:00:00Z")));
	}

	@Test
	void aStepWithoutAConfiguredPeriod_failsNamingTheSetting() {
		properties.getDue().put("township-review", Duration.ofDays(5));
		assertThatThrownBy(() -> dueDates.date("county-approval")).isInstanceOf(IllegalStateException.class)
			.hasMessage("No due period configured for step 'county-approval' (healthassist.due.county-approval)");
		assertThatThrownBy(() -> dueDates.period("county-approval")).isInstanceOf(IllegalStateException.class);
	}

}
