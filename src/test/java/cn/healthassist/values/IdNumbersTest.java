package cn.healthassist.values;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import cn.healthassist.support.TestIds;

class IdNumbersTest {

	@Test
	void acceptsNumbersWithTheRightCheckCharacter() {
		// GB 11643 examples: weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, check table 1 0 X 9 8 7 6 5 4 3 2
		assertThat(IdNumbers.problem("341722196503120411")).isNull();
		assertThat(IdNumbers.problem("11010519491231002X")).isNull();
		assertThat(IdNumbers.problem("11010519491231002x")).as("lower-case x").isNull();
		assertThat(IdNumbers.checkChar("11010519491231002")).isEqualTo('X');
	}

	@Test
	void refusesWrongCheckCharacterLengthDigitsAndDates() {
		assertThat(IdNumbers.problem("341722196503120412")).isEqualTo("身份证号码校验位不正确，请核对");
		assertThat(IdNumbers.problem("34172219650312041")).contains("18位");
		assertThat(IdNumbers.problem("3417221965031204A1")).contains("前17位应为数字");
		assertThat(IdNumbers.problem("341722196513320411")).contains("出生日期无效");
		assertThat(IdNumbers.problem("341722299901010015")).contains("出生日期不合理");
		assertThat(IdNumbers.problem("")).contains("不能为空");
		assertThat(IdNumbers.problem(null)).contains("不能为空");
	}

	@Test
	void generatedTestNumbersAreValidAndWrongChecksAreNot() {
		for (int i = 0; i < 200; i++) {
			String id = TestIds.newIdNumber();
			assertThat(IdNumbers.isValid(id)).as(id).isTrue();
			assertThat(IdNumbers.isValid(TestIds.withWrongCheck(id))).isFalse();
		}
	}

	@Test
	void masksAllButFirstAndLastFour() {
		assertThat(IdNumbers.mask("341722196503120411")).isEqualTo("3417**********0411");
		assertThat(IdNumbers.maskPhone("13800001111")).isEqualTo("138****1111");
	}

	@org.junit.jupiter.api.Test
	void aLogLine_hasEveryIdNumberInItMasked() {
		assertThat(IdNumbers.maskAll("Cannot convert value '341722196503120411' nor 34172219650312041X, task 12345"))
			.isEqualTo("Cannot convert value '3417**********0411' nor 3417**********041X, task 12345");
		assertThat(IdNumbers.maskAll(null)).isNull();
	}

	@Test
	void normalize_trimsAndUpperCasesTheCheckLetter() {
		assertThat(IdNumbers.normalize(" 11010519491231002x\t")).isEqualTo("11010519491231002X");
		assertThat(IdNumbers.normalize("341722196503120411")).isEqualTo("341722196503120411");
		assertThat(IdNumbers.normalize(null)).isNull();
	}

	@Test
	void aLastCharacterOtherThanDigitOrX_isRefusedAsSuch() {
		assertThat(IdNumbers.problem("34172219650312041Y")).isEqualTo("身份证号码最后一位应为数字或X");
		assertThat(IdNumbers.isValid("34172219650312041Y")).isFalse();
	}

	@Test
	void aNumberWithSurroundingBlanks_isCheckedTrimmed() {
		assertThat(IdNumbers.problem(" 341722196503120411 ")).isNull();
	}

	@Test
	void aBirthDateBefore1880_isRefusedAsImplausible() {
		String body = "34172218790101001";
		assertThat(IdNumbers.problem(body + IdNumbers.checkChar(body))).isEqualTo("身份证号码中的出生日期不合理");
	}

	@Test
	void shortValuesAndNull_areMaskedWhole() {
		assertThat(IdNumbers.mask("12345678")).isEqualTo("********");
		assertThat(IdNumbers.mask("")).isEmpty();
		assertThat(IdNumbers.mask(null)).isNull();
		assertThat(IdNumbers.maskPhone("1234567")).isEqualTo("*******");
		assertThat(IdNumbers.maskPhone(null)).isNull();
		assertThat(IdNumbers.maskPhone("0551-62345678")).isEqualTo("055******5678");
	}

	@Test
	void runsLongerThanAnIdNumber_areNotMaskedAsOne() {
		assertThat(IdNumbers.maskAll("order 1234567890123456789")).isEqualTo("order 1234567890123456789");
	}

}
