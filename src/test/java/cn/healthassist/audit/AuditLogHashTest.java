package cn.healthassist.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;

import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;

/**
 * The hash of an audit entry, as the chains already stored were written: every field joined by the unit separator,
 * and the form's version after them only where an entry has one (V21), so that the entries written before it verify.
 */
class AuditLogHashTest {

	private static AuditEntry entry(String formDeploymentId) {
		return new AuditEntry(null, "CC-2026-000001", 2, "pi-1", AuditEntry.TASK_COMPLETED, "Task_TownshipReview",
				"乡镇卫生院审核", "task-1", "health-t01", Date.from(Instant.parse("2026-03-02T02:00:00Z")), "pass", "同意",
				"{\"townshipDecision\":\"pass\"}", "a".repeat(64), null, formDeploymentId);
	}

	private static final String FIELDS = String.join("\u001F", "a".repeat(64), "CC-2026-000001", "2", "pi-1",
			AuditEntry.TASK_COMPLETED, "Task_TownshipReview", "乡镇卫生院审核", "task-1", "health-t01",
			String.valueOf(Instant.parse("2026-03-02T02:00:00Z").toEpochMilli()), "pass", "同意",
			"{\"townshipDecision\":\"pass\"}");

	@Test
	void anEntryWithoutAFormVersion_hashesAsBeforeTheVersionWasKept() {
		assertThat(AuditLog.hash(entry(null))).isEqualTo(DigestUtils.sha256Hex(FIELDS));
	}

	@Test
	void anEntryWithAFormVersion_hashesItToo() {
		assertThat(AuditLog.hash(entry("3SFHR4A58HHU11O00BU0000004")))
			.isEqualTo(DigestUtils.sha256Hex(FIELDS + "\u001F3SFHR4A58HHU11O00BU0000004"))
			.isNotEqualTo(AuditLog.hash(entry("3SFHR4A58HHU11O00BU0000005")));
	}

}
