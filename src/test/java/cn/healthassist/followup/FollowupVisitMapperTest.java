package cn.healthassist.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Date;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;

import cn.healthassist.followup.FollowupVisitMapper.Visit;
import cn.healthassist.mappers.MapperSliceTest;

/** Follow-up visits (ha_followup_visit): planned once, recorded once. */
@MapperSliceTest
class FollowupVisitMapperTest {

	@Autowired
	private FollowupVisitMapper mapper;

	private static Date at(String instant) {
		return Date.from(Instant.parse(instant));
	}

	private static Visit planned(String businessKey, int visitNo, String due) {
		Date dueDate = at(due);
		return new Visit(businessKey, "MB-2026-000001", "341722196503120411", "T01V01", "T01", "HTN", "hypertension", visitNo,
				dueDate, new Date(dueDate.getTime() - 14L * 86_400_000), new Date(dueDate.getTime() + 14L * 86_400_000), null,
				null, null, null);
	}

	private static Visit asStored(Visit v, String status, Date doneAt, String doctor, String data) {
		return new Visit(v.businessKey(), v.certificateNo(), v.idNumber(), v.villageCode(), v.townshipCode(), v.diseaseCode(),
				v.visitKind(), v.visitNo(), v.dueDate(), v.opensAt(), v.missedAt(), status, doneAt, doctor, data);
	}

	@Test
	void aPlannedVisit_isReadBackAsPlanned() {
		Visit first = planned("FU-2026-000001", 1, "2026-06-20T00:00:00Z");
		assertThat(mapper.plan(first)).isEqualTo(1);
		assertThat(mapper.findByCase("FU-2026-000001")).containsExactly(asStored(first, "planned", null, null, null));
	}

	@Test
	void theStatusGiven_isIgnoredWhenPlanning() {
		Visit typedDone = asStored(planned("FU-2026-000001", 1, "2026-06-20T00:00:00Z"), "done-on-time", null, null, null);
		mapper.plan(typedDone);
		assertThat(mapper.findByCase("FU-2026-000001")).extracting(Visit::status).containsExactly("planned");
	}

	@Test
	void aCasesVisits_areListedByNumberAndOtherCasesLeftOut() {
		mapper.plan(planned("FU-2026-000001", 3, "2026-12-20T00:00:00Z"));
		mapper.plan(planned("FU-2026-000001", 1, "2026-06-20T00:00:00Z"));
		mapper.plan(planned("FU-2026-000001", 2, "2026-09-20T00:00:00Z"));
		mapper.plan(planned("FU-2026-000002", 1, "2026-06-21T00:00:00Z"));
		assertThat(mapper.findByCase("FU-2026-000001")).extracting(Visit::visitNo).containsExactly(1, 2, 3);
		assertThat(mapper.findByCase("FU-2026-000009")).isEmpty();
	}

	@Test
	void aVisitNumberPlannedTwice_isRefusedByTheDatabase() {
		mapper.plan(planned("FU-2026-000001", 1, "2026-06-20T00:00:00Z"));
		assertThatThrownBy(() -> mapper.plan(planned("FU-2026-000001", 1, "2026-06-27T00:00:00Z")))
			.isInstanceOf(DuplicateKeyException.class);
		assertThat(mapper.findByCase("FU-2026-000001")).extracting(Visit::dueDate).containsExactly(at("2026-06-20T00:00:00Z"));
	}

	@Test
	void aVisit_isRecordedWithDoctorAndData() {
		Visit first = planned("FU-2026-000001", 1, "2026-06-20T00:00:00Z");
		mapper.plan(first);
		String data = "{\"systolic\":\"138\",\"diastolic\":\"86\",\"visitNote\":\"血压控制良好，嘱低盐饮食。\"}";
		assertThat(mapper.record("FU-2026-000001", 1, "done-on-time", at("2026-06-18T02:30:00.250Z"), "doctor-t01v01", data))
			.isEqualTo(1);
		assertThat(mapper.findByCase("FU-2026-000001"))
			.containsExactly(asStored(first, "done-on-time", at("2026-06-18T02:30:00.250Z"), "doctor-t01v01", data));
	}

	@Test
	void aVisitRecordedAlready_isNotOverwritten() {
		mapper.plan(planned("FU-2026-000001", 1, "2026-06-20T00:00:00Z"));
		mapper.record("FU-2026-000001", 1, "done-late", at("2026-07-01T02:00:00Z"), "doctor-t01v01", "{\"visitType\":\"home\"}");
		assertThat(mapper.record("FU-2026-000001", 1, "missed", at("2026-07-05T00:00:00Z"), null, null)).isZero();
		Visit v = mapper.findByCase("FU-2026-000001").get(0);
		assertThat(v.status()).isEqualTo("done-late");
		assertThat(v.doctor()).isEqualTo("doctor-t01v01");
		assertThat(v.doneAt()).isEqualTo(at("2026-07-01T02:00:00Z"));
	}

	@Test
	void recordingAVisitNotPlanned_changesNothing() {
		mapper.plan(planned("FU-2026-000001", 1, "2026-06-20T00:00:00Z"));
		assertThat(mapper.record("FU-2026-000001", 2, "done-on-time", at("2026-06-18T02:30:00Z"), "doctor-t01v01", null)).isZero();
		assertThat(mapper.findByCase("FU-2026-000001")).extracting(Visit::status).containsExactly("planned");
	}

}
