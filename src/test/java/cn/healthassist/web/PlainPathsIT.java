package cn.healthassist.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;

import org.junit.jupiter.api.Test;

import cn.healthassist.support.Http;
import cn.healthassist.support.IntegrationTest;

/**
 * Addresses that the server would read as another one are refused before any check (the login gate, the security
 * log, the web apps' redirects); API answers are never stored by the browser.
 */
class PlainPathsIT extends IntegrationTest {

	private Http.Response raw(Http http, String path) {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET());
	}

	@Test
	void matrixParametersAndDotSegments_areRefused_beforeTheyReachTheData() {
		Http doctor = http("doctor-t01v01");
		assertThat(doctor.get("/api/cases?size=1").status()).isEqualTo(200);
		for (String path : new String[] { "/api;/cases?size=1", "/api;x=1/cases", "/api/cases.xlsx;x",
				"/api/cases/CC-2026-000001/documents/certificate.pdf;x", "/api/./cases" }) {
			Http.Response r = raw(doctor, path);
			assertThat(r.status()).as(path).isEqualTo(400);
			assertThat(r.contentType()).as(path).startsWith("application/problem+json");
			assertThat(r.body()).as(path).contains("请求地址的写法不允许");
		}
	}

	@Test
	void theWebAppsDoNotRedirectToAnotherSite() {
		Http.Response r = raw(anonymous(), "//evil.example/..;/camunda/app/tasklist");
		assertThat(r.status()).isEqualTo(400);
		assertThat(r.raw().headers().firstValue("Location")).isEmpty();
	}

	@Test
	void apiAnswersCarryNoStore() {
		Http.Response r = http("auditor").get("/api/cases?size=1");
		assertThat(r.status()).isEqualTo(200);
		assertThat(r.raw().headers().firstValue("Cache-Control").orElse("")).isEqualTo("no-store");
		// the engine REST API's own no-cache gives way: its answers hold personal data too
		for (String path : java.util.List.of("/engine-rest/task?maxResults=1", "/engine-rest/history/task?maxResults=1",
				"/engine-rest/user/doctor-t01v01/profile")) {
			Http.Response engine = http("doctor-t01v01").get(path);
			assertThat(engine.status()).as(path).isEqualTo(200);
			assertThat(engine.raw().headers().allValues("Cache-Control")).as(path).containsExactly("no-store");
		}
	}

}
