package cn.healthassist.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;


/**
 * Authorization checks without Camunda's per-command look-up of every group that holds an authorization.
 * <p>
 * Before its first check in a command (a request, a job), the engine reads the distinct groups of all authorizations
 * ({@code SELECT distinct(GROUP_ID_) FROM ACT_RU_AUTHORIZATION}) to leave out of its checks the user's groups that hold
 * none. Here a person belongs to one to three groups, and every group holds authorizations (its tasks, its cases), so
 * the look-up removed nothing and cost a statement per command: nine per chronic-certificate case (README,
 * "Benchmark"). With this plugin the checks name the user's groups as they are; a group without authorizations
 * matches no row, so every check answers as before (the authorization tests, {@code AuthorizationChecksIT}).
 * <p>
 * A task query's check also says whether the user sees tasks only through grants on single tasks
 * ({@link TaskGrantsCheck}), so that the query can start from those grants.
 */
public class AuthorizationChecks extends AbstractProcessEnginePlugin {

	@Override
	public void preInit(ProcessEngineConfigurationImpl config) {
		List<SessionFactory> factories = new ArrayList<>();
		if (config.getCustomSessionFactories() != null) {
			factories.addAll(config.getCustomSessionFactories());
		}
		factories.add(new SessionFactory() {

			@Override
			public Class<?> getSessionType() {
				return AuthorizationManager.class;
			}

			@Override
			public Session openSession() {
				return new UserGroupsAuthorizationManager();
			}

		});
		config.setCustomSessionFactories(factories);
	}

	/** Camunda's authorization manager, checking the user's groups without first reading which groups hold authorizations. */
	static class UserGroupsAuthorizationManager extends AuthorizationManager {

		@Override
		public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
			if (authenticatedGroupIds == null || authenticatedGroupIds.isEmpty()) {
				return new ArrayList<>();
			}
			return new ArrayList<>(new LinkedHashSet<>(authenticatedGroupIds));
		}

		@Override
		public void configureTaskQuery(TaskQueryImpl query) {
			TaskGrantsCheck check = TaskGrantsCheck.install(query);
			super.configureTaskQuery(query);
			check.decide(getDbEntityManager(), query);
		}

	}

}
