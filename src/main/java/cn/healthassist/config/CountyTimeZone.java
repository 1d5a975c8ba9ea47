package cn.healthassist.config;

import java.time.ZoneId;
import java.util.TimeZone;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The application runs in the county's time zone ({@code healthassist.time-zone}, default Asia/Shanghai) whatever zone
 * the server is set to: "today", the year of a case number, a certificate's first day, the start of a report's month,
 * and every time on the pages, in Excel and in PDF are the county's. Set before anything else starts (the database
 * connections, the engine), so that all of them agree.
 */
public class CountyTimeZone implements EnvironmentPostProcessor {

	public static final String PROPERTY = "healthassist.time-zone";

	public static final String DEFAULT = "Asia/Shanghai";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		ZoneId zone = ZoneId.of(environment.getProperty(PROPERTY, DEFAULT));
		TimeZone.setDefault(TimeZone.getTimeZone(zone));
	}

}
