package cn.healthassist.securitylog;

import cn.healthassist.web.ProblemResponses;

import java.io.IOException;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.healthassist.config.HealthAssistProperties;
import cn.healthassist.values.Messages;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A temporary lock per client address (等保 身份鉴别): after healthassist.login-limit.max-failures wrong passwords from
 * one address within healthassist.login-limit.window, whichever the accounts, logins from it (the web apps' and the
 * portal's login, HTTP Basic) are answered 429 until the window has passed, without checking the password. The count
 * is the security log's, so it holds across nodes; a node asks the database only for addresses it has itself seen
 * fail within the window, so ordinary requests cost nothing.
 */
public class AddressLoginLimit extends OncePerRequestFilter {

	private final SecurityEventMapper events;

	private final SecurityLog log;

	private final ObjectMapper json;

	private final int maxFailures;

	private final long windowMillis;

	private final List<String> trustedProxies;

	/** Addresses this node saw a wrong password from, with when. */
	private final Map<String, Long> suspects = new ConcurrentHashMap<>();

	public AddressLoginLimit(SecurityEventMapper events, SecurityLog log, ObjectMapper json,
			HealthAssistProperties properties) {
		this.events = events;
		this.log = log;
		this.json = json;
		this.maxFailures = properties.getLoginLimit().getMaxFailures();
		this.windowMillis = properties.getLoginLimit().getWindow().toMillis();
		this.trustedProxies = List.copyOf(properties.getTrustedProxies());
	}

	/** Told by the security log's filter of every wrong password. */
	void failed(String clientIp) {
		if (clientIp != null) {
			suspects.put(clientIp, System.currentTimeMillis());
		}
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (isLoginAttempt(request)) {
			String ip = ClientAddresses.of(request, trustedProxies);
			Long last = suspects.get(ip);
			long now = System.currentTimeMillis();
			if (last != null && now - last > windowMillis) {
				suspects.remove(ip, last);
			}
			else if (last != null && events.failuresFrom(ip, new Date(now - windowMillis)) >= maxFailures) {
				log.record(SecurityEvent.LOGIN_FAILURE, null, ip, "address-locked",
						request.getMethod() + " " + request.getRequestURI());
				refuse(response);
				return;
			}
		}
		chain.doFilter(request, response);
	}

	static boolean isLoginAttempt(HttpServletRequest request) {
		return SecurityEventFilter.isBasic(request) || SecurityEventFilter.isLogin(request);
	}

	private void refuse(HttpServletResponse response) throws IOException {
		response.setHeader("Retry-After", String.valueOf(windowMillis / 1000));
		ProblemResponses.write(response, json, HttpStatus.TOO_MANY_REQUESTS.value(),
				Messages.get("securitylog.addressLocked", windowMillis / 60000), false);
	}

}
