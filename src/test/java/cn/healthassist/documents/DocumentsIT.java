package cn.healthassist.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

import cn.healthassist.chronic.TreatmentRecordImporter;
import cn.healthassist.support.Applications;
import cn.healthassist.support.Http;
import cn.healthassist.support.IntegrationTest;
import cn.healthassist.support.TestIds;

/**
 * A case's documents (docs/product.md 4.1): 慢性病证 once issued, 转诊单 once issued, 救助审批表 once approved, 救助金发放通知
 * once paid; each a PDF whose text is selectable and whose Chinese font is embedded, carrying its number and the
 * holder's name; only for those who may see the case; every download in the security log.
 */
class DocumentsIT extends IntegrationTest {

	@Autowired
	TreatmentRecordImporter treatmentRecords;

	@AfterEach
	void clockBack() {
		ClockUtil.reset();
	}

	private JsonNode startChronic(String id) {
		treatmentRecords.importCsv("idNumber,diseaseCode,hospitalName,visitDate\n" + id + ",HTN,县人民医院,"
				+ LocalDate.now().minusMonths(2) + "\n");
		Http.Response r = http("doctor-t01v01").postJson("/api/chronic-certificate-applications",
				Applications.chronic(id, "T01V01"));
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		return r.json();
	}

	private static List<String> kinds(JsonNode list) {
		List<String> kinds = new ArrayList<>();
		list.forEach(d -> kinds.add(d.path("kind").asText()));
		return kinds;
	}

	/** The PDF's text, after checking it is a PDF whose every font is embedded. */
	private static String pdfText(Http.Download pdf) throws IOException {
		assertThat(pdf.status()).isEqualTo(200);
		assertThat(pdf.contentType()).startsWith("application/pdf");
		assertThat(new String(pdf.body(), 0, 5)).isEqualTo("%PDF-");
		try (PDDocument doc = Loader.loadPDF(pdf.body())) {
			int fonts = 0;
			for (PDPage page : doc.getPages()) {
				for (var name : page.getResources().getFontNames()) {
					PDFont font = page.getResources().getFont(name);
					assertThat(font.isEmbedded()).as(font.getName() + " embedded").isTrue();
					fonts++;
				}
			}
			assertThat(fonts).as("the text is written in a font").isPositive();
			return new PDFTextStripper().getText(doc);
		}
	}

	@Test
	void theCertificate_onceIssued_asPdfWithItsNumberAndHolder_forTheJurisdictionOnly() throws IOException {
		String id = TestIds.newIdNumber();
		JsonNode started = startChronic(id);
		String key = started.path("businessKey").asText();
		String pi = started.path("processInstanceId").asText();
		Http doctor = http("doctor-t01v01");

		assertThat(doctor.get("/api/cases/" + key + "/documents").json()).as("nothing issued yet").isEmpty();
		Http.Response early = doctor.get("/api/cases/" + key + "/documents/certificate.pdf");
		assertThat(early.status()).isEqualTo(404);
		assertThat(early.json().path("detail").asText()).contains(key).contains("慢性病证");

		complete("health-t01", pi, "Task_TownshipReview", Map.of("townshipDecision", "pass", "townshipOpinion", "属实"));
		complete("insurance", pi, "Task_CountyApproval", Map.of("countyDecision", "approve", "countyOpinion", "同意发证"));
		runDueJobs(pi);
		String number = jdbc.queryForObject("SELECT certificate_no FROM ha_certificate WHERE business_key = ?", String.class,
				key);

		JsonNode list = doctor.get("/api/cases/" + key + "/documents").json();
		assertThat(kinds(list)).containsExactly("certificate");
		JsonNode entry = list.get(0);
		assertThat(entry.path("title").asText()).isEqualTo("慢性病证");
		assertThat(entry.path("number").asText()).isEqualTo(number);
		assertThat(entry.path("url").asText()).isEqualTo("/api/cases/" + key + "/documents/certificate.pdf");

		int exportsBefore = count("SELECT COUNT(*) FROM ha_security_event WHERE event_type = 'EXPORT' AND user_id = 'doctor-t01v01'");
		Http.Download pdf = doctor.download(entry.path("url").asText());
		assertThat(pdf.disposition()).startsWith("inline").contains(".pdf");
		String text = pdfText(pdf);
		assertThat(text).contains("慢性病证").contains(number).contains("王秀兰").contains(id).contains("高血压")
			.contains("桃园村").contains(key);
		assertThat(count("SELECT COUNT(*) FROM ha_security_event WHERE event_type = 'EXPORT' AND user_id = 'doctor-t01v01'"))
			.as("the download is in the security log").isEqualTo(exportsBefore + 1);

		JsonNode page = doctor.get("/api/cases/" + key + "/documents/certificate").json();
		assertThat(page.path("number").asText()).isEqualTo(number);
		assertThat(page.path("kind").asText()).as("the kind as SPEC 4.1 names it").isEqualTo("certificate");
		assertThat(count("SELECT COUNT(*) FROM ha_security_event WHERE event_type = 'EXPORT' AND user_id = 'doctor-t01v01'"))
			.as("the print page's data is an export too").isEqualTo(exportsBefore + 2);
		assertThat(page.path("rows").toString()).contains(id).contains("高血压");

		// the number is in the trail, for its print view and Excel
		assertThat(http("auditor").get("/api/cases/" + key + "/trail").json().path("outcome").path("certificateNo").asText())
			.isEqualTo(number);

		// the bureau revokes it: the certificate's case, ended, shows who revoked it and why as its last step
		assertThat(http("insurance").postJson("/api/certificates/" + number + "/revoke", Map.of("reason", "患者已迁出本县"))
			.status()).isEqualTo(200);
		JsonNode trail = http("auditor").get("/api/cases/" + key + "/trail").json();
		JsonNode last = trail.path("steps").get(trail.path("steps").size() - 1);
		assertThat(last.path("name").asText()).isEqualTo("慢性病证撤销");
		assertThat(last.path("userId").asText()).isEqualTo("insurance");
		assertThat(last.path("opinion").asText()).isEqualTo("患者已迁出本县");
		assertThat(trail.path("chainVerified").asBoolean()).isTrue();
		assertThat(pdfText(doctor.download(entry.path("url").asText()))).contains("撤销：患者已迁出本县");

		// another village's doctor, an owner, nobody: no document
		assertThat(http("doctor-t02v01").get("/api/cases/" + key + "/documents").status()).isEqualTo(403);
		assertThat(http("doctor-t02v01").download("/api/cases/" + key + "/documents/certificate.pdf").status())
			.isEqualTo(403);
		assertThat(http("owner").get("/api/cases/" + key + "/documents").status()).isEqualTo(403);
		assertThat(anonymous().get("/api/cases/" + key + "/documents").status()).isEqualTo(401);
		assertThat(doctor.get("/api/cases/CC-1999-999999/documents").status()).isEqualTo(404);
		Http.Response unknownKind = doctor.get("/api/cases/" + key + "/documents/passport.pdf");
		assertThat(unknownKind.status()).isEqualTo(404);
		assertThat(unknownKind.json().path("detail").asText()).contains("passport");
	}

	@Test
	void aFollowUpTask_handsOverTheCertificateItFollows() {
		String id = TestIds.newIdNumber();
		JsonNode started = startChronic(id);
		String pi = started.path("processInstanceId").asText();
		complete("health-t01", pi, "Task_TownshipReview", Map.of("townshipDecision", "pass", "townshipOpinion", "属实"));
		complete("insurance", pi, "Task_CountyApproval", Map.of("countyDecision", "approve", "countyOpinion", "同意发证"));
		runDueJobs(pi);
		String number = jdbc.queryForObject("SELECT certificate_no FROM ha_certificate WHERE business_key = ?", String.class,
				started.path("businessKey").asText());
		String followup = jdbc.queryForObject("SELECT process_instance_id FROM ha_case WHERE process_key = 'chronic-followup' AND subject = ?",
				String.class, number);
		// the first visit's window opens
		Date opens = (Date) runtimeService.getVariable(followup, "visitOpensAt");
		ClockUtil.setCurrentTime(new Date(opens.getTime() + 60_000));
		Job window = managementService.createJobQuery().processInstanceId(followup).activityId("Event_VisitWindowOpens")
			.singleResult();
		managementService.executeJob(window.getId());
		String taskId = taskService.createTaskQuery().processInstanceId(followup).singleResult().getId();

		JsonNode ofTask = http("doctor-t01v01").get("/api/tasks/" + taskId + "/documents").json();
		assertThat(kinds(ofTask.path("items"))).containsExactly("certificate");
		assertThat(ofTask.path("items").get(0).path("number").asText()).isEqualTo(number);
		// the links name the follow-up, which its readers may open (the health commission reads follow-ups, not the
		// certificate's case)
		String followupKey = jdbc.queryForObject("SELECT business_key FROM ha_case WHERE process_instance_id = ?",
				String.class, followup);
		assertThat(ofTask.path("businessKey").asText()).isEqualTo(followupKey);
		assertThat(ofTask.path("items").get(0).path("url").asText())
			.isEqualTo("/api/cases/" + followupKey + "/documents/certificate.pdf");
		assertThat(ofTask.path("items").get(0).path("printUrl").asText())
			.isEqualTo("/portal/document.html?businessKey=" + followupKey + "&kind=certificate");
		JsonNode ofCase = http("commission").get("/api/cases/" + followupKey + "/documents").json();
		String url = ofCase.get(0).path("url").asText();
		assertThat(url).startsWith("/api/cases/" + followupKey + "/");
		assertThat(http("commission").download(url).status()).isEqualTo(200);
		assertThat(http("commission").get("/api/cases/" + started.path("businessKey").asText() + "/documents").status())
			.as("the certificate's case itself is not the commission's").isEqualTo(403);
		assertThat(http("doctor-t02v01").get("/api/tasks/" + taskId + "/documents").status())
			.as("a task of another village is none of theirs").isEqualTo(404);
		assertThat(http("doctor-t01v01").get("/api/tasks/no-such-task/documents").status()).isEqualTo(404);
	}

	@Test
	void aReferralSlip_onceIssued_namesThePatientAndBothHospitals() throws IOException {
		String id = TestIds.newIdNumber();
		Http.Response r = http("hdoctor-h01").postJson("/api/referrals", Applications.referral(id, "normal"));
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		String key = r.json().path("businessKey").asText();
		String pi = r.json().path("processInstanceId").asText();
		assertThat(http("hdoctor-h01").get("/api/cases/" + key + "/documents").json()).isEmpty();

		complete("hhead-h01", pi, "Task_UnitHeadApproval", Map.of("headDecision", "approve", "headOpinion", "同意转省立医院"));
		runDueJobs(pi);
		String number = jdbc.queryForObject("SELECT referral_no FROM ha_referral WHERE business_key = ?", String.class, key);
		JsonNode list = http("hdoctor-h01").get("/api/cases/" + key + "/documents").json();
		assertThat(kinds(list)).containsExactly("referral-slip");
		String text = pdfText(http("hdoctor-h01").download(list.get(0).path("url").asText()));
		assertThat(text).contains("转诊单").contains(number).contains("孙大勇").contains("县人民医院").contains("省立医院").contains(key);
		assertThat(http("hdoctor-h02").get("/api/cases/" + key + "/documents").status()).isEqualTo(403);
		assertThat(http("hdoctor-h01").get("/api/cases/" + key + "/documents/referral-slip").json().path("rows").toString())
			.contains("急性心肌梗死");
		// outside the hospital (the demo's administrator): the diagnosis masked as in the trail, the ID number too
		String outside = http("admin").get("/api/cases/" + key + "/documents/referral-slip").json().path("rows").toString();
		assertThat(outside).doesNotContain("急性心肌梗死").doesNotContain(id).contains("******");
		assertThat(pdfText(http("admin").download(list.get(0).path("url").asText()))).doesNotContain("急性心肌梗死")
			.contains(number);
	}

	@Test
	void charity_theApprovalTableOnceApproved_thePaymentNoticeOncePaid() throws IOException {
		String id = TestIds.newIdNumber();
		Http.Response r = http("committee-t01v01").postJson("/api/charity-relief-applications", Applications.charity(id));
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		String key = r.json().path("businessKey").asText();
		String pi = r.json().path("processInstanceId").asText();
		complete("civil-t01", pi, "Task_CivilVerification", Map.of("verificationDecision", "pass", "verificationOpinion",
				"低保证核实无误", "householdCategory", "registered-poor"));
		// the public notice runs out
		ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() + 8L * 86_400_000));
		Job timer = managementService.createJobQuery().processInstanceId(pi).activityId("Event_NoticePeriodOver").singleResult();
		managementService.executeJob(timer.getId());
		ClockUtil.reset();
		assertThat(http("charity").get("/api/cases/" + key + "/documents").json()).as("not approved yet").isEmpty();

		complete("charity", pi, "Task_FederationApproval", Map.of("federationDecision", "approve", "approvedAmount", "3600",
				"federationOpinion", "同意救助"));
		JsonNode approved = http("charity").get("/api/cases/" + key + "/documents").json();
		assertThat(kinds(approved)).containsExactly("relief-approval");
		String table = pdfText(http("charity").download(approved.get(0).path("url").asText()));
		assertThat(table).contains("救助审批表").contains(key).contains("6000.00").contains("3600.00")
			.contains("60%").contains("同意救助").contains("低保证核实无误");

		complete("charity", pi, "Task_RecordPayment", Map.of("voucherNo", "PZ-" + id, "paymentDate", LocalDate.now().toString()));
		runDueJobs(pi);
		JsonNode paid = http("committee-t01v01").get("/api/cases/" + key + "/documents").json();
		assertThat(kinds(paid)).containsExactly("relief-approval", "payment-notice");
		JsonNode notice = paid.get(1);
		assertThat(notice.path("number").asText()).isEqualTo("PZ-" + id);
		String text = pdfText(http("committee-t01v01").download(notice.path("url").asText()));
		assertThat(text).contains("救助金发放通知").contains("PZ-" + id).contains("3600.00");
		JsonNode trail = http("auditor").get("/api/cases/" + key + "/trail").json();
		assertThat(trail.path("outcome").path("voucherNo").asText()).isEqualTo("PZ-" + id);
		assertThat(http("committee-t02v01").get("/api/cases/" + key + "/documents").status()).isEqualTo(403);
	}

}
