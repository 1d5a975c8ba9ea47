package cn.healthassist.engine;

import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;

import cn.healthassist.security.UserNames;

/**
 * Runs an engine call on behalf of the system, once the project's own rules have decided that the user may have
 * its result (e.g. evaluating the relief rule while checking an application). Inside an engine command the
 * command's authorization checks are switched off for the call; outside, the user's authentication is set aside.
 */
public final class SystemCalls {

	private SystemCalls() {
	}

	/**
	 * Runs several engine calls in one command, so in one transaction and one entity cache, instead of a command (and a
	 * transaction) each. The calls keep the current authentication unless they go through {@link #run}.
	 */
	public static <T> T inOneCommand(ProcessEngine engine, Supplier<T> calls) {
		return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
			.execute(context -> calls.get());
	}

	/**
	 * A process instance's business key, by its id: from the current command's entity cache, or else read by its
	 * primary key (no query to build, no authorization check), in a command of its own when none is open (the services
	 * the engine hands out are its ProcessEngine). Null when there is no such instance.
	 */
	public static String businessKey(ProcessEngineServices services, String processInstanceId) {
		CommandContext commandContext = Context.getCommandContext();
		if (commandContext == null) {
			return inOneCommand((ProcessEngine) services, () -> businessKey(services, processInstanceId));
		}
		ExecutionEntity instance = commandContext.getExecutionManager().findExecutionById(processInstanceId);
		return instance == null ? null : instance.getBusinessKey();
	}

	public static <T> T run(IdentityService identityService, Supplier<T> call) {
		CommandContext commandContext = Context.getCommandContext();
		if (commandContext != null) {
			boolean checks = commandContext.isAuthorizationCheckEnabled();
			commandContext.disableAuthorizationCheck();
			try {
				return call.get();
			}
			finally {
				if (checks) {
					commandContext.enableAuthorizationCheck();
				}
			}
		}
		Authentication auth = identityService.getCurrentAuthentication();
		identityService.clearAuthentication();
		try {
			return call.get();
		}
		finally {
			if (auth != null) {
				identityService.setAuthentication(auth);
			}
		}
	}

	/**
	 * A person's name (security/UserNames), looked up as the system: whoever reads a case may not be allowed to read
	 * users. Null for no user id.
	 */
	public static String userName(IdentityService identityService, String userId) {
		if (userId == null) {
			return null;
		}
		return UserNames.name(run(identityService, () -> identityService.createUserQuery().userId(userId).singleResult()),
				userId);
	}

	/**
	 * The candidate groups of a task, read as the system (whoever asks may not be allowed to read its identity links):
	 * the groups whose members may work on it. Empty when the task has none or is gone.
	 */
	public static java.util.Set<String> candidateGroups(TaskService taskService, IdentityService identityService,
			String taskId) {
		return run(identityService, () -> taskService.getIdentityLinksForTask(taskId)
			.stream()
			.filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
			.map(IdentityLink::getGroupId)
			.collect(java.util.stream.Collectors.toSet()));
	}

}
