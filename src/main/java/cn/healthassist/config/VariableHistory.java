package cn.healthassist.config;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * History of process variables: by default the engine keeps each variable's last value ({@code ACT_HI_VARINST}),
 * but not a row for every change of it ({@code ACT_HI_DETAIL}). What people submitted at each step is recorded in
 * the hash-chained audit log (start data, decision, opinion and every form value, with who and when), which is what
 * the auditors' trail shows; Camunda's per-change rows repeated it, and were the largest part of a finished case in
 * the database (README, "Benchmark"). {@code healthassist.history.variable-details=true} writes them again. Every
 * other kind of history (activities, tasks, identity links, decisions, incidents, jobs, the operation log) is kept
 * as the history level {@code full} says.
 */
@Component
public class VariableHistory extends AbstractProcessEnginePlugin {

	private final boolean details;

	public VariableHistory(@Value("${healthassist.history.variable-details:false}") boolean details) {
		this.details = details;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl config) {
		if (details) {
			return;
		}
		config.setEnableDefaultDbHistoryEventHandler(false);
		List<HistoryEventHandler> handlers = new ArrayList<>();
		handlers.add(new WithoutVariableDetails());
		if (config.getCustomHistoryEventHandlers() != null) {
			handlers.addAll(config.getCustomHistoryEventHandlers());
		}
		config.setCustomHistoryEventHandlers(handlers);
	}

	/** Camunda's database history handler, without the per-change rows of variables. */
	static class WithoutVariableDetails extends DbHistoryEventHandler {

		@Override
		protected boolean shouldWriteHistoricDetail(HistoricVariableUpdateEventEntity event) {
			return false;
		}

	}

}
