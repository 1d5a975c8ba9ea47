package cn.healthassist.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.task.TaskQuery;
import org.junit.jupiter.api.Test;

/** Which task queries ask for a group's queue and nothing else (HA_QUEUE_COUNT). */
class GroupQueueQueryTest {

	private static final List<String> GROUPS = List.of("township-health-T01");

	@Test
	void candidateGroupsWithTheirStateAndOrder_areAQueue() {
		assertThat(queue(query().taskCandidateGroupIn(GROUPS))).isTrue();
		assertThat(queue(query().taskCandidateGroup("township-health-T01"))).isTrue();
		assertThat(queue(query().taskCandidateGroupIn(List.of("township-health-T01", "township-health-T02")))).isTrue();
		// Tasklist's request: active tasks, its order after the filter's
		assertThat(queue(query().taskCandidateGroupIn(GROUPS).orderByDueDate().asc().orderByTaskCreateTime().desc().active())).isTrue();
		assertThat(queue(query().taskCandidateGroupIn(GROUPS).suspended())).isTrue();
		assertThat(queue(query().taskCandidateGroupIn(GROUPS).includeAssignedTasks())).isTrue();
		// as a filter's query extended by Tasklist's: an empty list of process instances asks for nothing
		TaskQueryImpl filter = (TaskQueryImpl) query().taskCandidateGroupInExpression("${currentUserGroups()}").orderByDueDate().asc();
		TaskQueryImpl extended = (TaskQueryImpl) filter.extend(query().active().orderByTaskCreateTime().desc());
		assertThat(extended.getProcessInstanceIdIn()).isEmpty();
		assertThat(queue(extended.taskCandidateGroupIn(GROUPS))).isTrue();
		assertThat(queue(query().taskCandidateGroupIn(GROUPS).processInstanceIdIn())).isTrue();
		// what is read of each task does not change which tasks are counted
		assertThat(queue(query().taskCandidateGroupIn(GROUPS).initializeFormKeys().withCommentAttachmentInfo())).isTrue();
	}

	@Test
	void anyOtherCondition_isNotAQueue() {
		assertThat(queue(query())).isFalse();
		for (TaskQuery other : List.of(query().taskCandidateGroupIn(GROUPS).dueBefore(new Date()),
				query().taskCandidateGroupIn(GROUPS).processDefinitionKey("chronic-certificate"),
				query().taskCandidateGroupIn(GROUPS).taskNameLike("%审核%"),
				query().taskCandidateGroupIn(GROUPS).taskDefinitionKey("Task_TownshipReview"),
				query().taskCandidateGroupIn(GROUPS).processVariableValueEquals("villageCode", "T01V01"),
				query().taskCandidateGroupIn(GROUPS).processInstanceBusinessKey("CC-2026-000001"),
				query().taskCandidateGroupIn(GROUPS).processInstanceIdIn("1"),
				query().taskCandidateGroupIn(GROUPS).tenantIdIn("t1"),
				query().taskCandidateGroupIn(GROUPS).withoutTenantId(),
				query().taskCandidateGroupIn(GROUPS).excludeSubtasks(),
				query().taskCandidateGroupIn(GROUPS).taskUnassigned(),
				query().taskCandidateGroupIn(GROUPS).followUpBeforeOrNotExistent(new Date()),
				query().taskCandidateUser("health-t01"),
				query().taskCandidateGroupIn(GROUPS).taskInvolvedUser("health-t01"),
				query().taskCandidateGroupLike("township-health-%"),
				query().withCandidateGroups(),
				query().taskCandidateGroupIn(GROUPS).or().taskAssignee("health-t01").endOr())) {
			assertThat(queue(other)).as("%s", other).isFalse();
		}
	}

	private static TaskQueryImpl query() {
		return new TaskQueryImpl();
	}

	private static boolean queue(TaskQuery query) {
		return GroupQueueQuery.isGroupQueue((TaskQueryImpl) query);
	}

}
