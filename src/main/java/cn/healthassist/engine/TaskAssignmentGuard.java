package cn.healthassist.engine;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cmd.AbstractAddIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DelegateTaskCmd;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import cn.healthassist.problems.CaseRejectedException;
import org.springframework.beans.factory.ObjectProvider;

import cn.healthassist.security.Groups;
import cn.healthassist.values.Messages;

/**
 * Keeps a task inside its jurisdiction. Camunda lets anyone who may work on a task claim, assign or delegate it to
 * any user id, and add candidate groups; each of these would let someone of another village or township read the
 * case. Here a task goes only to a member of its candidate groups, and only administrators change its groups.
 */
public class TaskAssignmentGuard extends CommandInterceptor {

	private final ObjectProvider<ProcessEngine> engine;

	public TaskAssignmentGuard(ObjectProvider<ProcessEngine> engine) {
		this.engine = engine;
	}

	@Override
	public <T> T execute(Command<T> command) {
		if (command instanceof ClaimTaskCmd || command instanceof DelegateTaskCmd
				|| command instanceof AbstractAddIdentityLinkCmd) {
			check(command);
		}
		return next.execute(command);
	}

	private void check(Command<?> command) {
		ProcessEngine processEngine = engine.getObject();
		IdentityService identity = processEngine.getIdentityService();
		Authentication auth = identity.getCurrentAuthentication();
		if (auth == null) {
			return;
		}
		boolean admin = auth.getGroupIds() != null && auth.getGroupIds().contains(Groups.ADMIN);
		String taskId = (String) CommandFields.read(command, "taskId");
		if (command instanceof AbstractAddIdentityLinkCmd && CommandFields.read(command, "groupId") != null) {
			if (admin) {
				return;
			}
			throw CaseRejectedException.forbidden(Messages.get("engine.task.candidateGroupsAdminOnly"));
		}
		// an administrator too gives a task only to a member of its groups, themselves included: Camunda lets its
		// administrators work on any task, which would let one account do a village's, a township's and the county's
		// steps of one case
		String target = (String) CommandFields.read(command, "userId");
		if (target == null || taskId == null) {
			return;
		}
		TaskService taskService = processEngine.getTaskService();
		// one command (one transaction) on behalf of the system: the task's candidate groups and, unless people claim
		// for themselves (their groups are those they are authenticated with), the groups of the person named
		boolean self = target.equals(auth.getUserId()) && auth.getGroupIds() != null;
		Membership read = SystemCalls.inOneCommand(processEngine, () -> SystemCalls.run(identity, () -> {
			Set<String> candidates = SystemCalls.candidateGroups(taskService, identity, taskId);
			List<String> targets = candidates.isEmpty() || self ? List.of()
					: identity.createGroupQuery().groupMember(target).list().stream().map(Group::getId).toList();
			return new Membership(candidates, targets);
		}));
		Set<String> candidates = read.candidates();
		if (candidates.isEmpty()) {
			return;
		}
		Collection<String> groups = self ? auth.getGroupIds() : read.target();
		if (groups.stream().noneMatch(candidates::contains)) {
			throw CaseRejectedException.forbidden(Messages.get("engine.task.ownGroupOnly", String.join("、", candidates)));
		}
	}

	/** The task's candidate groups, and the groups of the person it is to go to (when they had to be read). */
	private record Membership(Set<String> candidates, List<String> target) {
	}

}
