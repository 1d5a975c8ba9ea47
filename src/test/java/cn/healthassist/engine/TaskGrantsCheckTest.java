package cn.healthassist.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.task.TaskQuery;
import org.junit.jupiter.api.Test;

/** Which task queries ask only for tasks offered to the user's own groups (HA_CANDIDATE_GRANTED). */
class TaskGrantsCheckTest {

	private static final List<String> USERS_GROUPS = List.of("township-health-T01", "tasklist-users");

	@Test
	void candidateGroupsAllTheUsersOwn() {
		assertThat(own(query().taskCandidateGroupIn(List.of("township-health-T01")), USERS_GROUPS))
			.isTrue();
		assertThat(own(query().taskCandidateGroupIn(USERS_GROUPS), USERS_GROUPS)).isTrue();
		assertThat(own(query().taskCandidateGroup("township-health-T01").includeAssignedTasks(),
				USERS_GROUPS)).isTrue();
	}

	@Test
	void anyOtherGroupOrConditionOnCandidates_keepsTheCheck() {
		// a group the user is not in, alone or among their own
		assertThat(own(query().taskCandidateGroup("township-health-T02"), USERS_GROUPS)).isFalse();
		assertThat(own(query().taskCandidateGroupIn(List.of("township-health-T01", "township-health-T02")),
				USERS_GROUPS)).isFalse();
		// no candidate groups at all, or other conditions on the identity links
		assertThat(own(query(), USERS_GROUPS)).isFalse();
		assertThat(own(query().taskCandidateUser("health-t01"), USERS_GROUPS)).isFalse();
		assertThat(own(query().taskCandidateGroupLike("township-health-%"), USERS_GROUPS)).isFalse();
		assertThat(own(query().taskInvolvedUser("health-t01"), USERS_GROUPS)).isFalse();
		assertThat(own(query().withCandidateGroups(), USERS_GROUPS)).isFalse();
		// an "or" query: its rows need not come through the user's groups
		assertThat(own(
				query().taskCandidateGroup("township-health-T01").or().taskAssignee("someone").endOr(), USERS_GROUPS)).isFalse();
		// a user without groups
		assertThat(own(query().taskCandidateGroup("township-health-T01"), List.of())).isFalse();
		assertThat(own(query().taskCandidateGroup("township-health-T01"), null)).isFalse();
	}

	private static TaskQueryImpl query() {
		return new TaskQueryImpl();
	}

	private static boolean own(TaskQuery query, List<String> userGroups) {
		return TaskGrantsCheck.onlyOwnCandidateGroups((TaskQueryImpl) query, userGroups);
	}

}
