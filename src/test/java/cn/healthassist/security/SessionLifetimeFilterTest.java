package cn.healthassist.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;

class SessionLifetimeFilterTest {

	private static MockHttpSession send(SessionLifetimeFilter filter) throws Exception {
		MockHttpSession session = new MockHttpSession();
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/me");
		request.setSession(session);
		MockFilterChain chain = new MockFilterChain();
		filter.doFilter(request, new MockHttpServletResponse(), chain);
		assertThat(chain.getRequest()).as("the request goes on, as a person not logged in if ended").isNotNull();
		return session;
	}

	@Test
	void aSessionOlderThanTheLifetime_ends() throws Exception {
		assertThat(send(new SessionLifetimeFilter(Duration.ofMillis(-1))).isInvalid()).isTrue();
	}

	@Test
	void aYoungerSession_goesOn() throws Exception {
		assertThat(send(new SessionLifetimeFilter(Duration.ofHours(12))).isInvalid()).isFalse();
	}

}
