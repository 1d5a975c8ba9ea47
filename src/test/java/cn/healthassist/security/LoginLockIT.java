package cn.healthassist.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.healthassist.support.Http;
import cn.healthassist.support.IntegrationTest;

/**
 * Five wrong passwords in a row lock an account for 15 minutes (healthassist.login-lock), then the lock runs out by
 * itself: a stranger who knows a user id cannot shut its owner out for good (Camunda's default is a permanent lock
 * after ten failures, lifted only by an administrator). Every door says until when.
 */
class LoginLockIT extends IntegrationTest {

	private static final String USER = "lock-test-user";

	private static final String PASSWORD_OK = "Right-pass-2026!";

	@BeforeEach
	void createUser() {
		User user = identityService.newUser(USER);
		user.setFirstName("锁定");
		user.setLastName("测试");
		user.setPassword(PASSWORD_OK);
		identityService.saveUser(user);
	}

	@AfterEach
	void removeUser() {
		ClockUtil.reset();
		identityService.deleteUser(USER);
	}

	private void at(long minutes) {
		ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() + minutes * 60_000));
	}

	private void wrong(int times) {
		for (int i = 0; i < times; i++) {
			assertThat(identityService.checkPassword(USER, "wrong-" + i)).isFalse();
		}
	}

	@Test
	void fourWrongPasswords_lockNothing() {
		wrong(4);
		assertThat(identityService.checkPassword(USER, PASSWORD_OK)).isTrue();
		wrong(4);
		assertThat(identityService.checkPassword(USER, PASSWORD_OK)).as("a success starts the count afresh").isTrue();
	}

	@Test
	void theFifthWrongPasswordInARow_locksFifteenMinutes_thenTheRightOneWorks() {
		at(0);
		wrong(5);
		at(14);
		assertThat(identityService.checkPassword(USER, PASSWORD_OK)).as("locked for 15 minutes").isFalse();
		at(16);
		assertThat(identityService.checkPassword(USER, PASSWORD_OK)).as("the lock ran out by itself").isTrue();
	}

	@Test
	void aStrangerTryingAgainAndAgain_neverLocksForGood() {
		long minute = 0;
		for (int round = 0; round < 6; round++) {
			at(minute);
			wrong(5);
			at(minute + 1);
			assertThat(identityService.checkPassword(USER, PASSWORD_OK)).as("locked in round " + round).isFalse();
			minute += 16;
		}
		at(minute);
		assertThat(identityService.checkPassword(USER, PASSWORD_OK)).as("30 failures, still not locked for good").isTrue();
	}

	@Test
	void everyDoorSaysUntilWhen_andAnUnknownNameIsJustAWrongPassword() {
		wrong(5);
		Http.Response webapp = new Http(port).login("tasklist", USER, PASSWORD_OK);
		assertThat(webapp.status()).isEqualTo(401);
		assertThat(webapp.contentType()).startsWith("application/problem+json");
		assertThat(webapp.json().path("detail").asText()).contains("账号已临时锁定", "之后再试")
			.containsPattern("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
		Http.Response engineRest = Http.as(port, USER, PASSWORD_OK).get("/engine-rest/task");
		assertThat(engineRest.status()).isEqualTo(401);
		assertThat(engineRest.json().path("detail").asText()).contains("账号已临时锁定");
		Http.Response api = Http.as(port, USER, PASSWORD_OK).get("/api/me");
		assertThat(api.status()).isEqualTo(401);
		assertThat(api.json().path("detail").asText()).contains("账号已临时锁定");

		Http.Response unknown = new Http(port).login("tasklist", "nobody-" + USER, PASSWORD_OK);
		assertThat(unknown.status()).isEqualTo(401);
		assertThat(unknown.body()).doesNotContain("锁定");

		assertThat(http("secadmin").postJson("/api/users/" + USER + "/unlock", Map.of()).status()).isEqualTo(204);
		assertThat(new Http(port).login("welcome", USER, PASSWORD_OK).status()).as("unlocked early").isEqualTo(200);
	}

}
