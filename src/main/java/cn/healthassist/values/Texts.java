package cn.healthassist.values;

import cn.healthassist.problems.FieldProblem;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks for free text typed by people: length in characters (code points, so 生僻字 outside the Basic
 * Multilingual Plane count once), no control characters, no HTML markup. Problems are added to the list.
 */
public final class Texts {

	private static final Pattern MARKUP = Pattern.compile("<\\s*[a-zA-Z/!?]|[<>]\\s*script", Pattern.CASE_INSENSITIVE);

	private Texts() {
	}

	/**
	 * An organisation code (village, hospital): the one given, or else the starter's own when they have exactly one;
	 * with neither, {@code missing} is reported and null returned.
	 */
	public static String codeOrOwn(List<FieldProblem> problems, String field, String label, Object value,
			Collection<String> own, String missing) {
		String code = line(problems, field, label, value, false, 16);
		if (code == null && own != null && own.size() == 1) {
			return own.iterator().next();
		}
		if (code == null) {
			problems.add(new FieldProblem(field, missing));
		}
		return code;
	}

	/** A required or optional single line (names, codes). */
	public static String line(List<FieldProblem> problems, String field, String label, Object value, boolean required,
			int maxLength) {
		String s = present(problems, field, label, value, required);
		if (s == null || tooLong(problems, field, label, s, maxLength)) {
			return s;
		}
		if (hidden(s)) {
			problems.add(new FieldProblem(field, Messages.get("values.text.controlCharacters", label)));
		}
		else if (s.indexOf('<') >= 0 || s.indexOf('>') >= 0) {
			problems.add(new FieldProblem(field, Messages.get("values.text.angleBrackets", label)));
		}
		return s;
	}

	/** Free text of several lines (opinions, notes): line breaks and tabs allowed, markup not. */
	public static String text(List<FieldProblem> problems, String field, String label, Object value, boolean required,
			int maxLength) {
		String s = present(problems, field, label, value, required);
		if (s == null || tooLong(problems, field, label, s, maxLength)) {
			return s;
		}
		if (s.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t' || invisible(c))) {
			problems.add(new FieldProblem(field, Messages.get("values.text.controlCharacters", label)));
		}
		else if (MARKUP.matcher(s).find()) {
			problems.add(new FieldProblem(field, Messages.get("values.text.markup", label)));
		}
		return s;
	}

	/** One of the allowed codes. */
	public static String oneOf(List<FieldProblem> problems, String field, String label, Object value,
			List<String> allowed) {
		String s = value == null ? null : value.toString().strip();
		if (s == null || s.isEmpty()) {
			problems.add(new FieldProblem(field, Messages.get("values.text.choose", label)));
			return null;
		}
		if (!allowed.contains(s)) {
			problems.add(new FieldProblem(field, Messages.get("values.text.notAllowed", label, String.join("、", allowed))));
			return null;
		}
		return s;
	}

	/** The value without surrounding blanks; null (and a problem when required) when there is none. */
	private static String present(List<FieldProblem> problems, String field, String label, Object value,
			boolean required) {
		String s = value == null ? null : value.toString().strip();
		if (s == null || s.isEmpty()) {
			if (required) {
				problems.add(new FieldProblem(field, Messages.get("values.text.required", label)));
			}
			return null;
		}
		return s;
	}

	private static boolean tooLong(List<FieldProblem> problems, String field, String label, String s, int maxLength) {
		if (s.codePointCount(0, s.length()) > maxLength) {
			problems.add(new FieldProblem(field, Messages.get("values.text.tooLong", label, maxLength)));
			return true;
		}
		return false;
	}

	/**
	 * Whether a single line holds a character a person cannot see or that changes how the rest shows: a control
	 * character, or a format character such as the right-to-left override (U+202E), which shows {@code scan‮fdp.exe} as
	 * "scanexe.pdf".
	 */
	public static boolean hidden(String s) {
		return s.codePoints().anyMatch(c -> Character.isISOControl(c) || invisible(c));
	}

	/**
	 * A format character: zero-width space (U+200B), right-to-left override (U+202E), byte-order mark… A name with one
	 * looks the same but is not found by the exact-name search, or shows reversed in the trail.
	 */
	private static boolean invisible(int c) {
		return Character.getType(c) == Character.FORMAT;
	}

}
