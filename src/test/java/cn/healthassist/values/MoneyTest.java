package cn.healthassist.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;

import cn.healthassist.problems.FieldProblem;

class MoneyTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final List<FieldProblem> problems = new ArrayList<>();

	private BigDecimal parse(Object value) {
		return Money.parse(problems, "totalCost", "住院总费用", value, true);
	}

	@ParameterizedTest
	@ValueSource(strings = { "1,23", "12,34.5", "1,2345", ",123", "123," })
	void aCommaThatIsNotAThousandsSeparator_isRefused(String typed) {
		assertThat(parse(typed)).isNull();
		assertThat(problems).containsExactly(new FieldProblem("totalCost", "住院总费用应为金额（元），如 1234.50"));
	}

	@Test
	void thousandsSeparatedAsPeopleWriteThem_areRead() {
		assertThat(parse("12,345.50")).isEqualByComparingTo("12345.50");
		assertThat(parse("1,234,567")).isEqualByComparingTo("1234567.00");
		assertThat(problems).isEmpty();
	}

	private static JsonNode json(String text) throws Exception {
		return JSON.readTree(text);
	}

	@Test
	void aTypedAmount_isReadExactlyWithTwoDecimals() {
		assertThat(parse("1234.5")).isEqualByComparingTo("1234.50").hasToString("1234.50");
		assertThat(parse("  35000 ")).hasToString("35000.00");
		assertThat(parse("0")).hasToString("0.00");
		assertThat(problems).isEmpty();
	}

	@Test
	void thousandsSeparators_areIgnored() {
		assertThat(parse("1,234,567.89")).hasToString("1234567.89");
		assertThat(problems).isEmpty();
	}

	@Test
	void trailingZerosBeyondTheFen_areAccepted() {
		assertThat(parse("12.300")).hasToString("12.30");
		assertThat(problems).isEmpty();
	}

	@Test
	void jsonNumbersAndJsonStrings_areReadWithoutFloatingPoint() throws Exception {
		assertThat(parse(json("3600.10"))).hasToString("3600.10");
		assertThat(parse(json("15000"))).hasToString("15000.00");
		assertThat(parse(json("\"4000.5\""))).hasToString("4000.50");
		assertThat(parse(JsonNodeFactory.instance.numberNode(new BigDecimal("0.01")))).hasToString("0.01");
		assertThat(problems).isEmpty();
	}

	@Test
	void integersAndBigDecimals_areTakenAsTheyAre() {
		assertThat(parse(30000)).hasToString("30000.00");
		assertThat(parse(30000L)).hasToString("30000.00");
		assertThat(parse(new BigDecimal("6000.1"))).hasToString("6000.10");
		assertThat(problems).isEmpty();
	}

	@Test
	void aDoubleWithABinaryFraction_isRefusedRatherThanRounded() {
		assertThat(parse(0.1 + 0.2)).isNull();
		assertThat(problems).containsExactly(new FieldProblem("totalCost", "住院总费用最多两位小数（精确到分）"));
	}

	@Test
	void aMissingRequiredAmount_asksForIt() throws Exception {
		assertThat(parse(null)).isNull();
		assertThat(parse("   ")).isNull();
		assertThat(parse(json("null"))).isNull();
		assertThat(parse(MissingNode.getInstance())).isNull();
		assertThat(problems).hasSize(4).allSatisfy(p -> assertThat(p).isEqualTo(new FieldProblem("totalCost", "请填写住院总费用")));
	}

	@Test
	void aMissingOptionalAmount_isNullWithoutAProblem() {
		assertThat(Money.parse(problems, "otherReliefPaid", "其他部门救助", null, false)).isNull();
		assertThat(Money.parse(problems, "otherReliefPaid", "其他部门救助", "", false)).isNull();
		assertThat(problems).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "abc", "12元", "1e3", "12.", ".5", "1 234", "1234567890123" })
	void textThatIsNoAmount_isRefusedWithAnExample(String value) {
		assertThat(parse(value)).isNull();
		assertThat(problems).containsExactly(new FieldProblem("totalCost", "住院总费用应为金额（元），如 1234.50"));
	}

	@Test
	void jsonThatIsNeitherNumberNorText_isRefused() throws Exception {
		assertThat(parse(json("true"))).isNull();
		assertThat(parse(json("{\"yuan\": 5}"))).isNull();
		assertThat(problems).extracting(FieldProblem::message)
			.containsExactly("住院总费用应为金额（元），如 1234.50", "住院总费用应为金额（元），如 1234.50");
	}

	@Test
	void aNegativeAmount_isRefused() throws Exception {
		assertThat(parse("-0.01")).isNull();
		assertThat(parse(json("-5"))).isNull();
		assertThat(problems).extracting(FieldProblem::message).containsExactly("住院总费用不能为负数", "住院总费用不能为负数");
	}

	@Test
	void moreThanTwoDecimals_isRefusedNamingTheFen() {
		assertThat(parse("12.345")).isNull();
		assertThat(problems).containsExactly(new FieldProblem("totalCost", "住院总费用最多两位小数（精确到分）"));
	}

	@Test
	void theLargestAmount_isAcceptedAndOneFenMoreIsTooLarge() {
		assertThat(parse("99999999.99")).isEqualByComparingTo(Money.MAX);
		assertThat(problems).isEmpty();
		assertThat(parse("100000000.00")).isNull();
		assertThat(problems).containsExactly(new FieldProblem("totalCost", "住院总费用金额过大"));
	}

	@Test
	void aStoredAmount_isReadWithTwoDecimals() {
		assertThat(Money.of("3600")).hasToString("3600.00");
		assertThat(Money.of("3600.5")).hasToString("3600.50");
		assertThat(Money.of(new BigDecimal("12"))).hasToString("12.00");
		assertThat(Money.of(null)).isNull();
	}

	@Test
	void aStoredAmountWithFractionsOfAFen_isAnError() {
		assertThatThrownBy(() -> Money.of("3600.001")).isInstanceOf(ArithmeticException.class);
	}

	@Test
	void theTextOfAnAmount_hasAlwaysTwoDecimals() {
		assertThat(Money.text(new BigDecimal("3600"))).isEqualTo("3600.00");
		assertThat(Money.text(new BigDecimal("0.5"))).isEqualTo("0.50");
		assertThat(Money.text(new BigDecimal("1E+4"))).isEqualTo("10000.00");
		assertThat(Money.text(null)).isNull();
	}

	@Test
	void aRate_isAppliedRoundingHalfUpToTheFen() {
		assertThat(Money.apply(new BigDecimal("6000.00"), new BigDecimal("0.60"))).hasToString("3600.00");
		assertThat(Money.apply(new BigDecimal("0.05"), new BigDecimal("0.5"))).hasToString("0.03");
		assertThat(Money.apply(new BigDecimal("0.07"), new BigDecimal("0.5"))).hasToString("0.04");
		assertThat(Money.apply(new BigDecimal("0.09"), new BigDecimal("0.6"))).hasToString("0.05");
		assertThat(Money.apply(new BigDecimal("1234.56"), new BigDecimal("0.00"))).hasToString("0.00");
	}

}
