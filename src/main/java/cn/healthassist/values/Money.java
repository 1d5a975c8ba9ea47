package cn.healthassist.values;

import cn.healthassist.problems.FieldProblem;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Amounts of money in yuan: {@link BigDecimal} with two decimals (fen), end to end. Parsed from what people type
 * or clients send (a JSON number or a string), never through {@code double}. Rounding happens once, half-up to
 * the fen, where a rate is applied.
 */
public final class Money {

	public static final BigDecimal MAX = new BigDecimal("99999999.99");

	private Money() {
	}

	/** The amount, with scale 2, or null when missing or refused (the problem is added). */
	public static BigDecimal parse(List<FieldProblem> problems, String field, String label, Object value,
			boolean required) {
		if (value == null || value.toString().isBlank()
				|| (value instanceof com.fasterxml.jackson.databind.JsonNode n && (n.isNull() || n.isMissingNode()))) {
			if (required) {
				problems.add(new FieldProblem(field, Messages.get("values.fillIn", label)));
			}
			return null;
		}
		BigDecimal amount;
		if (value instanceof BigDecimal b) {
			amount = b;
		}
		else if (value instanceof com.fasterxml.jackson.databind.JsonNode node) {
			if (node.isNumber()) {
				amount = node.decimalValue();
			}
			else if (node.isTextual()) {
				return parse(problems, field, label, node.asText(), required);
			}
			else {
				problems.add(new FieldProblem(field, Messages.get("values.money.invalid", label)));
				return null;
			}
		}
		else if (value instanceof Number n && !(value instanceof Double) && !(value instanceof Float)) {
			amount = new BigDecimal(n.toString());
		}
		else {
			String typed = value.toString().strip();
			// thousands separated as people write them (12,345.50); a comma anywhere else is not a number
			String s = typed.matches("-?\\d{1,3}(,\\d{3})+(\\.\\d+)?") ? typed.replace(",", "") : typed;
			if (!s.matches("-?\\d{1,12}(\\.\\d+)?")) {
				problems.add(new FieldProblem(field, Messages.get("values.money.invalid", label)));
				return null;
			}
			amount = new BigDecimal(s);
		}
		if (amount.signum() < 0) {
			problems.add(new FieldProblem(field, Messages.get("values.money.negative", label)));
			return null;
		}
		if (amount.stripTrailingZeros().scale() > 2) {
			problems.add(new FieldProblem(field, Messages.get("values.money.fen", label)));
			return null;
		}
		if (amount.compareTo(MAX) > 0) {
			problems.add(new FieldProblem(field, Messages.get("values.money.tooLarge", label)));
			return null;
		}
		return amount.setScale(2, RoundingMode.UNNECESSARY);
	}

	/** Reads an amount stored as a variable (a string such as "3600.00"). */
	public static BigDecimal of(Object value) {
		return value == null ? null : new BigDecimal(value.toString()).setScale(2, RoundingMode.UNNECESSARY);
	}

	/** The amount as stored in variables and shown in forms: two decimals. */
	public static String text(BigDecimal amount) {
		return amount == null ? null : amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
	}

	/** amount × rate, rounded half-up to the fen. */
	public static BigDecimal apply(BigDecimal amount, BigDecimal rate) {
		return amount.multiply(rate).setScale(2, RoundingMode.HALF_UP);
	}

}
