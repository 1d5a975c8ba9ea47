package cn.healthassist.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import cn.healthassist.cases.CaseIndex;
import cn.healthassist.organisation.Applicants;
import cn.healthassist.organisation.CodeName;
import cn.healthassist.organisation.Hospital;
import cn.healthassist.organisation.OrganisationMapper;
import cn.healthassist.problems.CaseRejectedException;
import cn.healthassist.problems.FieldProblem;
import cn.healthassist.security.CurrentUser;
import cn.healthassist.values.Keys;

/**
 * The rules of a referral request (docs/product.md 2.2 step 1), with the organisation and the case index stubbed.
 */
class ReferralValidatorTest {

	private static final String ID = "342601197202261518";

	private static final Hospital COUNTY_HOSPITAL = new Hospital("H01", "县人民医院", "county");

	private static final Hospital TCM_HOSPITAL = new Hospital("H02", "县中医院", "county");

	private static final Hospital PROVINCIAL = new Hospital("P01", "省立医院", "provincial");

	private static final Hospital CITY = new Hospital("M01", "市第一人民医院", "city");

	private static final CodeName DIBAO = new CodeName("dibao", "低保人员", null);

	/** hdoctor-h01: treating doctor at 县人民医院. */
	private static final CurrentUser HDOCTOR_H01 = new CurrentUser("hdoctor-h01", List.of("hospital-doctor-H01"));

	private final OrganisationMapper organisation = mock(OrganisationMapper.class);

	private final CaseIndex caseIndex = mock(CaseIndex.class);

	private final ReferralValidator validator = new ReferralValidator(organisation, new Applicants(organisation), caseIndex);

	@BeforeEach
	void organisation() {
		when(organisation.findHospital("H01")).thenReturn(COUNTY_HOSPITAL);
		when(organisation.findHospital("H02")).thenReturn(TCM_HOSPITAL);
		when(organisation.findHospitalCounty("H01")).thenReturn("C01");
		when(organisation.findDestination("P01")).thenReturn(PROVINCIAL);
		when(organisation.findDestination("M01")).thenReturn(CITY);
		when(organisation.selectDestinations()).thenReturn(List.of(CITY, PROVINCIAL));
		when(organisation.findHouseholdCategory("dibao")).thenReturn(DIBAO);
	}

	private static ReferralApplication request() {
		return new ReferralApplication("孙大勇", ID, "dibao", "H01", "急性心肌梗死", "本院不能开展急诊介入治疗", "P01", "emergency");
	}

	private static ReferralApplication with(String field, String value) {
		ReferralApplication r = request();
		return new ReferralApplication(field.equals("patientName") ? value : r.patientName(),
				field.equals("idNumber") ? value : r.idNumber(),
				field.equals("householdCategory") ? value : r.householdCategory(),
				field.equals("hospitalCode") ? value : r.hospitalCode(), field.equals("diagnosis") ? value : r.diagnosis(),
				field.equals("reason") ? value : r.reason(),
				field.equals("destinationHospitalCode") ? value : r.destinationHospitalCode(),
				field.equals("urgency") ? value : r.urgency());
	}

	private CaseRejectedException refusal(ReferralApplication request, CurrentUser starter) {
		CaseRejectedException e = catchThrowableOfType(CaseRejectedException.class, () -> validator.validate(request, starter));
		assertThat(e).as("refused").isNotNull();
		return e;
	}

	private List<FieldProblem> badInput(ReferralApplication request) {
		CaseRejectedException e = refusal(request, HDOCTOR_H01);
		assertThat(e.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
		verifyNoInteractions(caseIndex);
		return e.getProblems();
	}

	// a valid request

	@Test
	void aValidRequest_isReturnedWithHospitalsCountyAndDestination() {
		ReferralValidator.Valid valid = validator.validate(request(), HDOCTOR_H01);
		assertThat(valid).isEqualTo(new ReferralValidator.Valid("孙大勇", ID, DIBAO, COUNTY_HOSPITAL, "C01", PROVINCIAL,
				"急性心肌梗死", "本院不能开展急诊介入治疗", "emergency"));
		assertThat(valid.activeKey()).isEqualTo(Keys.of("county-referral", ID));
		verify(caseIndex).hasActive(Keys.of("county-referral", ID));
	}

	@Test
	void aValidRequest_isNormalised() {
		ReferralValidator.Valid valid = validator.validate(new ReferralApplication(" 孙大勇 ", " 11010519491231002x ", "dibao",
				" H01 ", " 急性心肌梗死 ", "\n本院不能开展急诊介入治疗\n", " M01 ", " normal "), HDOCTOR_H01);
		assertThat(valid.patientName()).isEqualTo("孙大勇");
		assertThat(valid.idNumber()).isEqualTo("11010519491231002X");
		assertThat(valid.hospital()).isEqualTo(COUNTY_HOSPITAL);
		assertThat(valid.diagnosis()).isEqualTo("急性心肌梗死");
		assertThat(valid.reason()).isEqualTo("本院不能开展急诊介入治疗");
		assertThat(valid.destination()).isEqualTo(CITY);
		assertThat(valid.urgency()).isEqualTo("normal");
	}

	@Test
	void withoutAHospital_theDoctorsOwnIsTaken() {
		assertThat(validator.validate(with("hospitalCode", null), HDOCTOR_H01).hospital()).isEqualTo(COUNTY_HOSPITAL);
	}

	@Test
	void aReasonOfSeveralLines_isAccepted() {
		assertThat(validator.validate(with("reason", "1. 本院无导管室\n2. 需急诊PCI"), HDOCTOR_H01).reason())
			.isEqualTo("1. 本院无导管室\n2. 需急诊PCI");
	}

	// bad input: 400

	@Test
	void aMissingPatientName_isRefusedUnderPatientName() {
		assertThat(badInput(with("patientName", null))).containsExactly(new FieldProblem("patientName", "患者姓名不能为空"));
	}

	@Test
	void idNumberWithWrongCheckDigit_isRefusedNamingTheField() {
		assertThat(badInput(with("idNumber", "342601197202261519")))
			.containsExactly(new FieldProblem("idNumber", "身份证号码校验位不正确，请核对"));
	}

	@Test
	void idNumberOneDigitShort_isRefused() {
		assertThat(badInput(with("idNumber", "34260119720226151")))
			.containsExactly(new FieldProblem("idNumber", "身份证号码应为18位（当前17位）"));
	}

	@Test
	void anUnknownHouseholdCategory_isRefused() {
		assertThat(badInput(with("householdCategory", "vip"))).containsExactly(new FieldProblem("householdCategory", "未知的人群类别 vip"));
	}

	@Test
	void aMissingOrTooLongDiagnosis_isRefused() {
		assertThat(badInput(with("diagnosis", ""))).containsExactly(new FieldProblem("diagnosis", "诊断不能为空"));
		assertThat(badInput(with("diagnosis", "诊".repeat(201)))).containsExactly(new FieldProblem("diagnosis", "诊断不能超过200个字"));
	}

	@Test
	void aDiagnosisWithAngleBrackets_isRefused() {
		assertThat(badInput(with("diagnosis", "<b>心梗</b>"))).containsExactly(new FieldProblem("diagnosis", "诊断不能包含 < 或 >"));
	}

	@Test
	void aMissingReasonOrAReasonWithMarkup_isRefused() {
		assertThat(badInput(with("reason", " "))).containsExactly(new FieldProblem("reason", "县内无法诊治的原因不能为空"));
		assertThat(badInput(with("reason", "<script>alert(1)</script>")))
			.containsExactly(new FieldProblem("reason", "县内无法诊治的原因不能包含HTML标记"));
		assertThat(badInput(with("reason", "因".repeat(501)))).containsExactly(new FieldProblem("reason", "县内无法诊治的原因不能超过500个字"));
	}

	@Test
	void aDestinationThatIsNotDesignated_isRefusedListingTheDesignatedOnes() {
		assertThat(badInput(with("destinationHospitalCode", "X99"))).containsExactly(
				new FieldProblem("destinationHospitalCode", "转往医院 X99 不是定点转诊医院（可选：M01 市第一人民医院、P01 省立医院）"));
	}

	@Test
	void aCountyHospitalAsDestination_isRefused() {
		assertThat(badInput(with("destinationHospitalCode", "H02"))).extracting(FieldProblem::field)
			.containsExactly("destinationHospitalCode");
	}

	@Test
	void aMissingDestination_isRefused() {
		assertThat(badInput(with("destinationHospitalCode", null)))
			.containsExactly(new FieldProblem("destinationHospitalCode", "转往医院不能为空"));
	}

	@Test
	void anUnknownOrMissingUrgency_isRefused() {
		assertThat(badInput(with("urgency", "urgent")))
			.containsExactly(new FieldProblem("urgency", "紧急程度的取值无效（可选：normal、emergency）"));
		assertThat(badInput(with("urgency", null))).containsExactly(new FieldProblem("urgency", "请选择紧急程度"));
	}

	@Test
	void anUnknownHospital_isRefusedNamingIt() {
		assertThat(badInput(with("hospitalCode", "H09"))).containsExactly(new FieldProblem("hospitalCode", "未知的医院代码 H09"));
	}

	@Test
	void withoutAHospital_aStarterWithoutOneIsAskedForIt() {
		CaseRejectedException e = refusal(with("hospitalCode", ""), new CurrentUser("hhead-h01", List.of("hospital-head-H01")));
		assertThat(e.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(e.getProblems()).containsExactly(new FieldProblem("hospitalCode", "请填写转出医院的代码"));
	}

	@Test
	void everyProblem_isReportedAtOnceInTheFormsOrder() {
		assertThat(badInput(new ReferralApplication("", "110105194912310021", "", "H09", "", "", "X99", "")))
			.extracting(FieldProblem::field)
			.containsExactly("patientName", "idNumber", "householdCategory", "diagnosis", "reason", "destinationHospitalCode",
					"urgency", "hospitalCode");
	}

	// jurisdiction: 403

	@Test
	void anotherHospitalThanTheDoctors_isForbidden() {
		CaseRejectedException e = refusal(with("hospitalCode", "H02"), HDOCTOR_H01);
		assertThat(e.getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(e.getProblems()).containsExactly(
				new FieldProblem("hospitalCode", "医院 H02（县中医院）不是您所在的医院，只能为本院患者申请转诊"));
		verifyNoInteractions(caseIndex);
	}

	@Test
	void theUnitHead_mayNotRequestAReferral() {
		CaseRejectedException e = refusal(request(), new CurrentUser("hhead-h01", List.of("hospital-head-H01")));
		assertThat(e.getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(e.getProblems()).extracting(FieldProblem::field).containsExactly("hospitalCode");
	}

	@Test
	void withoutAStarter_noJurisdictionIsChecked() {
		assertThat(validator.validate(with("hospitalCode", "H02"), null).hospital()).isEqualTo(TCM_HOSPITAL);
	}

	// a running referral: 409

	@Test
	void aPatientWithARunningReferral_isAConflict() {
		when(caseIndex.hasActive(Keys.of("county-referral", ID))).thenReturn(true);
		CaseRejectedException e = refusal(request(), HDOCTOR_H01);
		assertThat(e.getStatus()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(e.getProblems()).containsExactly(new FieldProblem("idNumber", "该患者已有办理中的县外转诊，请勿重复申请"));
	}

}
