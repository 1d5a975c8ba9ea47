package cn.healthassist.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;

import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cn.healthassist.support.IntegrationTest;

/**
 * Wrong passwords lock an account for a while and never for good: a stranger who knows a user id cannot shut its
 * owner out (Camunda's default is a permanent lock after ten failures, lifted only by an administrator).
 */
class LoginLockIT extends IntegrationTest {

	private static final String USER = "lock-test-user";

	private static final String PASSWORD_OK = "Right-pass-2026!";

	@AfterEach
	void removeUser() {
		ClockUtil.reset();
		identityService.deleteUser(USER);
	}

	private void at(long minutes) {
		ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() + minutes * 60_000));
	}

	@Test
	void twelveWrongPasswords_lockFifteenMinutesAtMost_thenTheRightOneWorks() {
		User user = identityService.newUser(USER);
		user.setFirstName("锁定");
		user.setLastName("测试");
		user.setPassword(PASSWORD_OK);
		identityService.saveUser(user);

		long minute = 0;
		for (int i = 0; i < 12; i++) {
			at(minute);
			assertThat(identityService.checkPassword(USER, "wrong-" + i)).isFalse();
			minute += 20; // past any lock, so each attempt counts
		}
		// right after a failure, even the right password waits for the lock to expire
		at(minute - 20 + 1);
		assertThat(identityService.checkPassword(USER, PASSWORD_OK)).as("locked for now").isFalse();
		at(minute - 20 + 16);
		assertThat(identityService.checkPassword(USER, PASSWORD_OK)).as("not locked for good").isTrue();
	}

}
