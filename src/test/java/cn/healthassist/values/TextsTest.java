package cn.healthassist.values;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import cn.healthassist.problems.FieldProblem;

class TextsTest {

	private final List<FieldProblem> problems = new ArrayList<>();

	// line

	@Test
	void aLine_isReturnedWithoutSurroundingBlanks() {
		assertThat(Texts.line(problems, "applicantName", "申请人姓名", "  王秀兰\t", true, 32)).isEqualTo("王秀兰");
		assertThat(problems).isEmpty();
	}

	@Test
	void aMissingRequiredLine_isRefusedAsEmpty() {
		assertThat(Texts.line(problems, "applicantName", "申请人姓名", null, true, 32)).isNull();
		// full-width spaces, as a Chinese input method types them, are blanks too
		assertThat(Texts.line(problems, "applicantName", "申请人姓名", "\u3000\u3000", true, 32)).isNull();
		assertThat(problems).containsExactly(new FieldProblem("applicantName", "申请人姓名不能为空"),
				new FieldProblem("applicantName", "申请人姓名不能为空"));
	}

	@Test
	void aMissingOptionalLine_isNullWithoutAProblem() {
		assertThat(Texts.line(problems, "villageCode", "村代码", "", false, 16)).isNull();
		assertThat(problems).isEmpty();
	}

	@Test
	void aNonStringValue_isTakenAsItsText() {
		assertThat(Texts.line(problems, "voucherNo", "支付凭证号", 20260001, true, 40)).isEqualTo("20260001");
		assertThat(problems).isEmpty();
	}

	@Test
	void aLineTooLong_isRefusedWithTheLimit() {
		String name = "欧阳".repeat(16) + "娜";
		assertThat(Texts.line(problems, "applicantName", "申请人姓名", name, true, 32)).isEqualTo(name);
		assertThat(problems).containsExactly(new FieldProblem("applicantName", "申请人姓名不能超过32个字"));
	}

	@Test
	void charactersOutsideTheBasicPlane_countOnceTowardsTheLimit() {
		// 𠮷 is one character (a code point) but two UTF-16 chars: 32 of them are 64 chars and still 32 characters
		String rare = "𠮷".repeat(32);
		assertThat(rare.length()).isEqualTo(64);
		assertThat(Texts.line(problems, "applicantName", "申请人姓名", rare, true, 32)).isEqualTo(rare);
		assertThat(problems).isEmpty();
		Texts.line(problems, "applicantName", "申请人姓名", rare + "𠮷", true, 32);
		assertThat(problems).containsExactly(new FieldProblem("applicantName", "申请人姓名不能超过32个字"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "王\u0000秀兰", "王\n秀兰", "王秀\u0007兰", "王\u009b秀兰" })
	void aLineWithAControlCharacter_isRefused(String name) {
		Texts.line(problems, "applicantName", "申请人姓名", name, true, 32);
		assertThat(problems).containsExactly(new FieldProblem("applicantName", "申请人姓名含有不可见的控制字符"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "王\u200B秀兰", "\u202E兰秀王", "王秀兰\uFEFF", "王\u2060秀兰" })
	void aLineOrTextWithAnInvisibleFormatCharacter_isRefused(String name) {
		// looks like 王秀兰, but the exact-name search would not find it, and U+202E shows it reversed
		Texts.line(problems, "applicantName", "申请人姓名", name, true, 32);
		Texts.text(problems, "townshipOpinion", "审核意见", name, true, 500);
		assertThat(problems).containsExactly(new FieldProblem("applicantName", "申请人姓名含有不可见的控制字符"),
				new FieldProblem("townshipOpinion", "审核意见含有不可见的控制字符"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "<b>王秀兰</b>", "王秀兰>", "a<b", "<" })
	void aLineWithAngleBrackets_isRefused(String name) {
		Texts.line(problems, "applicantName", "申请人姓名", name, true, 32);
		assertThat(problems).containsExactly(new FieldProblem("applicantName", "申请人姓名不能包含 < 或 >"));
	}

	@Test
	void aLineTooLongAndWithMarkup_getsOnlyTheLengthProblem() {
		Texts.line(problems, "diagnosis", "诊断", "<b>" + "心".repeat(10), true, 5);
		assertThat(problems).containsExactly(new FieldProblem("diagnosis", "诊断不能超过5个字"));
	}

	// text

	@Test
	void aText_mayHaveLineBreaksAndTabs() {
		String opinion = "材料齐全。\r\n\t同意上报县医保局。";
		assertThat(Texts.text(problems, "townshipOpinion", "审核意见", opinion, true, 500)).isEqualTo(opinion);
		assertThat(problems).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "血压 < 140/90，控制良好", "收缩压>140", "a <= b", "3 < 5 > 4", "1<2" })
	void comparisonsInAText_areNotMarkup(String opinion) {
		assertThat(Texts.text(problems, "visitNote", "随访记录", opinion, false, 500)).isEqualTo(opinion);
		assertThat(problems).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "<b>同意</b>", "< img src=x onerror=alert(1)>", "</p>", "<!-- x -->", "<?xml?>",
			"同意<SCRIPT>alert(1)</SCRIPT>", "> script", "<Script" })
	void markupInAText_isRefused(String opinion) {
		Texts.text(problems, "townshipOpinion", "审核意见", opinion, true, 500);
		assertThat(problems).containsExactly(new FieldProblem("townshipOpinion", "审核意见不能包含HTML标记"));
	}

	@Test
	void aTextWithAControlCharacterOtherThanLineBreaksAndTabs_isRefused() {
		Texts.text(problems, "townshipOpinion", "审核意见", "同意\u0008上报", true, 500);
		assertThat(problems).containsExactly(new FieldProblem("townshipOpinion", "审核意见含有不可见的控制字符"));
	}

	@Test
	void aMissingRequiredText_isRefusedAsEmpty() {
		assertThat(Texts.text(problems, "townshipOpinion", "审核意见", " \n\t ", true, 500)).isNull();
		assertThat(problems).containsExactly(new FieldProblem("townshipOpinion", "审核意见不能为空"));
	}

	@Test
	void aTextOfExactlyTheLimit_isAcceptedAndOneMoreIsRefused() {
		assertThat(Texts.text(problems, "townshipOpinion", "审核意见", "意".repeat(500), true, 500)).hasSize(500);
		assertThat(problems).isEmpty();
		Texts.text(problems, "townshipOpinion", "审核意见", "意".repeat(501), true, 500);
		assertThat(problems).containsExactly(new FieldProblem("townshipOpinion", "审核意见不能超过500个字"));
	}

	// oneOf

	@Test
	void anAllowedCode_isReturnedWithoutBlanks() {
		assertThat(Texts.oneOf(problems, "townshipDecision", "审核结论", " pass ", List.of("pass", "return"))).isEqualTo("pass");
		assertThat(problems).isEmpty();
	}

	@Test
	void noChoice_asksToChoose() {
		assertThat(Texts.oneOf(problems, "townshipDecision", "审核结论", null, List.of("pass", "return"))).isNull();
		assertThat(Texts.oneOf(problems, "townshipDecision", "审核结论", "  ", List.of("pass", "return"))).isNull();
		assertThat(problems).containsExactly(new FieldProblem("townshipDecision", "请选择审核结论"),
				new FieldProblem("townshipDecision", "请选择审核结论"));
	}

	@Test
	void aCodeOutsideTheList_isRefusedListingTheChoices() {
		assertThat(Texts.oneOf(problems, "townshipDecision", "审核结论", "PASS", List.of("pass", "return", "ineligible")))
			.isNull();
		assertThat(problems).containsExactly(
				new FieldProblem("townshipDecision", "审核结论的取值无效（可选：pass、return、ineligible）"));
	}

	// codeOrOwn

	@Test
	void aGivenCode_isTakenEvenWhenTheStarterHasOneOwn() {
		assertThat(Texts.codeOrOwn(problems, "villageCode", "村代码", " T01V02 ", Set.of("T01V01"), "请填写申请人所在村的代码"))
			.isEqualTo("T01V02");
		assertThat(problems).isEmpty();
	}

	@Test
	void noCode_isTheStartersOnlyOwnCode() {
		assertThat(Texts.codeOrOwn(problems, "villageCode", "村代码", null, Set.of("T01V01"), "请填写申请人所在村的代码"))
			.isEqualTo("T01V01");
		assertThat(problems).isEmpty();
	}

	@Test
	void noCodeAndSeveralOwnCodes_isRefusedWithTheMissingMessage() {
		assertThat(Texts.codeOrOwn(problems, "villageCode", "村代码", "", List.of("T01V01", "T01V02"), "请填写申请人所在村的代码"))
			.isNull();
		assertThat(problems).containsExactly(new FieldProblem("villageCode", "请填写申请人所在村的代码"));
	}

	@Test
	void noCodeAndNoOwnCodes_isRefusedWithTheMissingMessage() {
		assertThat(Texts.codeOrOwn(problems, "hospitalCode", "转出医院代码", null, null, "请填写转出医院的代码")).isNull();
		assertThat(Texts.codeOrOwn(problems, "hospitalCode", "转出医院代码", null, Set.of(), "请填写转出医院的代码")).isNull();
		assertThat(problems).containsExactly(new FieldProblem("hospitalCode", "请填写转出医院的代码"),
				new FieldProblem("hospitalCode", "请填写转出医院的代码"));
	}

	@Test
	void aGivenCodeTooLong_isRefusedAsALine() {
		Texts.codeOrOwn(problems, "villageCode", "村代码", "T01V01T01V01T01V01", Set.of("T01V01"), "请填写申请人所在村的代码");
		assertThat(problems).containsExactly(new FieldProblem("villageCode", "村代码不能超过16个字"));
	}

}
