package cn.healthassist.audit;

import org.apache.commons.codec.digest.DigestUtils;

import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import cn.healthassist.values.Messages;

/**
 * Appends to the audit log with a hash chain per case, and verifies the chain. The hash of an entry covers every
 * field and the hash of the entry before it; the first entry of a case chains to 64 zeros.
 */
@Service
public class AuditLog {

	public static final String GENESIS = "0".repeat(64);

	private final AuditLogMapper mapper;

	public AuditLog(AuditLogMapper mapper) {
		this.mapper = mapper;
	}

	public AuditEntry append(String businessKey, String processInstanceId, String eventType, String activityId,
			String activityName, String taskId, String userId, Date occurredAt, String decision, String opinion,
			String data) {
		// whole seconds: MySQL with sendFractionalSeconds=false (as Camunda requires) stores no milliseconds
		Date at = new Date(occurredAt.getTime() / 1000 * 1000);
		AuditEntry last = mapper.last(businessKey);
		int seq = last == null ? 1 : last.seq() + 1;
		String prev = last == null ? GENESIS : last.hash();
		AuditEntry draft = new AuditEntry(null, businessKey, seq, processInstanceId, eventType, activityId, activityName,
				taskId, userId, at, decision, truncate(opinion, 1000), data, prev, null);
		AuditEntry entry = new AuditEntry(null, businessKey, seq, processInstanceId, eventType, activityId, activityName,
				taskId, userId, at, decision, draft.opinion(), data, prev, hash(draft));
		try {
			mapper.insert(entry);
		}
		catch (DuplicateKeyException e) {
			// another step of the same case was recorded at the same moment: the case changed under this request
			throw new OptimisticLockingException(Messages.get("audit.changedByOthers", businessKey));
		}
		return entry;
	}

	/** Whether the case's chain verifies; when not, the first entry that does not. */
	public record ChainCheck(boolean verified, int length, Integer brokenAtSeq) {
	}

	public ChainCheck verify(String businessKey) {
		List<AuditEntry> entries = mapper.findByCase(businessKey);
		String prev = GENESIS;
		int expectedSeq = 1;
		for (AuditEntry e : entries) {
			if (e.seq() != expectedSeq || !prev.equals(e.prevHash()) || !hash(e).equals(e.hash())) {
				return new ChainCheck(false, entries.size(), e.seq());
			}
			prev = e.hash();
			expectedSeq++;
		}
		return new ChainCheck(true, entries.size(), null);
	}

	public List<AuditEntry> entries(String businessKey) {
		return mapper.findByCase(businessKey);
	}

	/** The hash of an entry: every field and the hash before it (the Java migrations append with it too). */
	public static String hash(AuditEntry e) {
		String canonical = String.join("\u001F", e.prevHash(), e.businessKey(), String.valueOf(e.seq()),
				e.processInstanceId(), e.eventType(), nz(e.activityId()), nz(e.activityName()), nz(e.taskId()),
				nz(e.userId()), String.valueOf(e.occurredAt() == null ? "" : e.occurredAt().getTime()), nz(e.decision()),
				nz(e.opinion()), nz(e.data()));
		return DigestUtils.sha256Hex(canonical);
	}

	private static String nz(String s) {
		return s == null ? "" : s;
	}

	private static String truncate(String s, int max) {
		return s == null || s.length() <= max ? s : s.substring(0, max);
	}

}
