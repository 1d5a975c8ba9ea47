package cn.healthassist.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.TimeZone;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/** The application takes the county's zone whatever the server's: the configured one, else Asia/Shanghai. */
class CountyTimeZoneTest {

	private final TimeZone before = TimeZone.getDefault();

	@AfterEach
	void restore() {
		TimeZone.setDefault(before);
	}

	@Test
	void theConfiguredZone_becomesTheApplicationsZone() {
		TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
		new CountyTimeZone().postProcessEnvironment(new MockEnvironment().withProperty("healthassist.time-zone", "Asia/Urumqi"),
				new SpringApplication());
		assertThat(TimeZone.getDefault().getID()).isEqualTo("Asia/Urumqi");
	}

	@Test
	void withoutConfiguration_itIsShanghai() {
		TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
		new CountyTimeZone().postProcessEnvironment(new MockEnvironment(), new SpringApplication());
		assertThat(TimeZone.getDefault().getID()).isEqualTo("Asia/Shanghai");
	}

}
