package cn.healthassist.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.io.ClassPathResource;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.healthassist.common.RejectionResponseFilter;
import cn.healthassist.engine.EngineRouteFilter;
import cn.healthassist.engine.EngineRoutes;

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

	/** The security headers of every answer (SecurityHeadersFilter). */
	@Bean
	FilterRegistrationBean<SecurityHeadersFilter> securityHeaders() {
		FilterRegistrationBean<SecurityHeadersFilter> registration = new FilterRegistrationBean<>(new SecurityHeadersFilter());
		registration.setName("security-headers");
		registration.addUrlPatterns("/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

	/** Camunda's REST routes by role (security/engine-routes.txt), after the engine REST API's login. */
	@Bean
	FilterRegistrationBean<EngineRouteFilter> engineRoutes(IdentityService identityService, ObjectMapper objectMapper)
			throws java.io.IOException {
		EngineRoutes routes;
		try (java.io.InputStream in = new ClassPathResource("security/engine-routes.txt").getInputStream()) {
			routes = EngineRoutes.load(in);
		}
		FilterRegistrationBean<EngineRouteFilter> registration = new FilterRegistrationBean<>(
				new EngineRouteFilter(routes, identityService, objectMapper));
		registration.setName("engine-routes");
		registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 15);
		return registration;
	}

	@Bean
	FilterRegistrationBean<RejectionResponseFilter> rejectionResponses(ObjectMapper objectMapper,
			org.camunda.bpm.engine.HistoryService historyService, IdentityService identityService) {
		FilterRegistrationBean<RejectionResponseFilter> registration = new FilterRegistrationBean<>(
				new RejectionResponseFilter(objectMapper, historyService, identityService));
		registration.setName("rejection-responses");
		registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		return registration;
	}

	@Bean
	FilterRegistrationBean<ApiAuthenticationFilter> apiAuthentication(IdentityService identityService,
			ObjectMapper objectMapper) {
		FilterRegistrationBean<ApiAuthenticationFilter> registration = new FilterRegistrationBean<>(
				new ApiAuthenticationFilter(identityService, objectMapper));
		registration.setName("api-authentication");
		registration.addUrlPatterns("/api/*", "/portal/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

}
