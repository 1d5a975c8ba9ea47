package cn.healthassist.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;

import org.junit.jupiter.api.Test;

import cn.healthassist.support.Http;
import cn.healthassist.support.IntegrationTest;

/**
 * A browser that once answered the Basic prompt sends those credentials with another site's form: such a change is
 * refused with 403 before it reaches the product or the engine, and logged; the same request from the product's own
 * site, or from a script (no Origin), goes on.
 */
class CrossSiteBasicIT extends IntegrationTest {

	private Http.Response post(Http http, String path, String origin) {
		HttpRequest.Builder request = http.request(path)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("a=b"));
		if (origin != null) {
			request.header("Origin", origin);
		}
		return http.send(request);
	}

	@Test
	void aChangeFromAnotherSitesPage_isRefused_theSameFromOurOwnOrAScriptGoesOn() {
		Http doctor = http("doctor-t01v01");
		int denied = count("SELECT COUNT(*) FROM ha_security_event WHERE event_type = 'ACCESS_DENIED' AND user_id = 'doctor-t01v01'");
		Http.Response evil = post(doctor, "/api/cases/CC-2026-999999/reminders", "https://evil.example");
		assertThat(evil.status()).as(evil.body()).isEqualTo(403);
		assertThat(evil.contentType()).startsWith("application/problem+json");
		assertThat(evil.json().path("detail").asText()).contains("其他网站");
		assertThat(countOnceWritten(denied + 1,
				"SELECT COUNT(*) FROM ha_security_event WHERE event_type = 'ACCESS_DENIED' AND user_id = 'doctor-t01v01'"))
			.as("the refusal is in the security log").isEqualTo(denied + 1);
		Http.Response unlock = post(http("secadmin"), "/api/users/doctor-t01v01/unlock", "https://evil.example");
		assertThat(unlock.status()).isEqualTo(403);
		assertThat(post(doctor, "/engine-rest/task/no-such-task/unclaim", "null").status()).isEqualTo(403);

		// the product's own site, and a script: the request reaches the product (an unknown case: 404)
		assertThat(post(doctor, "/api/cases/CC-2026-999999/reminders", "http://localhost:" + port).status())
			.isEqualTo(404);
		assertThat(post(doctor, "/api/cases/CC-2026-999999/reminders", null).status()).isEqualTo(404);
	}

}
