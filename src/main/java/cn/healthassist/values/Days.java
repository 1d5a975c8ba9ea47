package cn.healthassist.values;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * A day as forms and clients send it: {@code 2026-05-26}, or an ISO date-time ({@code 2026-05-26T00:00:00},
 * {@code 2026-05-26T00:00:00+08:00}) whose day is taken. Anything else, such as {@code 2026-05-26至2026-06-10} or
 * {@code 2026-05-26abc}, is not a day (it once was: the first ten characters were read); nor is a day before 1900 or after
 * 2999 ({@code -999999999-01-01}, which a database column cannot hold and a date computation overflows on).
 */
public final class Days {

	private Days() {
	}

	/** The years a day of a case may be in: anything else is a typing mistake or a probe, never a case's day. */
	public static final int FIRST_YEAR = 1900;

	public static final int LAST_YEAR = 2999;

	/** The day, or DateTimeParseException when it is not one or not within {@link #FIRST_YEAR}–{@link #LAST_YEAR}. */
	public static LocalDate parse(String value) {
		String s = value.strip();
		LocalDate day;
		if (s.length() <= 10) {
			day = LocalDate.parse(s);
		}
		else {
			try {
				day = LocalDateTime.parse(s).toLocalDate();
			}
			catch (DateTimeParseException e) {
				day = OffsetDateTime.parse(s).toLocalDate();
			}
		}
		if (!plausibleYear(day.getYear())) {
			throw new DateTimeParseException("not a year of a case: " + day.getYear(), s, 0);
		}
		return day;
	}

	public static boolean plausibleYear(int year) {
		return year >= FIRST_YEAR && year <= LAST_YEAR;
	}

}
