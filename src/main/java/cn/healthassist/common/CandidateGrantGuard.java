package cn.healthassist.common;

import java.util.Objects;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cmd.DeleteAuthorizationCmd;
import org.camunda.bpm.engine.impl.cmd.SaveAuthorizationCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Keeps the grant the engine gives a task's candidate group while the group is a candidate of the task. 本组待办
 * counts on that grant without looking it up for every task ({@code TaskGrantsCheck.isCandidateGroupsGranted}): an
 * administrator who deleted it, or took READ out of it, would leave the task in the group's list though nobody of the
 * group could open it. Here that is refused with what to do instead: take the group off the task, or revoke READ for
 * a person (a REVOKE authorization, which every list honours). Once the group is off the task, its grant can go.
 */
public class CandidateGrantGuard extends CommandInterceptor {

	static final String MESSAGE = "这是任务候选组“%s”的授权，该组仍是任务的候选组：如要收回该组的任务，请先把该组从任务的候选组中移除；"
			+ "如只对某个人收回，请为此人添加撤销（REVOKE）授权";

	private final ObjectProvider<ProcessEngine> engine;

	public CandidateGrantGuard(ObjectProvider<ProcessEngine> engine) {
		this.engine = engine;
	}

	@Override
	public <T> T execute(Command<T> command) {
		if (command instanceof DeleteAuthorizationCmd) {
			refuseIfCandidateGrant(stored((String) CommandFields.read(command, "authorizationId")));
		}
		else if (command instanceof SaveAuthorizationCmd) {
			AuthorizationEntity changed = (AuthorizationEntity) CommandFields.read(command, "authorization");
			// a change of an existing authorization: one that keeps the grant as it was (READ on the same task for the
			// same group) may go on; any other change of a candidate group's grant is refused
			if (changed != null && changed.getId() != null) {
				Authorization stored = stored(changed.getId());
				if (stored != null && !(changed.isPermissionGranted(Permissions.READ)
						&& changed.getAuthorizationType() == stored.getAuthorizationType()
						&& changed.getResourceType() == stored.getResourceType()
						&& Objects.equals(changed.getResourceId(), stored.getResourceId())
						&& Objects.equals(changed.getGroupId(), stored.getGroupId()))) {
					refuseIfCandidateGrant(stored);
				}
			}
		}
		return next.execute(command);
	}

	/** The authorization as it is in the database, read on behalf of the system. */
	private Authorization stored(String id) {
		if (id == null) {
			return null;
		}
		ProcessEngine processEngine = engine.getObject();
		return SystemCalls.inOneCommand(processEngine, () -> SystemCalls.run(processEngine.getIdentityService(),
				() -> processEngine.getAuthorizationService().createAuthorizationQuery().authorizationId(id).singleResult()));
	}

	/** Refuses when the authorization is a group's grant on a task of which the group is a candidate. */
	private void refuseIfCandidateGrant(Authorization authorization) {
		if (authorization == null || authorization.getAuthorizationType() != Authorization.AUTH_TYPE_GRANT
				|| authorization.getResourceType() != Resources.TASK.resourceType() || authorization.getGroupId() == null
				|| authorization.getResourceId() == null || Authorization.ANY.equals(authorization.getResourceId())) {
			return;
		}
		String task = authorization.getResourceId();
		String group = authorization.getGroupId();
		ProcessEngine processEngine = engine.getObject();
		// one command on behalf of the system: is the task open, and the group one of its candidates?
		boolean candidate = SystemCalls.inOneCommand(processEngine, () -> SystemCalls.run(processEngine.getIdentityService(),
				() -> processEngine.getTaskService().createTaskQuery().taskId(task).count() > 0
						&& processEngine.getTaskService()
							.getIdentityLinksForTask(task)
							.stream()
							.anyMatch(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && group.equals(l.getGroupId()))));
		if (candidate) {
			throw CaseRejectedException.conflict(String.format(MESSAGE, group));
		}
	}

}
