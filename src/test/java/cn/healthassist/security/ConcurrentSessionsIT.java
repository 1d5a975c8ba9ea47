package cn.healthassist.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.healthassist.support.Http;
import cn.healthassist.support.IntegrationTest;

/**
 * One account holds at most healthassist.session-max-concurrent (3) logged-in sessions at once on a node (等保 资源控制):
 * the fourth login ends the oldest, which then finds itself logged out and is told why, and the security log says
 * so; a session logged out no longer counts.
 */
class ConcurrentSessionsIT extends IntegrationTest {

	private static final String PASSWORD_OK = "Strong-pass-2026!";

	private final String user = "sessions-" + UUID.randomUUID().toString().substring(0, 8);

	@Autowired
	ConcurrentSessions sessions;

	@BeforeEach
	void createUser() {
		createPerson(user, "会话", PASSWORD_OK, "county-insurance");
	}

	@AfterEach
	void removeUser() {
		identityService.deleteUser(user);
	}

	private Http loggedIn() {
		return loggedIn("tasklist");
	}

	private Http loggedIn(String app) {
		Http http = new Http(port);
		assertThat(http.login(app, user, PASSWORD_OK).status()).isEqualTo(200);
		return http;
	}

	private static int me(Http http) {
		return http.send(http.request("/api/me").header("X-Requested-With", "XMLHttpRequest").GET()).status();
	}

	@Test
	void theFourthLogin_endsTheOldestSession_andTheLogSaysSo() {
		assertThat(sessions.max()).as("application.yaml").isEqualTo(3);
		List<Http> browsers = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			browsers.add(loggedIn());
		}
		assertThat(browsers).allSatisfy(b -> assertThat(me(b)).isEqualTo(200));
		assertThat(sessions.count(user)).isEqualTo(3);

		browsers.add(loggedIn());

		// ended just after the login's answer: asked until it is
		assertThat(onceWritten(401, () -> me(browsers.get(0)))).as("the oldest, ended").isEqualTo(401);
		assertThat(browsers.subList(1, 4)).allSatisfy(b -> assertThat(me(b)).isEqualTo(200));
		assertThat(sessions.count(user)).isEqualTo(3);
		assertThat(countOnceWritten(1, "SELECT COUNT(*) FROM ha_security_event WHERE event_type = 'SESSION_ENDED' "
				+ "AND user_id = ? AND outcome = 'ended' AND detail = ?", user,
				"the oldest session of the account ended: at most 3 at once on a node")).isOne();
		// as the audit administrator finds it
		Http.Response log = http("auditadmin").get("/api/security-events?type=SESSION_ENDED&user=" + user);
		assertThat(log.status()).isEqualTo(200);
		assertThat(log.json().path("total").asLong()).isOne();
		// Tasklist, in the session ended, asks for the login again
		assertThat(browsers.get(0).get("/camunda/api/admin/auth/user/default").status()).isEqualTo(404);
	}

	@Test
	void theBrowserWhoseSessionEnded_isToldWhy_byEveryDoor_andNoOtherIs() {
		List<Http> browsers = new ArrayList<>(List.of(loggedIn(), loggedIn(), loggedIn()));
		Http never = new Http(port);
		assertThat(never.get("/api/me").status()).isEqualTo(401);
		browsers.add(loggedIn());
		Http ended = browsers.get(0);
		assertThat(onceWritten(401, () -> me(ended))).isEqualTo(401);

		String why = "本会话已结束：该账号又在别处登录，同一账号同时最多保持 3 个会话";
		// the project's API
		Http.Response api = ended.send(ended.request("/api/me").header("X-Requested-With", "XMLHttpRequest").GET());
		assertThat(api.contentType()).startsWith("application/problem+json");
		assertThat(api.json().path("detail").asText()).startsWith(why);
		assertThat(api.raw().headers().firstValue("X-Session-Ended")).as("for the portal's scripts").hasValue("limit");
		// the engine's API as Tasklist asks it
		Http.Response engine = ended.get("/camunda/api/engine/engine/default/task/count");
		assertThat(engine.status()).isEqualTo(401);
		assertThat(engine.json().path("detail").asText()).startsWith(why);
		// a portal page: the login page, with the reason its own script words
		Http.Response page = ended.get("/portal/index.html");
		assertThat(page.status()).isEqualTo(302);
		assertThat(page.raw().headers().firstValue("Location").orElseThrow()).endsWith("&ended=limit");

		// a browser that never logged in, or whose session is valid, is told nothing of it
		Http.Response first = never.send(never.request("/api/me").header("X-Requested-With", "XMLHttpRequest").GET());
		assertThat(first.json().path("detail").asText()).isEqualTo("请先登录（Tasklist 会话或 HTTP Basic）");
		assertThat(first.raw().headers().firstValue("X-Session-Ended")).isEmpty();
		assertThat(never.get("/camunda/api/engine/engine/default/task/count").json().path("detail").asText())
			.isEqualTo("请先登录");
		assertThat(never.get("/portal/index.html").raw().headers().firstValue("Location").orElseThrow())
			.doesNotContain("ended");
		assertThat(me(browsers.get(3))).isEqualTo(200);

		// logged in again in that browser: its new session is the account's newest
		Http.Response again = ended.login("tasklist", user, PASSWORD_OK);
		assertThat(again.status()).isEqualTo(200);
		assertThat(me(ended)).isEqualTo(200);
	}

	@Test
	void aLoginOwingItsSecondFactor_endsNoSession() {
		identityService.deleteMembership(user, "county-insurance");
		identityService.createMembership(user, "system-admin"); // an administrator: a TOTP code after the password
		List<Http> browsers = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			browsers.add(loggedIn("admin"));
			assertThat(browsers.get(i).get("/api/me").json().path("firstStepName").asText()).isEqualTo("totp-enrol");
		}

		assertThat(sessions.count(user)).as("the password alone counts no session").isZero();
		assertThat(browsers).allSatisfy(b -> assertThat(me(b)).isEqualTo(200));
		assertThat(count("SELECT COUNT(*) FROM ha_security_event WHERE event_type = 'SESSION_ENDED' AND user_id = ?", user))
			.isZero();

		// the code given (an authenticator set up in the last browser): that session counts
		Http last = browsers.get(3);
		String secret = last.postJson("/api/me/totp/enrol", java.util.Map.of()).json().path("secret").asText();
		assertThat(last.postJson("/api/me/totp/confirm", java.util.Map.of("code", TotpIT.code(secret, 0))).status())
			.isEqualTo(204);
		assertThat(onceWritten(1, () -> sessions.count(user))).isOne();
	}

	@Test
	void aSessionLoggedOut_countsNoLonger() {
		List<Http> browsers = new ArrayList<>(List.of(loggedIn(), loggedIn(), loggedIn()));
		Http out = browsers.get(1);
		assertThat(out.post("/camunda/api/admin/auth/user/default/logout", "application/json", "").status()).isLessThan(300);
		assertThat(me(out)).isEqualTo(401);
		assertThat(out.get("/api/me").json().path("detail").asText()).as("logged out, not ended")
			.isEqualTo("请先登录（Tasklist 会话或 HTTP Basic）");

		browsers.add(loggedIn());

		assertThat(onceWritten(3, () -> sessions.count(user))).isEqualTo(3);
		assertThat(me(browsers.get(0))).as("three logged in: the oldest stays").isEqualTo(200);
		assertThat(me(browsers.get(2))).isEqualTo(200);
		assertThat(me(browsers.get(3))).isEqualTo(200);
		assertThat(sessions.count(user)).isEqualTo(3);
		assertThat(count("SELECT COUNT(*) FROM ha_security_event WHERE event_type = 'SESSION_ENDED' AND user_id = ?", user))
			.isZero();
	}

}
