package cn.healthassist.charity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.dmn.DecisionsEvaluationBuilder;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.InOrder;
import org.springframework.http.HttpStatus;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

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
 * The rules of a charity relief request (docs/product.md 2.3 step 1). The organisation and the case index are stubbed;
 * the federation's rule is the real processes/charity-relief-rate.dmn, evaluated by a plain DMN engine behind the
 * DecisionService call the validator makes ({@link DmnFileDecisions}).
 */
class CharityValidatorTest {

	private static final String ID = "341523195607081235";

	private static final Village TAOYUAN = new Village("T01V01", "桃园村", "T01", "东湖镇", "C01");

	private static final Village SHIQIAO = new Village("T02V01", "石桥村", "T02", "西山乡", "C01");

	private static final CodeName REGISTERED_POOR = new CodeName("registered-poor", "建档立卡户", null);

	/** committee-t01v01: village committee (村两委) of 桃园村. */
	private static final CurrentUser COMMITTEE_T01V01 = new CurrentUser("committee-t01v01",
			List.of("village-committee-T01V01"));

	private static DmnFileDecisions decisions;

	private final OrganisationMapper organisation = mock(OrganisationMapper.class);

	private final CaseIndex caseIndex = mock(CaseIndex.class);

	private final IdentityService identityService = mock(IdentityService.class);

	private final DecisionService decisionService = mock(DecisionService.class);

	private final CharityValidator validator = new CharityValidator(organisation, new Applicants(organisation), caseIndex,
			decisionService, identityService);

	/** DecisionService.evaluateDecisionByKey(key).variables(…).evaluate() on a DMN engine with the models' file. */
	static final class DmnFileDecisions {

		private final DmnEngine engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

		private final List<DmnDecision> parsed;

		final List<Map<String, Object>> evaluated = new ArrayList<>();

		DmnFileDecisions(String resource) throws IOException {
			try (InputStream in = DmnFileDecisions.class.getClassLoader().getResourceAsStream(resource)) {
				parsed = engine.parseDecisions(in);
			}
		}

		DecisionsEvaluationBuilder byKey(String key) {
			DmnDecision decision = parsed.stream().filter(d -> d.getKey().equals(key)).findFirst().orElseThrow();
			return new DecisionsEvaluationBuilder() {

				private Map<String, Object> variables = Map.of();

				@Override
				public DecisionsEvaluationBuilder variables(Map<String, Object> variables) {
					this.variables = variables;
					return this;
				}

				@Override
				public DmnDecisionResult evaluate() {
					evaluated.add(Map.copyOf(variables));
					return engine.evaluateDecision(decision, variables);
				}

				@Override
				public DecisionsEvaluationBuilder version(Integer version) {
					throw new UnsupportedOperationException("the validator uses the latest version");
				}

				@Override
				public DecisionsEvaluationBuilder decisionDefinitionWithoutTenantId() {
					throw new UnsupportedOperationException();
				}

				@Override
				public DecisionsEvaluationBuilder decisionDefinitionTenantId(String tenantId) {
					throw new UnsupportedOperationException();
				}

			};
		}

	}

	@BeforeAll
	static void parseTheRule() throws IOException {
		decisions = new DmnFileDecisions("processes/charity-relief-rate.dmn");
	}

	@BeforeEach
	void organisationRuleAndClock() {
		decisions.evaluated.clear();
		when(decisionService.evaluateDecisionByKey(anyString())).thenAnswer(i -> decisions.byKey(i.getArgument(0)));
		when(organisation.findVillage("T01V01")).thenReturn(TAOYUAN);
		when(organisation.findVillage("T02V01")).thenReturn(SHIQIAO);
		when(organisation.findHouseholdCategory("registered-poor")).thenReturn(REGISTERED_POOR);
		when(organisation.findHouseholdCategory("dibao")).thenReturn(new CodeName("dibao", "低保人员", null));
		when(organisation.findHouseholdCategory("wubao")).thenReturn(new CodeName("wubao", "五保户", null));
		when(organisation.findHouseholdCategory("none")).thenReturn(new CodeName("none", "以上均不是", null));
		// today is 2026-06-15 on the engine's clock, noon in the server's zone as the rules read it
		ClockUtil.setCurrentTime(Date.from(LocalDate.of(2026, 6, 15).atTime(12, 0).atZone(ZoneId.systemDefault()).toInstant()));
	}

	@AfterEach
	void engineClockBack() {
		ClockUtil.reset();
	}

	/** The worked example: remaining self-paid 6,000.00 (docs/product.md). */
	private static Map<String, Object> amounts() {
		Map<String, Object> a = new LinkedHashMap<>();
		a.put("totalCost", "35000.00");
		a.put("insuredCost", "30000.00");
		a.put("basicInsurancePaid", "15000.00");
		a.put("seriousIllnessInsurancePaid", "5000.00");
		a.put("medicalAssistancePaid", "4000.00");
		a.put("otherReliefPaid", "0");
		return a;
	}

	private static CharityValidator.Raw request() {
		return new CharityValidator.Raw("周桂芳", ID, "T01V01", "registered-poor", "县人民医院", "2026-05-26", "2026-06-10",
				amounts());
	}

	private static CharityValidator.Raw with(String field, String value) {
		CharityValidator.Raw r = request();
		return new CharityValidator.Raw(field.equals("applicantName") ? value : r.applicantName(),
				field.equals("idNumber") ? value : r.idNumber(), field.equals("villageCode") ? value : r.villageCode(),
				field.equals("householdCategory") ? value : r.householdCategory(),
				field.equals("hospitalName") ? value : r.hospitalName(),
				field.equals("admissionDate") ? value : r.admissionDate(),
				field.equals("dischargeDate") ? value : r.dischargeDate(), r.amounts());
	}

	private static CharityValidator.Raw withAmount(String field, Object value) {
		CharityValidator.Raw r = request();
		r.amounts().put(field, value);
		return r;
	}

	private CaseRejectedException refusal(CharityValidator.Raw request, CurrentUser starter) {
		CaseRejectedException e = catchThrowableOfType(CaseRejectedException.class, () -> validator.validate(request, starter));
		assertThat(e).as("refused").isNotNull();
		return e;
	}

	private List<FieldProblem> badInput(CharityValidator.Raw request) {
		CaseRejectedException e = refusal(request, COMMITTEE_T01V01);
		assertThat(e.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
		verifyNoInteractions(caseIndex);
		return e.getProblems();
	}

	// a valid request

	@Test
	void theWorkedExample_isValidWithSixThousandYuanLeftToPay() {
		CharityValidator.Valid valid = validator.validate(request(), COMMITTEE_T01V01);
		assertThat(valid.applicantName()).isEqualTo("周桂芳");
		assertThat(valid.idNumber()).isEqualTo(ID);
		assertThat(valid.village()).isEqualTo(TAOYUAN);
		assertThat(valid.householdCategory()).isEqualTo(REGISTERED_POOR);
		assertThat(valid.hospitalName()).isEqualTo("县人民医院");
		assertThat(valid.admissionDate()).isEqualTo(LocalDate.of(2026, 5, 26));
		assertThat(valid.dischargeDate()).isEqualTo(LocalDate.of(2026, 6, 10));
		assertThat(valid.amounts()).containsExactly(Map.entry("totalCost", new BigDecimal("35000.00")),
				Map.entry("insuredCost", new BigDecimal("30000.00")), Map.entry("basicInsurancePaid", new BigDecimal("15000.00")),
				Map.entry("seriousIllnessInsurancePaid", new BigDecimal("5000.00")),
				Map.entry("medicalAssistancePaid", new BigDecimal("4000.00")), Map.entry("otherReliefPaid", new BigDecimal("0.00")));
		assertThat(valid.remainingSelfPaid()).hasToString("6000.00");
		assertThat(valid.activeKey()).isEqualTo(Keys.of("charity-relief", ID));
		verify(caseIndex).hasActive(Keys.of("charity-relief", ID));
	}

	@Test
	void theFederationsRule_isAskedAboutTheRequestsCategory() {
		validator.validate(request(), COMMITTEE_T01V01);
		verify(decisionService).evaluateDecisionByKey("charity-relief-rate");
		assertThat(decisions.evaluated).containsExactly(Map.of("householdCategory", "registered-poor"));
	}

	@Test
	void theRule_isEvaluatedOnBehalfOfTheSystemAndTheStarterIsAuthenticatedAgainAfterwards() {
		Authentication starter = new Authentication("committee-t01v01", List.of("village-committee-T01V01"));
		when(identityService.getCurrentAuthentication()).thenReturn(starter);
		validator.validate(request(), COMMITTEE_T01V01);
		InOrder order = inOrder(identityService, decisionService);
		order.verify(identityService).clearAuthentication();
		order.verify(decisionService).evaluateDecisionByKey("charity-relief-rate");
		order.verify(identityService).setAuthentication(starter);
	}

	@Test
	void amountsAsJsonNumbersAndDatesWithATime_areAccepted() {
		CharityValidator.Raw r = with("admissionDate", "2026-05-26T08:30:00");
		r.amounts().put("totalCost", JsonNodeFactory.instance.numberNode(new BigDecimal("35000")));
		r.amounts().put("otherReliefPaid", JsonNodeFactory.instance.numberNode(0));
		CharityValidator.Valid valid = validator.validate(r, COMMITTEE_T01V01);
		assertThat(valid.admissionDate()).isEqualTo(LocalDate.of(2026, 5, 26));
		assertThat(valid.amounts().get("totalCost")).hasToString("35000.00");
		assertThat(valid.remainingSelfPaid()).hasToString("6000.00");
	}

	@Test
	void aDibaoApplicantAndADischargeToday_areAccepted() {
		CharityValidator.Raw r = with("householdCategory", "dibao");
		r = new CharityValidator.Raw(r.applicantName(), r.idNumber(), r.villageCode(), r.householdCategory(), r.hospitalName(),
				"2026-06-15", "2026-06-15", r.amounts());
		assertThat(validator.validate(r, COMMITTEE_T01V01).householdCategory().name()).isEqualTo("低保人员");
	}

	@Test
	void paidExactlyTheInsuredCosts_leavesNothingToPay() {
		CharityValidator.Raw r = withAmount("otherReliefPaid", "6000.00");
		assertThat(validator.validate(r, COMMITTEE_T01V01).remainingSelfPaid()).hasToString("0.00");
	}

	@Test
	void withoutAVillage_theCommitteesOnlyVillageIsTaken() {
		assertThat(validator.validate(with("villageCode", null), COMMITTEE_T01V01).village()).isEqualTo(TAOYUAN);
	}

	// the federation's rule

	@ParameterizedTest
	@ValueSource(strings = { "wubao", "none" })
	void aCategoryTheRuleDoesNotRelieve_isRefusedWithTheRulesReason(String category) {
		String name = category.equals("wubao") ? "五保户" : "以上均不是";
		assertThat(badInput(with("householdCategory", category))).containsExactly(
				new FieldProblem("householdCategory", name + "不在慈善救助范围：慈善救助仅面向低保人员和建档立卡户"));
	}

	@Test
	void aRuleVersionWithoutAReason_givesAGeneralOne() {
		DmnDecisionResultEntries entries = mock(DmnDecisionResultEntries.class);
		when(entries.getEntryMap()).thenReturn(Map.of("eligible", false, "rate", "0.00"));
		DmnDecisionResult result = mock(DmnDecisionResult.class);
		when(result.getSingleResult()).thenReturn(entries);
		DecisionsEvaluationBuilder builder = mock(DecisionsEvaluationBuilder.class);
		when(builder.variables(anyMap())).thenReturn(builder);
		when(builder.evaluate()).thenReturn(result);
		when(decisionService.evaluateDecisionByKey("charity-relief-rate")).thenReturn(builder);
		assertThat(badInput(request())).containsExactly(new FieldProblem("householdCategory", "建档立卡户不在慈善救助范围：不符合救助条件"));
	}

	@Test
	void anUnknownCategory_isRefusedWithoutAskingTheRule() {
		assertThat(badInput(with("householdCategory", "sanwu-x")))
			.containsExactly(new FieldProblem("householdCategory", "未知的人群类别 sanwu-x"));
		assertThat(decisions.evaluated).isEmpty();
	}

	// bad input: 400

	@Test
	void idNumberWithWrongCheckDigit_isRefusedNamingTheField() {
		assertThat(badInput(with("idNumber", "341523195607081234")))
			.containsExactly(new FieldProblem("idNumber", "身份证号码校验位不正确，请核对"));
	}

	@Test
	void aMissingNameOrHospital_isRefused() {
		assertThat(badInput(with("applicantName", " "))).containsExactly(new FieldProblem("applicantName", "申请人姓名不能为空"));
		assertThat(badInput(with("hospitalName", null))).containsExactly(new FieldProblem("hospitalName", "住院医院不能为空"));
		assertThat(badInput(with("hospitalName", "院".repeat(65)))).containsExactly(new FieldProblem("hospitalName", "住院医院不能超过64个字"));
	}

	@Test
	void aMissingDate_isAskedFor() {
		assertThat(badInput(with("admissionDate", ""))).containsExactly(new FieldProblem("admissionDate", "请填写入院日期"));
		assertThat(badInput(with("dischargeDate", null))).containsExactly(new FieldProblem("dischargeDate", "请填写出院日期"));
	}

	@Test
	void aDateTypedWithSlashes_isRefusedWithAnExample() {
		assertThat(badInput(with("dischargeDate", "2026/06/10")))
			.containsExactly(new FieldProblem("dischargeDate", "出院日期应为日期，如 2026-05-01"));
		assertThat(badInput(with("admissionDate", "2026-02-30")))
			.containsExactly(new FieldProblem("admissionDate", "入院日期应为日期，如 2026-05-01"));
	}

	@Test
	void aDateNoStayCanHave_isRefused_notStoredForTheGrantToFailOn() {
		assertThat(badInput(with("admissionDate", "-999999999-01-01T00:00")))
			.containsExactly(new FieldProblem("admissionDate", "入院日期应为日期，如 2026-05-01"));
		assertThat(badInput(with("admissionDate", "1899-12-31")))
			.containsExactly(new FieldProblem("admissionDate", "入院日期应为日期，如 2026-05-01"));
	}

	@Test
	void aDateWithSomethingAfterIt_isRefused_notReadAsItsFirstTenCharacters() {
		assertThat(badInput(with("admissionDate", "2026-05-26至2026-06-10")))
			.containsExactly(new FieldProblem("admissionDate", "入院日期应为日期，如 2026-05-01"));
		assertThat(badInput(with("dischargeDate", "2026-06-10abc")))
			.containsExactly(new FieldProblem("dischargeDate", "出院日期应为日期，如 2026-05-01"));
	}

	@Test
	void aDischargeTomorrow_isRefused() {
		assertThat(badInput(with("dischargeDate", "2026-06-16")))
			.containsExactly(new FieldProblem("dischargeDate", "出院日期不能晚于今天"));
	}

	@Test
	void aDischargeBeforeTheAdmission_isRefused() {
		assertThat(badInput(with("dischargeDate", "2026-05-25")))
			.containsExactly(new FieldProblem("dischargeDate", "出院日期不能早于入院日期"));
	}

	@Test
	void aMissingAmount_isAskedForByItsLabel() {
		assertThat(badInput(withAmount("seriousIllnessInsurancePaid", null)))
			.containsExactly(new FieldProblem("seriousIllnessInsurancePaid", "请填写大病保险报销"));
		assertThat(badInput(withAmount("totalCost", " "))).containsExactly(new FieldProblem("totalCost", "请填写住院总费用"));
	}

	@Test
	void aNegativeAmountOrOneWithThreeDecimals_isRefused() {
		assertThat(badInput(withAmount("medicalAssistancePaid", "-100")))
			.containsExactly(new FieldProblem("medicalAssistancePaid", "医疗救助不能为负数"));
		assertThat(badInput(withAmount("otherReliefPaid", "0.001")))
			.containsExactly(new FieldProblem("otherReliefPaid", "其他部门救助最多两位小数（精确到分）"));
	}

	@Test
	void insuredCostsAboveTheTotal_areRefused() {
		assertThat(badInput(withAmount("insuredCost", "40000.00"))).containsExactly(
				new FieldProblem("insuredCost", "医保规定内费用（40000.00元）不能超过住院总费用（35000.00元）"));
	}

	@Test
	void paymentsAboveTheInsuredCosts_areRefusedUnderTheFirstPayment() {
		assertThat(badInput(withAmount("otherReliefPaid", "6000.01"))).containsExactly(
				new FieldProblem("basicInsurancePaid", "已报销和已救助的合计（30000.01元）不能超过医保规定内费用（30000.00元）"));
	}

	@Test
	void withAnAmountRefused_theSumsAreNotChecked() {
		CharityValidator.Raw r = withAmount("insuredCost", "40000.00");
		r.amounts().put("otherReliefPaid", "abc");
		assertThat(badInput(r)).containsExactly(new FieldProblem("otherReliefPaid", "其他部门救助应为金额（元），如 1234.50"));
	}

	@Test
	void anUnknownVillage_isRefusedNamingIt() {
		assertThat(badInput(with("villageCode", "T09V09"))).containsExactly(new FieldProblem("villageCode", "未知的村代码 T09V09"));
	}

	@Test
	void everyProblem_isReportedAtOnceInTheFormsOrder() {
		Map<String, Object> none = new LinkedHashMap<>();
		CharityValidator.Raw r = new CharityValidator.Raw("", "12345", "T09V09", "wubao", "", "2026/05/01", "2026-07-01", none);
		assertThat(badInput(r)).extracting(FieldProblem::field)
			.containsExactly("applicantName", "idNumber", "householdCategory", "hospitalName", "admissionDate", "dischargeDate",
					"totalCost", "insuredCost", "basicInsurancePaid", "seriousIllnessInsurancePaid", "medicalAssistancePaid",
					"otherReliefPaid", "villageCode");
	}

	// jurisdiction: 403

	@Test
	void aVillageOutsideTheCommitteesVillage_isForbidden() {
		CaseRejectedException e = refusal(with("villageCode", "T02V01"), COMMITTEE_T01V01);
		assertThat(e.getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(e.getProblems()).containsExactly(
				new FieldProblem("villageCode", "村 T02V01（石桥村）不在您的辖区内，只能为本村群众申请慈善救助"));
		verifyNoInteractions(caseIndex);
	}

	@Test
	void theVillageDoctor_mayNotRequestCharityRelief() {
		CaseRejectedException e = refusal(request(), new CurrentUser("doctor-t01v01", List.of("village-doctor-T01V01")));
		assertThat(e.getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(e.getProblems()).extracting(FieldProblem::field).containsExactly("villageCode");
	}

	// a running request: 409

	@Test
	void aPersonWithARunningRequest_isAConflict() {
		when(caseIndex.hasActive(Keys.of("charity-relief", ID))).thenReturn(true);
		CaseRejectedException e = refusal(request(), COMMITTEE_T01V01);
		assertThat(e.getStatus()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(e.getProblems()).containsExactly(new FieldProblem("idNumber", "该申请人已有办理中的慈善救助申请"));
	}

}
