package cn.healthassist.charity;

import cn.healthassist.values.Days;

import static cn.healthassist.charity.CharityVariables.*;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import cn.healthassist.audit.CaseFacts;
import cn.healthassist.audit.CaseRecords;
import cn.healthassist.cases.CaseIndex;
import cn.healthassist.problems.CaseRejectedException;
import cn.healthassist.problems.FieldProblem;
import cn.healthassist.values.Money;
import cn.healthassist.processes.ProcessKeys;
import cn.healthassist.engine.SystemCalls;
import cn.healthassist.engine.TaskCompletionRules;
import cn.healthassist.values.Texts;
import cn.healthassist.organisation.CodeName;
import cn.healthassist.organisation.OrganisationMapper;
import cn.healthassist.values.Messages;

/**
 * The rules of the human steps of {@code charity-relief}, checked before a step completes: verification decides
 * with an opinion and confirms or corrects the household category; the federation may lower the amount (never
 * raise it) with a reason; the second approval is made by another person than the first; a payment needs a voucher
 * number not used before. When a step opens, its previous round's decision is cleared.
 */
@Component("charityRules")
public class CharityRules implements TaskListener, TaskCompletionRules {

	static final List<String> VERIFICATION_DECISIONS = List.of("pass", "return", "reject");

	static final List<String> DECISIONS = List.of("approve", "reject");

	static final Pattern VOUCHER = Pattern.compile("[A-Za-z0-9-]{4,40}");

	private final OrganisationMapper organisation;

	private final GrantMapper grants;

	private final CaseIndex caseIndex;

	private final CaseRecords caseRecords;

	public CharityRules(OrganisationMapper organisation, GrantMapper grants, CaseIndex caseIndex,
			CaseRecords caseRecords) {
		this.caseRecords = caseRecords;
		this.organisation = organisation;
		this.grants = grants;
		this.caseIndex = caseIndex;
	}

	@Override
	public String processKey() {
		return ProcessKeys.CHARITY_RELIEF;
	}

	@Override
	public void notify(DelegateTask task) {
		if (EVENTNAME_CREATE.equals(task.getEventName())) {
			created(task);
			return;
		}
		CaseFacts inputs = caseRecords.inputs(task);
		List<FieldProblem> problems = check(task.getTaskDefinitionKey(), inputs.values(), actor(task));
		if (!problems.isEmpty()) {
			throw CaseRejectedException.badInput(problems);
		}
		Map<String, Object> facts = new LinkedHashMap<>();
		switch (task.getTaskDefinitionKey()) {
			case CharityActivities.VERIFICATION -> {
				String verified = inputs.text(HOUSEHOLD_CATEGORY).strip();
				CodeName category = organisation.findHouseholdCategory(verified);
				facts.put(HOUSEHOLD_CATEGORY, verified);
				facts.put(HOUSEHOLD_CATEGORY_NAME, category.name());
				caseIndex.householdCategory(task.getProcessInstanceId(), verified);
				// what follows the verification is decided after it, whatever order a model gives the steps: a notice, an
				// approval or a payment before it counts for nothing (RecordGrantDelegate)
				facts.put(NOTICE_UNTIL, null);
				facts.put(FEDERATION_DECISION, null);
				facts.put(PAID_BY, null);
			}
			case CharityActivities.FEDERATION_APPROVAL -> {
				String approver = actor(task);
				facts.put(FEDERATION_APPROVER, approver);
				facts.put(FEDERATION_APPROVER_NAME,
						SystemCalls.userName(task.getProcessEngineServices().getIdentityService(), approver));
				if ("approve".equals(inputs.text(FEDERATION_DECISION))) {
					facts.put(APPROVED_AMOUNT, Money.text(Money.parse(new ArrayList<>(), APPROVED_AMOUNT,
							Messages.get("label.approvedAmount"), inputs.get(APPROVED_AMOUNT), true)));
					// an amount approved anew needs its second approval anew (RecordGrantDelegate), whatever came before,
					// and a payment after it
					facts.put(SECOND_APPROVER, null);
					facts.put(PAID_BY, null);
				}
				else {
					// a rejection approves no amount: the form's proposal is neither recorded nor kept
					task.removeVariable(APPROVED_AMOUNT);
				}
			}
			case CharityActivities.SECOND_APPROVAL -> {
				facts.put(SECOND_APPROVER, actor(task));
				if (!"approve".equals(inputs.text(SECOND_DECISION))) {
					// a second approval that rejects withdraws the amount the first one approved
					facts.put(APPROVED_AMOUNT, null);
				}
			}
			case CharityActivities.RECORD_PAYMENT -> facts.put(PAID_BY, actor(task));
			default -> {
			}
		}
		if (!facts.isEmpty()) {
			caseRecords.establish(task, facts);
		}
	}

	private void created(DelegateTask task) {
		switch (task.getTaskDefinitionKey()) {
			case CharityActivities.VERIFICATION -> CaseRecords.openEmpty(task, VERIFICATION_DECISION, VERIFICATION_OPINION);
			case CharityActivities.SUPPLEMENT -> {
				// the reason the township gave, as the case record holds it
				task.setVariable(RETURN_REASON, caseRecords.of(task.getExecution()).text(VERIFICATION_OPINION));
				CaseRecords.openEmpty(task, SUPPLEMENT_NOTE);
			}
			case CharityActivities.FEDERATION_APPROVAL -> {
				CaseRecords.openEmpty(task, FEDERATION_DECISION, FEDERATION_OPINION, LOWER_REASON);
				// the form proposes the calculated relief, as the case record holds it; the engine keeps the proposal
				// until the step completes (AuditRecorder), the record the amount approved
				task.setVariable(APPROVED_AMOUNT, caseRecords.of(task.getExecution()).text(RELIEF_AMOUNT));
			}
			case CharityActivities.SECOND_APPROVAL -> CaseRecords.openEmpty(task, SECOND_DECISION, SECOND_OPINION);
			default -> {
			}
		}
	}

	@Override
	public List<FieldProblem> check(Task task, Map<String, Object> variables, ProcessEngineServices services) {
		Authentication auth = services.getIdentityService().getCurrentAuthentication();
		return check(task.getTaskDefinitionKey(), caseRecords.inputs(task, variables, services).values(),
				task.getAssignee() != null ? task.getAssignee() : auth == null ? null : auth.getUserId());
	}

	List<FieldProblem> check(String step, Map<String, Object> v, String actor) {
		List<FieldProblem> problems = new ArrayList<>();
		switch (step) {
			case CharityActivities.VERIFICATION -> {
				Texts.oneOf(problems, VERIFICATION_DECISION, Messages.get("label.verificationDecision"),
						v.get(VERIFICATION_DECISION), VERIFICATION_DECISIONS);
				Texts.text(problems, VERIFICATION_OPINION, Messages.get("label.verificationOpinion"),
						v.get(VERIFICATION_OPINION), true, 500);
				Object category = v.get(HOUSEHOLD_CATEGORY);
				if (category == null || organisation.findHouseholdCategory(category.toString().strip()) == null) {
					problems.add(new FieldProblem(HOUSEHOLD_CATEGORY, Messages.get("charity.verification.category")));
				}
			}
			case CharityActivities.SUPPLEMENT -> Texts.text(problems, SUPPLEMENT_NOTE,
					Messages.get("label.supplementNote"), v.get(SUPPLEMENT_NOTE), true, 500);
			case CharityActivities.FEDERATION_APPROVAL -> {
				String decision = Texts.oneOf(problems, FEDERATION_DECISION, Messages.get("label.approvalDecision"),
						v.get(FEDERATION_DECISION), DECISIONS);
				Texts.text(problems, FEDERATION_OPINION, Messages.get("label.approvalOpinion"),
						v.get(FEDERATION_OPINION), true, 500);
				if ("approve".equals(decision)) {
					BigDecimal relief = Money.of(v.get(RELIEF_AMOUNT));
					BigDecimal approved = Money.parse(problems, APPROVED_AMOUNT, Messages.get("label.approvedAmount"),
							v.get(APPROVED_AMOUNT), true);
					if (approved != null && approved.signum() == 0) {
						problems.add(new FieldProblem(APPROVED_AMOUNT, Messages.get("charity.approval.zero")));
					}
					else if (approved != null && approved.compareTo(relief) > 0) {
						problems.add(new FieldProblem(APPROVED_AMOUNT,
								Messages.get("charity.approval.aboveRelief", Money.text(relief))));
					}
					else if (approved != null && approved.compareTo(relief) < 0) {
						Texts.text(problems, LOWER_REASON, Messages.get("label.lowerReason"), v.get(LOWER_REASON),
								true, 500);
					}
				}
			}
			case CharityActivities.SECOND_APPROVAL -> {
				Texts.oneOf(problems, SECOND_DECISION, Messages.get("label.secondDecision"), v.get(SECOND_DECISION),
						DECISIONS);
				Texts.text(problems, SECOND_OPINION, Messages.get("label.secondOpinion"), v.get(SECOND_OPINION), true, 500);
				if (actor != null && actor.equals(v.get(FEDERATION_APPROVER))) {
					problems.add(new FieldProblem(SECOND_DECISION, Messages.get("charity.second.otherPerson")));
				}
			}
			case CharityActivities.RECORD_PAYMENT -> {
				String voucher = Texts.line(problems, VOUCHER_NO, Messages.get("label.voucherNo"), v.get(VOUCHER_NO),
						true, 40);
				if (voucher != null && !VOUCHER.matcher(voucher).matches()) {
					problems.add(new FieldProblem(VOUCHER_NO, Messages.get("charity.payment.voucherFormat")));
				}
				else if (voucher != null && grants.countVoucher(voucher) > 0) {
					problems.add(new FieldProblem(VOUCHER_NO, Messages.get("charity.payment.voucherUsed", voucher)));
				}
				paymentDate(problems, v.get(PAYMENT_DATE));
				Texts.text(problems, PAYMENT_NOTE, Messages.get("label.paymentNote"), v.get(PAYMENT_NOTE), false, 500);
			}
			default -> {
			}
		}
		return problems;
	}

	private static void paymentDate(List<FieldProblem> problems, Object value) {
		if (value == null || value.toString().isBlank()) {
			problems.add(new FieldProblem(PAYMENT_DATE, Messages.get("charity.payment.dateMissing")));
			return;
		}
		try {
			LocalDate date = Days.parse(value.toString());
			if (date.isAfter(LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneId.systemDefault()))) {
				problems.add(new FieldProblem(PAYMENT_DATE, Messages.get("charity.payment.dateInFuture")));
			}
		}
		catch (DateTimeParseException e) {
			problems.add(new FieldProblem(PAYMENT_DATE, Messages.get("charity.payment.dateFormat")));
		}
	}

	private static String actor(DelegateTask task) {
		if (task.getAssignee() != null) {
			return task.getAssignee();
		}
		Authentication auth = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
		return auth == null ? null : auth.getUserId();
	}

}
