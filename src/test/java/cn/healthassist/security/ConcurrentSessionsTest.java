package cn.healthassist.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

import cn.healthassist.config.HealthAssistProperties;
import jakarta.servlet.http.HttpSessionEvent;

/** Which sessions count toward an account's limit, and which one a login beyond it ends. */
class ConcurrentSessionsTest {

	private static ConcurrentSessions limit(int max) {
		HealthAssistProperties properties = new HealthAssistProperties();
		properties.setSessionMaxConcurrent(max);
		return new ConcurrentSessions(properties);
	}

	private static MockHttpSession loggedIn(String user) {
		MockHttpSession session = new MockHttpSession();
		AuthenticationUtil.getAuthsFromSession(session).addOrReplace(new UserAuthentication(user, "default"));
		return session;
	}

	@Test
	void aLoginBeyondTheLimit_endsTheOldest_ofThatAccountOnly() {
		ConcurrentSessions sessions = limit(2);
		MockHttpSession first = loggedIn("doctor-t01v01");
		MockHttpSession second = loggedIn("doctor-t01v01");
		MockHttpSession other = loggedIn("health-t01");
		assertThat(sessions.loggedIn(first)).isZero();
		assertThat(sessions.loggedIn(other)).isZero();
		assertThat(sessions.loggedIn(second)).isZero();
		MockHttpSession third = loggedIn("doctor-t01v01");

		assertThat(sessions.loggedIn(third)).isOne();

		assertThat(first.isInvalid()).isTrue();
		assertThat(second.isInvalid()).isFalse();
		assertThat(other.isInvalid()).isFalse();
		assertThat(sessions.count("doctor-t01v01")).isEqualTo(2);
		assertThat(sessions.count("health-t01")).isOne();
	}

	@Test
	void sessionsLoggedOutOrEnded_countNoLonger() {
		ConcurrentSessions sessions = limit(2);
		MockHttpSession loggedOut = loggedIn("insurance");
		MockHttpSession timedOut = loggedIn("insurance");
		sessions.loggedIn(loggedOut);
		sessions.loggedIn(timedOut);
		AuthenticationUtil.getAuthsFromSession(loggedOut).removeByEngineName("default");
		sessions.sessionDestroyed(new HttpSessionEvent(timedOut));
		timedOut.invalidate();

		MockHttpSession next = loggedIn("insurance");
		MockHttpSession another = loggedIn("insurance");
		assertThat(sessions.loggedIn(next)).isZero();
		assertThat(sessions.loggedIn(another)).isZero();
		assertThat(next.isInvalid()).isFalse();
		assertThat(sessions.count("insurance")).isEqualTo(2);
	}

	@Test
	void theSameSessionCountsOnce_andZeroMeansNoLimit() {
		ConcurrentSessions sessions = limit(1);
		MockHttpSession session = loggedIn("commission");
		assertThat(sessions.loggedIn(session)).isZero();
		assertThat(sessions.loggedIn(session)).as("logged in again in the same session").isZero();
		assertThat(session.isInvalid()).isFalse();

		ConcurrentSessions unlimited = limit(0);
		for (int i = 0; i < 5; i++) {
			assertThat(unlimited.loggedIn(loggedIn("commission"))).isZero();
		}
		assertThatThrownBy(() -> limit(-1)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("session-max-concurrent");
	}

}
