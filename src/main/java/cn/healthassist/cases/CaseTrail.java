package cn.healthassist.cases;

import java.util.Date;
import java.util.List;
import java.util.Map;

import cn.healthassist.attachments.AttachmentService;
import cn.healthassist.reminders.ReminderMapper;

/**
 * The audit trail of one case (docs/product.md 4): every step in order, with people, decisions and data; and the
 * numbers the case issued ({@code outcome}: certificateNo, referralNo, approvedAmount, voucherNo), as its documents
 * carry them.
 */
public record CaseTrail(String businessKey, String processKey, String processName, String processDefinitionId,
		int processVersion, String status, String statusName, String applicantName, String idNumber, Date startTime,
		Date endTime, List<Step> steps, List<AttachmentService.AttachmentView> attachments,
		List<ReminderMapper.Reminder> reminders, List<Incident> incidents, boolean chainVerified, int chainLength,
		Integer chainBrokenAt, Map<String, Object> outcome) {

	/** One step of the case: {@code group} is the candidate group's id, {@code groupName} its name (东湖镇卫生院). */
	public record Step(String name, String activityId, String kind, String group, String groupName, String userId,
			String userName,
			Date startTime, Date endTime, Long durationMs, Date due, boolean overdue, String decision, String decisionLabel,
			String opinion, Map<String, Object> data, List<Field> fields) {
	}

	/** A form field entered at a step, in words. */
	public record Field(String key, String label, Object value, String valueLabel) {
	}

	/** An incident (a technical failure the engine recorded) of the case. */
	public record Incident(String type, String activityId, String message, Date createTime, Date endTime,
			boolean resolved) {
	}

}
