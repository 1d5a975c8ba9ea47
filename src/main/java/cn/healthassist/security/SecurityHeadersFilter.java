package cn.healthassist.security;

import java.io.IOException;

import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The headers every answer carries, the project's pages and APIs included (Camunda's web apps set their own, which are
 * kept): no content-type sniffing, no referrer outside the site, no framing by other sites (a CSP with
 * {@code frame-ancestors 'self'} and, for older browsers, {@code X-Frame-Options}), no plug-ins, scripts only from this
 * site's own files ({@code script-src 'self'}: no inline script or event handler runs, so text that slipped into a page
 * as HTML cannot run as code; the portal's pages keep their scripts in {@code /portal/js/}), and HSTS when served over
 * HTTPS.
 */
public class SecurityHeadersFilter extends OncePerRequestFilter {

	static final String CSP = "script-src 'self'; frame-ancestors 'self'; object-src 'none'; base-uri 'self'; "
			+ "form-action 'self'";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		setIfAbsent(response, "X-Content-Type-Options", "nosniff");
		setIfAbsent(response, "Referrer-Policy", "same-origin");
		setIfAbsent(response, "X-Frame-Options", "SAMEORIGIN");
		String uri = request.getRequestURI();
		if (!uri.startsWith(request.getContextPath() + "/camunda/")) {
			setIfAbsent(response, "Content-Security-Policy", CSP);
		}
		if (request.isSecure()) {
			setIfAbsent(response, "Strict-Transport-Security", "max-age=31536000; includeSubDomains");
		}
		chain.doFilter(request, response);
	}

	private static void setIfAbsent(HttpServletResponse response, String name, String value) {
		if (!response.containsHeader(name)) {
			response.setHeader(name, value);
		}
	}

}
