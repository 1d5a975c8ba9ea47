package cn.healthassist.securitylog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.transaction.PlatformTransactionManager;

import cn.healthassist.config.HealthAssistProperties;

class ClientAddressesTest {

	private static final List<String> PROXIES = List.of("10.0.0.5");

	private static MockHttpServletRequest from(String peer, String forwarded) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr(peer);
		if (forwarded != null) {
			request.addHeader("X-Forwarded-For", forwarded);
		}
		return request;
	}

	@Test
	void behindTheConfiguredProxy_theAddressItAppendedLastIsTheClient() {
		assertThat(ClientAddresses.of(from("10.0.0.5", "1.2.3.4, 192.168.1.20"), PROXIES)).isEqualTo("192.168.1.20");
	}

	@Test
	void fromAnyoneElse_theHeaderIsIgnored_asAClientCanWriteIt() {
		assertThat(ClientAddresses.of(from("192.168.1.20", "127.0.0.1"), PROXIES)).isEqualTo("192.168.1.20");
	}

	@Test
	void withoutTheHeader_thePeerIsTheClient() {
		assertThat(ClientAddresses.of(from("10.0.0.5", null), PROXIES)).isEqualTo("10.0.0.5");
	}

	@Test
	void aRetentionBelow180Days_refusesToStart() {
		HealthAssistProperties properties = new HealthAssistProperties();
		properties.getSecurityLog().setRetentionDays(179);
		assertThatThrownBy(() -> new SecurityLog(mock(SecurityEventMapper.class), mock(PlatformTransactionManager.class),
				properties, null)).isInstanceOf(IllegalStateException.class).hasMessageContaining("at least 180 days");
	}

}
