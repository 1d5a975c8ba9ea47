package cn.healthassist.engine;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.PasswordPolicyRule;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.DeleteUserCmd;
import org.camunda.bpm.engine.impl.cmd.SaveUserCmd;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.EncryptionUtil;
import org.springframework.beans.factory.ObjectProvider;

import cn.healthassist.problems.CaseRejectedException;
import cn.healthassist.problems.FieldProblem;
import cn.healthassist.security.AccountMapper.PasswordHash;
import cn.healthassist.security.Accounts;
import cn.healthassist.security.PasswordRuleTexts;
import cn.healthassist.values.Messages;

/**
 * Whatever the door (Admin, Tasklist's profile, the engine REST API's {@code PUT /user/{id}/credentials}, the
 * product's own {@code POST /api/me/password}), a password is set by Camunda's SaveUserCmd: this interceptor refuses
 * one that equals the account's current password or one of its last healthassist.password.history (400, nothing
 * saved), and afterwards records the new salted hash and whether someone else set it (then its owner must change it
 * at the next login). A deleted account's history goes with it. Creating an account of an id in use is a 409 before any
 * password is looked at, so that its answer tells nothing about that account's passwords.
 */
class PasswordHistoryGuard extends CommandInterceptor {

	private final ObjectProvider<Accounts> accounts;

	private final ObjectProvider<ProcessEngine> engine;

	PasswordHistoryGuard(ObjectProvider<Accounts> accounts, ObjectProvider<ProcessEngine> engine) {
		this.accounts = accounts;
		this.engine = engine;
	}

	@Override
	public <T> T execute(Command<T> command) {
		if (!StepTransaction.isOutermost(command)) {
			return next.execute(command);
		}
		if (command instanceof DeleteUserCmd) {
			String userId = (String) CommandFields.read(command, "userId");
			T result = next.execute(command);
			accounts.getObject().forget(userId);
			return result;
		}
		if (!(command instanceof SaveUserCmd)) {
			return next.execute(command);
		}
		User user = (User) CommandFields.read(command, "user");
		if (user instanceof UserEntity created && created.getRevision() == 0 && exists(created.getId())) {
			// before any look at passwords: the answer for an id in use is the same whatever password was sent, so
			// creating an account of an existing id tells nothing about that account's passwords
			throw new CaseRejectedException(org.springframework.http.HttpStatus.CONFLICT, "id",
					Messages.get("engine.user.exists", created.getId()));
		}
		if (!(user instanceof UserEntity entity) || !entity.hasNewPassword()) {
			return next.execute(command);
		}
		String password = (String) CommandFields.read(entity, "newPassword");
		// the policy as Camunda would check it next, with the rules in words: Camunda's refusal names none and is
		// logged as a server error with its stack
		ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl) engine.getObject()
			.getProcessEngineConfiguration();
		if (!Boolean.TRUE.equals(CommandFields.read(command, "skipPasswordPolicy")) && config.isEnablePasswordPolicy()
				&& config.getPasswordPolicy() != null) {
			java.util.List<FieldProblem> broken = new java.util.ArrayList<>();
			for (PasswordPolicyRule rule : config.getPasswordPolicy().getRules()) {
				if (password == null || !rule.execute(password, entity)) {
					broken.add(new FieldProblem("password", PasswordRuleTexts.of(rule)));
				}
			}
			if (!broken.isEmpty()) {
				throw CaseRejectedException.badInput(broken);
			}
		}
		Accounts store = accounts.getObject();
		if (reused(entity, password, store)) {
			throw CaseRejectedException.badInput("password",
					Messages.get("security.password.reused", store.historySize()));
		}
		T result = next.execute(command);
		Authentication auth = engine.getObject().getIdentityService().getCurrentAuthentication();
		boolean bySomeoneElse = auth != null && auth.getUserId() != null && !auth.getUserId().equals(entity.getId());
		store.passwordSet(entity.getId(), entity.getPassword(), entity.getSalt(), bySomeoneElse);
		return result;
	}

	/** Whether an account of this id exists. */
	private boolean exists(String userId) {
		ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl) engine.getObject()
			.getProcessEngineConfiguration();
		return userId != null && config.getCommandExecutorTxRequired()
			.execute(context -> context.getDbEntityManager().selectById(UserEntity.class, userId) != null);
	}

	/** Whether the password is the account's current one or one of its recorded last ones. */
	private boolean reused(UserEntity entity, String password, Accounts store) {
		ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl) engine.getObject()
			.getProcessEngineConfiguration();
		return config.getCommandExecutorTxRequired().execute(context -> {
			if (entity.getPassword() != null && entity.getSalt() != null && matches(config, password, entity.getPassword(), entity.getSalt())) {
				return true;
			}
			for (PasswordHash old : store.recentPasswords(entity.getId())) {
				if (matches(config, password, old.passwordHash(), old.salt())) {
					return true;
				}
			}
			return false;
		});
	}

	private static boolean matches(ProcessEngineConfigurationImpl config, String password, String hash, String salt) {
		return config.getPasswordManager().check(EncryptionUtil.saltPassword(password, salt), hash);
	}

}
