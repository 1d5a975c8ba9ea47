package cn.healthassist.security;

import java.util.List;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who is logged in, and which of the project's pages they may use (the pages show only those). */
@RestController
class MeController {

	private final IdentityService identityService;

	private final AuthorizationService authorizationService;

	private final AccountGate gate;

	MeController(IdentityService identityService, AuthorizationService authorizationService, AccountGate gate) {
		this.identityService = identityService;
		this.authorizationService = authorizationService;
		this.gate = gate;
	}

	record Me(String userId, String name, List<String> groups, boolean canAudit, boolean canSeeReferralReport,
			boolean canBatchAudit, boolean canSeeFollowupReport, boolean canUseCockpit, boolean canUseAdmin,
			boolean startsCases, boolean canUseTasklist, boolean canSearchCases, String csrfToken, String firstStep,
			String firstStepName, String firstStepMessage) {
	}

	/**
	 * The person, what the portal may offer them, and the CSRF token of their web-app session: Camunda hands it out
	 * once, as a cookie of the path {@code /camunda} that the portal cannot read, so a person who logged in through
	 * Tasklist or the welcome page gets it here (same-origin JSON, which other sites cannot read).
	 */
	@GetMapping("/api/me")
	Me me(jakarta.servlet.http.HttpServletRequest request) {
		CurrentUser user = CurrentUsers.require();
		User u = identityService.createUserQuery().userId(user.userId()).singleResult();
		String name = UserNames.name(u, user.userId());
		// what must be done before anything else (the second factor, change the password): its page, name, and why
		AccountGate.Step step = ApiAuthenticationFilter.session(request).isPresent() ? gate.step(request, user) : gate.step(user);
		boolean admin = user.isAdmin();
		boolean auditor = user.isAuditor();
		boolean commission = user.isMember(Groups.HEALTH_COMMISSION);
		return new Me(user.userId(), name, user.groupIds(), auditor || admin,
				commission || auditor || admin || !user.headHospitals().isEmpty(), commission,
				commission || auditor || admin || user.isMember(Groups.COUNTY_INSURANCE) || !user.doctorVillages().isEmpty()
						|| !user.healthTownships().isEmpty(),
				mayOpen(user, "cockpit"), admin,
				CaseProcess.startsCases(user),
				mayOpen(user, "tasklist"), auditor || admin || CaseProcess.seesCases(user),
				ApiAuthenticationFilter.csrfToken(request),
				step.page(), step.label(), gate.message(step, user));
	}


	/** Whether Camunda lets the person open the web app (auditors, for one, have no access to Tasklist). */
	private boolean mayOpen(CurrentUser user, String webApp) {
		return authorizationService.isUserAuthorized(user.userId(), user.groupIds(), Permissions.ACCESS, Resources.APPLICATION, webApp);
	}

}
