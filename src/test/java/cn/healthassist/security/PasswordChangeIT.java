package cn.healthassist.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import cn.healthassist.support.Http;
import cn.healthassist.support.IntegrationTest;

/**
 * Passwords over time (等保 身份鉴别): none of the last five again, whatever the door; a password an administrator set,
 * or one older than 90 days, is changed by its owner before anything else works; demo accounts are exempt.
 */
class PasswordChangeIT extends IntegrationTest {

	private static final String FIRST = "Given-by-admin-1";

	private final String user = "pwc-" + UUID.randomUUID().toString().substring(0, 8);

	@AfterEach
	void removeUser() {
		ClockUtil.reset();
		identityService.deleteUser(user);
	}

	/** The system administrator creates the account through the engine REST API, as Admin does. */
	private void createdByTheSystemAdministrator() {
		Http.Response r = http("sysadmin").postJson("/engine-rest/user/create", Map.of("profile",
				Map.of("id", user, "firstName", "测试", "lastName", "改密"), "credentials", Map.of("password", FIRST)));
		assertThat(r.status()).as(r.body()).isEqualTo(204);
	}

	/** The account as if its owner had set the password (no administrator involved). */
	private void createdByItsOwner(String password) {
		User u = identityService.newUser(user);
		u.setFirstName("测试");
		u.setLastName("改密");
		u.setPassword(password);
		identityService.saveUser(u);
	}

	private Http session(String password) {
		Http http = new Http(port);
		assertThat(http.login("welcome", user, password).status()).isEqualTo(200);
		return http;
	}

	private static Http.Response html(Http http, String path) {
		return http.send(http.request(path).setHeader("Accept", "text/html,application/xhtml+xml").GET());
	}

	private Http.Response change(Http http, String current, String next) {
		return http.postJson("/api/me/password", Map.of("currentPassword", current, "newPassword", next));
	}

	@Test
	void aPasswordTheAdministratorSet_mustBeChangedFirst_thenEverythingWorks() {
		createdByTheSystemAdministrator();
		Http owner = session(FIRST);

		Http.Response api = owner.get("/api/my/cases?role=started");
		assertThat(api.status()).isEqualTo(403);
		assertThat(api.contentType()).startsWith("application/problem+json");
		assertThat(api.json().path("detail").asText()).contains("请先修改密码", "管理员设置");
		Http.Response page = html(owner, "/portal/index.html");
		assertThat(page.status()).isEqualTo(302);
		assertThat(page.raw().headers().firstValue("Location").orElse("")).endsWith("/portal/password.html");
		assertThat(html(owner, "/camunda/app/tasklist/default/").raw().headers().firstValue("Location").orElse(""))
			.endsWith("/portal/password.html");
		assertThat(html(owner, "/portal/password.html").status()).isEqualTo(200);
		assertThat(owner.get("/portal/js/password.js").status()).as("the page's script").isEqualTo(200);
		JsonNode me = owner.get("/api/me").json();
		assertThat(me.path("firstStep").asText()).isEqualTo("/portal/password.html");
		assertThat(me.path("csrfToken").asText()).isNotBlank();
		Http.Response basic = Http.as(port, user, FIRST).get("/engine-rest/task");
		assertThat(basic.status()).as("HTTP Basic too").isEqualTo(403);
		assertThat(basic.json().path("detail").asText()).contains("请先修改密码");

		Http.Response wrong = change(owner, "not-my-password", "Mine-own-2026!");
		assertThat(wrong.status()).isEqualTo(400);
		assertThat(wrong.json().path("errors").get(0).path("field").asText()).isEqualTo("currentPassword");
		// a wrong current password is a failed login in the security log, as it is for the account's lock
		assertThat(countOnceWritten(1, "SELECT COUNT(*) FROM ha_security_event WHERE event_type = 'LOGIN_FAILURE' "
				+ "AND user_id = ? AND detail = 'password check: POST /api/me/password'", user)).isOne();
		Http.Response weak = change(owner, FIRST, "abcdefgh");
		assertThat(weak.status()).isEqualTo(400);
		assertThat(weak.json().path("errors").findValuesAsText("message")).anySatisfy(m -> assertThat(m).contains("至少 3 种"));
		assertThat(weak.json().path("errors").findValuesAsText("field")).containsOnly("newPassword");
		Http.Response same = change(owner, FIRST, FIRST);
		assertThat(same.status()).isEqualTo(400);
		assertThat(same.json().path("errors").get(0).path("message").asText()).contains("最近 5 次");
		assertThat(identityService.checkPassword(user, FIRST)).as("nothing was stored").isTrue();

		assertThat(change(owner, FIRST, "Mine-own-2026!").status()).isEqualTo(204);
		assertThat(owner.get("/api/my/cases?role=started").status()).isEqualTo(200);
		assertThat(owner.get("/api/me").json().path("firstStep").isNull()).isTrue();
		assertThat(Http.as(port, user, "Mine-own-2026!").get("/api/my/cases?role=started").status()).isEqualTo(200);

		JsonNode changed = http("auditadmin").get("/api/security-events?type=PASSWORD_CHANGED&user=" + user).json().path("items");
		assertThat(changed).hasSize(1);
		JsonNode denied = http("auditadmin").get("/api/security-events?type=ACCESS_DENIED&user=" + user).json().path("items");
		assertThat(denied).isNotEmpty();
	}

	@Test
	void noneOfTheLastFivePasswords_whateverTheDoor() {
		createdByItsOwner("Pass-word-01");
		Http.Response r = null;
		String current = "Pass-word-01";
		for (int i = 2; i <= 5; i++) {
			String next = "Pass-word-0" + i;
			r = Http.as(port, user, current).putJson("/engine-rest/user/" + user + "/credentials",
					Map.of("password", next, "authenticatedUserPassword", current));
			assertThat(r.status()).as(r.body()).isEqualTo(204);
			current = next;
		}
		// the engine's door: a wrong authenticatedUserPassword is a failed login too
		Http.Response wrongCurrent = Http.as(port, user, current).putJson("/engine-rest/user/" + user + "/credentials",
				Map.of("password", "Pass-word-99", "authenticatedUserPassword", "not-" + current));
		assertThat(wrongCurrent.status()).isEqualTo(400);
		assertThat(countOnceWritten(1, "SELECT COUNT(*) FROM ha_security_event WHERE event_type = 'LOGIN_FAILURE' "
				+ "AND user_id = ? AND detail = ?", user, "password check: PUT /engine-rest/user/" + user + "/credentials"))
			.isOne();
		// Tasklist's profile and Admin use this route; the first of five is still remembered
		r = Http.as(port, user, current).putJson("/engine-rest/user/" + user + "/credentials",
				Map.of("password", "Pass-word-01", "authenticatedUserPassword", current));
		assertThat(r.status()).isEqualTo(400);
		assertThat(r.body()).contains("最近 5 次");
		assertThat(identityService.checkPassword(user, current)).as("unchanged").isTrue();
		// the product's own page
		r = Http.as(port, user, current).postJson("/api/me/password", Map.of("currentPassword", current, "newPassword", "Pass-word-03"));
		assertThat(r.status()).isEqualTo(400);
		assertThat(r.json().path("errors").get(0).path("field").asText()).isEqualTo("newPassword");
		// a sixth one makes the first one usable again
		r = Http.as(port, user, current).postJson("/api/me/password", Map.of("currentPassword", current, "newPassword", "Pass-word-06"));
		assertThat(r.status()).isEqualTo(204);
		r = Http.as(port, user, "Pass-word-06").postJson("/api/me/password",
				Map.of("currentPassword", "Pass-word-06", "newPassword", "Pass-word-01"));
		assertThat(r.status()).as(r.body()).isEqualTo(204);
		assertThat(count("SELECT COUNT(*) FROM ha_password_history WHERE user_id = ?", user)).isEqualTo(5);
		assertThat(jdbc.queryForList("SELECT password_hash FROM ha_password_history WHERE user_id = ?", String.class, user))
			.allSatisfy(h -> assertThat(h).startsWith("{SHA-512}").doesNotContain("Pass-word"));
	}

	@Test
	void aPasswordOlderThanNinetyDays_mustBeChanged_butNotADemoAccounts() {
		createdByItsOwner("Own-pass-2026!");
		assertThat(Http.as(port, user, "Own-pass-2026!").get("/api/my/cases?role=started").status()).isEqualTo(200);
		ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() + 91L * 24 * 3600 * 1000));
		Http.Response old = Http.as(port, user, "Own-pass-2026!").get("/api/my/cases?role=started");
		assertThat(old.status()).isEqualTo(403);
		assertThat(old.json().path("detail").asText()).contains("超过 90 天");
		assertThat(http("doctor-t01v01").get("/api/my/cases?role=started").status()).as("demo accounts are exempt")
			.isEqualTo(200);
		assertThat(Http.as(port, user, "Own-pass-2026!").postJson("/api/me/password",
				Map.of("currentPassword", "Own-pass-2026!", "newPassword", "Newer-pass-2026!")).status()).isEqualTo(204);
		assertThat(Http.as(port, user, "Newer-pass-2026!").get("/api/my/cases?role=started").status()).isEqualTo(200);
	}

	@Test
	void badRequests_areRefusedClearly_andChangeNothing() {
		createdByItsOwner("Own-pass-2026!");
		Http http = Http.as(port, user, "Own-pass-2026!");
		Http.Response empty = http.postJson("/api/me/password", Map.of());
		assertThat(empty.status()).isEqualTo(400);
		assertThat(empty.json().path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("currentPassword", "newPassword");
		Http.Response userData = http.postJson("/api/me/password", Map.of("currentPassword", "Own-pass-2026!",
				"newPassword", "X1-" + user));
		assertThat(userData.status()).isEqualTo(400);
		assertThat(userData.body()).contains("不能包含用户名");
		Http.Response tooLong = http.postJson("/api/me/password", Map.of("currentPassword", "Own-pass-2026!",
				"newPassword", "Aa1#" + "x".repeat(200)));
		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(tooLong.body()).contains("不能超过 128 个字符");
		assertThat(identityService.checkPassword(user, "Own-pass-2026!")).isTrue();
		Http.Response session = new Http(port).postJson("/api/me/password", Map.of("currentPassword", "x", "newPassword", "y"));
		assertThat(session.status()).isEqualTo(401);
	}

}
