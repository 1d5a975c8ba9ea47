package cn.healthassist.followup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.healthassist.followup.FollowupReportMapper.FourVisits;
import cn.healthassist.followup.FollowupReportMapper.Line;
import cn.healthassist.followup.FollowupVisitMapper.Visit;
import cn.healthassist.mappers.MapperSliceTest;

/** The follow-up compliance report (mapper/followup/FollowupReportMapper.xml) over visits planned and recorded. */
@MapperSliceTest
class FollowupReportMapperTest {

	private static final Date YEAR_START = at("2026-01-01T00:00:00Z");

	private static final Date NEXT_YEAR = at("2027-01-01T00:00:00Z");

	/** "now" of the report: 2026-07-01. */
	private static final Date NOW = at("2026-07-01T00:00:00Z");

	@Autowired
	private FollowupVisitMapper visits;

	@Autowired
	private FollowupReportMapper report;

	private static Date at(String instant) {
		return Date.from(Instant.parse(instant));
	}

	/** A visit of the certificate's case, planned and, unless status is planned, recorded. */
	private void visit(String certificate, String village, String kind, int no, String due, String status) {
		String township = village.substring(0, 3);
		String businessKey = "FU-" + certificate;
		Date dueDate = at(due);
		visits.plan(new Visit(businessKey, certificate, "341722196503120411", village, township, "X", kind, no, dueDate, dueDate,
				dueDate, null, null, null, null));
		if (!status.equals("planned")) {
			assertThat(visits.record(businessKey, no, status, dueDate, "doctor", "{}")).isEqualTo(1);
		}
	}

	@Test
	void visitsAreCountedPerVillageAndDiseaseGroup() {
		// the key diseases (hypertension, diabetes, mental) are one group; others their own
		visit("MB-1", "T01V01", "hypertension", 1, "2026-03-01T00:00:00Z", "done-on-time");
		visit("MB-1", "T01V01", "hypertension", 2, "2026-06-01T00:00:00Z", "done-late");
		visit("MB-2", "T01V01", "diabetes", 1, "2026-04-01T00:00:00Z", "missed");
		visit("MB-2", "T01V01", "diabetes", 2, "2026-06-15T00:00:00Z", "planned");
		visit("MB-3", "T01V01", "mental", 1, "2026-09-01T00:00:00Z", "planned");
		visit("MB-4", "T01V01", "tuberculosis", 1, "2026-05-01T00:00:00Z", "done-on-time");
		visit("MB-5", "T01V01", "common", 1, "2026-08-01T00:00:00Z", "done-on-time");
		visit("MB-6", "T02V01", "hypertension", 1, "2026-02-01T00:00:00Z", "done-on-time");
		assertThat(report.compliance(YEAR_START, NEXT_YEAR, NOW, null, null)).containsExactly(
				// due: before now or no longer planned; overdue: planned and before now
				new Line("T01", "T01V01", "common", 1, 1, 0, 0, 0), new Line("T01", "T01V01", "key", 4, 1, 1, 1, 1),
				new Line("T01", "T01V01", "tuberculosis", 1, 1, 0, 0, 0), new Line("T02", "T02V01", "key", 1, 1, 0, 0, 0));
	}

	@Test
	void theYear_includesItsFirstMomentAndExcludesTheNextYears() {
		visit("MB-1", "T01V01", "hypertension", 1, "2025-12-31T23:59:59Z", "done-on-time");
		visit("MB-1", "T01V01", "hypertension", 2, "2026-01-01T00:00:00Z", "done-on-time");
		visit("MB-1", "T01V01", "hypertension", 3, "2027-01-01T00:00:00Z", "done-on-time");
		assertThat(report.compliance(YEAR_START, NEXT_YEAR, NOW, null, null))
			.containsExactly(new Line("T01", "T01V01", "key", 1, 1, 0, 0, 0));
	}

	@Test
	void theScope_limitsToVillagesOrTownships() {
		visit("MB-1", "T01V01", "hypertension", 1, "2026-03-01T00:00:00Z", "done-on-time");
		visit("MB-2", "T01V02", "hypertension", 1, "2026-03-01T00:00:00Z", "done-on-time");
		visit("MB-3", "T02V01", "hypertension", 1, "2026-03-01T00:00:00Z", "done-on-time");
		assertThat(report.compliance(YEAR_START, NEXT_YEAR, NOW, List.of("T01V02"), null)).extracting(Line::villageCode)
			.containsExactly("T01V02");
		assertThat(report.compliance(YEAR_START, NEXT_YEAR, NOW, null, List.of("T01"))).extracting(Line::villageCode)
			.containsExactly("T01V01", "T01V02");
		assertThat(report.fourVisitRule(YEAR_START, NEXT_YEAR, List.of("T02V01"), null)).extracting(FourVisits::villageCode)
			.containsExactly("T02V01");
		assertThat(report.fourVisitRule(YEAR_START, NEXT_YEAR, null, List.of("T02"))).extracting(FourVisits::villageCode)
			.containsExactly("T02V01");
	}

	@Test
	void thePatientsVisitedAtLeastFourTimes_areCountedPerVillage() {
		for (int q = 1; q <= 4; q++) {
			visit("MB-1", "T01V01", "hypertension", q, "2026-0" + (q * 2) + "-01T00:00:00Z", q == 2 ? "done-late" : "done-on-time");
			visit("MB-2", "T01V01", "diabetes", q, "2026-0" + (q * 2) + "-01T00:00:00Z", q == 4 ? "missed" : "done-on-time");
			visit("MB-3", "T02V01", "mental", q, "2026-0" + (q * 2) + "-01T00:00:00Z", "done-on-time");
		}
		// tuberculosis is not one of the quarterly diseases
		for (int q = 1; q <= 4; q++) {
			visit("MB-4", "T01V01", "tuberculosis", q, "2026-0" + q + "-01T00:00:00Z", "done-on-time");
		}
		assertThat(report.fourVisitRule(YEAR_START, NEXT_YEAR, null, null)).containsExactly(new FourVisits("T01V01", 2, 1),
				new FourVisits("T02V01", 1, 1));
	}

	@Test
	void noVisits_giveAnEmptyReport() {
		assertThat(report.compliance(YEAR_START, NEXT_YEAR, NOW, null, null)).isEmpty();
		assertThat(report.fourVisitRule(YEAR_START, NEXT_YEAR, null, null)).isEmpty();
	}

}
