package cn.healthassist.securitylog;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Date;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.healthassist.engine.CachedBodyRequest;
import cn.healthassist.values.Messages;
import cn.healthassist.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A login to an account that wrong passwords have locked (engine/LoginLocks) is answered, whatever the door (the web
 * apps' and the portal's login, HTTP Basic on /api and /engine-rest), with a 401 that says until when, in Chinese,
 * instead of Camunda's bare 401. Only an existing account can be locked, and Camunda itself tells a locked account
 * apart ("The user with id … is locked"); an unknown name gets the ordinary wrong-password answer.
 */
public class LockedAccountFilter extends OncePerRequestFilter {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final IdentityService identityService;

	private final ObjectMapper json;

	private final ZoneId zone;

	public LockedAccountFilter(IdentityService identityService, ObjectMapper json, ZoneId zone) {
		this.identityService = identityService;
		this.json = json;
		this.zone = zone;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HttpServletRequest passed = request;
		String userId = null;
		if (SecurityEventFilter.isLogin(request)) {
			CachedBodyRequest cached = new CachedBodyRequest(request);
			passed = cached;
			userId = formField(new String(cached.body(), StandardCharsets.UTF_8), "username");
		}
		else if (SecurityEventFilter.isBasic(request)) {
			userId = SecurityEventFilter.basicUser(request);
		}
		Date until = lockedUntil(userId);
		if (until != null) {
			response.setHeader("Retry-After",
					String.valueOf(Math.max(1, (until.getTime() - ClockUtil.getCurrentTime().getTime()) / 1000)));
			ProblemResponses.write(response, json, HttpStatus.UNAUTHORIZED.value(),
					Messages.get("securitylog.accountLocked", TIME.format(until.toInstant().atZone(zone))), true);
			return;
		}
		chain.doFilter(passed, response);
	}

	/** Until when wrong passwords lock the account now, or null (no such account, not locked). */
	Date lockedUntil(String userId) {
		if (userId == null || userId.isBlank()) {
			return null;
		}
		User user = identityService.createUserQuery().userId(userId).singleResult();
		if (user instanceof UserEntity entity && entity.getLockExpirationTime() != null
				&& entity.getLockExpirationTime().after(ClockUtil.getCurrentTime())) {
			return entity.getLockExpirationTime();
		}
		return null;
	}

	private static String formField(String body, String name) {
		for (String pair : body.split("&")) {
			if (pair.startsWith(name + "=")) {
				try {
					return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
				}
				catch (IllegalArgumentException e) {
					return null;
				}
			}
		}
		return null;
	}

}
