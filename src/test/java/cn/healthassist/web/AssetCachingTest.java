package cn.healthassist.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which static files a browser keeps, and which it asks again about. */
class AssetCachingTest {

	@Test
	void camundasVersionedLibraries_areKeptForAYear() {
		assertThat(AssetCaching.cacheControl("GET", "/camunda/lib/deps.js", "bust=7.24.0")).isEqualTo(AssetCaching.FOR_A_YEAR);
		assertThat(AssetCaching.cacheControl("HEAD", "/camunda/lib/runtime.js", "bust=7.24.0")).isEqualTo(AssetCaching.FOR_A_YEAR);
	}

	@Test
	void theProductsOwnFiles_andUnversionedOnes_areRevalidated() {
		assertThat(AssetCaching.cacheControl("GET", "/camunda/app/tasklist/scripts/config.js", "bust=7.24.0"))
			.isEqualTo(AssetCaching.REVALIDATE);
		assertThat(AssetCaching.cacheControl("GET", "/camunda/lib/deps.js", null)).isEqualTo(AssetCaching.REVALIDATE);
		assertThat(AssetCaching.cacheControl("GET", "/portal/assets/portal.js", null)).isEqualTo(AssetCaching.REVALIDATE);
		// a page is asked for again each time, so the login gate sees it (not shown from the cache)
		assertThat(AssetCaching.cacheControl("GET", "/portal/index.html", null)).isEqualTo(AssetCaching.REVALIDATE);
	}

	@Test
	void apisAndChanges_areLeftAlone() {
		assertThat(AssetCaching.cacheControl("GET", "/camunda/api/engine/engine/default/task", "bust=1")).isNull();
		assertThat(AssetCaching.cacheControl("POST", "/camunda/lib/deps.js", "bust=7.24.0")).isNull();
		assertThat(AssetCaching.cacheControl("GET", "/camunda/app/tasklist/default/", null)).isNull();
	}

}
