package cn.healthassist.web;

import java.io.IOException;
import java.util.regex.Pattern;

import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.healthassist.values.Messages;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Every address in its plain form, or 400 (docs/security.md): no {@code ;} parameters, encoded slashes, dots or
 * backslashes, no {@code //} and no {@code .} or {@code ..} segments. The servlet container and Spring read such a
 * path as another one (/api;/cases is /api/cases), so a check on the address as sent — the login gate, the security
 * log's exports, the web apps' redirects — could be told one thing while another ran, or a redirect built from it
 * could lead to another site (//evil.example/..;/camunda/app/tasklist). Checked before anything else.
 */
@Configuration(proxyBeanMethods = false)
public class PlainPaths {

	private static final Pattern UNPLAIN = Pattern.compile(".*(;|%2[fF]|%5[cC]|%2[eE]|\\\\|//|/\\./|/\\.\\./|/\\.{1,2}$).*");

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> plainPathsFilter(ObjectMapper json) {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				if (!plain(request.getRequestURI())) {
					ProblemResponses.write(response, json, HttpServletResponse.SC_BAD_REQUEST, Messages.get("web.path.notPlain"),
							false);
					return;
				}
				chain.doFilter(request, response);
			}
		});
		registration.setName("plain-paths");
		registration.addUrlPatterns("/*");
		// after the security log (which records the refusal), before every other check
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

	/**
	 * What Tomcat refuses before this filter could run (an encoded slash, a NUL) answered as a problem too
	 * ({@link ProblemErrorReportValve}); after Spring Boot's own settings of Tomcat, which it replaces.
	 */
	@Bean
	@org.springframework.core.annotation.Order(Ordered.LOWEST_PRECEDENCE)
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReportValve() {
		return ProblemErrorReportValve.installer();
	}

	/** Whether the address, as sent, is in its plain form. */
	public static boolean plain(String uri) {
		return uri != null && !UNPLAIN.matcher(uri).matches();
	}

}
