package cn.healthassist.audit;

import java.util.Date;

/**
 * One entry of the append-only audit log. {@code formDeploymentId}: the deployment of the form version whose fields
 * {@code data} holds (a start's or a step's), as the engine bound it when the person submitted it; null for an entry
 * without a form and for entries written before it was kept (their form is the process's own deployment's).
 */
public record AuditEntry(Long id, String businessKey, int seq, String processInstanceId, String eventType,
		String activityId, String activityName, String taskId, String userId, Date occurredAt, String decision,
		String opinion, String data, String prevHash, String hash, String formDeploymentId) {

	public static final String CASE_STARTED = "case-started";

	public static final String TASK_COMPLETED = "task-completed";

	public static final String EVENT = "event";

	public static final String CASE_ENDED = "case-ended";

	/**
	 * Facts a rule of the product established (the start's derived values, an amount calculated, a number issued, the
	 * approver of a step): part of the case record the rules read (CaseRecords).
	 */
	public static final String RULE_APPLIED = "rule-applied";

	/** A file removed by its uploader before the step completed. */
	public static final String ATTACHMENT_REMOVED = "attachment-removed";

}
