package cn.healthassist.followup;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.Year;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

import cn.healthassist.organisation.OrganisationImporter;
import cn.healthassist.support.IntegrationTest;
import cn.healthassist.support.TestIds;

/** The compliance report's figures from known visits in a village of their own. */
class FollowupReportIT extends IntegrationTest {

	@Autowired
	OrganisationImporter organisation;

	private static boolean seeded;

	private void visit(String certificate, String kind, int no, LocalDateTime due, String status) {
		jdbc.update("""
				INSERT INTO ha_followup_visit (business_key, certificate_no, id_number, village_code, township_code, disease_code,
				  visit_kind, visit_no, due_date, opens_at, missed_at, status, done_at)
				VALUES (?, ?, ?, 'T82V01', 'T82', 'HTN', ?, ?, ?, ?, ?, ?, ?)
				""", "FU-R-" + certificate, certificate, TestIds.newIdNumber(), kind, no, Timestamp.valueOf(due),
				Timestamp.valueOf(due.minusDays(15)), Timestamp.valueOf(due.plusDays(30)), status,
				status.startsWith("done") ? Timestamp.valueOf(due.minusDays(1)) : null);
	}

	@BeforeEach
	void knownVisits() {
		if (seeded) {
			return;
		}
		organisation.importCsv("""
				type,code,name,parent
				county,C82,随访测试县,
				township,T82,随访镇,C82
				village,T82V01,随访村,T82
				""");
		int y = Year.now().getValue() - 1; // a whole past year: every due date has passed
		// patient A (hypertension): 4 visits, all done (3 on time, 1 late) -> meets the 4-visit rule
		visit("A", "hypertension", 1, LocalDateTime.of(y, 3, 1, 9, 0), "done-on-time");
		visit("A", "hypertension", 2, LocalDateTime.of(y, 6, 1, 9, 0), "done-on-time");
		visit("A", "hypertension", 3, LocalDateTime.of(y, 9, 1, 9, 0), "done-late");
		visit("A", "hypertension", 4, LocalDateTime.of(y, 12, 1, 9, 0), "done-on-time");
		// patient B (diabetes): 4 visits, 2 done, 1 missed, 1 still planned (overdue) -> does not meet it
		visit("B", "diabetes", 1, LocalDateTime.of(y, 2, 1, 9, 0), "done-on-time");
		visit("B", "diabetes", 2, LocalDateTime.of(y, 5, 1, 9, 0), "missed");
		visit("B", "diabetes", 3, LocalDateTime.of(y, 8, 1, 9, 0), "done-late");
		visit("B", "diabetes", 4, LocalDateTime.of(y, 11, 1, 9, 0), "planned");
		// patient C (a common disease): 1 yearly visit, done
		visit("C", "common", 1, LocalDateTime.of(y, 7, 1, 9, 0), "done-on-time");
		seeded = true;
	}

	private JsonNode report(String user) {
		return http(user).get("/api/followup-report?year=" + (Year.now().getValue() - 1)).json();
	}

	private static JsonNode line(JsonNode report, String group) {
		for (JsonNode l : report.path("lines")) {
			if (l.path("villageCode").asText().equals("T82V01") && l.path("diseaseGroup").asText().equals(group)) {
				return l;
			}
		}
		return null;
	}

	@Test
	void figuresPerVillageAndDiseaseGroup() {
		JsonNode report = report("commission");
		JsonNode key = line(report, "key");
		assertThat(key.path("villageName").asText()).isEqualTo("随访村");
		assertThat(key.path("townshipName").asText()).isEqualTo("随访镇");
		assertThat(key.path("due").asLong()).isEqualTo(8);
		assertThat(key.path("onTime").asLong()).isEqualTo(4);
		assertThat(key.path("late").asLong()).isEqualTo(2);
		assertThat(key.path("missed").asLong()).isEqualTo(1);
		assertThat(key.path("overdue").asLong()).isEqualTo(1);
		JsonNode common = line(report, "common");
		assertThat(common.path("due").asLong()).isEqualTo(1);
		assertThat(common.path("onTime").asLong()).isEqualTo(1);
		JsonNode four = null;
		for (JsonNode f : report.path("fourVisitRule")) {
			if (f.path("villageCode").asText().equals("T82V01")) {
				four = f;
			}
		}
		assertThat(four.path("patients").asLong()).isEqualTo(2);
		assertThat(four.path("meeting").asLong()).isEqualTo(1);
	}

	@Test
	void eachSeesTheirOwnVillagesOrTownships() {
		assertThat(line(report("doctor-t01v01"), "key")).isNull();
		assertThat(line(report("health-t01"), "key")).isNull();
		assertThat(line(report("auditor"), "key")).isNotNull();
		assertThat(http("committee-t01v01").get("/api/followup-report").status()).isEqualTo(403);
		assertThat(http("commission").get("/api/followup-report?year=1900").status()).isEqualTo(400);
		assertThat(http("commission").get("/api/followup-report.xlsx?year=" + (Year.now().getValue() - 1)).status()).isEqualTo(200);
	}

}
