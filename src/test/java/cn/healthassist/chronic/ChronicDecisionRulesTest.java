package cn.healthassist.chronic;

import static cn.healthassist.support.Vars.vars;

import static cn.healthassist.chronic.ChronicVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Attachment;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.Spin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import cn.healthassist.audit.CaseFacts;
import cn.healthassist.audit.CaseRecords;
import cn.healthassist.problems.FieldProblem;
import cn.healthassist.processes.ProcessKeys;

/** The rules of chronic-certificate's human steps, without an engine: the attachments come from a stubbed TaskService. */
class ChronicDecisionRulesTest {

	private static final String PI = "pi-chronic-1";

	private final ChronicDecisionRules rules = new ChronicDecisionRules(ownFieldsOnly());

	/** A case record that holds nothing but what the test gives as the step's fields and the case's facts. */
	private static CaseRecords ownFieldsOnly() {
		CaseRecords records = mock(CaseRecords.class);
		when(records.inputs(any(Task.class), anyMap(), any())).thenAnswer(i -> new CaseFacts(null, i.getArgument(1)));
		return records;
	}

	private final TaskService taskService = mock(TaskService.class);

	private final ProcessEngineServices services = mock(ProcessEngineServices.class);

	@BeforeEach
	void engine() {
		when(services.getTaskService()).thenReturn(taskService);
		when(taskService.getProcessInstanceAttachments(PI)).thenReturn(List.of(mock(Attachment.class)));
		// today is 2026-06-15 on the engine's clock, noon in the server's zone as the rules read it
		ClockUtil.setCurrentTime(Date.from(LocalDate.of(2026, 6, 15).atTime(12, 0).atZone(ZoneId.systemDefault()).toInstant()));
	}

	@AfterEach
	void engineClockBack() {
		ClockUtil.reset();
	}

	private List<FieldProblem> check(String step, Map<String, Object> variables) {
		return rules.check(step, variables, PI, services);
	}

	@Test
	void theRules_areThoseOfChronicCertificate() {
		assertThat(rules.processKey()).isEqualTo(ProcessKeys.CHRONIC_CERTIFICATE);
	}

	// collecting the materials

	@Test
	void materialsWithBothRequiredItemsAndAnUpload_pass() {
		assertThat(check(ChronicActivities.COLLECT_MATERIALS,
				vars(MATERIALS_CHECKLIST, List.of("diagnosis", "records", "id-card"), MATERIALS_NOTE, "门诊病历3份")))
			.isEmpty();
	}

	@Test
	void aChecklistAsTasklistSubmitsIt_aJsonArray_isRead() {
		assertThat(check(ChronicActivities.COLLECT_MATERIALS,
				vars(MATERIALS_CHECKLIST, Spin.JSON("[\"records\",\"diagnosis\"]")))).isEmpty();
	}

	@Test
	void aChecklistWithoutTheRecords_isRefused() {
		assertThat(check(ChronicActivities.COLLECT_MATERIALS, vars(MATERIALS_CHECKLIST, List.of("diagnosis"))))
			.containsExactly(new FieldProblem("materialsChecklist", "诊断证明书和门诊或住院病历为必备材料，请收集后勾选"));
	}

	@Test
	void noChecklist_isRefused() {
		assertThat(check(ChronicActivities.COLLECT_MATERIALS, vars()))
			.containsExactly(new FieldProblem("materialsChecklist", "诊断证明书和门诊或住院病历为必备材料，请收集后勾选"));
	}

	@Test
	void materialsWithoutAnyUploadedFile_areRefusedPointingToTheAttachmentsTab() {
		when(taskService.getProcessInstanceAttachments(PI)).thenReturn(List.of());
		assertThat(check(ChronicActivities.COLLECT_MATERIALS, vars(MATERIALS_CHECKLIST, List.of("diagnosis", "records"))))
			.containsExactly(new FieldProblem("attachments", "请先在“附件”页签上传诊断证明书和病历的扫描件或照片"));
	}

	@Test
	void aMaterialsNoteWithMarkupOrTooLong_isRefused() {
		assertThat(check(ChronicActivities.COLLECT_MATERIALS,
				vars(MATERIALS_CHECKLIST, List.of("diagnosis", "records"), MATERIALS_NOTE, "<a href=x>病历</a>")))
			.containsExactly(new FieldProblem("materialsNote", "材料说明不能包含HTML标记"));
		assertThat(check(ChronicActivities.COLLECT_MATERIALS,
				vars(MATERIALS_CHECKLIST, List.of("diagnosis", "records"), MATERIALS_NOTE, "注".repeat(501))))
			.containsExactly(new FieldProblem("materialsNote", "材料说明不能超过500个字"));
	}

	@Test
	void everyMaterialsProblem_isReportedAtOnce() {
		when(taskService.getProcessInstanceAttachments(PI)).thenReturn(List.of());
		assertThat(check(ChronicActivities.COLLECT_MATERIALS, vars(MATERIALS_NOTE, "<b>")))
			.extracting(FieldProblem::field)
			.containsExactly("materialsChecklist", "materialsNote", "attachments");
	}

	// township review

	@ParameterizedTest
	@ValueSource(strings = { "pass", "return", "ineligible" })
	void aTownshipReviewWithAnAllowedDecisionAndAnOpinion_passes(String decision) {
		assertThat(check(ChronicActivities.TOWNSHIP_REVIEW,
				vars(TOWNSHIP_DECISION, decision, TOWNSHIP_OPINION, "经入户核实，材料真实，同意上报。"))).isEmpty();
	}

	@Test
	void aTownshipReviewWithoutDecisionOrOpinion_isRefusedForBoth() {
		assertThat(check(ChronicActivities.TOWNSHIP_REVIEW, vars())).containsExactly(
				new FieldProblem("townshipDecision", "请选择审核结论"), new FieldProblem("townshipOpinion", "审核意见不能为空"));
	}

	@Test
	void aTownshipDecisionOfTheCountysList_isRefused() {
		assertThat(check(ChronicActivities.TOWNSHIP_REVIEW, vars(TOWNSHIP_DECISION, "approve", TOWNSHIP_OPINION, "同意")))
			.containsExactly(new FieldProblem("townshipDecision", "审核结论的取值无效（可选：pass、return、ineligible）"));
	}

	@Test
	void aTownshipOpinionWithMarkup_isRefused() {
		assertThat(check(ChronicActivities.TOWNSHIP_REVIEW,
				vars(TOWNSHIP_DECISION, "pass", TOWNSHIP_OPINION, "同意<script>alert(1)</script>")))
			.containsExactly(new FieldProblem("townshipOpinion", "审核意见不能包含HTML标记"));
	}

	@Test
	void aTownshipOpinionOf501Characters_isRefused() {
		assertThat(check(ChronicActivities.TOWNSHIP_REVIEW, vars(TOWNSHIP_DECISION, "pass", TOWNSHIP_OPINION, "意".repeat(501))))
			.containsExactly(new FieldProblem("townshipOpinion", "审核意见不能超过500个字"));
	}

	// county approval

	@ParameterizedTest
	@ValueSource(strings = { "approve", "reject" })
	void aCountyApprovalWithAnAllowedDecisionAndAnOpinion_passes(String decision) {
		assertThat(check(ChronicActivities.COUNTY_APPROVAL, vars(COUNTY_DECISION, decision, COUNTY_OPINION, "符合慢性病证办理条件")))
			.isEmpty();
	}

	@Test
	void aCountyApprovalWithTheTownshipsDecision_isRefused() {
		assertThat(check(ChronicActivities.COUNTY_APPROVAL, vars(COUNTY_DECISION, "pass", COUNTY_OPINION, "同意")))
			.containsExactly(new FieldProblem("countyDecision", "审批结论的取值无效（可选：approve、reject）"));
	}

	@Test
	void aCountyApprovalWithoutDecisionOrOpinion_isRefusedForBoth() {
		assertThat(check(ChronicActivities.COUNTY_APPROVAL, vars(COUNTY_DECISION, " ", COUNTY_OPINION, "")))
			.containsExactly(new FieldProblem("countyDecision", "请选择审批结论"), new FieldProblem("countyOpinion", "审批意见不能为空"));
	}

	@Test
	void aCountyOpinionWithAControlCharacter_isRefused() {
		assertThat(check(ChronicActivities.COUNTY_APPROVAL, vars(COUNTY_DECISION, "reject", COUNTY_OPINION, "不符合\u0000条件")))
			.containsExactly(new FieldProblem("countyOpinion", "审批意见含有不可见的控制字符"));
	}

	// policy explanation

	private static Map<String, Object> explanation(Object date) {
		return vars(EXPLAIN_METHOD, "in-person", APPLICANT_RESPONSE, "accepted", EXPLAIN_NOTE, "已入户向申请人解释政策，申请人表示理解。",
				EXPLAIN_DATE, date);
	}

	@Test
	void aPolicyExplanationOfToday_passes() {
		assertThat(check(ChronicActivities.EXPLAIN_POLICY, explanation("2026-06-15"))).isEmpty();
		assertThat(check(ChronicActivities.EXPLAIN_POLICY, explanation(" 2026-06-01 "))).isEmpty();
	}

	@Test
	void aPolicyExplanationDatedTomorrow_isRefused() {
		assertThat(check(ChronicActivities.EXPLAIN_POLICY, explanation("2026-06-16")))
			.containsExactly(new FieldProblem("explainDate", "解释日期不能晚于今天"));
	}

	@Test
	void aPolicyExplanationDateInAnotherFormat_isRefused() {
		assertThat(check(ChronicActivities.EXPLAIN_POLICY, explanation("2026/06/10")))
			.containsExactly(new FieldProblem("explainDate", "解释日期应为 yyyy-MM-dd"));
	}

	@Test
	void aPolicyExplanationWithoutADate_isRefused() {
		assertThat(check(ChronicActivities.EXPLAIN_POLICY, explanation(" ")))
			.containsExactly(new FieldProblem("explainDate", "请填写解释日期"));
		assertThat(check(ChronicActivities.EXPLAIN_POLICY, explanation(null)))
			.containsExactly(new FieldProblem("explainDate", "请填写解释日期"));
	}

	@Test
	void anEmptyPolicyExplanation_isRefusedForEachField() {
		assertThat(check(ChronicActivities.EXPLAIN_POLICY, vars())).containsExactly(
				new FieldProblem("explainMethod", "请选择解释方式"), new FieldProblem("applicantResponse", "请选择申请人反应"),
				new FieldProblem("explainNote", "解释情况说明不能为空"), new FieldProblem("explainDate", "请填写解释日期"));
	}

	@Test
	void anUnknownExplanationMethodOrResponse_isRefusedListingTheChoices() {
		Map<String, Object> v = explanation("2026-06-15");
		v.put(EXPLAIN_METHOD, "wechat");
		v.put(APPLICANT_RESPONSE, "angry");
		assertThat(check(ChronicActivities.EXPLAIN_POLICY, v)).containsExactly(
				new FieldProblem("explainMethod", "解释方式的取值无效（可选：in-person、phone、meeting、written）"),
				new FieldProblem("applicantResponse", "申请人反应的取值无效（可选：accepted、objection、other）"));
	}

	// other steps, and the door through a task

	@Test
	void aStepWithoutRules_passesWhateverItsVariables() {
		assertThat(check(ChronicActivities.ISSUE_CERTIFICATE, vars(TOWNSHIP_DECISION, "nonsense"))).isEmpty();
	}

	@Test
	void throughATask_theStepAndTheProcessInstanceAreTheTasks() {
		Task task = mock(Task.class);
		when(task.getTaskDefinitionKey()).thenReturn(ChronicActivities.COLLECT_MATERIALS);
		when(task.getProcessInstanceId()).thenReturn("pi-without-files");
		when(taskService.getProcessInstanceAttachments("pi-without-files")).thenReturn(List.of());
		assertThat(rules.check(task, vars(MATERIALS_CHECKLIST, List.of("diagnosis", "records")), services))
			.containsExactly(new FieldProblem("attachments", "请先在“附件”页签上传诊断证明书和病历的扫描件或照片"));
		when(task.getTaskDefinitionKey()).thenReturn(ChronicActivities.TOWNSHIP_REVIEW);
		assertThat(rules.check(task, vars(TOWNSHIP_DECISION, "pass"), services))
			.containsExactly(new FieldProblem("townshipOpinion", "审核意见不能为空"));
	}

}
