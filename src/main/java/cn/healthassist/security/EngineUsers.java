package cn.healthassist.security;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** The user the engine is acting for (set by the web apps, the REST API or the project's API), if any. */
public final class EngineUsers {

	private EngineUsers() {
	}

	public static CurrentUser current(IdentityService identityService) {
		Authentication auth = identityService.getCurrentAuthentication();
		if (auth == null || auth.getUserId() == null) {
			return null;
		}
		List<String> groups = auth.getGroupIds();
		if (groups == null) {
			groups = identityService.createGroupQuery().groupMember(auth.getUserId()).list().stream().map(Group::getId).toList();
		}
		return new CurrentUser(auth.getUserId(), groups);
	}

}
