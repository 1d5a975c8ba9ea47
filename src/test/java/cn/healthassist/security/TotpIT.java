package cn.healthassist.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import cn.healthassist.support.Http;
import cn.healthassist.support.IntegrationTest;
import dev.samstevens.totp.code.DefaultCodeGenerator;

/**
 * Two factors for the administrators (等保 身份鉴别): an administrator who is not a demo account sets up a TOTP
 * authenticator at the first login and gives its code after the password at every login, in the web apps' session
 * and with HTTP Basic (header X-TOTP); wrong codes count toward the account's lock, a code is taken once, the
 * security administrator removes a lost authenticator; staff may enrol, and then need it too. The codes are computed
 * here from the secret the enrolment showed, with the library the product uses, at the engine's clock.
 */
class TotpIT extends IntegrationTest {

	private static final String PASSWORD_OK = "Admin-pass-2026!";

	private final String admin = "totp-" + UUID.randomUUID().toString().substring(0, 8);

	private final String staff = "totps-" + UUID.randomUUID().toString().substring(0, 8);

	@BeforeEach
	void accounts() {
		// a system administrator as a new installation has them (not the demo's, which are exempt)
		create(admin);
		identityService.createMembership(admin, Groups.SYSTEM_ADMIN);
		create(staff);
		identityService.createMembership(staff, "county-insurance");
		// the codes follow the engine's clock, which the test holds and moves
		ClockUtil.setCurrentTime(new Date((System.currentTimeMillis() / 30_000) * 30_000 + 5_000));
	}

	@AfterEach
	void removeAccounts() {
		ClockUtil.reset();
		identityService.deleteUser(admin);
		identityService.deleteUser(staff);
	}

	private void create(String id) {
		User u = identityService.newUser(id);
		u.setFirstName("测试");
		u.setLastName("两步");
		u.setPassword(PASSWORD_OK);
		identityService.saveUser(u);
	}

	/** The authenticator's code for the secret, steps of 30 s from the engine's now (ConcurrentSessionsIT too). */
	static String code(String secret, long stepsFromNow) {
		try {
			return new DefaultCodeGenerator().generate(secret, ClockUtil.getCurrentTime().getTime() / 30_000 + stepsFromNow);
		}
		catch (Exception e) {
			throw new AssertionError(e);
		}
	}

	/** A code that is none of the three the server takes now. */
	private static String wrongCode(String secret) {
		for (int i = 0; i < 1_000_000; i++) {
			String c = String.format("%06d", i);
			if (!c.equals(code(secret, -1)) && !c.equals(code(secret, 0)) && !c.equals(code(secret, 1))) {
				return c;
			}
		}
		throw new AssertionError();
	}

	private void later(int seconds) {
		ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + seconds * 1000L));
	}

	private Http session(String user) {
		Http http = new Http(port);
		Http.Response r = http.login("welcome", user, PASSWORD_OK);
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		return http;
	}

	private static Http.Response html(Http http, String path) {
		return http.send(http.request(path).setHeader("Accept", "text/html,application/xhtml+xml").GET());
	}

	private static Http.Response withCode(Http http, String path, String code) {
		return http.send(http.request(path).header("X-TOTP", code).GET());
	}

	/** Enrols the account over HTTP Basic (the enrolment is the only route open to it meanwhile); its secret. */
	private String enrolled(String user) {
		Http basic = Http.as(port, user, PASSWORD_OK);
		JsonNode enrolment = basic.postJson("/api/me/totp/enrol", Map.of()).json();
		String secret = enrolment.path("secret").asText();
		assertThat(basic.postJson("/api/me/totp/confirm", Map.of("code", code(secret, 0))).status()).isEqualTo(204);
		later(30); // the confirming code's step is used
		return secret;
	}

	private JsonNode events(String type, String user) {
		return http("auditadmin").get("/api/security-events?type=" + type + "&user=" + user).json().path("items");
	}

	/**
	 * An account with no authenticator that asks to verify a code guesses nothing: the answer says to set one up, and
	 * no failed login is logged or counted against the account or the address (where enough of them would lock
	 * everyone behind it out).
	 */
	@Test
	void verifyingWithoutAnAuthenticator_isNoFailedLogin() {
		String failures = "SELECT COUNT(*) FROM ha_security_event WHERE user_id = 'doctor-t01v01' AND event_type = 'LOGIN_FAILURE'";
		int before = jdbc.queryForObject(failures, Integer.class);
		Http doctor = http("doctor-t01v01");
		for (int i = 0; i < 3; i++) {
			Http.Response r = doctor.postJson("/api/me/totp/verify", Map.of("code", "123456"));
			assertThat(r.status()).as(r.body()).isEqualTo(400);
			assertThat(r.json().path("detail").asText()).contains("请先");
		}
		assertThat(jdbc.queryForObject(failures, Integer.class)).isEqualTo(before);
		assertThat(doctor.get("/api/me").status()).isEqualTo(200);
	}

	@Test
	void anAdministrator_setsUpTheAuthenticatorAtTheFirstLogin_thenLogsInWithTwoFactors() {
		Http first = session(admin);
		Http.Response api = first.get("/camunda/api/engine/engine/default/user?maxResults=5");
		assertThat(api.status()).as("Admin's own API, before the second factor").isEqualTo(403);
		assertThat(api.json().path("detail").asText()).contains("两步验证");
		assertThat(first.get("/api/my/cases?role=started").status()).isEqualTo(403);
		assertThat(html(first, "/camunda/app/admin/default/").raw().headers().firstValue("Location").orElse(""))
			.endsWith("/portal/totp.html");
		assertThat(html(first, "/portal/totp.html").status()).isEqualTo(200);
		assertThat(first.get("/portal/js/totp.js").status()).as("the page's script").isEqualTo(200);
		JsonNode me = first.get("/api/me").json();
		assertThat(me.path("firstStep").asText()).isEqualTo("/portal/totp.html");
		assertThat(me.path("firstStepName").asText()).isEqualTo("totp-enrol");
		assertThat(first.postJson("/api/me/totp/verify", Map.of("code", "123456")).status())
			.as("no verifying without an authenticator").isEqualTo(403);

		JsonNode enrolment = first.postJson("/api/me/totp/enrol", Map.of()).json();
		String secret = enrolment.path("secret").asText();
		assertThat(secret).matches("[A-Z2-7]{32}");
		assertThat(enrolment.path("uri").asText()).startsWith("otpauth://totp/").contains("secret=" + secret)
			.contains("digits=6", "period=30");
		assertThat(enrolment.path("qrCode").asText()).startsWith("data:image/png;base64,");
		assertThat(jdbc.queryForObject("SELECT secret FROM ha_totp WHERE user_id = ?", String.class, admin))
			.as("kept encrypted").startsWith("v1:").doesNotContain(secret);
		Http.Response wrong = first.postJson("/api/me/totp/confirm", Map.of("code", wrongCode(secret)));
		assertThat(wrong.status()).isEqualTo(400);
		assertThat(wrong.json().path("errors").get(0).path("message").asText()).contains("验证码不正确");
		assertThat(first.get("/api/my/cases?role=started").status()).as("still closed").isEqualTo(403);
		assertThat(first.postJson("/api/me/totp/confirm", Map.of("code", code(secret, 0))).status()).isEqualTo(204);
		assertThat(first.get("/camunda/api/engine/engine/default/user?maxResults=5").status()).isEqualTo(200);
		assertThat(first.get("/api/me").json().path("firstStep").isNull()).isTrue();
		assertThat(first.postJson("/api/me/totp/enrol", Map.of()).status()).as("once enrolled, not again").isEqualTo(409);

		// the next login: password (through the web apps' login), then the code
		assertThat(first.post("/camunda/api/admin/auth/user/default/logout", "application/json", "").status()).isLessThan(300);
		later(30);
		Http next = session(admin);
		assertThat(next.get("/api/me").json().path("firstStepName").asText()).isEqualTo("totp");
		Http.Response closed = next.get("/camunda/api/engine/engine/default/user?maxResults=5");
		assertThat(closed.status()).isEqualTo(403);
		assertThat(closed.json().path("detail").asText()).contains("6 位验证码");
		assertThat(html(next, "/portal/index.html").raw().headers().firstValue("Location").orElse(""))
			.endsWith("/portal/totp.html");
		assertThat(next.postJson("/api/me/totp/enrol", Map.of()).status()).as("no new secret instead of the code").isEqualTo(403);
		Http.Response bad = next.postJson("/api/me/totp/verify", Map.of("code", wrongCode(secret)));
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.json().path("errors").get(0).path("message").asText()).contains("验证码不正确");
		String now = code(secret, 0);
		assertThat(next.postJson("/api/me/totp/verify", Map.of("code", now)).status()).isEqualTo(204);
		Http.Response users = next.get("/camunda/api/engine/engine/default/user?maxResults=50");
		assertThat(users.status()).isEqualTo(200);
		assertThat(users.json().findValuesAsText("id")).contains(admin);
		assertThat(next.get("/api/me").json().path("firstStep").isNull()).isTrue();

		// the same code again, in another login within its 30 seconds: refused (replay)
		Http again = session(admin);
		Http.Response replayed = again.postJson("/api/me/totp/verify", Map.of("code", now));
		assertThat(replayed.status()).isEqualTo(400);
		assertThat(replayed.json().path("errors").get(0).path("message").asText()).contains("已使用过");
		assertThat(again.get("/camunda/api/engine/engine/default/user?maxResults=5").status()).isEqualTo(403);
		later(30);
		assertThat(again.postJson("/api/me/totp/verify", Map.of("code", code(secret, 0))).status()).isEqualTo(204);
		assertThat(again.get("/camunda/api/engine/engine/default/user?maxResults=5").status()).isEqualTo(200);

		// a logout ends what the session had passed, also when the same person logs in again in it
		assertThat(again.post("/camunda/api/admin/auth/user/default/logout", "application/json", "").status()).isLessThan(300);
		assertThat(again.login("welcome", admin, PASSWORD_OK).status()).isEqualTo(200);
		assertThat(again.get("/camunda/api/engine/engine/default/user?maxResults=5").status()).isEqualTo(403);

		assertThat(events("LOGIN_SUCCESS", admin)).anySatisfy(e -> assertThat(e.path("detail").asText())
			.isEqualTo("second factor: POST /api/me/totp/verify"));
		assertThat(events("LOGIN_FAILURE", admin)).anySatisfy(e -> assertThat(e.path("detail").asText())
			.isEqualTo("second factor: POST /api/me/totp/verify"));
		assertThat(jdbc.queryForList("SELECT detail FROM ha_security_event WHERE user_id = ?", String.class, admin))
			.as("no code in the security log").noneMatch(d -> d != null && (d.contains(now) || d.contains(secret)));
	}

	@Test
	void fiveWrongCodes_lockTheAccountLikeWrongPasswords() {
		String secret = enrolled(admin);
		Http http = session(admin);
		for (int i = 0; i < 3; i++) {
			assertThat(http.postJson("/api/me/totp/verify", Map.of("code", wrongCode(secret))).status()).isEqualTo(400);
		}
		// the right password of a new login does not start the wrong codes' count afresh
		http = session(admin);
		for (int i = 0; i < 2; i++) {
			assertThat(http.postJson("/api/me/totp/verify", Map.of("code", wrongCode(secret))).status()).isEqualTo(400);
		}
		Http.Response locked = http.postJson("/api/me/totp/verify", Map.of("code", code(secret, 0)));
		assertThat(locked.status()).as("even the right code, once locked").isEqualTo(401);
		assertThat(locked.body()).contains("临时锁定");
		assertThat(http.get("/api/my/cases?role=started").status()).isEqualTo(403);
		assertThat(new Http(port).login("welcome", admin, PASSWORD_OK).status()).as("the password too").isEqualTo(401);
		assertThat(identityService.checkPassword(admin, PASSWORD_OK)).isFalse();
		assertThat(events("ACCOUNT_LOCKED", admin)).isNotEmpty();
		later(16 * 60);
		assertThat(identityService.checkPassword(admin, PASSWORD_OK)).as("the lock runs out by itself").isTrue();
	}

	@Test
	void httpBasic_ofAnAdministrator_needsTheCurrentCodeInXTotp_staffNot() {
		Http basic = Http.as(port, admin, PASSWORD_OK);
		Http.Response enrolFirst = basic.get("/engine-rest/user");
		assertThat(enrolFirst.status()).as("an administrator without an authenticator").isEqualTo(403);
		assertThat(enrolFirst.json().path("detail").asText()).contains("两步验证");
		String secret = enrolled(admin);

		Http.Response none = basic.get("/engine-rest/user");
		assertThat(none.status()).isEqualTo(401);
		assertThat(none.json().path("detail").asText()).contains("X-TOTP");
		assertThat(basic.get("/api/me").status()).as("the product's API too").isEqualTo(401);
		Http.Response wrong = withCode(basic, "/engine-rest/user", wrongCode(secret));
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(wrong.json().path("detail").asText()).contains("不正确");
		String now = code(secret, 0);
		assertThat(withCode(basic, "/engine-rest/user", now).status()).isEqualTo(200);
		assertThat(withCode(basic, "/api/me", now).json().path("userId").asText()).isEqualTo(admin);
		assertThat(withCode(Http.as(port, admin, "Wrong-pass-2026!"), "/engine-rest/user", now).status())
			.as("the code is no password").isEqualTo(401);

		assertThat(events("LOGIN_FAILURE", admin)).anySatisfy(e -> assertThat(e.path("detail").asText())
			.isEqualTo("second factor: GET /engine-rest/user"));
		assertThat(http("doctor-t01v01").get("/engine-rest/task").status()).as("staff: no code").isEqualTo(200);
		assertThat(Http.as(port, staff, PASSWORD_OK).get("/engine-rest/task").status()).isEqualTo(200);
		assertThat(http("sysadmin").get("/engine-rest/user").status()).as("the demo's administrators are exempt")
			.isEqualTo(200);
	}

	@Test
	void staffMayEnrol_andThenNeedTheCodeToo() {
		Http first = session(staff);
		assertThat(first.get("/api/me").json().path("firstStep").isNull()).as("optional for staff").isTrue();
		JsonNode status = first.get("/api/me/totp").json();
		assertThat(status.path("enrolled").asBoolean()).isFalse();
		assertThat(status.path("required").asBoolean()).isFalse();
		String secret = first.postJson("/api/me/totp/enrol", Map.of()).json().path("secret").asText();
		assertThat(first.postJson("/api/me/totp/confirm", Map.of("code", code(secret, 0))).status()).isEqualTo(204);
		assertThat(first.get("/api/me/totp").json().path("enrolled").asBoolean()).isTrue();
		assertThat(first.get("/api/my/cases?role=started").status()).as("this session goes on").isEqualTo(200);

		later(30);
		Http next = session(staff);
		assertThat(next.get("/api/my/cases?role=started").status()).isEqualTo(403);
		assertThat(next.postJson("/api/me/totp/verify", Map.of("code", code(secret, 0))).status()).isEqualTo(204);
		assertThat(next.get("/api/my/cases?role=started").status()).isEqualTo(200);
		assertThat(Http.as(port, staff, PASSWORD_OK).get("/engine-rest/task").status()).isEqualTo(401);
	}

	@Test
	void theSecurityAdministratorRemovesALostAuthenticator_noOneElse() {
		enrolled(admin);
		assertThat(http("sysadmin").delete("/api/users/" + admin + "/totp").status()).isEqualTo(403);
		assertThat(http("auditadmin").delete("/api/users/" + admin + "/totp").status()).isEqualTo(403);
		assertThat(count("SELECT COUNT(*) FROM ha_totp WHERE user_id = ?", admin)).isEqualTo(1);
		assertThat(http("secadmin").delete("/api/users/nobody-" + admin + "/totp").status()).isEqualTo(404);
		assertThat(http("secadmin").delete("/api/users/" + admin + "/totp").status()).isEqualTo(204);
		assertThat(count("SELECT COUNT(*) FROM ha_totp WHERE user_id = ?", admin)).isZero();
		assertThat(session(admin).get("/api/me").json().path("firstStepName").asText()).as("enrols afresh")
			.isEqualTo("totp-enrol");
		assertThat(events("USER_CHANGED", "secadmin")).anySatisfy(e -> assertThat(e.path("detail").asText())
			.isEqualTo("DELETE /api/users/" + admin + "/totp"));
	}

	/**
	 * A security administrator does not remove their own authenticator (a stolen session would enrol the thief's): 403
	 * and it stays; another security administrator removes it.
	 */
	@Test
	void aSecurityAdministratorDoesNotRemoveTheirOwnAuthenticator() {
		String security = "totpsec-" + UUID.randomUUID().toString().substring(0, 8);
		create(security);
		identityService.createMembership(security, Groups.SECURITY_ADMIN);
		try {
			String secret = enrolled(security);
			Http basic = Http.as(port, security, PASSWORD_OK);
			Http.Response own = basic
				.send(basic.request("/api/users/" + security + "/totp").header("X-TOTP", code(secret, 0)).DELETE());
			assertThat(own.status()).as(own.body()).isEqualTo(403);
			assertThat(own.body()).contains("另一位安全管理员");
			assertThat(count("SELECT COUNT(*) FROM ha_totp WHERE user_id = ?", security)).as("still enrolled")
				.isEqualTo(1);
			assertThat(http("secadmin").delete("/api/users/" + security + "/totp").status()).isEqualTo(204);
			assertThat(count("SELECT COUNT(*) FROM ha_totp WHERE user_id = ?", security)).isZero();
		}
		finally {
			identityService.deleteUser(security);
		}
	}

}
