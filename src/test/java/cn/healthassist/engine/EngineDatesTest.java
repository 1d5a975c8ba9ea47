package cn.healthassist.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class EngineDatesTest {

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource({ "2026-12-07T00:00:00.000+0800,false", "2024-02-29T23:59:59.999-0500,false",
			"999999999-01-01T00:00:00.000+0000,true", "12026-01-01T00:00:00.000+0000,true",
			"2026-13-01T00:00:00.000+0000,true", "2026-02-30T00:00:00.000+0000,true", "2025-02-29T00:00:00.000+0000,true",
			"2026-12-07T24:00:00.000+0000,true", "2026-12-07T10:61:00.000+0000,true", "-2026-12-07T00:00:00.000+0000,true",
			// other shapes are Camunda's to read or refuse: a form's date-time, a plain date, text
			"2026-12-07T10:00,false", "2026-02-30,false", "王大山,false", "2026-1-7T0:0:0.0+0800,false" })
	void aDateInCamundasShape_thatNamesNoMoment_isImpossible(String value, boolean impossible) {
		assertThat(EngineDates.impossible(value)).isEqualTo(impossible);
	}

	@Test
	void theFieldIsNamed_whereverItIsInTheBody() throws Exception {
		ObjectMapper json = new ObjectMapper();
		assertThat(EngineDates.impossibleIn(json.readTree(
				"{\"orQueries\":[{\"dueBefore\":\"2026-12-07T00:00:00.000+0800\",\"followUpAfter\":\"2026-02-31T00:00:00.000+0800\"}]}")))
			.isEqualTo("followUpAfter");
		assertThat(EngineDates.impossibleIn(json.readTree("{\"dueBefore\":\"2026-12-07T00:00:00.000+0800\",\"sorting\":[]}")))
			.isNull();
	}

	@Test
	void theAddressIsReadDecoded() {
		assertThat(EngineRouteFilter.impossibleDate("maxResults=5&dueBefore=2026-12-07T00%3A00%3A00.000%2B0800")).isNull();
		assertThat(EngineRouteFilter.impossibleDate("dueBefore=999999999-12-07T00%3A00%3A00.000%2B0800")).isEqualTo("dueBefore");
	}

}
