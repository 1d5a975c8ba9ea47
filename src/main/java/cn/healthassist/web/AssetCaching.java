package cn.healthassist.web;

import java.io.IOException;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Fast first pages (docs/operations.md): Camunda's libraries ({@code /camunda/lib/…?bust=<version>}, 4 MB, the same
 * for a whole Camunda version) are cached by the browser for a year, as their address changes with the version; the
 * web apps' own files, which the product overrides (config, locales, plugins), and the portal's pages and files are
 * revalidated each time (a 304 when unchanged), so a new release is seen at once and a page is never shown from the
 * browser's cache past the login gate (a second factor or a password to change first).
 */
@Configuration(proxyBeanMethods = false)
class AssetCaching {

	static final String LIBRARIES = "/camunda/lib/";

	static final String FOR_A_YEAR = "public, max-age=31536000, immutable";

	static final String REVALIDATE = "no-cache";

	static final String NEVER_STORED = "no-store";

	static final java.util.List<String> PRINT_PAGES = java.util.List.of("/portal/trail-print.html", "/portal/document.html");

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> assetCachingFilter() {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				String header = cacheControl(request.getMethod(), request.getRequestURI().substring(request.getContextPath().length()),
						request.getQueryString());
				if (header != null) {
					response.setHeader("Cache-Control", header);
				}
				// the engine REST API sets its own no-cache on every GET: an answer never stored stays so
				chain.doFilter(request, NEVER_STORED.equals(header) ? new NeverStored(response) : response);
			}
		});
		registration.setName("asset-caching");
		registration.addUrlPatterns("/camunda/*", "/portal/*", "/api/*", "/engine-rest/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
		return registration;
	}

	/** An answer whose Cache-Control is no-store, whatever a servlet behind sets. */
	private static final class NeverStored extends jakarta.servlet.http.HttpServletResponseWrapper {

		NeverStored(HttpServletResponse response) {
			super(response);
		}

		@Override
		public void setHeader(String name, String value) {
			if (!"Cache-Control".equalsIgnoreCase(name)) {
				super.setHeader(name, value);
			}
		}

		@Override
		public void addHeader(String name, String value) {
			if (!"Cache-Control".equalsIgnoreCase(name)) {
				super.addHeader(name, value);
			}
		}

	}

	/**
	 * The Cache-Control of an answer: never stored for the APIs (their answers hold personal data, and a village's
	 * computer is shared) and the print pages (each print is in the security log); otherwise as above; null where the
	 * answer decides.
	 */
	static String cacheControl(String method, String path, String query) {
		if (path.startsWith("/api/") || path.startsWith("/engine-rest/") || path.startsWith("/camunda/api/")
				|| PRINT_PAGES.contains(path)) {
			return NEVER_STORED;
		}
		if (!"GET".equals(method) && !"HEAD".equals(method)) {
			return null;
		}
		if (path.startsWith(LIBRARIES) && query != null && query.startsWith("bust=")) {
			return FOR_A_YEAR;
		}
		boolean file = path.matches(".*\\.(js|css|json|html|svg|png|woff2?|ttf|eot)$");
		return file && (path.startsWith("/camunda/app/") || path.startsWith(LIBRARIES) || path.startsWith("/portal/"))
				? REVALIDATE : null;
	}

}
