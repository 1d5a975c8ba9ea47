package cn.healthassist.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import cn.healthassist.support.Http;
import cn.healthassist.support.IntegrationTest;

/**
 * Malformed input at every endpoint of the project's API: wrong types, unknown fields, broken JSON, over-long or
 * control-character strings, markup, bad query parameters, wrong content types. Each is a problem+json error that
 * names the problem and leaks nothing internal.
 */
class MalformedInputIT extends IntegrationTest {

	@ParameterizedTest(name = "{1} {2} <- {4}")
	@CsvSource(delimiter = '|', quoteCharacter = '`', value = {
			"doctor-t01v01|POST|/api/chronic-certificate-applications|application/json|[]|400",
			"doctor-t01v01|POST|/api/chronic-certificate-applications|application/json|not json|400",
			"doctor-t01v01|POST|/api/chronic-certificate-applications|application/json|`{\"idNumber\": {\"a\": 1}}`|400",
			"doctor-t01v01|POST|/api/chronic-certificate-applications|application/json|`{\"applicantName\": \"a\\u0001b\", \"idNumber\": \"x\"}`|400",
			"doctor-t01v01|POST|/api/chronic-certificate-applications|application/json|`{\"admin\": true}`|400",
			"hdoctor-h01|POST|/api/referrals|application/json|`{\"patientName\": \"x\", \"sql\": \"1; DROP TABLE ha_case\"}`|400",
			"hdoctor-h01|POST|/api/referrals|application/json|`{\"diagnosis\": \"<img src=x onerror=alert(1)>\"}`|400",
			"committee-t01v01|POST|/api/charity-relief-applications|application/json|`{\"totalCost\": [1]}`|400",
			"committee-t01v01|POST|/api/charity-relief-applications|application/json|`{\"totalCost\": \"1e400\"}`|400",
			"committee-t01v01|POST|/api/charity-relief-applications|application/json|`{\"totalCost\": true}`|400",
			"committee-t01v01|POST|/api/charity-relief-applications/CR-2026-999999/objections|application/json|`{\"reason\": \"\\u0007\"}`|400",
			"doctor-t01v01|POST|/api/chronic-certificate-applications/CC-2026-999999/withdraw|application/json|`{\"reason\": \"<script>x</script>\"}`|400",
			"commission|POST|/api/referrals/audits|application/json|`{\"businessKeys\": \"RF-1\", \"outcome\": \"compliant\", \"opinion\": \"x\"}`|400",
			"commission|PUT|/api/referral-report/admissions|application/json|`{\"hospitalCode\": \"H01\", \"month\": \"2026-11\", \"totalAdmissions\": \"many\"}`|400",
			"commission|PUT|/api/referral-report/admissions|application/json|`{\"hospitalCode\": \"H01\", \"month\": \"11/2026\", \"totalAdmissions\": 3}`|400",
			"auditor|GET|/api/cases?page=abc||`` |400",
			"auditor|GET|/api/cases?size=1000000||`` |400",
			"auditor|GET|/api/cases?page=99999999&size=200||`` |400",
			"auditor|GET|/api/cases?page=2147483647&size=200||`` |400",
			"doctor-t01v01|GET|/api/my/cases?page=100000&size=100||`` |400",
			"doctor-t01v01|GET|/api/my/cases?page=-1||`` |400",
			"auditadmin|GET|/api/security-events?page=50000&size=100||`` |400",
			"doctor-t01v01|GET|/error||`` |404",
			"doctor-t01v01|POST|/error|application/json|`{}`|404",
			"auditor|GET|/api/cases?name=%00||`` |400",
			"doctor-t01v01|GET|/api/cases?from=%2B300000000-01-01T00:00||`` |400",
			"doctor-t01v01|GET|/api/cases?from=-999999999-01-01T00:00||`` |400",
			"doctor-t01v01|GET|/api/cases.xlsx?to=%2B999999999-12-31T00:00||`` |400",
			"commission|GET|/api/referral-report?from=%2B999999999-12&to=%2B999999999-12||`` |400",
			"commission|GET|/api/referral-report.xlsx?to=-999999999-01||`` |400",
			"commission|PUT|/api/referral-report/admissions|application/json|`{\"hospitalCode\": \"H01\", \"month\": \"+10000-01\", \"totalAdmissions\": 1}`|400",
			"commission|POST|/api/referrals/audits|application/json|`{\"businessKeys\": [null], \"outcome\": \"compliant\", \"opinion\": \"ok\"}`|400",
			"auditadmin|GET|/api/security-events?from=%2B999999999-12-31||`` |400",
			"insurance|POST|/api/treatment-records|application/json|`{}`|415",
			"insurance|POST|/api/treatment-records|text/csv|``|400",
			"admin|POST|/api/organisation|text/csv|`type,code,name,parent\ncounty,C<1>,x,`|400",
			"doctor-t01v01|POST|/api/tasks/no-such-task/attachments|multipart/form-data; boundary=x|`--x--`|400",
			"doctor-t01v01|POST|/api/tasks/no-such-task/attachments|multipart/form-data|x|400",
			"doctor-t01v01|POST|/api/tasks/no-such-task/attachments|multipart/form-data; boundary=zz|`--zz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"`|400",
			"doctor-t01v01|POST|/api/organisation|multipart/form-data|x|400",
			"doctor-t01v01|GET|/api/cases/%2F||`` |400",
			"doctor-t01v01|GET|/engine-rest/task%2F1||`` |400",
			"doctor-t01v01|GET|/api/cases%00x||`` |400",
			"auditor|GET|/api/cases/CC-2026-000001%2Ftrail||`` |400",
			"doctor-t01v01|POST|/api/chronic-certificate-applications/CC-2026-999999/withdraw|application/json|`{\"reason\": \"a\", \"reason\": \"b\"}`|400" })
	void isAClearProblem(String user, String method, String path, String contentType, String body, int status) {
		Http http = http(user);
		Http.Response r = switch (method) {
			case "GET" -> http.get(path);
			case "PUT" -> http.send(http.request(path).header("Content-Type", contentType)
				.PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body.replace("\\n", "\n"))));
			default -> http.post(path, contentType, body.replace("\\n", "\n"));
		};
		assertThat(r.status()).as(r.body()).isEqualTo(status);
		assertThat(r.contentType()).startsWith("application/problem+json");
		assertThat(r.json().path("detail").asText()).isNotBlank();
		assertThat(r.json().path("title").asText()).as("the sender's mistake, not a system error").isNotEqualTo("系统错误");
		assertThat(r.body()).doesNotContain("Exception", "at cn.", "at org.", "SQL", "ha_case", "java.");
	}

	/** A page out of bounds names the field that is: page for a page too far or below 0, size for a size. */
	@org.junit.jupiter.api.Test
	void aPageOutOfBounds_namesItsField() {
		for (String path : java.util.List.of("/api/my/cases?page=-1", "/api/my/cases?page=100000&size=100",
				"/api/cases?page=100000&size=100")) {
			Http.Response r = http("doctor-t01v01").get(path);
			assertThat(r.status()).as(path).isEqualTo(400);
			assertThat(r.json().path("errors").findValuesAsText("field")).as(path).containsExactly("page");
		}
		Http.Response size = http("auditadmin").get("/api/security-events?size=0");
		assertThat(size.status()).isEqualTo(400);
		assertThat(size.json().path("errors").findValuesAsText("field")).containsExactly("size");
	}

	/** A whole number is a whole number: 1.5 is not read as 1, nor 99999999999 taken for broken JSON. */
	@org.junit.jupiter.api.Test
	void aNumberThatIsNoWholeNumber_orTooLarge_isRefusedNamingIt_andNothingIsStored() {
		int before = count("SELECT COUNT(*) FROM ha_admission_total WHERE period_month = '2025-01'");
		for (String admissions : java.util.List.of("1.5", "99999999999", "1e3")) {
			Http.Response r = http("commission").send(http("commission").request("/api/referral-report/admissions")
				.header("Content-Type", "application/json")
				.PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
						"{\"hospitalCode\": \"H01\", \"month\": \"2025-01\", \"totalAdmissions\": " + admissions + "}")));
			assertThat(r.status()).as(admissions + ": " + r.body()).isEqualTo(400);
			assertThat(r.json().path("errors").path(0).path("field").asText()).as(admissions + ": " + r.body())
				.isEqualTo("totalAdmissions");
		}
		assertThat(count("SELECT COUNT(*) FROM ha_admission_total WHERE period_month = '2025-01'")).isEqualTo(before);
	}

	/**
	 * A field sent twice is refused naming it, wherever it stands: Jackson read the last copy of a field in the middle
	 * and failed (500) on one at the end, and another reader might keep the first.
	 */
	@org.junit.jupiter.api.Test
	void aFieldSentTwice_isRefusedNamingIt_andNothingIsStored() {
		String id = cn.healthassist.support.TestIds.newIdNumber();
		String valid = "\"applicantName\": \"重复\", \"idNumber\": \"" + id + "\", \"villageCode\": \"T01V01\", "
				+ "\"householdCategory\": \"dibao\", \"diseaseCode\": \"HTN\", \"phone\": \"13700001234\"";
		int cases = count("SELECT COUNT(*) FROM ha_case");
		for (String body : java.util.List.of("{" + valid + ", \"phone\": \"13700001234\"}",
				"{\"phone\": \"13700001235\", " + valid + "}")) {
			Http.Response r = http("doctor-t01v01").post("/api/chronic-certificate-applications", "application/json", body);
			assertThat(r.status()).as(r.body()).isEqualTo(400);
			assertThat(r.json().path("detail").asText()).isEqualTo("字段 phone 出现了两次，请只发送一次");
			assertThat(r.json().path("errors").get(0).path("field").asText()).isEqualTo("phone");
		}
		assertThat(count("SELECT COUNT(*) FROM ha_case")).isEqualTo(cases);
	}

}
