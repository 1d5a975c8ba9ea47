package cn.healthassist.securitylog;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import cn.healthassist.engine.SystemCalls;
import cn.healthassist.problems.CaseRejectedException;
import cn.healthassist.security.CurrentUser;
import cn.healthassist.security.CurrentUsers;
import cn.healthassist.security.Totp;
import cn.healthassist.values.Messages;

/**
 * The security administrator removes the authenticator of a person who lost it (a new phone, a lost one): at the next
 * login the person sets up a new one (an administrator must; anyone else may). Logged as USER_CHANGED. Not their own:
 * another security administrator removes it.
 */
@RestController
class TotpResetController {

	private final IdentityService identityService;

	private final Totp totp;

	TotpResetController(IdentityService identityService, Totp totp) {
		this.identityService = identityService;
		this.totp = totp;
	}

	@DeleteMapping("/api/users/{userId}/totp")
	ResponseEntity<Void> reset(@PathVariable String userId) {
		CurrentUser user = CurrentUsers.require();
		if (!user.isSecurityAdmin()) {
			throw CaseRejectedException.forbidden(Messages.get("security.totp.resetIsSecurityAdminsJob"));
		}
		if (userId.equals(user.userId())) {
			// a stolen session would otherwise swap the account's authenticator for the thief's, for good
			throw CaseRejectedException.forbidden(Messages.get("security.totp.notOwnReset"));
		}
		long accounts = SystemCalls.run(identityService, () -> identityService.createUserQuery().userId(userId).count());
		if (accounts == 0) {
			throw new CaseRejectedException(HttpStatus.NOT_FOUND, "userId", Messages.get("securitylog.noSuchAccount", userId));
		}
		totp.reset(userId);
		return ResponseEntity.noContent().build();
	}

}
