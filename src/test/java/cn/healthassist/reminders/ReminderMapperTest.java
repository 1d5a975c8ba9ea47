package cn.healthassist.reminders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.Date;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.healthassist.mappers.MapperSliceTest;
import cn.healthassist.reminders.ReminderMapper.Reminder;

/** Reminders (催办, ha_reminder): a case's in the order raised, a group's newest first. */
@MapperSliceTest
class ReminderMapperTest {

	@Autowired
	private ReminderMapper mapper;

	private static Date at(String instant) {
		return Date.from(Instant.parse(instant));
	}

	private static Reminder reminder(String businessKey, String group, String reason, String createdAt) {
		return new Reminder(businessKey, "chronic-certificate", "task-" + businessKey, "乡镇卫生院审核", group, reason,
				reason.equals("manual") ? "doctor-t01v01" : null, at("2026-03-07T02:00:00Z"), at(createdAt));
	}

	@Test
	void aReminder_isReadBackAsStored() {
		Reminder overdue = reminder("CC-2026-000001", "township-health-T01", "overdue", "2026-03-07T02:00:00.500Z");
		assertThat(mapper.insert(overdue)).isEqualTo(1);
		assertThat(mapper.findByCase("CC-2026-000001")).containsExactly(overdue);
	}

	@Test
	void aCasesReminders_areInTheOrderTheyWereRaisedAndStoredAtTheSameMoment() {
		Reminder second = reminder("CC-2026-000001", "township-health-T01", "manual", "2026-03-08T02:00:00Z");
		Reminder first = reminder("CC-2026-000001", "township-health-T01", "overdue", "2026-03-07T02:00:00Z");
		mapper.insert(second);
		mapper.insert(first);
		mapper.insert(new Reminder("CC-2026-000001", "chronic-certificate", "task-2", "县医保局审批", "county-insurance", "manual",
				"doctor-t01v01", null, at("2026-03-08T02:00:00Z")));
		mapper.insert(reminder("CC-2026-000002", "township-health-T01", "overdue", "2026-03-07T01:00:00Z"));
		assertThat(mapper.findByCase("CC-2026-000001")).extracting(Reminder::taskName, Reminder::reason)
			.containsExactly(tuple("乡镇卫生院审核", "overdue"), tuple("乡镇卫生院审核", "manual"), tuple("县医保局审批", "manual"));
	}

	@Test
	void aGroupsReminders_areNewestFirstAndOtherGroupsLeftOut() {
		mapper.insert(reminder("CC-2026-000001", "township-health-T01", "overdue", "2026-03-07T02:00:00Z"));
		mapper.insert(reminder("CC-2026-000002", "township-health-T01", "overdue", "2026-03-09T02:00:00Z"));
		mapper.insert(reminder("CC-2026-000003", "township-health-T01", "manual", "2026-03-09T02:00:00Z"));
		mapper.insert(reminder("CC-2026-000004", "township-health-T02", "overdue", "2026-03-10T02:00:00Z"));
		assertThat(mapper.findByGroup("township-health-T01")).extracting(Reminder::businessKey)
			.containsExactly("CC-2026-000003", "CC-2026-000002", "CC-2026-000001");
		assertThat(mapper.findByGroup("county-insurance")).isEmpty();
	}

}
