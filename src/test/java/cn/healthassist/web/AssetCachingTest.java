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
	void apiAnswersAndPrintPages_areNeverStored() {
		assertThat(AssetCaching.cacheControl("GET", "/api/cases/CC-2026-000001/documents/certificate", null))
			.isEqualTo(AssetCaching.NEVER_STORED);
		assertThat(AssetCaching.cacheControl("GET", "/api/cases.xlsx", "idNumber=1")).isEqualTo(AssetCaching.NEVER_STORED);
		assertThat(AssetCaching.cacheControl("GET", "/engine-rest/task", null)).isEqualTo(AssetCaching.NEVER_STORED);
		assertThat(AssetCaching.cacheControl("GET", "/camunda/api/engine/engine/default/task", "bust=1"))
			.isEqualTo(AssetCaching.NEVER_STORED);
		assertThat(AssetCaching.cacheControl("GET", "/portal/document.html", "businessKey=CC-2026-000001"))
			.isEqualTo(AssetCaching.NEVER_STORED);
	}

	@Test
	void changesOfFilesAndTheWebAppsPages_areLeftAlone() {
		assertThat(AssetCaching.cacheControl("POST", "/camunda/lib/deps.js", "bust=7.24.0")).isNull();
		assertThat(AssetCaching.cacheControl("GET", "/camunda/app/tasklist/default/", null)).isNull();
	}

}
