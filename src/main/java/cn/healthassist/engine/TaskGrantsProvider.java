package cn.healthassist.engine;

import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;

/**
 * Camunda's grants on a task (READ and UPDATE, Camunda's default permission for a task's people, for its candidate
 * groups, assignee and owner; PersonCommandGuard and the route allow-list keep UPDATE to claiming and completing),
 * without the {@code HISTORIC_TASK} grant Camunda adds beside each when historic instance permissions are on. Here they
 * are on for the case's grants on its history ({@code HISTORIC_PROCESS_INSTANCE}, given to every group of its
 * jurisdiction at its start, security/CaseAuthorizations), and every task's candidate group is one of those
 * (CaseProcess.readers, which ModelRules holds every deployed model to; a task goes to no one else,
 * TaskAssignmentGuard). So a person who worked on a task reads its history, and its entries in Tasklist's 历史 tab,
 * through the case's grant; the per-task copies were four rows a chronic case, kept for years (docs/benchmark.md).
 * {@code EngineHistoryIT} shows each candidate reads the task's history after it ended, and another township or village
 * none of it.
 */
public class TaskGrantsProvider extends DefaultAuthorizationProvider {

	@Override
	protected boolean isHistoricInstancePermissionsEnabled() {
		return false;
	}

}
