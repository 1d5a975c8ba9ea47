package cn.healthassist.security;

import java.io.IOException;
import java.time.Duration;

import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Ends a login session that has lasted longer than healthassist.session-max-lifetime, however busy it is (the idle
 * timeout is the servlet session's). The web apps create a new session at each login, so its age is the login's; the
 * person is asked to log in again, as after logging out.
 */
public class SessionLifetimeFilter extends OncePerRequestFilter {

	private final Duration maxLifetime;

	public SessionLifetimeFilter(Duration maxLifetime) {
		this.maxLifetime = maxLifetime;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HttpSession session = request.getSession(false);
		if (session != null && System.currentTimeMillis() - session.getCreationTime() > maxLifetime.toMillis()) {
			session.invalidate();
		}
		chain.doFilter(request, response);
	}

}
