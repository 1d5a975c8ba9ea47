package cn.healthassist.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.camunda.bpm.engine.impl.cmd.AddGroupIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.AddUserIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DelegateTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskOwnerCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.junit.jupiter.api.Test;

/**
 * The guards (TaskAssignmentGuard, TaskCompletionGuard, CandidateGrantGuard) read these fields of Camunda's own commands. If a Camunda upgrade renames one, this test fails, and the
 * guards refuse the command instead of letting it through unchecked.
 */
class CommandFieldsTest {

	@Test
	void claimDelegateAssignAndOwner_nameTheirTaskAndUser() {
		for (Object command : new Object[] { new ClaimTaskCmd("task-1", "doctor-t01v01"), new DelegateTaskCmd("task-1", "doctor-t01v01"),
				new AssignTaskCmd("task-1", "doctor-t01v01"), new SetTaskOwnerCmd("task-1", "doctor-t01v01"),
				new AddUserIdentityLinkCmd("task-1", "doctor-t01v01", IdentityLinkType.CANDIDATE) }) {
			assertThat(CommandFields.read(command, "taskId")).as(command.getClass().getSimpleName()).isEqualTo("task-1");
			assertThat(CommandFields.read(command, "userId")).as(command.getClass().getSimpleName()).isEqualTo("doctor-t01v01");
		}
	}

	@Test
	void addingACandidateGroup_namesTheGroup_andNoUser() {
		AddGroupIdentityLinkCmd command = new AddGroupIdentityLinkCmd("task-1", "township-health-T02", IdentityLinkType.CANDIDATE);
		assertThat(CommandFields.read(command, "taskId")).isEqualTo("task-1");
		assertThat(CommandFields.read(command, "groupId")).isEqualTo("township-health-T02");
		assertThat(CommandFields.read(command, "userId")).isNull();
		assertThat(CommandFields.read(new AssignTaskCmd("task-1", "health-t01"), "groupId")).isNull();
	}

	@Test
	void completingAndSubmittingAForm_carryTheSubmittedValues() {
		Map<String, Object> values = Map.of("decision", "pass", "opinion", "材料齐全");
		assertThat(CommandFields.read(new CompleteTaskCmd("task-1", values), "variables")).isEqualTo(values);
		Object submitted = CommandFields.read(new SubmitTaskFormCmd("task-1", values, false, false), "properties");
		assertThat(submitted).isInstanceOf(Map.class);
		assertThat(Map.copyOf((Map<?, ?>) submitted)).isEqualTo(values);
	}

	@Test
	void deletingAndSavingAnAuthorization_nameWhich() {
		assertThat(CommandFields.read(new org.camunda.bpm.engine.impl.cmd.DeleteAuthorizationCmd("auth-1"), "authorizationId"))
			.isEqualTo("auth-1");
		var authorization = new org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity(
				org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT);
		authorization.setGroupId("township-health-T01");
		authorization.setResource(org.camunda.bpm.engine.authorization.Resources.TASK);
		authorization.setResourceId("task-1");
		assertThat(CommandFields.read(new org.camunda.bpm.engine.impl.cmd.SaveAuthorizationCmd(authorization), "authorization"))
			.isSameAs(authorization);
	}

	@Test
	void aFieldThatIsNotThere_isAnError_notANull() {
		assertThatThrownBy(() -> CommandFields.read(new ClaimTaskCmd("task-1", "health-t01"), "assigneeId"))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("ClaimTaskCmd has no field assigneeId");
	}

}
