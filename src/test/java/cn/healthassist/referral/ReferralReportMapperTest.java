package cn.healthassist.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;

import cn.healthassist.mappers.MapperSliceTest;
import cn.healthassist.referral.ReferralReportMapper.Admissions;
import cn.healthassist.referral.ReferralReportMapper.Counts;

/** The referral report's figures per hospital and month, and the admissions the health commission enters. */
@MapperSliceTest
class ReferralReportMapperTest {

	@Autowired
	private ReferralReportMapper report;

	@Autowired
	private ReferralMapper referrals;

	private static int next;

	/** A moment in local time, as the report's months are the server's. */
	private static Date local(int year, int month, int day, int hour) {
		return Date.from(LocalDateTime.of(year, month, day, hour, 0).atZone(ZoneId.systemDefault()).toInstant());
	}

	private String referral(String hospital, Date requestedAt, String urgency) {
		String key = "RF-2026-" + String.format("%06d", ++next);
		referrals.insert(new Referral(key, "pi-" + key, null, "孙大勇", "342601197202261518", "dibao", hospital, "P01", "急性心肌梗死",
				"本院不能开展急诊介入治疗", urgency, "hdoctor-" + hospital.toLowerCase(), requestedAt, null, null, null, null, null, null,
				null, null, null, null));
		return key;
	}

	@Test
	void eachHospitalAndMonth_isCountedByOutcome() {
		String a = referral("H01", local(2026, 3, 2, 9), "normal");
		referrals.headDecided(a, "approve", "同意", "hhead-h01", local(2026, 3, 2, 10));
		referrals.issued(a, "ZZ-2026-000001", local(2026, 3, 2, 10));
		referrals.audited(a, "compliant", "合规", "commission", local(2026, 4, 1, 9));
		String b = referral("H01", local(2026, 3, 31, 23), "emergency");
		referrals.issued(b, "ZZ-2026-000002", local(2026, 3, 31, 23));
		referrals.escalated(b, local(2026, 4, 2, 0));
		referrals.headDecided(b, "approve", "补办确认", "hhead-h01", local(2026, 4, 2, 9));
		referrals.audited(b, "non-compliant", "超时确认", "commission", local(2026, 4, 10, 9));
		String c = referral("H01", local(2026, 3, 15, 9), "normal");
		referrals.headDecided(c, "reject", "本院可治", "hhead-h01", local(2026, 3, 15, 10));
		referral("H01", local(2026, 4, 1, 0), "normal");
		referral("H02", local(2026, 3, 10, 9), "emergency");

		assertThat(report.monthly(local(2026, 3, 1, 0), local(2026, 5, 1, 0), null)).containsExactly(
				new Counts("H01", 2026, 3, 3, 2, 1, 1, 1, 2, 1, 1), new Counts("H01", 2026, 4, 1, 0, 0, 0, 0, 0, 0, 0),
				new Counts("H02", 2026, 3, 1, 0, 0, 1, 0, 0, 0, 0));
	}

	@Test
	void thePeriod_includesItsFirstMomentAndExcludesItsEnd() {
		referral("H01", local(2026, 2, 28, 23), "normal");
		referral("H01", local(2026, 3, 1, 0), "normal");
		referral("H01", local(2026, 4, 1, 0), "normal");
		assertThat(report.monthly(local(2026, 3, 1, 0), local(2026, 4, 1, 0), null))
			.containsExactly(new Counts("H01", 2026, 3, 1, 0, 0, 0, 0, 0, 0, 0));
	}

	@Test
	void aHospitalHead_seesTheirHospitalsOnly() {
		referral("H01", local(2026, 3, 2, 9), "normal");
		referral("H02", local(2026, 3, 2, 9), "normal");
		referral("H03", local(2026, 3, 2, 9), "normal");
		assertThat(report.monthly(local(2026, 1, 1, 0), local(2027, 1, 1, 0), List.of("H02", "H03")))
			.extracting(Counts::hospitalCode)
			.containsExactly("H02", "H03");
		assertThat(report.monthly(local(2026, 1, 1, 0), local(2027, 1, 1, 0), List.of("H09"))).isEmpty();
	}

	@Test
	void monthsAcrossAYear_areOrderedByYearThenMonth() {
		referral("H01", local(2027, 1, 5, 9), "normal");
		referral("H01", local(2026, 12, 5, 9), "normal");
		referral("H01", local(2026, 2, 5, 9), "normal");
		assertThat(report.monthly(local(2026, 1, 1, 0), local(2027, 2, 1, 0), null)).extracting(c -> c.yearNo() * 100 + c.monthNo())
			.containsExactly(202602, 202612, 202701);
	}

	@Test
	void admissions_areEnteredOncePerHospitalAndMonthAndThenUpdated() {
		assertThat(report.updateAdmissions("H01", "2026-03", 120, "commission", local(2026, 4, 2, 9))).isZero();
		assertThat(report.insertAdmissions("H01", "2026-03", 120, "commission", local(2026, 4, 2, 9))).isEqualTo(1);
		assertThatThrownBy(() -> report.insertAdmissions("H01", "2026-03", 130, "commission", local(2026, 4, 3, 9)))
			.isInstanceOf(DuplicateKeyException.class);
		assertThat(report.updateAdmissions("H01", "2026-03", 135, "commission-2", local(2026, 4, 3, 9))).isEqualTo(1);
		assertThat(report.admissions("2026-03", "2026-03")).containsExactly(new Admissions("H01", "2026-03", 135));
	}

	@Test
	void admissions_areReadForTheMonthsOfThePeriodBothIncluded() {
		report.insertAdmissions("H01", "2026-02", 100, "commission", local(2026, 4, 2, 9));
		report.insertAdmissions("H01", "2026-03", 120, "commission", local(2026, 4, 2, 9));
		report.insertAdmissions("H02", "2026-04", 80, "commission", local(2026, 5, 2, 9));
		report.insertAdmissions("H02", "2026-05", 90, "commission", local(2026, 6, 2, 9));
		assertThat(report.admissions("2026-03", "2026-04")).containsExactlyInAnyOrder(new Admissions("H01", "2026-03", 120),
				new Admissions("H02", "2026-04", 80));
	}

}
