package cn.healthassist.values;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Resident identity numbers (公民身份号码) after GB 11643-1999: 17 digits and a check character computed
 * with ISO 7064 MOD 11-2. Full numbers never go to logs: use {@link #mask(String)}.
 */
public final class IdNumbers {

	private static final int[] WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };

	private static final char[] CHECK = "10X98765432".toCharArray();

	private IdNumbers() {
	}

	/** @return null when the number is valid, otherwise the reason in Chinese. */
	public static String problem(String idNumber) {
		if (idNumber == null || idNumber.isBlank()) {
			return Messages.get("values.idNumber.empty");
		}
		String id = idNumber.trim();
		if (id.length() != 18) {
			return Messages.get("values.idNumber.length", id.length());
		}
		for (int i = 0; i < 17; i++) {
			if (id.charAt(i) < '0' || id.charAt(i) > '9') {
				return Messages.get("values.idNumber.digits");
			}
		}
		char last = Character.toUpperCase(id.charAt(17));
		if (!(last >= '0' && last <= '9') && last != 'X') {
			return Messages.get("values.idNumber.lastCharacter");
		}
		try {
			LocalDate birth = LocalDate.of(Integer.parseInt(id.substring(6, 10)), Integer.parseInt(id.substring(10, 12)),
					Integer.parseInt(id.substring(12, 14)));
			if (birth.getYear() < 1880 || birth.isAfter(LocalDate.now())) {
				return Messages.get("values.idNumber.implausibleBirthDate");
			}
		}
		catch (DateTimeException e) {
			return Messages.get("values.idNumber.invalidBirthDate");
		}
		if (checkChar(id.substring(0, 17)) != last) {
			return Messages.get("values.idNumber.badCheckDigit");
		}
		return null;
	}

	public static boolean isValid(String idNumber) {
		return problem(idNumber) == null;
	}

	/** The check character for the first 17 digits. */
	public static char checkChar(String first17) {
		int sum = 0;
		for (int i = 0; i < 17; i++) {
			sum += (first17.charAt(i) - '0') * WEIGHTS[i];
		}
		return CHECK[sum % 11];
	}

	/** Upper-case X, trimmed. */
	public static String normalize(String idNumber) {
		return idNumber == null ? null : idNumber.trim().toUpperCase();
	}

	/** {@code 3417**********1234}: the first four and last four characters. */
	public static String mask(String idNumber) {
		if (idNumber == null) {
			return null;
		}
		if (idNumber.length() <= 8) {
			return "*".repeat(idNumber.length());
		}
		return idNumber.substring(0, 4) + "*".repeat(idNumber.length() - 8) + idNumber.substring(idNumber.length() - 4);
	}

	/** Phone numbers: the first three and last four digits. */
	public static String maskPhone(String phone) {
		if (phone == null || phone.length() < 8) {
			return phone == null ? null : "*".repeat(phone.length());
		}
		return phone.substring(0, 3) + "*".repeat(phone.length() - 7) + phone.substring(phone.length() - 4);
	}

	private static final java.util.regex.Pattern ID_LIKE = java.util.regex.Pattern.compile("(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])");

	/** A text (a log line) with every run shaped like an ID number (17 digits and a check character) masked. */
	public static String maskAll(String text) {
		return text == null ? null : ID_LIKE.matcher(text).replaceAll(m -> mask(m.group()));
	}

}
