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

	@ParameterizedTest
	@ValueSource(strings = { "-999999999-01-01T00:00", "+300000000-01-01T00:00", "+999999999-12-31", "1899-12-31",
			"3000-01-01", "0001-01-02" })
	void aDayNoCaseCanHave_isNotADay(String value) {
		assertThatThrownBy(() -> Days.parse(value)).isInstanceOf(DateTimeParseException.class);
	}

	@Test
	void theFirstAndLastYearsOfACase_areDays() {
		assertThat(Days.parse("1900-01-01")).isEqualTo(LocalDate.of(1900, 1, 1));
		assertThat(Days.parse("2999-12-31T00:00:00")).isEqualTo(LocalDate.of(2999, 12, 31));
	}

	@Test
	void theDayOfADateTimeWithAnOffset_isTheDayThere() {
		assertThat(Days.parse("2026-05-26T23:30:00-05:00")).isEqualTo(LocalDate.of(2026, 5, 26));
	}

}
