package cn.healthassist.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DaysTest {

	@ParameterizedTest
	@ValueSource(strings = { "2026-05-26", " 2026-05-26 ", "2026-05-26T00:00:00", "2026-05-26T23:59:59.5",
			"2026-05-26T08:00:00+08:00", "2026-05-26T00:00:00Z" })
	void aDayOrAnIsoDateTime_isThatDay(String value) {
		assertThat(Days.parse(value)).isEqualTo(LocalDate.of(2026, 5, 26));
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-05-26至2026-06-10", "2026-05-26abc", "2026/05/26", "2026-13-01", "26-05-2026", "" })
	void anythingElse_isNotADay(String value) {
		assertThatThrownBy(() -> Days.parse(value)).isInstanceOf(DateTimeParseException.class);
	}

	@Test
	void theDayOfADateTimeWithAnOffset_isTheDayThere() {
		assertThat(Days.parse("2026-05-26T23:30:00-05:00")).isEqualTo(LocalDate.of(2026, 5, 26));
	}

}
