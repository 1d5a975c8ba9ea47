package cn.healthassist.securitylog;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.scheduling.annotation.EnableScheduling;

import cn.healthassist.config.HealthAssistProperties;

/** The security log's filter, first of all (it sees every answer, refusals by the later filters included). */
@Configuration
@EnableScheduling
public class SecurityLogConfig {

	@Bean
	FilterRegistrationBean<SecurityEventFilter> securityEvents(SecurityLog log, IdentityService identityService,
			HealthAssistProperties properties) {
		FilterRegistrationBean<SecurityEventFilter> registration = new FilterRegistrationBean<>(
				new SecurityEventFilter(log, identityService, properties.getTrustedProxies()));
		registration.setName("security-events");
		registration.addUrlPatterns("/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
