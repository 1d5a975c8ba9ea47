package cn.healthassist.cases;

import cn.healthassist.engine.SystemCalls;

import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.healthassist.problems.CaseRejectedException;
import cn.healthassist.values.Paging;
import cn.healthassist.reminders.OverdueReminder;
import cn.healthassist.reminders.ReminderMapper;
import cn.healthassist.security.CurrentUser;
import cn.healthassist.security.CurrentUsers;
import cn.healthassist.values.Messages;

/**
 * Following a case (docs/product.md 4.1): 我的申请 (the cases a person started) and 已办 (those in which they did a
 * step), each with where it stands and its outcome; and 催办, the starter's reminder to whoever holds an overdue step.
 */
@RestController
class MyCasesController {

	static final int MAX_SIZE = 100;

	private final MyCasesMapper mine;

	private final CaseMapper cases;

	private final CaseProgress progress;

	private final ReminderMapper reminders;

	private final TaskService taskService;

	private final IdentityService identityService;

	MyCasesController(MyCasesMapper mine, CaseMapper cases, CaseProgress progress, ReminderMapper reminders,
			TaskService taskService, IdentityService identityService) {
		this.mine = mine;
		this.cases = cases;
		this.progress = progress;
		this.reminders = reminders;
		this.taskService = taskService;
		this.identityService = identityService;
	}

	record MyCase(String businessKey, String processKey, String processName, String applicantName, String status,
			String statusText, Date startTime, Date endTime, CaseProgress.Step currentStep, Map<String, Object> outcome) {
	}

	record MyCasesPage(List<MyCase> items, long total, int page, int size) {
	}

	@GetMapping("/api/my/cases")
	MyCasesPage myCases(@RequestParam(defaultValue = "started") String role, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		CurrentUser user = CurrentUsers.require();
		Paging.require(page, size, MAX_SIZE);
		long offset = (long) page * size;
		List<CaseRecord> found;
		long total;
		switch (role) {
			case "started" -> {
				found = mine.started(user.userId(), offset, size);
				total = mine.countStarted(user.userId());
			}
			case "handled" -> {
				found = mine.handled(user.userId(), offset, size);
				total = mine.countHandled(user.userId());
			}
			default -> throw CaseRejectedException.badInput("role", Messages.get("cases.my.role"));
		}
		List<MyCase> items = found.stream()
			.map(c -> new MyCase(c.businessKey(), c.processKey(), CaseStatuses.processName(c.processKey()),
					c.applicantName(), c.status(), CaseStatuses.statusName(c.status()), c.startTime(), c.endTime(),
					progress.currentStep(c), progress.outcome(c)))
			.toList();
		return new MyCasesPage(items, total, page, size);
	}

	record ReminderSent(String businessKey, String taskName, String holder, Date due, Date remindedAt) {
	}

	/** 催办: the starter reminds the holder of an overdue step; 409 when the step is not overdue. */
	@PostMapping("/api/cases/{businessKey}/reminders")
	@Transactional
	ResponseEntity<ReminderSent> remind(@PathVariable String businessKey) {
		CurrentUser user = CurrentUsers.require();
		CaseRecord c = cases.findByBusinessKey(businessKey);
		if (c == null || !user.userId().equals(c.startedBy())) {
			// a case the person did not start is none of their reminders, whether it exists or not
			throw new CaseRejectedException(HttpStatus.NOT_FOUND, "businessKey",
					Messages.get("cases.reminder.notYours", businessKey));
		}
		CaseProgress.Step step = progress.currentStep(c);
		Date now = ClockUtil.getCurrentTime();
		if (step == null || step.taskId() == null) {
			// ended, or waiting for a day or the system, not for a person
			throw CaseRejectedException.conflict("businessKey", Messages.get("cases.reminder.noOpenStep", businessKey));
		}
		if (step.due() == null || !step.due().before(now)) {
			throw CaseRejectedException.conflict("businessKey", Messages.get("cases.reminder.notOverdue", step.name()));
		}
		String holder = step.assigneeName() != null ? step.assigneeName() : step.unitName();
		String starter = SystemCalls.userName(identityService, user.userId());
		reminders.insert(new ReminderMapper.Reminder(businessKey, c.processKey(), step.taskId(), step.name(),
				step.unitName(), "requested", user.userId(), step.due(), now));
		// the holder sees it on the task in Tasklist (a comment, a higher priority: first in the list)
		SystemCalls.run(identityService, () -> {
			taskService.createComment(step.taskId(), c.processInstanceId(),
					Messages.get("cases.reminder.comment", starter, step.name()));
			taskService.setPriority(step.taskId(), OverdueReminder.OVERDUE_PRIORITY + 10);
			return null;
		});
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(new ReminderSent(businessKey, step.name(), holder, step.due(), now));
	}

}
