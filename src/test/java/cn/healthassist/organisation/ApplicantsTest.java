package cn.healthassist.organisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.healthassist.problems.FieldProblem;

class ApplicantsTest {

	private static final CodeName REGISTERED_POOR = new CodeName("registered-poor", "建档立卡户", null);

	private final OrganisationMapper organisation = mock(OrganisationMapper.class);

	private final Applicants applicants = new Applicants(organisation);

	private final List<FieldProblem> problems = new ArrayList<>();

	@BeforeEach
	void catalogue() {
		when(organisation.findHouseholdCategory("registered-poor")).thenReturn(REGISTERED_POOR);
	}

	private Applicants.Applicant check(String name, String idNumber, String category) {
		return applicants.check(problems, "applicantName", "申请人姓名", name, idNumber, category);
	}

	@Test
	void aValidApplicant_isReturnedNormalisedWithTheCategoryFromTheCatalogue() {
		Applicants.Applicant a = check(" 王秀兰 ", " 34172219710621104x ", " registered-poor ");
		assertThat(problems).isEmpty();
		assertThat(a).isEqualTo(new Applicants.Applicant("王秀兰", "34172219710621104X", REGISTERED_POOR));
	}

	@Test
	void theNameProblem_isReportedUnderTheCallersFieldAndLabel() {
		applicants.check(problems, "patientName", "患者姓名", "", "341722196503120411", "registered-poor");
		assertThat(problems).containsExactly(new FieldProblem("patientName", "患者姓名不能为空"));
	}

	@Test
	void aNameLongerThan32Characters_isRefused() {
		check("张".repeat(33), "341722196503120411", "registered-poor");
		assertThat(problems).containsExactly(new FieldProblem("applicantName", "申请人姓名不能超过32个字"));
	}

	@Test
	void aNameWithMarkup_isRefused() {
		check("<i>王秀兰</i>", "341722196503120411", "registered-poor");
		assertThat(problems).containsExactly(new FieldProblem("applicantName", "申请人姓名不能包含 < 或 >"));
	}

	@Test
	void aRareCharacterName_isAccepted() {
		Applicants.Applicant a = check("吉𠮷", "341722196503120411", "registered-poor");
		assertThat(problems).isEmpty();
		assertThat(a.name()).isEqualTo("吉𠮷");
	}

	@Test
	void idNumberWithWrongCheckDigit_isRefusedNamingTheField() {
		check("王秀兰", "341722196503120412", "registered-poor");
		assertThat(problems).containsExactly(new FieldProblem("idNumber", "身份证号码校验位不正确，请核对"));
	}

	@Test
	void idNumberOneDigitShort_isRefusedWithItsLength() {
		check("王秀兰", "34172219650312041", "registered-poor");
		assertThat(problems).containsExactly(new FieldProblem("idNumber", "身份证号码应为18位（当前17位）"));
	}

	@Test
	void aMissingIdNumber_isRefused() {
		check("王秀兰", null, "registered-poor");
		assertThat(problems).containsExactly(new FieldProblem("idNumber", "身份证号码不能为空"));
	}

	@Test
	void anUnknownHouseholdCategory_isRefusedNamingIt() {
		check("王秀兰", "341722196503120411", "poor");
		assertThat(problems).containsExactly(new FieldProblem("householdCategory", "未知的人群类别 poor"));
	}

	@Test
	void aMissingHouseholdCategory_isRefusedWithoutALookUp() {
		Applicants.Applicant a = check("王秀兰", "341722196503120411", " ");
		assertThat(problems).containsExactly(new FieldProblem("householdCategory", "人群类别不能为空"));
		assertThat(a.householdCategory()).isNull();
		verify(organisation, never()).findHouseholdCategory(anyString());
	}

	@Test
	void everyProblem_isReportedAtOnceInTheFormsOrder() {
		Applicants.Applicant a = check("", "1234", "poor");
		assertThat(problems).containsExactly(new FieldProblem("applicantName", "申请人姓名不能为空"),
				new FieldProblem("idNumber", "身份证号码应为18位（当前4位）"),
				new FieldProblem("householdCategory", "未知的人群类别 poor"));
		assertThat(a.name()).isNull();
		assertThat(a.householdCategory()).isNull();
	}

	@Test
	void problemsAlreadyInTheList_areKept() {
		problems.add(new FieldProblem("diseaseCode", "病种不能为空"));
		check("王秀兰", "341722196503120411", "registered-poor");
		assertThat(problems).containsExactly(new FieldProblem("diseaseCode", "病种不能为空"));
	}

}
