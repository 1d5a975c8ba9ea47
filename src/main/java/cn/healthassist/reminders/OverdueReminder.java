package cn.healthassist.reminders;

import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import cn.healthassist.values.Messages;

/**
 * Reminder (催办) when a human step passes its due date: a timeout task listener in the model
 * ({@code ${overdueReminder}}, timer {@code ${dueDates.period('step')}}) records the reminder for the step's group,
 * puts a comment on the task and raises its priority, so it stands out in Tasklist and in the 已逾期 filter.
 */
@Component("overdueReminder")
public class OverdueReminder implements TaskListener {

	private static final Logger LOG = LoggerFactory.getLogger(OverdueReminder.class);

	public static final int OVERDUE_PRIORITY = 80;

	private final ReminderMapper reminders;

	public OverdueReminder(ReminderMapper reminders) {
		this.reminders = reminders;
	}

	@Override
	public void notify(DelegateTask task) {
		String group = task.getCandidates()
			.stream()
			.filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
			.map(IdentityLink::getGroupId)
			.findFirst()
			.orElse(null);
		String businessKey = task.getExecution().getProcessBusinessKey();
		String processKey = cn.healthassist.security.CaseProcess.keyOf(task.getProcessDefinitionId());
		Date now = ClockUtil.getCurrentTime();
		reminders.insert(new ReminderMapper.Reminder(businessKey, processKey, task.getId(), task.getName(), group,
				"overdue", null, task.getDueDate(), now));
		task.setPriority(Math.max(task.getPriority(), OVERDUE_PRIORITY));
		task.getProcessEngineServices()
			.getTaskService()
			.createComment(task.getId(), task.getProcessInstanceId(),
					Messages.get("reminders.overdue", task.getName(), group == null ? ""
							: Messages.get("reminders.group", group)));
		LOG.info("Reminder: task {} of case {} is overdue (group {})", task.getTaskDefinitionKey(), businessKey, group);
	}

}
