package cn.healthassist.chronic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import cn.healthassist.support.Http;
import cn.healthassist.support.IntegrationTest;
import cn.healthassist.support.TestIds;

/** POST /api/treatment-records (docs/product.md 2.1 step 2): CSV from the medical-insurance system. */
class TreatmentRecordImportIT extends IntegrationTest {

	private static final String PATH = "/api/treatment-records";

	private int records(String id) {
		return count("SELECT COUNT(*) FROM ha_treatment_record WHERE id_index = ?", idIndex(id));
	}

	@Test
	void importsAFile_andTheSameFileTwiceAddsNothing() {
		String a = TestIds.newIdNumber();
		String b = TestIds.newIdNumber();
		String csv = "idNumber,diseaseCode,hospitalName,visitDate\n" + a + ",HTN,县人民医院,2026-01-10\n" + a
				+ ",HTN,东湖镇卫生院,2026-02-11\n" + b + ",DM,县中医院,2025-12-01\n";
		Http.Response first = http("insurance").post(PATH, "text/csv", csv);
		assertThat(first.status()).as(first.body()).isEqualTo(200);
		assertThat(first.json().path("inserted").asInt()).isEqualTo(3);
		assertThat(records(a)).isEqualTo(2);

		Http.Response second = http("insurance").post(PATH, "text/csv", csv);
		assertThat(second.json().path("inserted").asInt()).isZero();
		assertThat(second.json().path("alreadyStored").asInt()).isEqualTo(3);
		assertThat(records(a)).isEqualTo(2);
		assertThat(records(b)).isEqualTo(1);
	}

	@Test
	void aBadLineRefusesTheWholeFile_withItsNumberAndReason() {
		String good = TestIds.newIdNumber();
		String csv = "idNumber,diseaseCode,hospitalName,visitDate\n" + good + ",HTN,县人民医院,2026-01-10\n"
				+ TestIds.withWrongCheck(TestIds.newIdNumber()) + ",HTN,县人民医院,2026-01-10\n" + good + ",FLU,县人民医院,2026-01-10\n"
				+ good + ",HTN,县人民医院,2026-13-01\n" + good + ",HTN,县人民医院," + LocalDate.now().plusDays(3) + "\n" + good
				+ ",HTN,县人民医院\n";
		Http.Response r = http("insurance").post(PATH, "text/csv", csv);
		assertThat(r.status()).isEqualTo(400);
		assertThat(r.contentType()).startsWith("application/problem+json");
		assertThat(r.json().path("errors").findValuesAsText("message")).containsExactly("第3行：身份证号码校验位不正确，请核对",
				"第4行：病种 FLU 不在慢性病目录中", "第5行：就诊日期 \"2026-13-01\" 无效，应为 yyyy-MM-dd",
				"第6行：就诊日期 " + LocalDate.now().plusDays(3) + " 晚于今天", "第7行：应有4列，实际3列");
		assertThat(records(good)).as("nothing of the file is stored").isZero();
	}

	@Test
	void aHospitalNameWithAnInvisibleCharacter_isRefused() {
		String id = TestIds.newIdNumber();
		Http.Response r = http("insurance").post(PATH, "text/csv",
				"idNumber,diseaseCode,hospitalName,visitDate\n" + id + ",HTN,县医院\u202E院医,2026-01-10\n");
		assertThat(r.status()).isEqualTo(400);
		assertThat(r.json().path("errors").findValuesAsText("message")).singleElement().asString()
			.startsWith("第2行：医院名称").contains("不可见字符");
		assertThat(records(id)).isZero();
	}

	@Test
	void aWrongHeaderIsRefused() {
		Http.Response r = http("insurance").post(PATH, "text/csv", "id,disease,hospital,date\n");
		assertThat(r.status()).isEqualTo(400);
		assertThat(r.json().path("detail").asText()).startsWith("第1行：表头缺少列 idNumber（表头应为 idNumber,diseaseCode,hospitalName,visitDate）");
	}

	@Test
	void onlyTheInsuranceBureauAndAdministratorsImport() {
		String id = TestIds.newIdNumber();
		String csv = "idNumber,diseaseCode,hospitalName,visitDate\n" + id + ",HTN,县人民医院,2026-01-10\n";
		assertThat(http("doctor-t01v01").post(PATH, "text/csv", csv).status()).isEqualTo(403);
		assertThat(http("auditor").post(PATH, "text/csv", csv).status()).isEqualTo(403);
		assertThat(anonymous().post(PATH, "text/csv", csv).status()).isEqualTo(401);
		assertThat(records(id)).isZero();
		assertThat(http("admin").post(PATH, "text/csv", csv).status()).isEqualTo(200);
		assertThat(records(id)).isOne();
	}

	@Test
	void aGbkFile_isRefusedNamingItsEncoding_andNothingIsStored() {
		String id = TestIds.newIdNumber();
		byte[] gbk = ("idNumber,diseaseCode,hospitalName,visitDate\n" + id + ",HTN,县人民医院,2026-01-10\n")
			.getBytes(java.nio.charset.Charset.forName("GBK"));

		Http.Response r = http("insurance").post(PATH, "text/csv", gbk);

		assertThat(r.status()).as(r.body()).isEqualTo(400);
		assertThat(r.json().path("detail").asText()).contains("UTF-8", "GBK");
		assertThat(records(id)).isZero();
	}

	@Test
	void aFileOverTheLimit_is413_beforeItIsSent() throws Exception {
		// a client announcing 450 MB gets its answer before sending them (as curl does, the body is never read)
		try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
			socket.setSoTimeout(10_000);
			String auth = java.util.Base64.getEncoder().encodeToString("insurance:demo".getBytes(java.nio.charset.StandardCharsets.UTF_8));
			socket.getOutputStream().write(("POST " + PATH + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic " + auth
					+ "\r\nContent-Type: text/csv\r\nContent-Length: " + 450L * 1024 * 1024 + "\r\nConnection: close\r\n\r\nidNumber")
				.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
			socket.getOutputStream().flush();
			// the answer's headers, then as many bytes of body as they announce (the server keeps the connection a while)
			java.io.InputStream in = socket.getInputStream();
			java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
			while (!head.toString(java.nio.charset.StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
				int b = in.read();
				assertThat(b).as("the server answers before the body is sent").isNotNegative();
				head.write(b);
			}
			String headers = head.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
			java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(headers);
			int size;
			if (length.find()) {
				size = Integer.parseInt(length.group(1));
			}
			else { // chunked: the first chunk's size line
				StringBuilder line = new StringBuilder();
				for (int b = in.read(); b != '\n'; b = in.read()) {
					line.append((char) b);
				}
				size = Integer.parseInt(line.toString().strip(), 16);
			}
			String body = new String(in.readNBytes(size), java.nio.charset.StandardCharsets.UTF_8);
			String answer = headers + body;

			assertThat(answer).startsWith("HTTP/1.1 413").contains("application/problem+json").contains("20 MB");
		}
	}

}
