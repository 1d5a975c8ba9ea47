package cn.healthassist.engine;

import cn.healthassist.web.ProblemResponses;

import java.io.IOException;

import org.camunda.bpm.spring.boot.starter.event.PostDeployEvent;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.ObjectMapper;


import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import cn.healthassist.values.Messages;

/**
 * Whether the process application has deployed its models. The web server answers a few seconds before that; until
 * then the APIs answer 503 with a message and a {@code Retry-After}, instead of a 404 for a process that is not there
 * yet, and the readiness probe ({@code /actuator/health/readiness}, which load balancers ask) says OUT_OF_SERVICE.
 */
@Configuration
public class ModelsDeployed {

	private volatile boolean deployed;

	@EventListener
	void onDeployed(PostDeployEvent event) {
		deployed = true;
	}

	public boolean isDeployed() {
		return deployed;
	}

	/** The readiness group's part: {@code processModels}. */
	@Bean
	HealthIndicator processModels() {
		return () -> deployed ? Health.up().build() : Health.outOfService().withDetail("reason", "models not deployed yet").build();
	}

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> startingUp(ObjectMapper json) {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				if (deployed) {
					chain.doFilter(request, response);
					return;
				}
				response.setHeader("Retry-After", "5");
				ProblemResponses.write(response, json, 503, Messages.get("engine.startingUp"), true);
			}
		});
		registration.setName("starting-up");
		registration.addUrlPatterns("/api/*", "/engine-rest/*", "/camunda/api/engine/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
