package cn.healthassist.security;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * The CSRF token a login needs, for the portal's login page (no login required). Camunda hands a session's token out
 * only once, in a header of the answer that made it; a person who logged out and logs in again in the same browser
 * keeps the session but had no way to learn its token, and the login was refused (403, shown as 用户名或密码错误). Same
 * origin JSON, which other sites cannot read.
 */
@RestController
class LoginToken {

	static final String PATH = "/api/login-token";

	private static final SecureRandom RANDOM = new SecureRandom();

	@GetMapping(PATH)
	ResponseEntity<Map<String, String>> token(HttpServletRequest request) {
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(Map.of("csrfToken", ensure(request)));
	}

	/**
	 * The session's CSRF token, made if it has none. The portal asks Camunda first, which also sets the cookie
	 * Tasklist reads the token from; it asks here when Camunda has handed the session's token out before.
	 */
	private static String ensure(HttpServletRequest request) {
		HttpSession session = request.getSession(true);
		Object token = session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME);
		if (token == null) {
			// as Camunda's CsrfPreventionFilter makes one: 16 random bytes, upper-case hex
			byte[] bytes = new byte[16];
			RANDOM.nextBytes(bytes);
			token = HexFormat.of().withUpperCase().formatHex(bytes);
			session.setAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME, token);
		}
		return token.toString();
	}

}
