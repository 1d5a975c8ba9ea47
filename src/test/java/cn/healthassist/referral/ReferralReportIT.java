package cn.healthassist.referral;

import static cn.healthassist.referral.ReferralProcessIT.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

import cn.healthassist.organisation.OrganisationImporter;
import cn.healthassist.support.Http;
import cn.healthassist.support.IntegrationTest;
import cn.healthassist.support.TestIds;

/** The referral report's figures, computed from known referrals of a hospital of their own. */
class ReferralReportIT extends IntegrationTest {

	@Autowired
	OrganisationImporter organisation;

	private static boolean prepared;

	@BeforeEach
	void knownReferrals() {
		if (prepared) {
			return;
		}
		organisation.importCsv("""
				type,code,name,parent
				county,C81,报表测试县,
				hospital,H81,报表测试医院,C81
				""");
		user("hdoctor-h81", "hospital-doctor-H81");
		user("hhead-h81", "hospital-head-H81");
		// 3 normal (2 approved, 1 rejected), 1 emergency approved after the fact; audits: 1 compliant, 1 non-compliant
		String a = start("normal");
		String b = start("normal");
		String c = start("normal");
		String d = start("emergency");
		complete("hhead-h81", a, ReferralActivities.UNIT_HEAD_APPROVAL, Map.of("headDecision", "approve", "headOpinion", "同意"));
		complete("hhead-h81", b, ReferralActivities.UNIT_HEAD_APPROVAL, Map.of("headDecision", "approve", "headOpinion", "同意"));
		complete("hhead-h81", c, ReferralActivities.UNIT_HEAD_APPROVAL, Map.of("headDecision", "reject", "headOpinion", "不同意"));
		complete("hhead-h81", d, ReferralActivities.CONFIRM_EMERGENCY, Map.of("headDecision", "approve", "headOpinion", "补签"));
		runDueJobs(a);
		runDueJobs(b);
		complete("commission", a, ReferralActivities.COMMISSION_AUDIT, Map.of("auditOutcome", "compliant", "auditOpinion", "合规"));
		complete("commission", b, ReferralActivities.COMMISSION_AUDIT, Map.of("auditOutcome", "non-compliant", "auditOpinion", "不合规"));
		prepared = true;
	}

	private void user(String id, String group) {
		if (identityService.createUserQuery().userId(id).count() == 0) {
			User u = identityService.newUser(id);
			u.setFirstName(id);
			u.setPassword(PASSWORD);
			((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
				.getCommandExecutorTxRequired()
				.execute(new org.camunda.bpm.engine.impl.cmd.SaveUserCmd(u, true));
			identityService.createMembership(id, group);
		}
	}

	private String start(String urgency) {
		Map<String, Object> body = new LinkedHashMap<>(request(TestIds.newIdNumber(), urgency));
		body.put("hospitalCode", "H81");
		Http.Response r = http("hdoctor-h81").postJson("/api/referrals", body);
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		return r.json().path("processInstanceId").asText();
	}

	private JsonNode line(Http http) {
		String month = YearMonth.now().toString();
		Http.Response r = http.get("/api/referral-report?from=" + month + "&to=" + month);
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		for (JsonNode line : r.json().path("lines")) {
			if (line.path("hospitalCode").asText().equals("H81")) {
				return line;
			}
		}
		return null;
	}

	@Test
	void figuresPerHospitalAndMonth() {
		JsonNode line = line(http("commission"));
		assertThat(line).isNotNull();
		assertThat(line.path("hospitalName").asText()).isEqualTo("报表测试医院");
		assertThat(line.path("month").asText()).isEqualTo(YearMonth.now().toString());
		assertThat(line.path("referrals").asLong()).isEqualTo(4);
		assertThat(line.path("approved").asLong()).isEqualTo(3);
		assertThat(line.path("rejected").asLong()).isEqualTo(1);
		assertThat(line.path("emergency").asLong()).isEqualTo(1);
		assertThat(line.path("issued").asLong()).isEqualTo(3);
		assertThat(line.path("auditedCompliant").asLong()).isEqualTo(1);
		assertThat(line.path("auditedNonCompliant").asLong()).isEqualTo(1);
	}

	@Test
	void theInCountyRate_onceAdmissionsAreEntered() {
		String month = YearMonth.now().toString();
		assertThat(http("hhead-h81").putJson("/api/referral-report/admissions",
				Map.of("hospitalCode", "H81", "month", month, "totalAdmissions", 57)).status()).isEqualTo(403);
		assertThat(http("admin").putJson("/api/referral-report/admissions",
				Map.of("hospitalCode", "H81", "month", month, "totalAdmissions", 57)).status()).isEqualTo(403);
		assertThat(http("commission").putJson("/api/referral-report/admissions",
				Map.of("hospitalCode", "H81", "month", month, "totalAdmissions", -1)).status()).isEqualTo(400);
		Http.Response entered = http("commission").putJson("/api/referral-report/admissions",
				Map.of("hospitalCode", "H81", "month", month, "totalAdmissions", 57));
		assertThat(entered.status()).as(entered.body()).isEqualTo(200);
		JsonNode line = line(http("commission"));
		assertThat(line.path("admissions").asInt()).isEqualTo(57);
		// 57 ÷ (57 + 3 referred out) = 95.0 %
		assertThat(line.path("inCountyRate").decimalValue()).isEqualByComparingTo("95.0");
	}

	@Test
	void aUnitHeadSeesOnlyTheirHospital_andDoctorsNone() {
		assertThat(line(http("hhead-h81"))).isNotNull();
		assertThat(line(http("hhead-h01"))).isNull();
		assertThat(http("doctor-t01v01").get("/api/referral-report").status()).isEqualTo(403);
		assertThat(http("commission").get("/api/referral-report?from=2026-13").status()).isEqualTo(400);
	}

	@Test
	void theExcelFileHasTheSameFigures() throws IOException {
		String month = YearMonth.now().toString();
		Http http = http("commission");
		HttpResponse<byte[]> r;
		try {
			r = java.net.http.HttpClient.newHttpClient()
				.send(http.request("/api/referral-report.xlsx?from=" + month + "&to=" + month).GET().build(),
						HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (InterruptedException e) {
			throw new IllegalStateException(e);
		}
		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("spreadsheetml");
		try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(r.body()))) {
			Sheet sheet = wb.getSheet("县外转诊统计");
			assertThat(sheet.getRow(1).getCell(1).getStringCellValue()).isEqualTo("医院");
			Row h81 = null;
			for (Row row : sheet) {
				if (row.getCell(0) != null && "H81".equals(row.getCell(0).getStringCellValue())) {
					h81 = row;
				}
			}
			assertThat(h81).isNotNull();
			assertThat(h81.getCell(3).getNumericCellValue()).isEqualTo(4);
			assertThat(h81.getCell(4).getNumericCellValue()).isEqualTo(3);
			assertThat(h81.getCell(5).getNumericCellValue()).isEqualTo(1);
			assertThat(h81.getCell(6).getNumericCellValue()).isEqualTo(1);
			assertThat(h81.getCell(8).getNumericCellValue()).isEqualTo(3);
			assertThat(h81.getCell(9).getNumericCellValue()).isEqualTo(1);
			assertThat(h81.getCell(10).getNumericCellValue()).isEqualTo(1);
		}
	}

}
