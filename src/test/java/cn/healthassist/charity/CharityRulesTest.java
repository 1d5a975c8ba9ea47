package cn.healthassist.charity;

import static cn.healthassist.support.Vars.vars;

import static cn.healthassist.charity.CharityVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import cn.healthassist.audit.CaseFacts;
import cn.healthassist.audit.CaseRecords;
import cn.healthassist.cases.CaseIndex;
import cn.healthassist.organisation.CodeName;
import cn.healthassist.organisation.OrganisationMapper;
import cn.healthassist.problems.FieldProblem;
import cn.healthassist.processes.ProcessKeys;

/** The rules of charity-relief's human steps; the catalogue and the grant registry are stubbed. */
class CharityRulesTest {

	private final OrganisationMapper organisation = mock(OrganisationMapper.class);

	private final GrantMapper grants = mock(GrantMapper.class);

	private final CharityRules rules = new CharityRules(organisation, grants, mock(CaseIndex.class), ownFieldsOnly());

	/** A case record that holds nothing but what the test gives as the step's fields and the case's facts. */
	private static CaseRecords ownFieldsOnly() {
		CaseRecords records = mock(CaseRecords.class);
		when(records.inputs(any(Task.class), anyMap(), any())).thenAnswer(i -> new CaseFacts(null, i.getArgument(1)));
		return records;
	}

	@BeforeEach
	void catalogueAndClock() {
		when(organisation.findHouseholdCategory("registered-poor")).thenReturn(new CodeName("registered-poor", "建档立卡户", null));
		when(organisation.findHouseholdCategory("dibao")).thenReturn(new CodeName("dibao", "低保人员", null));
		when(grants.countVoucher(anyString())).thenReturn(0);
		when(grants.countVoucher("ZF-2026-0001")).thenReturn(1);
		// today is 2026-06-15 on the engine's clock, noon in the server's zone as the rules read it
		ClockUtil.setCurrentTime(Date.from(LocalDate.of(2026, 6, 15).atTime(12, 0).atZone(ZoneId.systemDefault()).toInstant()));
	}

	@AfterEach
	void engineClockBack() {
		ClockUtil.reset();
	}

	@Test
	void theRules_areThoseOfCharityRelief() {
		assertThat(rules.processKey()).isEqualTo(ProcessKeys.CHARITY_RELIEF);
	}

	// civil-affairs verification

	@ParameterizedTest
	@ValueSource(strings = { "pass", "return", "reject" })
	void aVerificationWithDecisionOpinionAndAKnownCategory_passes(String decision) {
		assertThat(rules.check(CharityActivities.VERIFICATION, vars(VERIFICATION_DECISION, decision, VERIFICATION_OPINION,
				"经民政系统比对，申请人为低保对象。", HOUSEHOLD_CATEGORY, " dibao "), "civil-t01")).isEmpty();
	}

	@Test
	void anEmptyVerification_isRefusedForDecisionOpinionAndCategory() {
		assertThat(rules.check(CharityActivities.VERIFICATION, vars(), "civil-t01")).containsExactly(
				new FieldProblem("verificationDecision", "请选择核实结论"), new FieldProblem("verificationOpinion", "核实意见不能为空"),
				new FieldProblem("householdCategory", "请核实并选择人群类别"));
	}

	@Test
	void aVerificationWithAnUnknownCategoryOrDecision_isRefused() {
		assertThat(rules.check(CharityActivities.VERIFICATION,
				vars(VERIFICATION_DECISION, "approve", VERIFICATION_OPINION, "核实无误", HOUSEHOLD_CATEGORY, "rich"), "civil-t01"))
			.containsExactly(new FieldProblem("verificationDecision", "核实结论的取值无效（可选：pass、return、reject）"),
					new FieldProblem("householdCategory", "请核实并选择人群类别"));
	}

	@Test
	void aVerificationOpinionWithMarkup_isRefused() {
		assertThat(rules.check(CharityActivities.VERIFICATION, vars(VERIFICATION_DECISION, "pass", VERIFICATION_OPINION,
				"<img src=x>", HOUSEHOLD_CATEGORY, "dibao"), "civil-t01"))
			.containsExactly(new FieldProblem("verificationOpinion", "核实意见不能包含HTML标记"));
	}

	// supplementing the materials

	@Test
	void aSupplement_needsANote() {
		assertThat(rules.check(CharityActivities.SUPPLEMENT, vars(SUPPLEMENT_NOTE, "已补交出院小结和费用清单"), "committee-t01v01"))
			.isEmpty();
		assertThat(rules.check(CharityActivities.SUPPLEMENT, vars(), "committee-t01v01"))
			.containsExactly(new FieldProblem("supplementNote", "补充说明不能为空"));
	}

	// federation approval

	private static Map<String, Object> federation(String decision, Object approved) {
		return vars(FEDERATION_DECISION, decision, FEDERATION_OPINION, "符合救助条件", RELIEF_AMOUNT, "3600.00",
				APPROVED_AMOUNT, approved);
	}

	@Test
	void approvingTheCalculatedAmount_passesWithoutAReason() {
		assertThat(rules.check(CharityActivities.FEDERATION_APPROVAL, federation("approve", "3600.00"), "charity")).isEmpty();
		assertThat(rules.check(CharityActivities.FEDERATION_APPROVAL, federation("approve", "3600"), "charity")).isEmpty();
	}

	@Test
	void approvingMoreThanTheRuleGives_isRefusedNamingTheRulesAmount() {
		assertThat(rules.check(CharityActivities.FEDERATION_APPROVAL, federation("approve", "4000"), "charity"))
			.containsExactly(new FieldProblem("approvedAmount", "核准金额不能超过按规则计算的救助金额（3600.00 元）"));
	}

	@Test
	void approvingOneFenMoreThanTheRuleGives_isRefused() {
		assertThat(rules.check(CharityActivities.FEDERATION_APPROVAL, federation("approve", "3600.01"), "charity"))
			.containsExactly(new FieldProblem("approvedAmount", "核准金额不能超过按规则计算的救助金额（3600.00 元）"));
	}

	@Test
	void approvingNothing_isRefusedPointingToReject() {
		assertThat(rules.check(CharityActivities.FEDERATION_APPROVAL, federation("approve", "0.00"), "charity"))
			.containsExactly(new FieldProblem("approvedAmount", "核准金额应大于0；不予救助请选择“不批准”"));
	}

	@Test
	void approvingLess_needsTheReasonForTheCut() {
		assertThat(rules.check(CharityActivities.FEDERATION_APPROVAL, federation("approve", "3000.00"), "charity"))
			.containsExactly(new FieldProblem("lowerReason", "核减原因不能为空"));
		Map<String, Object> withReason = federation("approve", "3000.00");
		withReason.put(LOWER_REASON, "部分费用已由村集体资助");
		assertThat(rules.check(CharityActivities.FEDERATION_APPROVAL, withReason, "charity")).isEmpty();
	}

	@Test
	void approvingWithoutOrWithAMalformedAmount_isRefused() {
		assertThat(rules.check(CharityActivities.FEDERATION_APPROVAL, federation("approve", null), "charity"))
			.containsExactly(new FieldProblem("approvedAmount", "请填写核准金额"));
		assertThat(rules.check(CharityActivities.FEDERATION_APPROVAL, federation("approve", "三千"), "charity"))
			.containsExactly(new FieldProblem("approvedAmount", "核准金额应为金额（元），如 1234.50"));
		assertThat(rules.check(CharityActivities.FEDERATION_APPROVAL, federation("approve", "-1"), "charity"))
			.containsExactly(new FieldProblem("approvedAmount", "核准金额不能为负数"));
	}

	@Test
	void rejecting_needsNoAmount() {
		assertThat(rules.check(CharityActivities.FEDERATION_APPROVAL, federation("reject", null), "charity")).isEmpty();
		assertThat(rules.check(CharityActivities.FEDERATION_APPROVAL, federation("reject", "99999"), "charity")).isEmpty();
	}

	@Test
	void anEmptyFederationApproval_isRefusedForDecisionAndOpinion() {
		assertThat(rules.check(CharityActivities.FEDERATION_APPROVAL, vars(RELIEF_AMOUNT, "3600.00"), "charity"))
			.containsExactly(new FieldProblem("federationDecision", "请选择审批结论"), new FieldProblem("federationOpinion", "审批意见不能为空"));
		assertThat(rules.check(CharityActivities.FEDERATION_APPROVAL, federation("pass", "3600.00"), "charity"))
			.containsExactly(new FieldProblem("federationDecision", "审批结论的取值无效（可选：approve、reject）"));
	}

	// second approval

	private static Map<String, Object> second(String decision) {
		return vars(SECOND_DECISION, decision, SECOND_OPINION, "复核无误", FEDERATION_APPROVER, "charity");
	}

	@Test
	void aSecondApprovalByAnotherPerson_passes() {
		assertThat(rules.check(CharityActivities.SECOND_APPROVAL, second("approve"), "charity-2")).isEmpty();
	}

	@Test
	void aSecondApprovalByTheFirstApprover_isRefused() {
		assertThat(rules.check(CharityActivities.SECOND_APPROVAL, second("approve"), "charity"))
			.containsExactly(new FieldProblem("secondDecision", "复核须由审批人以外的另一位工作人员办理"));
	}

	@Test
	void anEmptySecondApproval_isRefusedForDecisionAndOpinion() {
		assertThat(rules.check(CharityActivities.SECOND_APPROVAL, vars(FEDERATION_APPROVER, "charity"), "charity-2"))
			.containsExactly(new FieldProblem("secondDecision", "请选择复核结论"), new FieldProblem("secondOpinion", "复核意见不能为空"));
		assertThat(rules.check(CharityActivities.SECOND_APPROVAL, second("ok"), "charity-2"))
			.containsExactly(new FieldProblem("secondDecision", "复核结论的取值无效（可选：approve、reject）"));
	}

	// recording the payment

	private static Map<String, Object> payment(String voucher, Object date) {
		return vars(VOUCHER_NO, voucher, PAYMENT_DATE, date, PAYMENT_NOTE, "已转入申请人社保卡");
	}

	@Test
	void aPaymentWithANewVoucherAndAPastDate_passes() {
		assertThat(rules.check(CharityActivities.RECORD_PAYMENT, payment("ZF-2026-0002", "2026-06-14"), "charity")).isEmpty();
		assertThat(rules.check(CharityActivities.RECORD_PAYMENT, payment("ZF20260003", "2026-06-15T09:30:00"), "charity"))
			.isEmpty();
	}

	@Test
	void aVoucherUsedBefore_isRefusedNamingIt() {
		assertThat(rules.check(CharityActivities.RECORD_PAYMENT, payment("ZF-2026-0001", "2026-06-14"), "charity"))
			.containsExactly(new FieldProblem("voucherNo", "支付凭证号 ZF-2026-0001 已登记过，请核对"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "ZF1", "ZF 2026 0001", "支付2026001", "ZF_2026_0001" })
	void aVoucherOfOtherCharacters_isRefusedWithoutLookingItUp(String voucher) {
		assertThat(rules.check(CharityActivities.RECORD_PAYMENT, payment(voucher, "2026-06-14"), "charity"))
			.containsExactly(new FieldProblem("voucherNo", "支付凭证号由4到40位字母、数字或“-”组成"));
		verify(grants, never()).countVoucher(voucher);
	}

	@Test
	void aPaymentWithoutVoucherOrDate_isRefusedForBoth() {
		assertThat(rules.check(CharityActivities.RECORD_PAYMENT, vars(), "charity")).containsExactly(
				new FieldProblem("voucherNo", "支付凭证号不能为空"), new FieldProblem("paymentDate", "请填写支付日期"));
	}

	@Test
	void aPaymentDatedTomorrow_isRefused() {
		assertThat(rules.check(CharityActivities.RECORD_PAYMENT, payment("ZF-2026-0002", "2026-06-16"), "charity"))
			.containsExactly(new FieldProblem("paymentDate", "支付日期不能晚于今天"));
	}

	@Test
	void aPaymentDateTypedWithSlashes_isRefused() {
		assertThat(rules.check(CharityActivities.RECORD_PAYMENT, payment("ZF-2026-0002", "2026/06/14"), "charity"))
			.containsExactly(new FieldProblem("paymentDate", "支付日期应为 yyyy-MM-dd"));
	}

	@Test
	void aPaymentDateWithSomethingAfterIt_isRefused() {
		assertThat(rules.check(CharityActivities.RECORD_PAYMENT, payment("ZF-2026-0002", "2026-06-14abc"), "charity"))
			.containsExactly(new FieldProblem("paymentDate", "支付日期应为 yyyy-MM-dd"));
	}

	@Test
	void aPaymentNote_isOptionalButLimited() {
		Map<String, Object> v = payment("ZF-2026-0002", "2026-06-14");
		v.remove(PAYMENT_NOTE);
		assertThat(rules.check(CharityActivities.RECORD_PAYMENT, v, "charity")).isEmpty();
		v.put(PAYMENT_NOTE, "备".repeat(501));
		assertThat(rules.check(CharityActivities.RECORD_PAYMENT, v, "charity"))
			.containsExactly(new FieldProblem("paymentNote", "支付说明不能超过500个字"));
	}

	// other steps, and the door through a task

	@Test
	void aStepWithoutRules_passes() {
		assertThat(rules.check(CharityActivities.CALCULATE, vars(), "charity")).isEmpty();
	}

	@Test
	void throughATask_theActorIsTheAssignee() {
		Task task = mock(Task.class);
		when(task.getTaskDefinitionKey()).thenReturn(CharityActivities.SECOND_APPROVAL);
		when(task.getAssignee()).thenReturn("charity");
		ProcessEngineServices services = servicesAuthenticatedAs("charity-2");
		assertThat(rules.check(task, second("approve"), services))
			.containsExactly(new FieldProblem("secondDecision", "复核须由审批人以外的另一位工作人员办理"));
	}

	@Test
	void throughAnUnassignedTask_theActorIsTheAuthenticatedUser() {
		Task task = mock(Task.class);
		when(task.getTaskDefinitionKey()).thenReturn(CharityActivities.SECOND_APPROVAL);
		assertThat(rules.check(task, second("approve"), servicesAuthenticatedAs("charity")))
			.containsExactly(new FieldProblem("secondDecision", "复核须由审批人以外的另一位工作人员办理"));
		assertThat(rules.check(task, second("approve"), servicesAuthenticatedAs("charity-2"))).isEmpty();
	}

	private static ProcessEngineServices servicesAuthenticatedAs(String userId) {
		IdentityService identity = mock(IdentityService.class);
		when(identity.getCurrentAuthentication()).thenReturn(new Authentication(userId, List.of("charity-federation")));
		ProcessEngineServices services = mock(ProcessEngineServices.class);
		when(services.getIdentityService()).thenReturn(identity);
		return services;
	}

}
