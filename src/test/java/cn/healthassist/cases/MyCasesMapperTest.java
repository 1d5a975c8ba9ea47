package cn.healthassist.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.healthassist.audit.AuditEntry;
import cn.healthassist.audit.AuditLogMapper;
import cn.healthassist.mappers.MapperSliceTest;

/** 我的申请 and 已办: the cases a person started, and those in which they completed a step, newest first. */
@MapperSliceTest
class MyCasesMapperTest {

	@Autowired
	private MyCasesMapper mapper;

	@Autowired
	private CaseMapper cases;

	@Autowired
	private AuditLogMapper audit;

	private void caseOf(String businessKey, String startedBy, int day) {
		cases.insert(new CaseRecord(businessKey, "chronic-certificate", "pi-" + businessKey, "王秀兰", "341722196503120411",
				"registered-poor", "C01", "T01", "T01V01", null, "HTN", CaseRecord.RUNNING, startedBy,
				Date.from(Instant.parse("2026-03-01T02:00:00Z").plusSeconds(day * 86_400L)), null, null));
	}

	private void step(String businessKey, int seq, String eventType, String user) {
		audit.insert(new AuditEntry(null, businessKey, seq, "pi-" + businessKey, eventType, "Task_TownshipReview",
				"乡镇卫生院审核", "task-" + seq, user, new Date(), "pass", null, null, "p", "h", null));
	}

	@Test
	void startedCases_areTheStartersOwn_newestFirst_paged() {
		caseOf("CC-2026-000001", "doctor-t01v01", 1);
		caseOf("CC-2026-000002", "doctor-t01v01", 2);
		caseOf("CC-2026-000003", "doctor-t01v02", 3);
		assertThat(mapper.started("doctor-t01v01", 0, 10)).extracting(CaseRecord::businessKey)
			.containsExactly("CC-2026-000002", "CC-2026-000001");
		assertThat(mapper.started("doctor-t01v01", 1, 10)).extracting(CaseRecord::businessKey)
			.containsExactly("CC-2026-000001");
		assertThat(mapper.countStarted("doctor-t01v01")).isEqualTo(2);
		assertThat(mapper.countStarted("health-t01")).isZero();
	}

	@Test
	void handledCases_areThoseWithAStepThePersonCompleted_once_evenWithSeveralSteps() {
		caseOf("CC-2026-000001", "doctor-t01v01", 1);
		caseOf("CC-2026-000002", "doctor-t01v01", 2);
		step("CC-2026-000001", 1, AuditEntry.CASE_STARTED, "health-t01");
		step("CC-2026-000002", 1, AuditEntry.TASK_COMPLETED, "health-t01");
		step("CC-2026-000002", 2, AuditEntry.TASK_COMPLETED, "health-t01");
		assertThat(mapper.handled("health-t01", 0, 10)).extracting(CaseRecord::businessKey)
			.containsExactly("CC-2026-000002");
		assertThat(mapper.countHandled("health-t01")).isEqualTo(1);
		assertThat(mapper.countHandled("doctor-t01v01")).isZero();
	}

}
