package cn.healthassist.chronic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;

import cn.healthassist.cases.CaseIndex;
import cn.healthassist.organisation.Applicants;
import cn.healthassist.organisation.CodeName;
import cn.healthassist.organisation.OrganisationMapper;
import cn.healthassist.organisation.Village;
import cn.healthassist.problems.CaseRejectedException;
import cn.healthassist.problems.FieldProblem;
import cn.healthassist.security.CurrentUser;
import cn.healthassist.values.Keys;

/**
 * The rules of a chronic-certificate application (docs/product.md 2.1 step 1), with the organisation, the certificate
 * registry and the case index stubbed: what is refused, with which field, message and status, and what a valid
 * application becomes.
 */
class ChronicApplicationValidatorTest {

	private static final String ID = "341722196503120411";

	private static final Village TAOYUAN = new Village("T01V01", "桃园村", "T01", "东湖镇", "C01");

	private static final Village LIZHUANG = new Village("T01V02", "李庄村", "T01", "东湖镇", "C01");

	private static final Village SHIQIAO = new Village("T02V01", "石桥村", "T02", "西山乡", "C01");

	private static final CodeName REGISTERED_POOR = new CodeName("registered-poor", "建档立卡户", null);

	private static final CodeName HYPERTENSION = new CodeName("HTN", "高血压", "key");

	/** doctor-t01v01: village doctor of 桃园村 only. */
	private static final CurrentUser DOCTOR_T01V01 = new CurrentUser("doctor-t01v01",
			List.of("village-doctor-T01V01", "doctors"));

	private final OrganisationMapper organisation = mock(OrganisationMapper.class);

	private final CertificateMapper certificates = mock(CertificateMapper.class);

	private final CaseIndex caseIndex = mock(CaseIndex.class);

	private final ChronicApplicationValidator validator = new ChronicApplicationValidator(organisation,
			new Applicants(organisation), certificates, caseIndex);

	@BeforeEach
	void organisation() {
		when(organisation.findVillage("T01V01")).thenReturn(TAOYUAN);
		when(organisation.findVillage("T01V02")).thenReturn(LIZHUANG);
		when(organisation.findVillage("T02V01")).thenReturn(SHIQIAO);
		when(organisation.findHouseholdCategory("registered-poor")).thenReturn(REGISTERED_POOR);
		when(organisation.findDisease("HTN")).thenReturn(HYPERTENSION);
	}

	private static ChronicApplication application() {
		return new ChronicApplication("王秀兰", ID, "T01V01", "registered-poor", "HTN", "13912345678");
	}

	private static ChronicApplication with(String field, String value) {
		ChronicApplication a = application();
		return new ChronicApplication(field.equals("applicantName") ? value : a.applicantName(),
				field.equals("idNumber") ? value : a.idNumber(), field.equals("villageCode") ? value : a.villageCode(),
				field.equals("householdCategory") ? value : a.householdCategory(),
				field.equals("diseaseCode") ? value : a.diseaseCode(), field.equals("phone") ? value : a.phone());
	}

	private CaseRejectedException refusal(ChronicApplication application, CurrentUser starter) {
		CaseRejectedException e = catchThrowableOfType(CaseRejectedException.class,
				() -> validator.validate(application, starter));
		assertThat(e).as("refused").isNotNull();
		return e;
	}

	private CaseRejectedException badInput(ChronicApplication application) {
		CaseRejectedException e = refusal(application, DOCTOR_T01V01);
		assertThat(e.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
		verifyNoInteractions(certificates, caseIndex);
		return e;
	}

	// a valid application

	@Test
	void aValidApplication_isReturnedWithTheNamesTheFormsShow() {
		ChronicApplicationValidator.Valid valid = validator.validate(application(), DOCTOR_T01V01);
		assertThat(valid).isEqualTo(new ChronicApplicationValidator.Valid("王秀兰", ID, TAOYUAN, REGISTERED_POOR, HYPERTENSION,
				"13912345678"));
		assertThat(valid.activeKey()).isEqualTo(Keys.of("chronic-certificate", ID, "HTN"));
		verify(certificates).countValid(ID, "HTN");
		verify(caseIndex).hasActive(Keys.of("chronic-certificate", ID, "HTN"));
	}

	@Test
	void aValidApplication_isNormalised() {
		ChronicApplicationValidator.Valid valid = validator.validate(new ChronicApplication(" 李建国 ", " 34172219710621104x ",
				" T01V01 ", "registered-poor", " HTN ", " 0551-62345678 "), DOCTOR_T01V01);
		assertThat(valid.applicantName()).isEqualTo("李建国");
		assertThat(valid.idNumber()).isEqualTo("34172219710621104X");
		assertThat(valid.village()).isEqualTo(TAOYUAN);
		assertThat(valid.phone()).isEqualTo("0551-62345678");
		verify(certificates).countValid("34172219710621104X", "HTN");
	}

	@Test
	void withoutAVillage_theDoctorsOnlyVillageIsTaken() {
		assertThat(validator.validate(with("villageCode", null), DOCTOR_T01V01).village()).isEqualTo(TAOYUAN);
	}

	@Test
	void withoutAStarter_noJurisdictionIsChecked() {
		assertThat(validator.validate(with("villageCode", "T02V01"), null).village()).isEqualTo(SHIQIAO);
	}

	@ParameterizedTest
	@ValueSource(strings = { "13912345678", "19912345678", "0551-62345678", "055162345678", "010-12345678", "0558-1234567" })
	void mobileAndLandlineNumbers_areAccepted(String phone) {
		assertThat(validator.validate(with("phone", phone), DOCTOR_T01V01).phone()).isEqualTo(phone);
	}

	// bad input: 400, nothing looked up in the registries

	@Test
	void aMissingName_isRefused() {
		assertThat(badInput(with("applicantName", "")).getProblems())
			.containsExactly(new FieldProblem("applicantName", "申请人姓名不能为空"));
	}

	@Test
	void idNumberWithWrongCheckDigit_isRefusedNamingTheField() {
		CaseRejectedException e = badInput(with("idNumber", "341722196503120412"));
		assertThat(e.getProblems()).containsExactly(new FieldProblem("idNumber", "身份证号码校验位不正确，请核对"));
		assertThat(e).hasMessage("身份证号码校验位不正确，请核对");
	}

	@Test
	void anUnknownHouseholdCategory_isRefused() {
		assertThat(badInput(with("householdCategory", "poor")).getProblems())
			.containsExactly(new FieldProblem("householdCategory", "未知的人群类别 poor"));
	}

	@Test
	void aDiseaseOutsideTheCatalogue_isRefusedNamingIt() {
		assertThat(badInput(with("diseaseCode", "FLU")).getProblems())
			.containsExactly(new FieldProblem("diseaseCode", "病种 FLU 不在慢性病目录中"));
	}

	@Test
	void aMissingDisease_isRefused() {
		assertThat(badInput(with("diseaseCode", null)).getProblems())
			.containsExactly(new FieldProblem("diseaseCode", "病种不能为空"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "1391234567", "23912345678", "139-1234-5678", "12345678", "+8613912345678" })
	void aMalformedPhoneNumber_isRefused(String phone) {
		assertThat(badInput(with("phone", phone)).getProblems())
			.containsExactly(new FieldProblem("phone", "联系电话应为11位手机号或带区号的固定电话"));
	}

	@Test
	void aMissingPhoneNumber_isRefused() {
		assertThat(badInput(with("phone", " ")).getProblems()).containsExactly(new FieldProblem("phone", "联系电话不能为空"));
	}

	@Test
	void anUnknownVillage_isRefusedNamingIt() {
		assertThat(badInput(with("villageCode", "T09V09")).getProblems())
			.containsExactly(new FieldProblem("villageCode", "未知的村代码 T09V09"));
	}

	@Test
	void withoutAVillage_aDoctorOfTwoVillagesIsAskedForIt() {
		CurrentUser twoVillages = new CurrentUser("doctor-t01", List.of("village-doctor-T01V01", "village-doctor-T01V02"));
		CaseRejectedException e = refusal(with("villageCode", ""), twoVillages);
		assertThat(e.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(e.getProblems()).containsExactly(new FieldProblem("villageCode", "请填写申请人所在村的代码"));
	}

	@Test
	void everyProblem_isReportedAtOnceInTheFormsOrder() {
		CaseRejectedException e = badInput(new ChronicApplication("", "34172219650312041", "T09V09", "", "FLU", "110"));
		assertThat(e.getProblems()).containsExactly(new FieldProblem("applicantName", "申请人姓名不能为空"),
				new FieldProblem("idNumber", "身份证号码应为18位（当前17位）"), new FieldProblem("householdCategory", "人群类别不能为空"),
				new FieldProblem("diseaseCode", "病种 FLU 不在慢性病目录中"),
				new FieldProblem("phone", "联系电话应为11位手机号或带区号的固定电话"), new FieldProblem("villageCode", "未知的村代码 T09V09"));
		assertThat(e).hasMessage("申请人姓名不能为空；身份证号码应为18位（当前17位）；人群类别不能为空；病种 FLU 不在慢性病目录中；"
				+ "联系电话应为11位手机号或带区号的固定电话；未知的村代码 T09V09");
	}

	// jurisdiction: 403

	@Test
	void aVillageOutsideTheDoctorsVillages_isForbidden() {
		CaseRejectedException e = refusal(with("villageCode", "T02V01"), DOCTOR_T01V01);
		assertThat(e.getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(e.getProblems()).containsExactly(
				new FieldProblem("villageCode", "村 T02V01（石桥村）不在您的辖区内，只能为本人负责的村发起申请"));
		verifyNoInteractions(certificates, caseIndex);
	}

	@Test
	void aVillageCommitteeMember_mayNotApplyForACertificate() {
		CurrentUser committee = new CurrentUser("committee-t01v01", List.of("village-committee-T01V01"));
		CaseRejectedException e = refusal(application(), committee);
		assertThat(e.getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(e.getProblems()).extracting(FieldProblem::field).containsExactly("villageCode");
	}

	// duplicates: 409

	@Test
	void aPersonAlreadyHoldingAValidCertificate_isAConflict() {
		when(certificates.countValid(ID, "HTN")).thenReturn(1);
		CaseRejectedException e = refusal(application(), DOCTOR_T01V01);
		assertThat(e.getStatus()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(e.getProblems()).containsExactly(new FieldProblem("idNumber", "该申请人已持有有效的高血压慢性病证，无需重复申请"));
		verifyNoInteractions(caseIndex);
	}

	@Test
	void aPersonWithARunningApplicationForTheDisease_isAConflict() {
		when(caseIndex.hasActive(Keys.of("chronic-certificate", ID, "HTN"))).thenReturn(true);
		CaseRejectedException e = refusal(application(), DOCTOR_T01V01);
		assertThat(e.getStatus()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(e.getProblems()).containsExactly(new FieldProblem("idNumber", "该申请人已有办理中的高血压慢性病证申请"));
	}

	@Test
	void aRunningApplicationForAnotherDisease_isNoConflict() {
		when(organisation.findDisease("DM")).thenReturn(new CodeName("DM", "糖尿病", "key"));
		when(caseIndex.hasActive(Keys.of("chronic-certificate", ID, "HTN"))).thenReturn(true);
		when(certificates.countValid(anyString(), anyString())).thenReturn(0);
		assertThat(validator.validate(with("diseaseCode", "DM"), DOCTOR_T01V01).disease().name()).isEqualTo("糖尿病");
	}

}
