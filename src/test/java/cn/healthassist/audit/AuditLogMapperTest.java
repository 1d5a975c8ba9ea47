package cn.healthassist.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Date;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;

import cn.healthassist.mappers.MapperSliceTest;

/** The append-only audit log (ha_audit_log): entries of a case in sequence, one entry per sequence number. */
@MapperSliceTest
class AuditLogMapperTest {

	private static final String ZERO = "0".repeat(64);

	@Autowired
	private AuditLogMapper mapper;

	private static AuditEntry entry(String businessKey, int seq, String eventType, String prevHash, String hash) {
		return new AuditEntry(null, businessKey, seq, "pi-" + businessKey, eventType, "Task_TownshipReview", "乡镇卫生院审核",
				"task-" + seq, "health-t01", Date.from(Instant.parse("2026-03-02T02:00:00Z").plusSeconds(seq)), "pass",
				"经入户核实，材料真实，同意上报。", "{\"审核结论\":\"通过\",\"审核意见\":\"同意\"}", prevHash, hash,
				"3SFHR4A58HHU11O00BU0000004");
	}

	private static String hash(char c) {
		return String.valueOf(c).repeat(64);
	}

	@Test
	void anEntry_isReadBackWithItsGeneratedIdChineseTextAndFormVersion() {
		AuditEntry written = entry("CC-2026-000001", 1, AuditEntry.CASE_STARTED, ZERO, hash('a'));
		assertThat(mapper.insert(written)).isEqualTo(1);
		AuditEntry read = mapper.findByCase("CC-2026-000001").get(0);
		assertThat(read.id()).isNotNull().isPositive();
		assertThat(read).usingRecursiveComparison().ignoringFields("id").isEqualTo(written);
	}

	@Test
	void aCasesEntries_areListedInSequenceAndOtherCasesLeftOut() {
		mapper.insert(entry("CC-2026-000001", 2, AuditEntry.TASK_COMPLETED, hash('a'), hash('b')));
		mapper.insert(entry("CC-2026-000001", 1, AuditEntry.CASE_STARTED, ZERO, hash('a')));
		mapper.insert(entry("CC-2026-000001", 3, AuditEntry.CASE_ENDED, hash('b'), hash('c')));
		mapper.insert(entry("CC-2026-000002", 1, AuditEntry.CASE_STARTED, ZERO, hash('d')));
		assertThat(mapper.findByCase("CC-2026-000001")).extracting(AuditEntry::seq).containsExactly(1, 2, 3);
		assertThat(mapper.findByCase("CC-2026-000001")).extracting(AuditEntry::prevHash)
			.containsExactly(ZERO, hash('a'), hash('b'));
		assertThat(mapper.findByCase("CC-2026-000009")).isEmpty();
	}

	@Test
	void theLastEntry_isTheOneWithTheHighestSequence() {
		mapper.insert(entry("CC-2026-000001", 1, AuditEntry.CASE_STARTED, ZERO, hash('a')));
		mapper.insert(entry("CC-2026-000001", 2, AuditEntry.TASK_COMPLETED, hash('a'), hash('b')));
		mapper.insert(entry("CC-2026-000002", 5, AuditEntry.EVENT, ZERO, hash('e')));
		assertThat(mapper.last("CC-2026-000001").hash()).isEqualTo(hash('b'));
		assertThat(mapper.last("CC-2026-000002").seq()).isEqualTo(5);
		assertThat(mapper.last("CC-2026-000009")).isNull();
	}

	@Test
	void aSecondEntryWithTheSameSequence_isRefusedByTheDatabase() {
		mapper.insert(entry("CC-2026-000001", 1, AuditEntry.CASE_STARTED, ZERO, hash('a')));
		mapper.insert(entry("CC-2026-000001", 2, AuditEntry.TASK_COMPLETED, hash('a'), hash('b')));
		assertThatThrownBy(() -> mapper.insert(entry("CC-2026-000001", 2, AuditEntry.TASK_COMPLETED, hash('a'), hash('x'))))
			.isInstanceOf(DuplicateKeyException.class);
		assertThat(mapper.last("CC-2026-000001").hash()).isEqualTo(hash('b'));
	}

}
