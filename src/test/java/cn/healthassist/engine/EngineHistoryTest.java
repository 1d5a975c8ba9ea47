package cn.healthassist.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;

/**
 * The engine refuses to start below the history level {@code full} (EngineHistory): the case records tell a form a
 * person deployed alone from a release's by the operation log, which lower levels do not write. On engines of their own
 * (in-memory H2).
 */
class EngineHistoryTest {

	@Test
	void belowFull_theEngineDoesNotStart_andSaysWhichSettingToChange() {
		assertThatThrownBy(() -> engine("history-audit", ProcessEngineConfiguration.HISTORY_AUDIT))
			.isInstanceOf(ProcessEngineException.class)
			.hasMessageContaining("camunda.bpm.history-level must be full, not audit");
		close("history-audit");
		assertThatThrownBy(() -> engine("history-activity", ProcessEngineConfiguration.HISTORY_ACTIVITY))
			.hasMessageContaining("not activity");
		close("history-activity");
	}

	@Test
	void atFull_itStarts_andTheOperationLogNamesWhoDeployed() {
		ProcessEngine engine = engine("history-full", ProcessEngineConfiguration.HISTORY_FULL);
		try {
			engine.getIdentityService().setAuthenticatedUserId("owner");
			String id = engine.getRepositoryService()
				.createDeployment()
				.addString("f.form", "{\"id\":\"f\",\"components\":[]}")
				.deploy()
				.getId();
			engine.getIdentityService().clearAuthentication();
			assertThat(engine.getHistoryService().createUserOperationLogQuery().deploymentId(id).list())
				.extracting(e -> e.getUserId())
				.contains("owner");
		}
		finally {
			engine.close();
		}
	}

	private static ProcessEngine engine(String name, String historyLevel) {
		ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
			.createStandaloneInMemProcessEngineConfiguration()
			.setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1")
			.setProcessEngineName(name)
			.setHistory(historyLevel)
			.setJobExecutorActivate(false);
		config.getProcessEnginePlugins().add(new EngineHistory(new StandardEnvironment()));
		return config.buildProcessEngine();
	}

	/** An engine that refused to start has been built all the same; it is closed so the next test starts clean. */
	private static void close(String name) {
		ProcessEngine built = ProcessEngines.getProcessEngine(name);
		if (built != null) {
			built.close();
		}
	}

}
