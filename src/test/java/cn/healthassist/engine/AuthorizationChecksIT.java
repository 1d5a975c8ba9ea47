package cn.healthassist.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

import cn.healthassist.support.Applications;
import cn.healthassist.support.Http;
import cn.healthassist.support.IntegrationTest;
import cn.healthassist.support.TestIds;

/**
 * The engine checks a user's groups as they are, without first reading which groups hold authorizations
 * ({@link AuthorizationChecks}); a group that holds none neither widens nor narrows what its members see.
 */
class AuthorizationChecksIT extends IntegrationTest {

	private static final String NO_GRANTS = "group-without-authorizations";

	@Test
	void theUsersGroupsAreCheckedAsTheyAre_withoutLookingUpWhichGroupsHoldAuthorizations() {
		List<String> checked = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
			.execute(context -> context.getAuthorizationManager()
				.filterAuthenticatedGroupIds(List.of(NO_GRANTS, "township-health-T01", NO_GRANTS)));
		assertThat(checked).containsExactly(NO_GRANTS, "township-health-T01");
		assertThat(count("SELECT COUNT(*) FROM ACT_RU_AUTHORIZATION WHERE GROUP_ID_ = ?", NO_GRANTS)).isZero();
	}

	@Test
	void aGroupWithoutAuthorizations_neitherWidensNorNarrowsWhatItsMembersSee() {
		Http.Response started = http("doctor-t01v01").postJson("/api/chronic-certificate-applications",
				Applications.chronic(TestIds.newIdNumber(), "T01V01"));
		assertThat(started.status()).as(started.body()).isEqualTo(201);
		String pid = started.json().path("processInstanceId").asText();
		taskService.createAttachment("application/pdf", null, pid, "诊断证明书.pdf", "县人民医院诊断证明",
				new java.io.ByteArrayInputStream("%PDF-1.4 test".getBytes()));
		complete("doctor-t01v01", pid, "Task_CollectMaterials", Map.of("materialsChecklist", List.of("diagnosis", "records")));
		Task review = task(pid, "Task_TownshipReview");

		// the township's reviewer, also in a group that holds no authorization: sees and works the case as before
		assertThat(as("someone", List.of(NO_GRANTS, "township-health-T01"),
				() -> taskService.createTaskQuery().processInstanceId(pid).taskCandidateGroup("township-health-T01").count()))
			.isOne();
		assertThat(as("someone", List.of(NO_GRANTS, "township-health-T01"),
				() -> runtimeService.createProcessInstanceQuery().processInstanceId(pid).count())).isOne();
		assertThat(as("someone", List.of(NO_GRANTS, "township-health-T01"),
				() -> historyService.createHistoricProcessInstanceQuery().processInstanceId(pid).count())).isOne();

		// another township's reviewer in the same extra group: sees nothing of it and cannot read its task
		assertThat(as("someone", List.of(NO_GRANTS, "township-health-T02"),
				() -> taskService.createTaskQuery().processInstanceId(pid).count())).isZero();
		assertThat(as("someone", List.of(NO_GRANTS, "township-health-T02"),
				() -> runtimeService.createProcessInstanceQuery().processInstanceId(pid).count())).isZero();
		assertThat(as("someone", List.of(NO_GRANTS), () -> historyService.createHistoricProcessInstanceQuery().processInstanceId(pid).count()))
			.isZero();
		assertThatThrownBy(() -> as("someone", List.of(NO_GRANTS, "township-health-T02"), () -> taskService.getVariables(review.getId())))
			.isInstanceOf(AuthorizationException.class);
		assertThat(as("someone", List.of(NO_GRANTS, "township-health-T01"), () -> taskService.getVariables(review.getId())))
			.containsKey("applicantName");
	}

}
