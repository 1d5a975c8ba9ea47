package cn.healthassist.security;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.Collection;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.stereotype.Service;

/**
 * When a case starts, its jurisdiction groups (the village, the township, the county office that decides) are
 * allowed to read its process instance and its history; nobody else is, except auditors, who read all history.
 * Task rights come from candidate groups.
 */
@Service
public class CaseAuthorizations {

	private final AuthorizationService authorizationService;

	public CaseAuthorizations(AuthorizationService authorizationService) {
		this.authorizationService = authorizationService;
	}

	/** Called inside the engine's command (a start listener); the grants are written by the system. */
	public void grantRead(String processInstanceId, Collection<String> groupIds) {
		CommandContext commandContext = Context.getCommandContext();
		boolean checks = commandContext != null && commandContext.isAuthorizationCheckEnabled();
		if (checks) {
			commandContext.disableAuthorizationCheck();
		}
		try {
			for (String groupId : groupIds) {
				Authorization runtime = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
				runtime.setGroupId(groupId);
				runtime.setResource(Resources.PROCESS_INSTANCE);
				runtime.setResourceId(processInstanceId);
				runtime.addPermission(Permissions.READ);
				authorizationService.saveAuthorization(runtime);

				Authorization history = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
				history.setGroupId(groupId);
				history.setResource(Resources.HISTORIC_PROCESS_INSTANCE);
				history.setResourceId(processInstanceId);
				history.addPermission(HistoricProcessInstancePermissions.READ);
				authorizationService.saveAuthorization(history);
			}
		}
		finally {
			if (checks) {
				commandContext.enableAuthorizationCheck();
			}
		}
	}

}
