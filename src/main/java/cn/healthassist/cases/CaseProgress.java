package cn.healthassist.cases;

import cn.healthassist.audit.CaseFacts;
import cn.healthassist.audit.CaseRecords;
import cn.healthassist.engine.SystemCalls;
import cn.healthassist.values.Messages;

import java.math.BigDecimal;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;


/**
 * Where a case stands, for the person who started it or did a step of it (docs/product.md 4.1): its open step with
 * who holds it (name and unit, never ids), since and until when; and its outcome once there is one. The person may
 * not be a candidate of the open step, so these look-ups run as the system, after the caller's right to the case was
 * established (started it, or did a step).
 */
@Service
public class CaseProgress {

	/** The outcomes a case's rules record, by the variable that holds them (the payment's voucher too). */
	private static final List<String> OUTCOMES = List.of("certificateNo", "referralNo", "approvedAmount", "voucherNo");

	/** The ends of a case at which no amount stands approved. */
	private static final Set<String> NO_AMOUNT = Set.of("rejected", "not-eligible", "withdrawn");

	private final TaskService taskService;

	private final HistoryService historyService;

	private final IdentityService identityService;

	private final RepositoryService repositoryService;

	private final CaseRecords caseRecords;

	private final org.camunda.bpm.engine.ManagementService managementService;

	public CaseProgress(TaskService taskService, HistoryService historyService, IdentityService identityService,
			RepositoryService repositoryService, CaseRecords caseRecords,
			org.camunda.bpm.engine.ManagementService managementService) {
		this.managementService = managementService;
		this.repositoryService = repositoryService;
		this.caseRecords = caseRecords;
		this.taskService = taskService;
		this.historyService = historyService;
		this.identityService = identityService;
	}

	/**
	 * The open step: its task and the model's step (stepKey, e.g. Task_TownshipReview), its name, who holds it (or the
	 * unit whose queue it waits in), since and until when; while the case waits for a day, no task and the timer's
	 * event as its stepKey (Event_NoticePeriodOver); while it waits for the system, neither.
	 */
	public record Step(String taskId, String stepKey, String name, String assigneeName, String unitName, Date since,
			Date due) {
	}

	/**
	 * The case's first open step, or null when it has ended. A running case that waits for no person shows what it waits
	 * for, with no task: a timer's event and its day (等待公示期满（至 2026-12-14 18:31）), or the system's work.
	 */
	public Step currentStep(CaseRecord c) {
		if (c.endTime() != null) {
			return null;
		}
		return SystemCalls.run(identityService, () -> {
			List<Task> open = taskService.createTaskQuery().processInstanceId(c.processInstanceId())
				.orderByTaskCreateTime().asc().list();
			if (open.isEmpty()) {
				return waiting(c);
			}
			Task t = open.get(0);
			return new Step(t.getId(), t.getTaskDefinitionKey(), t.getName(), SystemCalls.userName(identityService, t.getAssignee()), unitOf(t),
					t.getCreateTime(), t.getDueDate());
		});
	}

	/** What a running case without an open task waits for: its next timer (a public notice's end), else the system. */
	private Step waiting(CaseRecord c) {
		List<org.camunda.bpm.engine.runtime.Job> timers = managementService.createJobQuery()
			.processInstanceId(c.processInstanceId())
			.timers()
			.orderByJobDuedate()
			.asc()
			.list();
		if (timers.isEmpty()) {
			return new Step(null, null, Messages.get("cases.progress.system"), null, null, null, null);
		}
		org.camunda.bpm.engine.runtime.Job timer = timers.get(0);
		TimerEvent event = timer.getJobDefinitionId() == null ? TimerEvent.NONE
				: TIMER_EVENTS.computeIfAbsent(timer.getJobDefinitionId(), id -> timerEvent(timer));
		String until = new java.text.SimpleDateFormat("yyyy-MM-dd HH:mm").format(timer.getDuedate());
		String name = event.name() == null || event.name().isBlank() ? Messages.get("cases.progress.timerUnnamed", until)
				: Messages.get("cases.progress.timer", event.name(), until);
		return new Step(null, event.activityId(), name, null, null, timer.getCreateTime(), null);
	}

	/** A timer's event in its model: its id and name. */
	private record TimerEvent(String activityId, String name) {
		static final TimerEvent NONE = new TimerEvent(null, null);
	}

	/** Timer events by job definition: a deployed model's never change. */
	private static final Map<String, TimerEvent> TIMER_EVENTS = new java.util.concurrent.ConcurrentHashMap<>();

	private TimerEvent timerEvent(org.camunda.bpm.engine.runtime.Job timer) {
		org.camunda.bpm.engine.management.JobDefinition definition = managementService.createJobDefinitionQuery()
			.jobDefinitionId(timer.getJobDefinitionId())
			.singleResult();
		if (definition == null || definition.getActivityId() == null) {
			return TimerEvent.NONE;
		}
		var element = repositoryService.getBpmnModelInstance(timer.getProcessDefinitionId())
			.getModelElementById(definition.getActivityId());
		return new TimerEvent(definition.getActivityId(),
				element instanceof org.camunda.bpm.model.bpmn.instance.FlowElement f ? f.getName() : null);
	}

	private String unitOf(Task t) {
		for (IdentityLink link : taskService.getIdentityLinksForTask(t.getId())) {
			if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
				Group g = identityService.createGroupQuery().groupId(link.getGroupId()).singleResult();
				return g == null || g.getName() == null ? link.getGroupId() : g.getName();
			}
		}
		return null;
	}

	/**
	 * The number issued or the amount approved: {certificateNo}, {referralNo} or {approvedAmount} (with {voucherNo} once
	 * paid), as the case record holds them (the rules' facts and the steps' submitted fields); null before. A case that
	 * ended rejected or not eligible shows no amount: a second approval that rejects withdraws the first one's, and a
	 * case an earlier version rejected may have recorded the federation form's proposal.
	 */
	public Map<String, Object> outcome(CaseRecord c) {
		return outcome(c, caseRecords.of(historyService, repositoryService, identityService, c.businessKey(),
				c.processInstanceId()));
	}

	/** As {@link #outcome(CaseRecord)}, from the case's facts already read. */
	public Map<String, Object> outcome(CaseRecord c, CaseFacts facts) {
		Map<String, Object> outcome = new LinkedHashMap<>();
		boolean noAmount = NO_AMOUNT.contains(c.status());
		for (String name : OUTCOMES) {
			Object value = facts.get(name);
			if (value != null && !value.toString().isBlank() && !(noAmount && "approvedAmount".equals(name))) {
				outcome.put(name, value instanceof BigDecimal b ? b.toPlainString() : value.toString());
			}
		}
		return outcome.isEmpty() ? null : outcome;
	}

}
