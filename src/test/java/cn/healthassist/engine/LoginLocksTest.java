package cn.healthassist.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Date;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lock with other settings than the defaults, on an engine of its own (in-memory H2): three failures lock for two
 * seconds, and the lock runs out by itself.
 */
class LoginLocksTest {

	private static ProcessEngine engine;

	private static IdentityService identity;

	@BeforeAll
	static void buildEngine() {
		ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
			.createStandaloneInMemProcessEngineConfiguration()
			.setJdbcUrl("jdbc:h2:mem:login-locks;DB_CLOSE_DELAY=-1")
			.setProcessEngineName("login-locks")
			.setJobExecutorActivate(false);
		config.setLoginMaxAttempts(Integer.MAX_VALUE);
		config.setIdentityProviderSessionFactory(LoginLocks.factory(3, Duration.ofSeconds(2)));
		engine = config.buildProcessEngine();
		identity = engine.getIdentityService();
		User user = identity.newUser("shortlock");
		user.setPassword("Right-pass-2026!");
		identity.saveUser(user);
	}

	@AfterAll
	static void closeEngine() {
		engine.close();
	}

	@AfterEach
	void resetClock() {
		ClockUtil.reset();
		identity.unlockUser("shortlock");
	}

	@Test
	void threeFailures_lockTwoSeconds_thenTheLockRunsOut() {
		long now = System.currentTimeMillis();
		ClockUtil.setCurrentTime(new Date(now));
		for (int i = 0; i < 2; i++) {
			assertThat(identity.checkPassword("shortlock", "wrong")).isFalse();
		}
		assertThat(identity.checkPassword("shortlock", "Right-pass-2026!")).as("two failures lock nothing").isTrue();
		for (int i = 0; i < 3; i++) {
			assertThat(identity.checkPassword("shortlock", "wrong")).isFalse();
		}
		ClockUtil.setCurrentTime(new Date(now + 1_500));
		assertThat(identity.checkPassword("shortlock", "Right-pass-2026!")).as("locked").isFalse();
		ClockUtil.setCurrentTime(new Date(now + 2_500));
		assertThat(identity.checkPassword("shortlock", "Right-pass-2026!")).as("the lock ran out").isTrue();
	}

	@Test
	void settingsThatCouldNeverLockOrLockForNothing_areRefused() {
		assertThatThrownBy(() -> LoginLocks.factory(0, Duration.ofMinutes(15))).hasMessageContaining("max-failures");
		assertThatThrownBy(() -> LoginLocks.factory(5, Duration.ZERO)).hasMessageContaining("duration");
	}

}
