package cn.healthassist.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;

import org.junit.jupiter.api.Test;

import cn.healthassist.support.Http;
import cn.healthassist.support.IntegrationTest;

/**
 * The portal's login page gets the CSRF token a login needs from /api/login-token, also after a logout in the same
 * browser (the session Camunda's token belongs to outlives the logout, and Camunda hands its token out only once). A
 * login without the token is still refused.
 */
class LoginTokenIT extends IntegrationTest {

	private HttpRequest.Builder login(String token, String user) {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port
				+ "/camunda/api/admin/auth/user/default/login/welcome"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + PASSWORD));
		return token == null ? b : b.header("X-XSRF-TOKEN", token);
	}

	private String token(Http browser) {
		Http.Response r = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/login-token"))
			.header("Accept", "application/json").GET());
		assertThat(r.status()).isEqualTo(200);
		assertThat(r.raw().headers().firstValue("Cache-Control").orElse("")).contains("no-store");
		String token = r.json().path("csrfToken").asText();
		assertThat(token).matches("[0-9A-F]{32}");
		return token;
	}

	@Test
	void loginLogoutAndLoginAgain_inOneBrowser() {
		Http browser = new Http(port);
		assertThat(browser.send(login(null, "doctor-t01v01")).status()).as("no token, no login").isEqualTo(403);
		String token = token(browser);
		assertThat(browser.send(login(token, "doctor-t01v01")).status()).isEqualTo(200);
		assertThat(browser.get("/api/me").json().path("userId").asText()).isEqualTo("doctor-t01v01");

		Http.Response out = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
				+ "/camunda/api/admin/auth/user/default/logout"))
			.header("X-XSRF-TOKEN", token(browser))
			.POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(out.status()).isBetween(200, 204);
		assertThat(browser.get("/api/me").status()).as("logged out").isEqualTo(401);

		String again = token(browser);
		assertThat(browser.send(login(again, "health-t01")).status()).as("the second login of the browser").isEqualTo(200);
		assertThat(browser.get("/api/me").json().path("userId").asText()).isEqualTo("health-t01");
		assertThat(browser.send(login("0123456789ABCDEF0123456789ABCDEF", "doctor-t01v01")).status())
			.as("a made-up token").isEqualTo(403);
	}

}
