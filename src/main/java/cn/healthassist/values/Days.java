package cn.healthassist.values;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * A day as forms and clients send it: {@code 2026-05-26}, or an ISO date-time ({@code 2026-05-26T00:00:00},
 * {@code 2026-05-26T00:00:00+08:00}) whose day is taken. Anything else, such as {@code 2026-05-26至2026-06-10} or
 * {@code 2026-05-26abc}, is not a day (it once was: the first ten characters were read).
 */
public final class Days {

	private Days() {
	}

	public static LocalDate parse(String value) {
		String s = value.strip();
		if (s.length() <= 10) {
			return LocalDate.parse(s);
		}
		try {
			return LocalDateTime.parse(s).toLocalDate();
		}
		catch (DateTimeParseException e) {
			return OffsetDateTime.parse(s).toLocalDate();
		}
	}

}
