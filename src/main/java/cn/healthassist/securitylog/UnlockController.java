package cn.healthassist.securitylog;

import cn.healthassist.engine.SystemCalls;

import cn.healthassist.values.Messages;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.healthassist.problems.CaseRejectedException;
import cn.healthassist.security.CurrentUser;
import cn.healthassist.security.CurrentUsers;

/**
 * The security administrator unlocks an account that wrong passwords locked, before the lock runs out (Camunda lets
 * only its camunda-admin group do that; production has the three administrators alone). Logged as USER_CHANGED.
 */
@RestController
class UnlockController {

	private final IdentityService identityService;

	UnlockController(IdentityService identityService) {
		this.identityService = identityService;
	}

	@PostMapping("/api/users/{userId}/unlock")
	ResponseEntity<Void> unlock(@PathVariable String userId) {
		CurrentUser user = CurrentUsers.require();
		if (!user.isSecurityAdmin()) {
			throw CaseRejectedException.forbidden(Messages.get("engine.command.securityAdminsJob"));
		}
		if (identityService.createUserQuery().userId(userId).count() == 0) {
			throw new CaseRejectedException(org.springframework.http.HttpStatus.NOT_FOUND, "userId", Messages.get("securitylog.noSuchAccount", userId));
		}
		// Camunda's unlock checks for camunda-admin; the security administrator's right was checked above
		SystemCalls.run(identityService, () -> {
			identityService.unlockUser(userId);
			return null;
		});
		return ResponseEntity.noContent().build();
	}

}
