package cn.healthassist.engine;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.io.ClassPathResource;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Puts the route allow-list in front of Camunda's REST doors: the engine REST API, the web apps' engine API and the
 * web apps' own APIs (Cockpit's, Admin's, Tasklist's). It runs after the engine REST API's login
 * (security/WebSecurityConfig, order +10) and before the clear answers of engine/RejectionResponseFilter (+20).
 */
@Configuration
public class EngineRoutesConfig {

	/** Camunda's REST routes by role (security/engine-routes.txt), after the engine REST API's login. */
	@Bean
	FilterRegistrationBean<EngineRouteFilter> engineRoutes(IdentityService identityService, ObjectMapper objectMapper,
			cn.healthassist.security.ConcurrentSessions sessions) throws java.io.IOException {
		EngineRoutes routes;
		try (java.io.InputStream in = new ClassPathResource("security/engine-routes.txt").getInputStream()) {
			routes = EngineRoutes.load(in);
		}
		FilterRegistrationBean<EngineRouteFilter> registration = new FilterRegistrationBean<>(
				new EngineRouteFilter(routes, identityService, objectMapper, sessions));
		registration.setName("engine-routes");
		registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 15);
		return registration;
	}

	/** Clear answers from Camunda's REST doors: 4xx with a plain message, never a Java class name. */
	@Bean
	FilterRegistrationBean<RejectionResponseFilter> rejectionResponses(ObjectMapper objectMapper,
			org.camunda.bpm.engine.HistoryService historyService, IdentityService identityService) {
		FilterRegistrationBean<RejectionResponseFilter> registration = new FilterRegistrationBean<>(
				new RejectionResponseFilter(objectMapper, historyService, identityService));
		registration.setName("rejection-responses");
		// and the web apps' own APIs (their plugins), which answer bad input with Java's words too
		registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*", "/camunda/api/cockpit/*",
				"/camunda/api/admin/*", "/camunda/api/tasklist/*", "/camunda/api/welcome/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		return registration;
	}

}
