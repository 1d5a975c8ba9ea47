package cn.healthassist.securitylog;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.scheduling.annotation.EnableScheduling;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.healthassist.config.HealthAssistProperties;
import cn.healthassist.security.AccountGate;
import cn.healthassist.security.ConcurrentSessions;

/** The security log's filter, first of all (it sees every answer, refusals by the later filters included). */
@Configuration
@EnableScheduling
public class SecurityLogConfig {

	@Bean
	AddressLoginLimit addressLoginLimit(SecurityEventMapper events, SecurityLog log, ObjectMapper json,
			HealthAssistProperties properties) {
		return new AddressLoginLimit(events, log, json, properties);
	}

	/** The lock per client address, before any login is checked (the engine REST API's login is at +10). */
	@Bean
	FilterRegistrationBean<AddressLoginLimit> addressLoginLimitFilter(AddressLoginLimit limit) {
		FilterRegistrationBean<AddressLoginLimit> registration = new FilterRegistrationBean<>(limit);
		registration.setName("address-login-limit");
		registration.addUrlPatterns("/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
		return registration;
	}

	/** A login to a locked account says until when, before any login is checked. */
	@Bean
	FilterRegistrationBean<LockedAccountFilter> lockedAccountFilter(IdentityService identityService, ObjectMapper json,
			HealthAssistProperties properties) {
		FilterRegistrationBean<LockedAccountFilter> registration = new FilterRegistrationBean<>(
				new LockedAccountFilter(identityService, json, properties.getTimeZone()));
		registration.setName("locked-account");
		registration.addUrlPatterns("/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 4);
		return registration;
	}

	@Bean
	FilterRegistrationBean<SecurityEventFilter> securityEvents(SecurityLog log, IdentityService identityService,
			HealthAssistProperties properties, AddressLoginLimit limit, ConcurrentSessions sessions, AccountGate gate) {
		HealthAssistProperties.RefusalAlarm alarm = properties.getSecurityLog().getRefusalAlarm();
		FilterRegistrationBean<SecurityEventFilter> registration = new FilterRegistrationBean<>(new SecurityEventFilter(log,
				identityService, properties.getTrustedProxies(), limit, new RefusalWatch(alarm.getCount(), alarm.getWindow()),
				sessions, gate));
		registration.setName("security-events");
		registration.addUrlPatterns("/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
