package cn.healthassist.securitylog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.healthassist.config.HealthAssistProperties;

/** The lock per client address: the count is the security log's (SecurityEventMapperTest shows its query). */
class AddressLoginLimitTest {

	private final SecurityEventMapper events = mock(SecurityEventMapper.class);

	private final SecurityLog log = mock(SecurityLog.class);

	private final AddressLoginLimit limit;

	AddressLoginLimitTest() {
		HealthAssistProperties properties = new HealthAssistProperties();
		properties.getLoginLimit().setMaxFailures(20);
		properties.getLoginLimit().setWindow(Duration.ofMinutes(15));
		limit = new AddressLoginLimit(events, log, new ObjectMapper(), properties);
	}

	private static MockHttpServletRequest basicFrom(String ip) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/cases");
		request.setRemoteAddr(ip);
		request.addHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString("insurance:guess".getBytes()));
		return request;
	}

	private MockHttpServletResponse send(MockHttpServletRequest request, MockFilterChain chain) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		limit.doFilter(request, response, chain);
		return response;
	}

	@Test
	void anAddressWithTwentyFailuresInTheWindow_isRefusedWithoutCheckingThePassword() throws Exception {
		limit.failed("192.168.5.9");
		when(events.failuresFrom(eq("192.168.5.9"), any())).thenReturn(20L);
		MockFilterChain chain = new MockFilterChain();
		MockHttpServletResponse response = send(basicFrom("192.168.5.9"), chain);
		assertThat(response.getStatus()).isEqualTo(429);
		assertThat(response.getHeader("Retry-After")).isEqualTo("900");
		assertThat(response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains("请 15 分钟后再试");
		assertThat(chain.getRequest()).as("the login is not tried").isNull();
		verify(log).record(eq(SecurityEvent.LOGIN_FAILURE), eq(null), eq("192.168.5.9"), eq("address-locked"), anyString());
	}

	@Test
	void fewerFailures_orAnotherAddress_goOn() throws Exception {
		limit.failed("192.168.5.9");
		when(events.failuresFrom(eq("192.168.5.9"), any())).thenReturn(19L);
		MockFilterChain chain = new MockFilterChain();
		assertThat(send(basicFrom("192.168.5.9"), chain).getStatus()).isEqualTo(200);
		assertThat(chain.getRequest()).isNotNull();
		MockFilterChain other = new MockFilterChain();
		send(basicFrom("192.168.5.10"), other);
		assertThat(other.getRequest()).isNotNull();
		verify(events, never()).failuresFrom(eq("192.168.5.10"), any());
	}

	@Test
	void anAddressThisNodeSawNoFailureFrom_costsNoQuery() throws Exception {
		send(basicFrom("10.1.1.1"), new MockFilterChain());
		verify(events, never()).failuresFrom(anyString(), any());
	}

	@Test
	void onlyLoginAttemptsAreCounted() {
		assertThat(AddressLoginLimit.isLoginAttempt(basicFrom("10.1.1.1"))).isTrue();
		assertThat(AddressLoginLimit.isLoginAttempt(new MockHttpServletRequest("POST",
				"/camunda/api/admin/auth/user/default/login/tasklist"))).isTrue();
		assertThat(AddressLoginLimit.isLoginAttempt(new MockHttpServletRequest("GET", "/portal/index.html"))).isFalse();
	}

}
