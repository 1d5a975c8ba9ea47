package cn.healthassist.security;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The address of the system, {@code http://host/}, leads a person to their work: staff (whoever may open Tasklist) to
 * Tasklist, everyone else to the welcome page with the web apps and pages they may use; without a login, to the login
 * page, which comes back here. Replaces Camunda's redirect to the welcome page
 * ({@code camunda.bpm.webapp.index-redirect-enabled: false}).
 */
@Controller
class HomeController {

	static final String TASKLIST = "/camunda/app/tasklist/default/";

	static final String WELCOME = "/camunda/app/welcome/default/";

	static final String LOGIN = "/portal/login.html?next=/";

	private final AuthorizationService authorizationService;

	HomeController(AuthorizationService authorizationService) {
		this.authorizationService = authorizationService;
	}

	@GetMapping("/")
	String home(HttpServletRequest request) {
		return "redirect:" + ApiAuthenticationFilter.session(request)
			.map(user -> authorizationService.isUserAuthorized(user.userId(), user.groupIds(), Permissions.ACCESS,
					Resources.APPLICATION, "tasklist") ? TASKLIST : WELCOME)
			.orElse(LOGIN);
	}

}
