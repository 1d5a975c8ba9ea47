package cn.healthassist.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.healthassist.chronic.ChronicActivities;
import cn.healthassist.support.Http;
import cn.healthassist.support.IntegrationTest;
import cn.healthassist.support.TestIds;

/** The 附件 tab's API: upload to a case through its task, list for later reviewers, limits, and who may download. */
class AttachmentIT extends IntegrationTest {

	private static final byte[] PDF = "%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF".getBytes(StandardCharsets.US_ASCII);

	private String startCollectingMaterials() {
		Http.Response r = http("doctor-t01v01").postJson("/api/chronic-certificate-applications",
				Map.of("applicantName", "赵铁柱", "idNumber", TestIds.newIdNumber(), "villageCode", "T01V01", "householdCategory",
						"dibao", "diseaseCode", "CHD", "phone", "13700001234"));
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		return r.json().path("processInstanceId").asText();
	}

	static Http.Response upload(Http http, String taskId, String fileName, String contentType, byte[] content, String description) {
		String boundary = "----healthassist" + System.nanoTime();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\n" + description + "\r\n");
		write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
				+ "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
		body.writeBytes(content);
		write(body, "\r\n--" + boundary + "--\r\n");
		return http.send(http.request("/api/tasks/" + taskId + "/attachments")
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
	}

	private static void write(ByteArrayOutputStream out, String s) {
		out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void theVillageDoctorUploads_andTheTownshipSeesTheFileLater() {
		String pi = startCollectingMaterials();
		String collectTask = task(pi, ChronicActivities.COLLECT_MATERIALS).getId();

		Http.Response up = upload(http("doctor-t01v01"), collectTask, "诊断证明书.pdf", "application/pdf", PDF, "县人民医院诊断证明");
		assertThat(up.status()).as(up.body()).isEqualTo(201);
		String id = up.json().path("id").asText();
		assertThat(up.json().path("userName").asText()).isEqualTo("张卫民");
		assertThat(up.json().path("size").asLong()).isEqualTo(PDF.length);

		complete("doctor-t01v01", pi, ChronicActivities.COLLECT_MATERIALS,
				Map.of("materialsChecklist", java.util.List.of("diagnosis", "records")));
		String reviewTask = task(pi, ChronicActivities.TOWNSHIP_REVIEW).getId();
		Http.Response list = http("health-t01").get("/api/tasks/" + reviewTask + "/attachments");
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.json()).hasSize(1);
		assertThat(list.json().get(0).path("name").asText()).isEqualTo("诊断证明书.pdf");
		assertThat(list.json().get(0).path("description").asText()).isEqualTo("县人民医院诊断证明");
		assertThat(list.json().get(0).path("taskName").asText()).isEqualTo("收集申请材料");

		Http.Response file = http("health-t01").get("/api/attachments/" + id + "/content");
		assertThat(file.status()).isEqualTo(200);
		assertThat(file.contentType()).isEqualTo("application/pdf");
		assertThat(file.body()).startsWith("%PDF");
		assertThat(http("auditor").get("/api/attachments/" + id + "/content").status()).isEqualTo(200);
		// another township, another village: not theirs
		assertThat(http("health-t02").get("/api/attachments/" + id + "/content").status()).isEqualTo(404);
		assertThat(http("doctor-t01v02").get("/api/attachments/" + id + "/content").status()).isEqualTo(404);
		assertThat(http("health-t02").get("/api/tasks/" + reviewTask + "/attachments").status()).isEqualTo(404);
		// the process owner reads every process's history for Cockpit's diagrams, never a case's materials
		assertThat(http("owner").get("/api/attachments/" + id + "/content").status()).isEqualTo(404);
	}

	/** Materials come from those who do the step: not an auditor, nor the demo's administrator, who see every task. */
	@Test
	void onlyTheStepsGroupUploads_notThoseWhoMerelySeeTheTask() {
		String pi = startCollectingMaterials();
		String taskId = task(pi, ChronicActivities.COLLECT_MATERIALS).getId();
		for (String user : java.util.List.of("admin", "auditor")) {
			Http.Response r = upload(http(user), taskId, "a.pdf", "application/pdf", PDF, "x");
			assertThat(r.status()).as(user + ": " + r.body()).isIn(403, 404);
			assertThat(r.contentType()).startsWith("application/problem+json");
		}
		assertThat(upload(http("admin"), taskId, "a.pdf", "application/pdf", PDF, "x").json().path("detail").asText())
			.contains("village-doctor-T01V01");
		assertThat(taskService.getProcessInstanceAttachments(pi)).isEmpty();
		assertThat(count("SELECT COUNT(*) FROM ha_attachment WHERE process_instance_id = ?", pi)).isZero();
	}

	@org.springframework.beans.factory.annotation.Autowired
	jakarta.servlet.ServletContext servletContext;

	private java.util.Set<java.nio.file.Path> serverTemporaryFiles() throws java.io.IOException {
		java.io.File dir = (java.io.File) servletContext.getAttribute(jakarta.servlet.ServletContext.TEMPDIR);
		assertThat(dir).as("the server's temporary directory").isNotNull();
		try (var files = java.nio.file.Files.walk(dir.toPath())) {
			return files.filter(java.nio.file.Files::isRegularFile).collect(java.util.stream.Collectors.toSet());
		}
	}

	@Test
	void uploads_leaveNoTemporaryFileOnTheServer() throws java.io.IOException {
		String pi = startCollectingMaterials();
		String collectTask = task(pi, ChronicActivities.COLLECT_MATERIALS).getId();
		java.util.Set<java.nio.file.Path> before = serverTemporaryFiles();
		byte[] large = java.util.Arrays.copyOf(PDF, 3 * 1024 * 1024);
		assertThat(upload(http("doctor-t01v01"), collectTask, "住院病历.pdf", "application/pdf", large, "病历").status())
			.isEqualTo(201);
		assertThat(upload(http("doctor-t01v01"), collectTask, "病历.pdf", "application/pdf", "MZ\u0090\u0000".getBytes(), "x")
			.status()).isEqualTo(400);
		assertThat(serverTemporaryFiles()).as("剩余信息保护: no copy of the files left on the server's disk")
			.isSubsetOf(before);
	}

	@Test
	void wrongTypesTooLargeFilesAndOtherVillagesAreRefused_andNothingIsStored() {
		String pi = startCollectingMaterials();
		String taskId = task(pi, ChronicActivities.COLLECT_MATERIALS).getId();

		Http.Response exe = upload(http("doctor-t01v01"), taskId, "病历.pdf", "application/pdf", "MZ\u0090\u0000".getBytes(), "x");
		assertThat(exe.status()).isEqualTo(400);
		assertThat(exe.json().path("detail").asText()).isEqualTo("只接受 PDF、JPG、PNG 文件（病历.pdf 不是这几种格式）");

		byte[] big = new byte[10 * 1024 * 1024 + 1];
		System.arraycopy(PDF, 0, big, 0, PDF.length);
		Http.Response tooBig = upload(http("doctor-t01v01"), taskId, "大文件.pdf", "application/pdf", big, "x");
		assertThat(tooBig.status()).isEqualTo(400);
		assertThat(tooBig.json().path("detail").asText()).isEqualTo("文件 大文件.pdf 超过 10 MB，请压缩或分开上传");

		Http.Response empty = upload(http("doctor-t01v01"), taskId, "空.pdf", "application/pdf", new byte[0], "x");
		assertThat(empty.status()).isEqualTo(400);

		Http.Response markup = upload(http("doctor-t01v01"), taskId, "a.pdf", "application/pdf", PDF, "<img src=x onerror=alert(1)>");
		assertThat(markup.status()).isEqualTo(400);

		// a right-to-left override would show "scan‮fdp.exe" as "scanexe.pdf"
		Http.Response reversed = upload(http("doctor-t01v01"), taskId, "scan\u202Efdp.exe", "application/pdf", PDF, "x");
		assertThat(reversed.status()).as(reversed.body()).isEqualTo(400);
		assertThat(reversed.json().path("detail").asText()).contains("从右向左");
		assertThat(upload(http("doctor-t01v01"), taskId, "a.pdf", "application/pdf", PDF, "诊断\u202E明证").status())
			.isEqualTo(400);

		Http.Response otherVillage = upload(http("doctor-t01v02"), taskId, "a.pdf", "application/pdf", PDF, "x");
		assertThat(otherVillage.status()).isEqualTo(404);
		assertThat(anonymous().get("/api/tasks/" + taskId + "/attachments").status()).isEqualTo(401);

		assertThat(taskService.getProcessInstanceAttachments(pi)).isEmpty();
		assertThat(count("SELECT COUNT(*) FROM ha_attachment WHERE process_instance_id = ?", pi)).isZero();
	}

	/**
	 * A file's name takes the extension of its content: a PDF named .html would open as a page once saved (its text
	 * a script), a phone's screenshot named .jpg is often a PNG; the name is kept, its extension made the content's.
	 */
	@Test
	void aFilesName_takesTheExtensionOfItsContent() {
		String pi = startCollectingMaterials();
		String taskId = task(pi, ChronicActivities.COLLECT_MATERIALS).getId();
		byte[] png = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
		java.util.Map<String, String> stored = new java.util.LinkedHashMap<>();
		for (String[] sent : new String[][] { { "检查报告.html", "pdf" }, { "检查报告.pdf.exe", "pdf" }, { "检查报告", "pdf" },
				{ "检查报告.PDF", "pdf" }, { "截图.jpg", "png" } }) {
			Http.Response r = upload(http("doctor-t01v01"), taskId, sent[0], "text/html",
					"png".equals(sent[1]) ? png : PDF, "x");
			assertThat(r.status()).as(sent[0] + ": " + r.body()).isEqualTo(201);
			stored.put(sent[0], r.json().path("name").asText());
		}
		assertThat(stored).containsExactly(java.util.Map.entry("检查报告.html", "检查报告.pdf"),
				java.util.Map.entry("检查报告.pdf.exe", "检查报告.pdf.pdf"), java.util.Map.entry("检查报告", "检查报告.pdf"),
				java.util.Map.entry("检查报告.PDF", "检查报告.PDF"), java.util.Map.entry("截图.jpg", "截图.png"));
		String id = jdbc.queryForObject("SELECT attachment_id FROM ha_attachment WHERE process_instance_id = ? AND file_name = ?",
				String.class, pi, "截图.png");
		Http.Download file = http("health-t01").download("/api/attachments/" + id + "/content");
		assertThat(file.disposition()).contains(".png").doesNotContain(".jpg");
	}

	@Test
	void onlyTheUploaderRemovesAFile_whileTheStepIsOpen_andTheTrailShowsTheRemoval() {
		String pi = startCollectingMaterials();
		String collectTask = task(pi, ChronicActivities.COLLECT_MATERIALS).getId();
		String wrong = upload(http("doctor-t01v01"), collectTask, "错的.pdf", "application/pdf", PDF, "传错了").json().path("id").asText();
		String kept = upload(http("doctor-t01v01"), collectTask, "诊断证明书.pdf", "application/pdf", PDF, "诊断").json().path("id").asText();
		String businessKey = historyService.createHistoricProcessInstanceQuery().processInstanceId(pi).singleResult().getBusinessKey();

		assertThat(http("doctor-t01v02").delete("/api/attachments/" + wrong).status()).isEqualTo(404);
		assertThat(http("health-t02").delete("/api/attachments/" + wrong).status()).isEqualTo(404);
		assertThat(http("auditor").delete("/api/attachments/" + wrong).status()).isEqualTo(403);
		assertThat(http("doctor-t01v01").get("/api/attachments/" + wrong + "/content").status()).isEqualTo(200);

		Http.Response removed = http("doctor-t01v01").delete("/api/attachments/" + wrong);

		assertThat(removed.status()).as(removed.body()).isEqualTo(204);
		assertThat(http("doctor-t01v01").get("/api/attachments/" + wrong + "/content").status()).isEqualTo(404);
		assertThat(taskService.getAttachment(wrong)).isNull();
		assertThat(http("doctor-t01v01").delete("/api/attachments/" + wrong).status()).isEqualTo(404);
		var list = http("doctor-t01v01").get("/api/tasks/" + collectTask + "/attachments").json();
		assertThat(list).hasSize(2);
		var gone = java.util.stream.StreamSupport.stream(list.spliterator(), false)
			.filter(a -> a.path("id").asText().equals(wrong))
			.findFirst()
			.orElseThrow();
		assertThat(gone.path("removedBy").asText()).isEqualTo("doctor-t01v01");
		assertThat(gone.path("removedAt").isNull()).isFalse();
		var trail = http("auditor").get("/api/cases/" + businessKey + "/trail").json();
		assertThat(trail.path("chainVerified").asBoolean()).isTrue();
		assertThat(trail.path("attachments").toString()).contains("错的.pdf", "removedAt");
		assertThat(count("SELECT COUNT(*) FROM ha_audit_log WHERE business_key = ? AND event_type = 'attachment-removed'",
				businessKey)).isOne();

		complete("doctor-t01v01", pi, ChronicActivities.COLLECT_MATERIALS,
				Map.of("materialsChecklist", java.util.List.of("diagnosis", "records")));
		Http.Response late = http("doctor-t01v01").delete("/api/attachments/" + kept);

		assertThat(late.status()).as(late.body()).isEqualTo(409);
		assertThat(late.json().path("detail").asText()).contains("已办理完毕");
		assertThat(taskService.getAttachment(kept)).isNotNull();
	}

}
