package cn.healthassist.web;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

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
 * A change sent with HTTP Basic from another site's page is refused (403): a browser that once answered the Basic
 * prompt of /api or /engine-rest sends those credentials with any site's form, and Basic carries no XSRF token (the
 * sessions' check, docs/security.md). A browser names the page's site in {@code Origin} (an older one only in
 * {@code Referer}; a newer one says in {@code Sec-Fetch-Site} whether it is another); scripts, curl and Camunda
 * Modeler send none of them and are unaffected.
 * Reads (GET, HEAD, OPTIONS) change nothing and pass.
 */
@Configuration(proxyBeanMethods = false)
public class CrossSiteBasic {

	private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> crossSiteBasicFilter(ObjectMapper json) {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				String origin = request.getHeader("Origin");
				if (crossSite(request.getMethod(), request.getHeader("Authorization"),
						origin != null ? origin : request.getHeader("Referer"), request.getHeader("Sec-Fetch-Site"),
						request.getHeader("Host"))) {
					ProblemResponses.write(response, json, HttpServletResponse.SC_FORBIDDEN,
							Messages.get("web.crossSiteBasic"), true);
					return;
				}
				chain.doFilter(request, response);
			}
		});
		registration.setName("cross-site-basic");
		registration.addUrlPatterns("/api/*", "/engine-rest/*", "/camunda/api/*");
		// after the security log (which records the refusal), the plain paths and the answers' caching headers
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
		return registration;
	}

	/**
	 * Whether a request is a change with HTTP Basic that a page of another site sent; {@code page} is the address of
	 * the page that sent it (its Origin, or its Referer when the browser sent no Origin).
	 */
	static boolean crossSite(String method, String authorization, String page, String fetchSite, String host) {
		if (READS.contains(method) || authorization == null
				|| !authorization.regionMatches(true, 0, "Basic ", 0, "Basic ".length())) {
			return false;
		}
		if (page == null) {
			return "cross-site".equalsIgnoreCase(fetchSite);
		}
		try {
			String authority = URI.create(page.strip()).getRawAuthority();
			return authority == null || host == null
					|| !authority.toLowerCase(Locale.ROOT).equals(host.strip().toLowerCase(Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			return true; // "null" (a sandboxed page, a file) or no address at all
		}
	}

}
