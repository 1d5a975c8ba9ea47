package cn.healthassist.security;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.PasswordPolicyResult;
import org.camunda.bpm.engine.identity.PasswordPolicyRule;
import org.camunda.bpm.engine.identity.User;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import cn.healthassist.problems.CaseRejectedException;
import cn.healthassist.problems.FieldProblem;
import cn.healthassist.values.Messages;
import jakarta.servlet.http.HttpServletRequest;

/**
 * A person changes their own password (the portal's 修改密码 page, {@code POST /api/me/password}): the current one,
 * then a new one that passes the password policy and is none of the last ones. The security log records it
 * (PASSWORD_CHANGED). The page is open while the password must be changed (AccountGate).
 */
@RestController
class PasswordController {

	/** The longest password taken. */
	static final int MAX_LENGTH = 128;

	private final IdentityService identityService;

	private final AccountGate gate;

	PasswordController(IdentityService identityService, AccountGate gate) {
		this.identityService = identityService;
		this.gate = gate;
	}

	record PasswordChangeRequest(String currentPassword, String newPassword) {
	}

	@PostMapping("/api/me/password")
	ResponseEntity<Void> change(@RequestBody PasswordChangeRequest body, HttpServletRequest request) {
		CurrentUser me = CurrentUsers.require();
		List<FieldProblem> problems = new ArrayList<>();
		if (body.currentPassword() == null || body.currentPassword().isEmpty()) {
			problems.add(new FieldProblem("currentPassword", Messages.get("security.password.currentRequired")));
		}
		if (body.newPassword() == null || body.newPassword().isEmpty()) {
			problems.add(new FieldProblem("newPassword", Messages.get("security.password.newRequired")));
		}
		else if (body.newPassword().length() > MAX_LENGTH) {
			// a longer one could not be sent in an HTTP Basic header, and every login would hash it
			problems.add(new FieldProblem("newPassword", Messages.get("security.password.tooLong", MAX_LENGTH)));
		}
		if (body.currentPassword() != null && body.currentPassword().length() > MAX_LENGTH) {
			problems.add(new FieldProblem("currentPassword", Messages.get("security.password.currentWrong")));
		}
		if (!problems.isEmpty()) {
			throw CaseRejectedException.badInput(problems);
		}
		User user = identityService.createUserQuery().userId(me.userId()).singleResult();
		if (user == null || !identityService.checkPassword(me.userId(), body.currentPassword())) {
			throw CaseRejectedException.badInput("currentPassword", Messages.get("security.password.currentWrong"));
		}
		PasswordPolicyResult policy = identityService.checkPasswordAgainstPolicy(body.newPassword(), user);
		for (PasswordPolicyRule rule : policy.getViolatedRules()) {
			problems.add(new FieldProblem("newPassword", PasswordRuleTexts.of(rule)));
		}
		if (!problems.isEmpty()) {
			throw CaseRejectedException.badInput(problems);
		}
		user.setPassword(body.newPassword());
		try {
			identityService.saveUser(user);
		}
		catch (CaseRejectedException e) {
			// the password history (engine/PasswordHistoryGuard) names Camunda's field; this page's is newPassword
			throw CaseRejectedException.badInput("newPassword",
					e.getProblems().isEmpty() ? e.getMessage() : e.getProblems().get(0).message());
		}
		gate.refresh(request, me);
		return ResponseEntity.noContent().build();
	}

}
