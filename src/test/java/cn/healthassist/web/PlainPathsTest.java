package cn.healthassist.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Addresses in their plain form pass; the forms the container or Spring read as another address are refused. */
class PlainPathsTest {

	@ParameterizedTest
	@ValueSource(strings = { "/", "/api/cases", "/api/cases/CC-2026-000001/documents/certificate.pdf",
			"/camunda/app/tasklist/default/", "/portal/index.html", "/camunda/lib/deps.js" })
	void plainAddresses_pass(String uri) {
		assertThat(PlainPaths.plain(uri)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api;/cases", "/api;x=1/cases", "/api/cases.xlsx;x", "//evil.example/..;/camunda/app/tasklist",
			"/portal/..//evil.example", "/api/%2e%2e/cases", "/api%2Fcases", "/api/./cases", "/api/cases/..",
			"/portal\\index.html", "/api/cases%5Cx" })
	void addressesReadAsAnother_areRefused(String uri) {
		assertThat(PlainPaths.plain(uri)).isFalse();
	}

}
