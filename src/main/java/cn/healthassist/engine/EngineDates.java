package cn.healthassist.engine;

import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Dates in Camunda's REST format ({@code 2026-12-07T00:00:00.000+0800}) that name no real moment. Camunda reads them
 * leniently: 30 February is 2 March, the year 999999999 wraps to another one, and a query answers for a date nobody
 * asked about. Such a value is refused (400, naming the field) by the engine doors before Camunda reads it; a value of
 * any other shape is Camunda's to read or refuse.
 */
final class EngineDates {

	/** Camunda's date shape as its web apps write it, with a year of any number of digits. */
	private static final Pattern SHAPE = Pattern
		.compile("[+-]?[0-9]+-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}[+-][0-9]{4}");

	/** A year of four digits: java.util.Date, which Camunda reads into, wraps beyond about 292 million. */
	private static final Pattern FOUR_DIGIT_YEAR = Pattern.compile("[0-9]{4}-");

	private static final DateTimeFormatter STRICT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxx")
		.withResolverStyle(ResolverStyle.STRICT);

	private EngineDates() {
	}

	/** Whether the value has Camunda's date shape but is no date: a year beyond four digits, a 13th month, 30 February. */
	static boolean impossible(String value) {
		if (value == null || !SHAPE.matcher(value).matches()) {
			return false;
		}
		if (!FOUR_DIGIT_YEAR.matcher(value).lookingAt()) {
			return true;
		}
		try {
			STRICT.parse(value);
			return false;
		}
		catch (DateTimeParseException e) {
			return true;
		}
	}

	/** The name of the first field anywhere in a JSON body whose text is an impossible date, or null. */
	static String impossibleIn(JsonNode node) {
		if (node == null) {
			return null;
		}
		if (node.isObject()) {
			for (Map.Entry<String, JsonNode> field : node.properties()) {
				if (field.getValue().isTextual() && impossible(field.getValue().asText())) {
					return field.getKey();
				}
				String inside = impossibleIn(field.getValue());
				if (inside != null) {
					return inside;
				}
			}
		}
		else if (node.isArray()) {
			for (JsonNode element : node) {
				String inside = impossibleIn(element);
				if (inside != null) {
					return inside;
				}
			}
		}
		return null;
	}

}
