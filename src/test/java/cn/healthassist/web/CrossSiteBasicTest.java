package cn.healthassist.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which requests CrossSiteBasic refuses: a change with HTTP Basic that another site's page sent, nothing else. */
class CrossSiteBasicTest {

	private static final String BASIC = "Basic ZG9jdG9yLXQwMXYwMTpkZW1v";

	@Test
	void aChangeWithBasicFromAnotherSitesPage_isRefused() {
		assertThat(CrossSiteBasic.crossSite("POST", BASIC, "https://evil.example", null, "localhost:8080")).isTrue();
		assertThat(CrossSiteBasic.crossSite("DELETE", BASIC, "http://localhost:9999", null, "localhost:8080")).isTrue();
		assertThat(CrossSiteBasic.crossSite("PUT", BASIC, "null", null, "localhost:8080")).as("a sandboxed page")
			.isTrue();
		assertThat(CrossSiteBasic.crossSite("POST", BASIC, null, "cross-site", "localhost:8080"))
			.as("a browser that sends no Origin but says whose page it is").isTrue();
		assertThat(CrossSiteBasic.crossSite("POST", BASIC, "https://evil.example/form.html?x=1", null, "localhost:8080"))
			.as("an older browser's Referer").isTrue();
	}

	@Test
	void theSameSite_aRead_aScriptOrASession_pass() {
		assertThat(CrossSiteBasic.crossSite("POST", BASIC, "http://localhost:8080", "same-origin", "localhost:8080"))
			.isFalse();
		assertThat(CrossSiteBasic.crossSite("POST", BASIC, "HTTP://LocalHost:8080", null, "localhost:8080")).isFalse();
		assertThat(CrossSiteBasic.crossSite("POST", BASIC, "http://localhost:8080/portal/index.html", null,
				"localhost:8080")).as("a page of the product's own site as the Referer").isFalse();
		assertThat(CrossSiteBasic.crossSite("GET", BASIC, "https://evil.example", "cross-site", "localhost:8080"))
			.as("a read changes nothing").isFalse();
		assertThat(CrossSiteBasic.crossSite("POST", BASIC, null, null, "localhost:8080"))
			.as("curl, scripts and Camunda Modeler send no Origin").isFalse();
		assertThat(CrossSiteBasic.crossSite("POST", null, "https://evil.example", "cross-site", "localhost:8080"))
			.as("a session's change has its XSRF token checked instead").isFalse();
		assertThat(CrossSiteBasic.crossSite("POST", "Bearer x", "https://evil.example", null, "localhost:8080"))
			.isFalse();
	}

}
