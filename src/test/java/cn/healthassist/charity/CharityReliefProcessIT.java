package cn.healthassist.charity;

import static cn.healthassist.charity.CharityActivities.*;
import static cn.healthassist.charity.CharityCases.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.beans.factory.annotation.Autowired;

import cn.healthassist.problems.CaseRejectedException;
import cn.healthassist.config.HealthAssistProperties;
import cn.healthassist.support.Http;
import cn.healthassist.support.IntegrationTest;
import cn.healthassist.support.TestIds;

/** Every path of charity-relief (docs/product.md 2.3), amounts checked to the fen. */
class CharityReliefProcessIT extends IntegrationTest {

	@Autowired
	GrantMapper grants;

	@Autowired
	HealthAssistProperties properties;

	@Autowired
	org.camunda.bpm.engine.RepositoryService repositoryService;

	private ProcessInstance start(Map<String, Object> body) {
		Http.Response r = http(COMMITTEE).postJson("/api/charity-relief-applications", body);
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		assertThat(r.json().path("businessKey").asText()).matches("CR-\\d{4}-\\d{6}");
		return runtimeService.createProcessInstanceQuery().processInstanceId(r.json().path("processInstanceId").asText()).singleResult();
	}

	private Object var(ProcessInstance pi, String name) {
		return runtimeService.getVariable(pi.getId(), name);
	}

	private void verifyPass(ProcessInstance pi, String category) {
		complete(CIVIL, pi.getId(), VERIFICATION, Map.of("verificationDecision", "pass", "verificationOpinion", "低保证、住院结算单核实无误",
				"householdCategory", category));
	}

	/** Lets the public notice run out: moves the clock past noticeUntil and fires the timer. */
	private void noticeRunsOut(ProcessInstance pi) {
		assertThat(pi).isWaitingAt(NOTICE_EVENTS);
		Date until = (Date) var(pi, "noticeUntil");
		assertThat(until).isCloseTo(new Date(ClockUtil.getCurrentTime().getTime() + 7L * 24 * 3600 * 1000), 60_000);
		ClockUtil.setCurrentTime(new Date(until.getTime() + 60_000));
		Job timer = managementService.createJobQuery().processInstanceId(pi.getId()).activityId(NOTICE_OVER).executable().singleResult();
		managementService.executeJob(timer.getId());
		ClockUtil.reset();
	}

	private void pay(ProcessInstance pi, String voucher) {
		complete(CHARITY, pi.getId(), RECORD_PAYMENT, Map.of("voucherNo", voucher, "paymentDate", LocalDate.now().toString()));
		runDueJobs(pi.getId());
	}

	private String status(ProcessInstance pi) {
		return jdbc.queryForObject("SELECT status FROM ha_case WHERE process_instance_id = ?", String.class, pi.getId());
	}

	@Test
	void theWorkedExample_eligible_approved_paid() {
		String id = TestIds.newIdNumber();
		ProcessInstance pi = start(request(id));
		assertThat(fact(pi.getId(), "remainingSelfPaid")).isEqualTo("6000.00");
		assertThat(fact(pi.getId(), "totalCost")).isEqualTo("35000.00");
		assertThat(fact(pi.getId(), "otherReliefPaid")).isEqualTo("0.00");
		assertThat(task(pi.getId(), VERIFICATION)).hasCandidateGroup("township-civil-T01");

		verifyPass(pi, "registered-poor");
		assertThat(pi).hasPassedInOrder(VERIFICATION, DECIDE_RATE, CALCULATE, DECIDE_SECOND, PUBLIC_NOTICE);
		assertThat(var(pi, "reliefAmount")).isEqualTo("3600.00");
		assertThat(fact(pi.getId(), "calculatedRelief")).isEqualTo("3600.00");
		assertThat(fact(pi.getId(), "rate")).isEqualTo("0.60");
		assertThat(var(pi, "secondApprovalRequired")).isEqualTo(false);
		noticeRunsOut(pi);

		assertThat(task(pi.getId(), FEDERATION_APPROVAL)).hasCandidateGroup("charity-federation");
		assertThat(var(pi, "approvedAmount")).as("pre-filled with the rule's amount").isEqualTo("3600.00");
		complete(CHARITY, pi.getId(), FEDERATION_APPROVAL, Map.of("federationDecision", "approve", "approvedAmount", "3600",
				"federationOpinion", "同意救助"));
		assertThat(pi).isWaitingAt(RECORD_PAYMENT).hasNotPassed(SECOND_APPROVAL);
		assertThat(fact(pi.getId(), "federationApproverName")).as("the payment form names the approver, not the user id")
			.isEqualTo(identityService.createUserQuery().userId(CHARITY).singleResult().getFirstName());
		pay(pi, "PZ-" + id);

		assertThat(pi).isEnded().hasPassed(RECORD_GRANT, END_PAID);
		Grant g = grants.find(pi.getBusinessKey());
		assertThat(g.remainingSelfPaid()).isEqualByComparingTo("6000.00");
		assertThat(g.calculatedRelief()).isEqualByComparingTo("3600.00");
		assertThat(g.approvedAmount()).isEqualByComparingTo("3600.00");
		assertThat(g.paidAmount()).isEqualByComparingTo("3600.00");
		assertThat(g.paidAmount().scale()).isEqualTo(2);
		assertThat(g.rate()).isEqualByComparingTo("0.60");
		assertThat(g.insuredCost()).isEqualByComparingTo("30000.00");
		assertThat(g.voucherNo()).isEqualTo("PZ-" + id);
		assertThat(g.approvedBy()).isEqualTo(CHARITY);
		assertThat(g.grantYear()).isEqualTo(LocalDate.now().getYear());
		assertThat(grants.yearTotal(id, LocalDate.now().getYear())).isEqualByComparingTo("3600.00");
		assertThat(status(pi)).isEqualTo("paid");
	}

	@Test
	void theEngineKeepsWhatRoutingAndTheDecisionsRead_theFormsShowTheRecord() {
		String id = TestIds.newIdNumber();
		ProcessInstance pi = start(request(id));
		assertThat(runtimeService.getVariables(pi.getId()).keySet()).as("the engine's variables after the start")
			.containsOnly("caseNo", "applicantName", "villageName", "hospitalName", "subjectName", "villageCode", "townshipCode",
					"householdCategory", "reliefRateVersion", "secondApprovalVersion", "noticeDays", "initiator",
					"verificationDecision");
		Http.Response form = http(CIVIL).get("/engine-rest/task/" + task(pi.getId(), VERIFICATION).getId() + "/form-variables");
		assertThat(form.status()).as(form.body()).isEqualTo(200);
		assertThat(form.json().path("idNumber").path("value").asText()).isEqualTo(id);
		assertThat(form.json().path("totalCost").path("value").asText()).isEqualTo("35000.00");
		assertThat(form.json().path("remainingSelfPaid").path("value").asText()).isEqualTo("6000.00");
		assertThat(form.json().has("verificationOpinion")).as("the township's own field is not proposed").isFalse();

		verifyPass(pi, "registered-poor");
		assertThat(runtimeService.getVariables(pi.getId())).as("what the gateways, the second rule and the timer read")
			.containsEntry("eligible", true)
			.containsEntry("reliefAmount", "3600.00")
			.containsEntry("secondApprovalRequired", false)
			.containsKey("noticeUntil")
			.doesNotContainKeys("reliefRule", "rate", "calculation", "calculatedRelief", "verificationOpinion", "noticeFrom",
					"remainingSelfPaid", "objectionCount");

		// two objections: the count and the latest reason are the record's, and the verification form shows them
		for (String reason : List.of("村民反映申请人家中有经营性收入", "村民反映申请人已获单位补助")) {
			Http.Response objection = http(COMMITTEE).postJson(
					"/api/charity-relief-applications/" + pi.getBusinessKey() + "/objections", Map.of("reason", reason));
			assertThat(objection.status()).as(objection.body()).isEqualTo(200);
			assertThat(runtimeService.getVariables(pi.getId())).doesNotContainKeys("objectionReason", "objectionBy",
					"objectionCount");
			if (reason.startsWith("村民反映申请人家中")) {
				verifyPass(pi, "registered-poor");
			}
		}
		assertThat(fact(pi.getId(), "objectionCount")).isEqualTo(2);
		Http.Response again = http(CIVIL).get("/engine-rest/task/" + task(pi.getId(), VERIFICATION).getId() + "/form-variables");
		assertThat(again.json().path("objectionCount").path("value").asInt()).isEqualTo(2);
		assertThat(again.json().path("objectionReason").path("value").asText()).isEqualTo("村民反映申请人已获单位补助");

		verifyPass(pi, "registered-poor");
		noticeRunsOut(pi);
		Http.Response approval = http(CHARITY).get(
				"/engine-rest/task/" + task(pi.getId(), FEDERATION_APPROVAL).getId() + "/form-variables");
		assertThat(approval.json().path("approvedAmount").path("value").asText()).as("the rule's amount, proposed")
			.isEqualTo("3600.00");
		assertThat(approval.json().path("calculation").path("value").asText()).contains("6000.00");
		assertThat(approval.json().path("verificationOpinion").path("value").asText()).isEqualTo("低保证、住院结算单核实无误");
		complete(CHARITY, pi.getId(), FEDERATION_APPROVAL, Map.of("federationDecision", "reject", "federationOpinion",
				"异议属实，不予救助"));
		assertThat(pi).isEnded().hasPassed(END_FEDERATION_REJECTED);
		assertThat(fact(pi.getId(), "approvedAmount")).as("a rejection approves no amount").isNull();
		// as an earlier version recorded it: the form's proposal in the rejected case's record
		caseRecords.establish(pi.getBusinessKey(), pi.getId(), FEDERATION_APPROVAL, null, CHARITY, null,
				Map.of("approvedAmount", "3600.00"));
		Http.Response mine = http(COMMITTEE).get("/api/my/cases?role=started&size=100");
		assertThat(mine.status()).as(mine.body()).isEqualTo(200);
		JsonNode item = null;
		for (JsonNode i : mine.json().path("items")) {
			if (i.path("businessKey").asText().equals(pi.getBusinessKey())) {
				item = i;
			}
		}
		assertThat(item).as("the committee's case in 我的申请").isNotNull();
		assertThat(item.path("outcome").isNull()).as("no amount shown for a rejected request: " + item).isTrue();
	}

	@Test
	void anObjectionDuringTheNotice_sendsItBackToVerification_thenApproved() {
		ProcessInstance pi = start(request(TestIds.newIdNumber()));
		verifyPass(pi, "registered-poor");
		assertThat(pi).isWaitingAt(NOTICE_EVENTS);

		Http.Response objection = http(COMMITTEE).postJson("/api/charity-relief-applications/" + pi.getBusinessKey() + "/objections",
				Map.of("reason", "村民反映申请人家中有经营性收入"));
		assertThat(objection.status()).as(objection.body()).isEqualTo(200);
		assertThat(pi).isWaitingAt(VERIFICATION).hasPassed(OBJECTION).hasNotPassed(NOTICE_OVER);
		assertThat(fact(pi.getId(), "objectionReason")).isEqualTo("村民反映申请人家中有经营性收入");
		assertThat(managementService.createJobQuery().processInstanceId(pi.getId()).activityId(NOTICE_OVER).count())
			.as("the notice timer is gone").isZero();
		// no second objection while not in notice
		assertThat(http(COMMITTEE).postJson("/api/charity-relief-applications/" + pi.getBusinessKey() + "/objections",
				Map.of("reason", "再次异议")).status()).isEqualTo(409);

		verifyPass(pi, "registered-poor");
		noticeRunsOut(pi);
		complete(CHARITY, pi.getId(), FEDERATION_APPROVAL, Map.of("federationDecision", "approve", "approvedAmount", "3600.00",
				"federationOpinion", "经核实异议不成立"));
		pay(pi, "PZ-OBJ-" + pi.getId().substring(0, 8));
		assertThat(pi).isEnded().hasPassed(END_PAID);
		assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(pi.getId()).activityId(VERIFICATION).count())
			.isEqualTo(2);
		assertThat(grants.find(pi.getBusinessKey()).paidAmount()).isEqualByComparingTo("3600.00");
		// the ended case's record keeps the objection and who raised it
		assertThat(fact(pi.getId(), "objectionReason")).isEqualTo("村民反映申请人家中有经营性收入");
		assertThat(fact(pi.getId(), "objectionBy")).isEqualTo(COMMITTEE);
		com.fasterxml.jackson.databind.JsonNode objected = trailStep(pi.getBusinessKey(), "Event_ObjectionReceived");
		assertThat(objected).as("the objection in the trail").isNotNull();
		assertThat(objected.path("userId").asText()).isEqualTo(COMMITTEE);
		assertThat(objected.path("opinion").asText()).isEqualTo("村民反映申请人家中有经营性收入");
	}

	@Test
	void aCategoryCorrectedAtVerificationToANotEligibleOne_endsNotEligible() {
		ProcessInstance pi = start(with(request(TestIds.newIdNumber()), "householdCategory", "dibao"));
		verifyPass(pi, "none");
		assertThat(pi).isEnded().hasPassed(DECIDE_RATE, CALCULATE, END_NOT_ELIGIBLE).hasNotPassed(PUBLIC_NOTICE, FEDERATION_APPROVAL);
		assertThat(fact(pi.getId(), "ineligibleReason")).isEqualTo("慈善救助仅面向低保人员和建档立卡户");
		assertThat(grants.find(pi.getBusinessKey())).isNull();
		assertThat(status(pi)).isEqualTo("not-eligible");
		assertThat(jdbc.queryForObject("SELECT household_category FROM ha_case WHERE process_instance_id = ?", String.class, pi.getId()))
			.isEqualTo("none");
	}

	@Test
	void aboveTheThreshold_aSecondPersonApproves() {
		// remaining 20,000.00 → relief 12,000.00 > 10,000
		ProcessInstance pi = start(with(with(request(TestIds.newIdNumber()), "insuredCost", "44000.00"), "totalCost", "50000"));
		assertThat(fact(pi.getId(), "remainingSelfPaid")).isEqualTo("20000.00");
		verifyPass(pi, "registered-poor");
		assertThat(var(pi, "reliefAmount")).isEqualTo("12000.00");
		assertThat(var(pi, "secondApprovalRequired")).isEqualTo(true);
		noticeRunsOut(pi);
		complete(CHARITY, pi.getId(), FEDERATION_APPROVAL, Map.of("federationDecision", "approve", "approvedAmount", "12000.00",
				"federationOpinion", "同意"));
		assertThat(pi).isWaitingAt(SECOND_APPROVAL);

		assertThatThrownBy(() -> complete(CHARITY, pi.getId(), SECOND_APPROVAL, Map.of("secondDecision", "approve", "secondOpinion", "同意")))
			.isInstanceOf(CaseRejectedException.class)
			.hasMessage("复核须由审批人以外的另一位工作人员办理");
		taskService.setAssignee(task(pi.getId(), SECOND_APPROVAL).getId(), null);
		charityColleague();
		complete("charity2", pi.getId(), SECOND_APPROVAL, Map.of("secondDecision", "approve", "secondOpinion", "复核同意"));
		pay(pi, "PZ-2ND-" + pi.getId().substring(0, 8));
		Grant g = grants.find(pi.getBusinessKey());
		assertThat(g.paidAmount()).isEqualByComparingTo("12000.00");
		assertThat(g.secondApprovedBy()).isEqualTo("charity2");
		assertThat(pi).isEnded().hasPassed(SECOND_APPROVAL, END_PAID);
	}

	/**
	 * A model the owner changes so that no case goes to the second approval passes the model rules (gateway conditions
	 * are the owner's), but the grant step evaluates the federation's rule again on the case record: a relief that
	 * needs a second approval and has none is not recorded, and its job fails for the administrator to see.
	 */
	@Test
	void aChangedModelThatSkipsTheSecondApproval_recordsNoGrant() throws Exception {
		String original = deployModelSkippingTheSecondApproval();
		try {
			ProcessInstance pi = start(with(with(request(TestIds.newIdNumber()), "insuredCost", "44000.00"), "totalCost", "50000"));
			verifyPass(pi, "registered-poor");
			assertThat(var(pi, "reliefAmount")).isEqualTo("12000.00");
			noticeRunsOut(pi);
			complete(CHARITY, pi.getId(), FEDERATION_APPROVAL, Map.of("federationDecision", "approve", "approvedAmount",
					"12000.00", "federationOpinion", "同意"));
			assertThat(pi).as("the changed model skips the second approval").isWaitingAt(RECORD_PAYMENT)
				.hasNotPassed(SECOND_APPROVAL);
			complete(CHARITY, pi.getId(), RECORD_PAYMENT, Map.of("voucherNo", "PZ-SKIP-" + pi.getId().substring(0, 8),
					"paymentDate", LocalDate.now().toString()));

			assertThatThrownBy(() -> runDueJobs(pi.getId())).hasMessageContaining(pi.getBusinessKey())
				.hasMessageContaining("12000.00").hasMessageContaining("复核");
			assertThat(grants.find(pi.getBusinessKey())).isNull();
			assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(pi.getId()).count())
				.as("the case waits at the grant step").isOne();
			assertThat(status(pi)).isEqualTo("running");
		}
		finally {
			repositoryService.createDeployment().name("慈善救助").addString("charity-relief.bpmn", original).deploy();
		}
	}

	/**
	 * A model the owner changes to go from the request straight to the rate, and from the rate past the public notice,
	 * deploys (routes are the owner's), but the grant step reads the record: no township verification, no notice, no
	 * grant, whatever the federation approved and paid.
	 */
	@Test
	void aChangedModelWithoutVerificationOrNotice_recordsNoGrant() throws Exception {
		String original = java.nio.file.Files.readString(java.nio.file.Path.of("processes/charity-relief.bpmn"));
		String noVerification = original.replace(
				"sourceRef=\"StartEvent_ReliefRequested\" targetRef=\"Gateway_VerificationJoin\"",
				"sourceRef=\"StartEvent_ReliefRequested\" targetRef=\"Task_DecideReliefRate\"");
		String noNotice = original.replace(
				"sourceRef=\"Task_DecideSecondApproval\" targetRef=\"Gateway_NoticeNeeded\"",
				"sourceRef=\"Task_DecideSecondApproval\" targetRef=\"Gateway_NoticeDone\"");
		String neither = noNotice.replace(
				"sourceRef=\"StartEvent_ReliefRequested\" targetRef=\"Gateway_VerificationJoin\"",
				"sourceRef=\"StartEvent_ReliefRequested\" targetRef=\"Task_DecideReliefRate\"");
		assertThat(noVerification).isNotEqualTo(original);
		assertThat(noNotice).isNotEqualTo(original);
		try {
			repositoryService.createDeployment().name("不核实不公示").addString("charity-relief.bpmn", neither).deploy();
			ProcessInstance skipped = start(request(TestIds.newIdNumber()));
			assertThat(task(skipped.getId(), VERIFICATION)).as("no verification in the changed model").isNull();
			approveAndPay(skipped);
			assertThatThrownBy(() -> runDueJobs(skipped.getId())).hasMessageContaining(skipped.getBusinessKey())
				.hasMessageContaining("核实通过");
			assertThat(grants.find(skipped.getBusinessKey())).isNull();

			repositoryService.createDeployment().name("不公示").addString("charity-relief.bpmn", noNotice).deploy();
			ProcessInstance unnoticed = start(request(TestIds.newIdNumber()));
			verifyPass(unnoticed, "registered-poor");
			approveAndPay(unnoticed);
			assertThatThrownBy(() -> runDueJobs(unnoticed.getId())).hasMessageContaining(unnoticed.getBusinessKey())
				.hasMessageContaining("7 天村内公示");
			assertThat(grants.find(unnoticed.getBusinessKey())).isNull();
			assertThat(status(unnoticed)).as("the case waits at the grant step").isEqualTo("running");
		}
		finally {
			repositoryService.createDeployment().name("慈善救助").addString("charity-relief.bpmn", original).deploy();
		}
	}

	/**
	 * A rate decision the owner changes to give more than the patient paid (a rate of 9.9999) deploys (the rule is the
	 * owner's), but the relief is a part of the self-paid costs: the verification that runs the rule is refused with
	 * the reason, nothing of it is recorded, and the case waits at the verification for a corrected rule.
	 */
	@Test
	void aRateOutsideZeroToOne_isRefused_andNothingIsCalculated() throws Exception {
		String original = java.nio.file.Files.readString(java.nio.file.Path.of("processes/charity-relief-rate.dmn"));
		String tenfold = original.replace("<text>\"0.60\"</text>", "<text>\"9.9999\"</text>");
		assertThat(tenfold).isNotEqualTo(original);
		repositoryService.createDeployment().name("比例失误").addString("charity-relief-rate.dmn", tenfold).deploy();
		try {
			ProcessInstance pi = start(request(TestIds.newIdNumber()));
			assertThatThrownBy(() -> verifyPass(pi, "registered-poor")).isInstanceOf(CaseRejectedException.class)
				.hasMessageContaining("9.9999").hasMessageContaining("charity-relief-rate");
			assertThat(pi).isWaitingAt(VERIFICATION);
			assertThat(fact(pi.getId(), "reliefAmount")).isNull();
			assertThat(fact(pi.getId(), "verificationDecision")).as("the verification is not recorded either").isNull();
		}
		finally {
			repositoryService.createDeployment().name("慈善救助比例").addString("charity-relief-rate.dmn", original).deploy();
		}
	}

	private void approveAndPay(ProcessInstance pi) {
		complete(CHARITY, pi.getId(), FEDERATION_APPROVAL, Map.of("federationDecision", "approve", "approvedAmount",
				"3600.00", "federationOpinion", "同意"));
		complete(CHARITY, pi.getId(), RECORD_PAYMENT, Map.of("voucherNo", "PZ-" + pi.getId().substring(0, 10),
				"paymentDate", LocalDate.now().toString()));
	}

	/** Deploys charity-relief with its second-approval gateway always taking "否"; answers the original model. */
	private String deployModelSkippingTheSecondApproval() throws java.io.IOException {
		String original = java.nio.file.Files.readString(java.nio.file.Path.of("processes/charity-relief.bpmn"));
		String skipping = original.replace("${secondApprovalRequired}", "${secondApprovalRequired &amp;&amp; false}")
			.replace("${!secondApprovalRequired}", "${true}");
		assertThat(skipping).isNotEqualTo(original);
		repositoryService.createDeployment().name("复核被跳过").addString("charity-relief.bpmn", skipping).deploy();
		return original;
	}

	/**
	 * A model that asks for the second approval before the federation's: the second approval approved no amount (the
	 * federation had approved none yet), so the amount the federation then approves has none, and no grant is made.
	 */
	@Test
	void aSecondApprovalBeforeTheFederationsApproval_doesNotCountForIt() throws Exception {
		String original = java.nio.file.Files.readString(java.nio.file.Path.of("processes/charity-relief.bpmn"));
		String reordered = original
			.replace("<bpmn:sequenceFlow id=\"SequenceFlow_ToFederation\" sourceRef=\"Gateway_NoticeDone\" targetRef=\"Task_FederationApproval\" />",
					"<bpmn:sequenceFlow id=\"SequenceFlow_ToFederation\" sourceRef=\"Gateway_NoticeDone\" targetRef=\"Task_SecondApproval\" />")
			.replace("sourceRef=\"Gateway_SecondDecision\" targetRef=\"Gateway_ReadyForPayment\"",
					"sourceRef=\"Gateway_SecondDecision\" targetRef=\"Task_FederationApproval\"")
			.replace("sourceRef=\"Gateway_FederationDecision\" targetRef=\"Gateway_SecondApprovalNeeded\"",
					"sourceRef=\"Gateway_FederationDecision\" targetRef=\"Gateway_ReadyForPayment\"");
		assertThat(reordered.split("Task_SecondApproval\" />", -1)).as("three flows changed").hasSize(2);
		repositoryService.createDeployment().name("复核在前").addString("charity-relief.bpmn", reordered).deploy();
		try {
			ProcessInstance pi = start(with(with(request(TestIds.newIdNumber()), "insuredCost", "44000.00"), "totalCost", "50000"));
			verifyPass(pi, "registered-poor");
			noticeRunsOut(pi);
			assertThat(pi).isWaitingAt(SECOND_APPROVAL);
			charityColleague();
			complete("charity2", pi.getId(), SECOND_APPROVAL, Map.of("secondDecision", "approve", "secondOpinion", "同意"));
			complete(CHARITY, pi.getId(), FEDERATION_APPROVAL, Map.of("federationDecision", "approve", "approvedAmount",
					"12000.00", "federationOpinion", "同意"));
			assertThat(fact(pi.getId(), "secondApprover")).as("the approval before it counts for no amount").isNull();
			complete(CHARITY, pi.getId(), RECORD_PAYMENT, Map.of("voucherNo", "PZ-ORDER-" + pi.getId().substring(0, 8),
					"paymentDate", LocalDate.now().toString()));

			assertThatThrownBy(() -> runDueJobs(pi.getId())).hasMessageContaining(pi.getBusinessKey())
				.hasMessageContaining("复核");
			assertThat(grants.find(pi.getBusinessKey())).isNull();
		}
		finally {
			repositoryService.createDeployment().name("慈善救助").addString("charity-relief.bpmn", original).deploy();
		}
	}

	/**
	 * A payment form the owner changes to let the payer edit the approved amount deploys (forms are the owner's), but
	 * the payment step accepts only the fields of the product's own payment form: 50,000 yuan is refused naming the
	 * field, and the grant pays what the federation approved.
	 */
	@Test
	void aChangedFormThatAddsTheAmountToThePayment_cannotSetIt() throws Exception {
		String original = java.nio.file.Files.readString(java.nio.file.Path.of("forms/charityPaymentForm.form"));
		com.fasterxml.jackson.databind.node.ObjectNode form = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
			.readTree(original);
		((com.fasterxml.jackson.databind.node.ArrayNode) form.path("components")).addObject()
			.put("type", "number").put("key", "approvedAmount").put("label", "核准金额").put("id", "Field_Amount");
		repositoryService.createDeployment().name("付款表单加金额").addString("charityPaymentForm.form", form.toString()).deploy();
		try {
			ProcessInstance pi = workedExampleApproved();
			assertThatThrownBy(() -> complete(CHARITY, pi.getId(), RECORD_PAYMENT, Map.of("voucherNo",
					"PZ-AMT-" + pi.getId().substring(0, 8), "paymentDate", LocalDate.now().toString(), "approvedAmount", 50000)))
				.isInstanceOf(CaseRejectedException.class)
				.hasMessageContaining("approvedAmount");
			assertThat(fact(pi.getId(), "approvedAmount")).isEqualTo("3600.00");
			taskService.setAssignee(task(pi.getId(), RECORD_PAYMENT).getId(), null);
			pay(pi, "PZ-AMT-" + pi.getId().substring(0, 8));
			assertThat(grants.find(pi.getBusinessKey()).paidAmount()).isEqualByComparingTo("3600.00");
		}
		finally {
			repositoryService.createDeployment().name("慈善救助表单").addString("charityPaymentForm.form", original).deploy();
		}
	}

	/** The worked example (relief 3,600.00), verified, past its notice and approved by the federation at that amount. */
	private ProcessInstance workedExampleApproved() {
		ProcessInstance pi = start(request(TestIds.newIdNumber()));
		verifyPass(pi, "dibao");
		noticeRunsOut(pi);
		complete(CHARITY, pi.getId(), FEDERATION_APPROVAL, Map.of("federationDecision", "approve", "approvedAmount",
				"3600.00", "federationOpinion", "同意"));
		return pi;
	}

	/** Below the threshold the same changed model's case is paid: the rule asks for no second approval there. */
	@Test
	void aChangedModelThatSkipsTheSecondApproval_stillPaysWhatNeedsNone() throws Exception {
		String original = deployModelSkippingTheSecondApproval();
		try {
			ProcessInstance pi = workedExampleApproved();
			pay(pi, "PZ-SMALL-" + pi.getId().substring(0, 8));
			assertThat(grants.find(pi.getBusinessKey()).paidAmount()).isEqualByComparingTo("3600.00");
			assertThat(pi).isEnded();
		}
		finally {
			repositoryService.createDeployment().name("慈善救助").addString("charity-relief.bpmn", original).deploy();
		}
	}

	@Test
	void aSecondApprovalThatRejects_leavesNoAmountApproved() {
		ProcessInstance pi = start(with(with(request(TestIds.newIdNumber()), "insuredCost", "44000.00"), "totalCost", "50000"));
		verifyPass(pi, "registered-poor");
		noticeRunsOut(pi);
		complete(CHARITY, pi.getId(), FEDERATION_APPROVAL, Map.of("federationDecision", "approve", "approvedAmount", "12000.00",
				"federationOpinion", "同意"));
		assertThat(fact(pi.getId(), "approvedAmount")).isEqualTo("12000.00");
		charityColleague();
		complete("charity2", pi.getId(), SECOND_APPROVAL, Map.of("secondDecision", "reject", "secondOpinion", "住院费用票据存疑"));
		assertThat(pi).isEnded().hasPassed(END_SECOND_REJECTED).hasNotPassed(RECORD_PAYMENT);
		assertThat(fact(pi.getId(), "approvedAmount")).as("withdrawn by the second approval").isNull();
		assertThat(trailStep(pi.getBusinessKey(), FEDERATION_APPROVAL).path("data").path("approvedAmount").asText())
			.as("the federation's step still shows what it approved").isEqualTo("12000.00");
		JsonNode trail = http("auditor").get("/api/cases/" + pi.getBusinessKey() + "/trail").json();
		assertThat(trail.path("outcome").isNull() || trail.path("outcome").isMissingNode()).as(trail.path("outcome").toString())
			.isTrue();
		assertThat(grants.find(pi.getBusinessKey())).isNull();
		assertThat(status(pi)).isEqualTo("rejected");
	}

	private void charityColleague() {
		if (identityService.createUserQuery().userId("charity2").count() == 0) {
			User u = identityService.newUser("charity2");
			u.setFirstName("蒋复核");
			u.setPassword("Charity-2-Pass!");
			identityService.saveUser(u);
			identityService.createMembership("charity2", "charity-federation");
		}
	}

	@Test
	void theFederationLowersTheAmount_withAReason() {
		ProcessInstance pi = start(request(TestIds.newIdNumber()));
		verifyPass(pi, "registered-poor");
		noticeRunsOut(pi);
		assertThatThrownBy(() -> complete(CHARITY, pi.getId(), FEDERATION_APPROVAL,
				Map.of("federationDecision", "approve", "approvedAmount", "3000.00", "federationOpinion", "核减")))
			.isInstanceOf(CaseRejectedException.class).hasMessage("核减原因不能为空");
		assertThatThrownBy(() -> complete(CHARITY, pi.getId(), FEDERATION_APPROVAL,
				Map.of("federationDecision", "approve", "approvedAmount", "3600.01", "federationOpinion", "x")))
			.isInstanceOf(CaseRejectedException.class).hasMessage("核准金额不能超过按规则计算的救助金额（3600.00 元）");
		assertThatThrownBy(() -> complete(CHARITY, pi.getId(), FEDERATION_APPROVAL,
				Map.of("federationDecision", "approve", "approvedAmount", "2999.999", "federationOpinion", "x", "lowerReason", "y")))
			.isInstanceOf(CaseRejectedException.class).hasMessage("核准金额最多两位小数（精确到分）");
		complete(CHARITY, pi.getId(), FEDERATION_APPROVAL, Map.of("federationDecision", "approve", "approvedAmount", "3000.5",
				"federationOpinion", "同意", "lowerReason", "部分费用已由单位补助"));
		assertThat(fact(pi.getId(), "approvedAmount")).isEqualTo("3000.50");
		pay(pi, "PZ-LOW-" + pi.getId().substring(0, 8));
		Grant g = grants.find(pi.getBusinessKey());
		assertThat(g.calculatedRelief()).isEqualByComparingTo("3600.00");
		assertThat(g.approvedAmount()).isEqualByComparingTo("3000.50");
		assertThat(g.paidAmount()).isEqualByComparingTo("3000.50");
	}

	private void earlierGrant(String id, String amount) {
		earlierGrant(id, amount, LocalDate.now().getYear());
	}

	private void earlierGrant(String id, String amount, int year) {
		jdbc.update("""
				INSERT INTO ha_grant (business_key, process_instance_id, id_number, applicant_name, village_code, township_code,
				  household_category, hospital_name, admission_date, discharge_date, total_cost, insured_cost, basic_insurance_paid,
				  serious_illness_insurance_paid, medical_assistance_paid, other_relief_paid, remaining_self_paid, rate,
				  calculated_relief, approved_amount, paid_amount, grant_year, voucher_no, paid_on, recorded_at, id_index)
				VALUES (?, 'earlier', ?, '周桂芳', 'T01V01', 'T01', 'registered-poor', '市第一人民医院', CURRENT_DATE, CURRENT_DATE,
				  0, 0, 0, 0, 0, 0, 0, 0.60, ?, ?, ?, ?, ?, CURRENT_DATE, CURRENT_TIMESTAMP, ?)
				""", "CR-EARLIER-" + id, sealed(id), new BigDecimal(amount), new BigDecimal(amount), new BigDecimal(amount),
				year, "PZ-EARLIER-" + id, idIndex(id));
	}

	/**
	 * Half past midnight on 1 January in the county is still 31 December in UTC: the yearly cap counts the county's new
	 * year, in which nothing has been paid yet, not UTC's (config/CountyTimeZone).
	 */
	@Test
	void justAfterMidnightInTheCounty_theYearlyCapCountsTheCountysNewYear() {
		int year = LocalDate.now(java.time.ZoneOffset.UTC).getYear();
		String id = TestIds.newIdNumber();
		earlierGrant(id, "50000.00", year);
		ClockUtil.setCurrentTime(Date.from(java.time.Instant.parse(year + "-12-31T16:30:00Z")));
		ProcessInstance pi = start(request(id));
		assertThat(pi.getBusinessKey()).startsWith("CR-" + (year + 1) + "-");
		verifyPass(pi, "registered-poor");
		assertThat(fact(pi.getId(), "yearTotalBefore")).as("paid in " + (year + 1) + " before this request").isEqualTo("0.00");
		assertThat(var(pi, "reliefAmount")).isEqualTo("3600.00");
	}

	@Test
	void theYearlyCap_limitsTheRelief_byWhatWasPaidEarlierThisYear() {
		String id = TestIds.newIdNumber();
		earlierGrant(id, "48000.00");
		ProcessInstance pi = start(request(id));
		verifyPass(pi, "registered-poor");
		assertThat(fact(pi.getId(), "calculatedRelief")).isEqualTo("3600.00");
		assertThat(fact(pi.getId(), "yearTotalBefore")).isEqualTo("48000.00");
		assertThat(var(pi, "reliefAmount")).as("50,000.00 cap − 48,000.00 paid").isEqualTo("2000.00");
		assertThat((String) fact(pi.getId(), "calculation")).contains("按上限核定为 2000.00 元");
	}

	@Test
	void theYearlyCapReachedByAnEarlierGrant_endsNotEligible() {
		String id = TestIds.newIdNumber();
		earlierGrant(id, "50000.00");
		ProcessInstance pi = start(request(id));
		verifyPass(pi, "registered-poor");
		assertThat(pi).isEnded().hasPassed(END_NOT_ELIGIBLE);
		assertThat(fact(pi.getId(), "ineligibleReason")).isEqualTo("本年度慈善救助已达上限（50000.00 元）");
	}

	@Test
	void verificationReturns_theCommitteeSupplements() {
		ProcessInstance pi = start(request(TestIds.newIdNumber()));
		complete(CIVIL, pi.getId(), VERIFICATION, Map.of("verificationDecision", "return", "verificationOpinion", "缺少住院结算单",
				"householdCategory", "registered-poor"));
		assertThat(pi).isWaitingAt(SUPPLEMENT);
		assertThat(task(pi.getId(), SUPPLEMENT)).hasCandidateGroup("village-committee-T01V01");
		assertThat(var(pi, "returnReason")).isEqualTo("缺少住院结算单");
		complete(COMMITTEE, pi.getId(), SUPPLEMENT, Map.of("supplementNote", "已上传住院结算单"));
		assertThat(pi).isWaitingAt(VERIFICATION);
		complete(CIVIL, pi.getId(), VERIFICATION, Map.of("verificationDecision", "reject", "verificationOpinion", "户籍不在本村",
				"householdCategory", "registered-poor"));
		assertThat(pi).isEnded().hasPassed(END_VERIFICATION_REJECTED);
		assertThat(status(pi)).isEqualTo("rejected");
	}

	@Test
	void noticeDaysZero_skipsTheNotice() {
		int before = properties.getCharity().getNoticeDays();
		properties.getCharity().setNoticeDays(0);
		try {
			ProcessInstance pi = start(request(TestIds.newIdNumber()));
			verifyPass(pi, "registered-poor");
			assertThat(pi).isWaitingAt(FEDERATION_APPROVAL).hasNotPassed(PUBLIC_NOTICE);
		}
		finally {
			properties.getCharity().setNoticeDays(before);
		}
	}

	@Test
	void theFederationRejects() {
		ProcessInstance pi = start(request(TestIds.newIdNumber()));
		verifyPass(pi, "registered-poor");
		noticeRunsOut(pi);
		complete(CHARITY, pi.getId(), FEDERATION_APPROVAL, Map.of("federationDecision", "reject", "federationOpinion", "已获单位全额补助"));
		assertThat(pi).isEnded().hasPassed(END_FEDERATION_REJECTED).hasNotPassed(RECORD_PAYMENT);
		assertThat(status(pi)).isEqualTo("rejected");
	}

}
