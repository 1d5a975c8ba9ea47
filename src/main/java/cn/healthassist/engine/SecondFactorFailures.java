package cn.healthassist.engine;

import java.util.Date;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

import cn.healthassist.security.LoginFailures;

/** A wrong second factor (security/Totp) counted by the engine's identity provider as a wrong password (LoginLocks). */
@Component
class SecondFactorFailures implements LoginFailures {

	private final ProcessEngine engine;

	SecondFactorFailures(ProcessEngine engine) {
		this.engine = engine;
	}

	@Override
	public void failed(String userId, boolean lockNow) {
		execute(context -> {
			((LoginLocks) context.getReadOnlyIdentityProvider()).countFailure(userId, lockNow);
			return null;
		});
	}

	@Override
	public Date lockedUntil(String userId) {
		return execute(context -> {
			UserEntity user = ((LoginLocks) context.getReadOnlyIdentityProvider()).findUserById(userId);
			Date until = user == null ? null : user.getLockExpirationTime();
			return until != null && until.after(ClockUtil.getCurrentTime()) ? until : null;
		});
	}

	/** Runs as the system: the person's own authorizations may not let them read their account. */
	private <T> T execute(Command<T> command) {
		return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
			.execute(context -> {
				context.disableAuthorizationCheck();
				try {
					return command.execute(context);
				}
				finally {
					context.enableAuthorizationCheck();
				}
			});
	}

}
