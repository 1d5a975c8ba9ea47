package cn.healthassist.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Until the models are deployed the APIs answer 503 and readiness is out of service; then they pass. */
class ModelsDeployedTest {

	@Test
	void beforeTheModelsAreDeployed_theApisAnswer503_thenTheyPass() throws Exception {
		ModelsDeployed models = new ModelsDeployed();
		var filter = models.startingUp(new com.fasterxml.jackson.databind.ObjectMapper()).getFilter();

		MockHttpServletResponse early = new MockHttpServletResponse();
		MockFilterChain notReached = new MockFilterChain();
		filter.doFilter(new MockHttpServletRequest("POST", "/api/chronic-certificate-applications"), early, notReached);

		assertThat(early.getStatus()).isEqualTo(503);
		assertThat(early.getHeader("Retry-After")).isEqualTo("5");
		assertThat(early.getContentType()).startsWith("application/problem+json");
		assertThat(early.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains("系统正在启动");
		assertThat(notReached.getRequest()).isNull();
		assertThat(models.processModels().health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);

		models.onDeployed(null);
		MockFilterChain reached = new MockFilterChain();
		filter.doFilter(new MockHttpServletRequest("POST", "/api/chronic-certificate-applications"),
				new MockHttpServletResponse(), reached);

		assertThat(reached.getRequest()).isNotNull();
		assertThat(models.processModels().health().getStatus()).isEqualTo(Status.UP);
	}

}
