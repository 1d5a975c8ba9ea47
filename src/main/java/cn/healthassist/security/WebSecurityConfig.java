package cn.healthassist.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import com.fasterxml.jackson.databind.ObjectMapper;


/**
 * Every door needs a login: the engine REST API (open by default in Camunda) takes HTTP Basic against
 * Camunda's identity; the project's API and pages take the web apps' session or HTTP Basic. The web apps
 * themselves are protected by Camunda's own session filter.
 */
@Configuration
public class WebSecurityConfig {

	@Bean
	FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
		FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration = new FilterRegistrationBean<>(
				new ProcessEngineAuthenticationFilter());
		registration.setName("engine-rest-authentication");
		registration.addUrlPatterns("/engine-rest/*");
		registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	/** Sessions end after healthassist.session-max-lifetime, before anything reads who is logged in. */
	@Bean
	FilterRegistrationBean<SessionLifetimeFilter> sessionLifetime(cn.healthassist.config.HealthAssistProperties properties) {
		FilterRegistrationBean<SessionLifetimeFilter> registration = new FilterRegistrationBean<>(
				new SessionLifetimeFilter(properties.getSessionMaxLifetime()));
		registration.setName("session-lifetime");
		registration.addUrlPatterns("/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		return registration;
	}

	/** The security headers of every answer (SecurityHeadersFilter). */
	@Bean
	FilterRegistrationBean<SecurityHeadersFilter> securityHeaders() {
		FilterRegistrationBean<SecurityHeadersFilter> registration = new FilterRegistrationBean<>(new SecurityHeadersFilter());
		registration.setName("security-headers");
		registration.addUrlPatterns("/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

	@Bean
	FilterRegistrationBean<ApiAuthenticationFilter> apiAuthentication(IdentityService identityService,
			ObjectMapper objectMapper, ConcurrentSessions sessions) {
		FilterRegistrationBean<ApiAuthenticationFilter> registration = new FilterRegistrationBean<>(
				new ApiAuthenticationFilter(identityService, objectMapper, sessions));
		registration.setName("api-authentication");
		registration.addUrlPatterns("/api/*", "/portal/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	/**
	 * The steps a person must take after the password before anything else (AccountGate), after the logins: the engine
	 * REST API's and the project's API's are at +10.
	 */
	@Bean
	FilterRegistrationBean<AccountGateFilter> accountGateFilter(AccountGate gate, Totp totp,
			IdentityService identityService, ObjectMapper objectMapper) {
		FilterRegistrationBean<AccountGateFilter> registration = new FilterRegistrationBean<>(
				new AccountGateFilter(gate, totp, identityService, objectMapper));
		registration.setName("account-gate");
		registration.addUrlPatterns("/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 11);
		return registration;
	}

}
