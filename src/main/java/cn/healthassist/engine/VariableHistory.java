package cn.healthassist.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * History of process variables. By default the engine keeps each variable's last value ({@code ACT_HI_VARINST}),
 * but not a row for every change of it ({@code ACT_HI_DETAIL}): what people submitted at each step is recorded in
 * the hash-chained audit log (start data, decision, opinion and every form value, with who and when), which is what
 * the auditors' trail shows; Camunda's per-change rows repeated it, and were the largest part of a finished case in
 * the database (README, "Benchmark"). {@code healthassist.history.variable-details=true} writes them again.
 * <p>
 * The processes named in {@code healthassist.history.variables-not-kept-for} (by default {@code chronic-followup})
 * keep no variable history at all: their variables are working copies of records the project keeps in its own
 * tables (the certificate, each visit in {@code ha_followup_visit}) and of the audit log, and a follow-up runs for
 * years. Their running variables are unchanged (the forms, timers and Tasklist read them). Every other kind of
 * history (activities, tasks, identity links, decisions, incidents, jobs, the operation log) is kept as the history
 * level {@code full} says.
 */
@Component
public class VariableHistory extends AbstractProcessEnginePlugin {

	static final String DETAILS = "healthassist.history.variable-details";

	static final String NOT_KEPT_FOR = "healthassist.history.variables-not-kept-for";

	private final boolean details;

	private final Set<String> notKeptFor;

	public VariableHistory(Environment environment) {
		Binder binder = Binder.get(environment);
		this.details = binder.bind(DETAILS, Boolean.class).orElse(false);
		this.notKeptFor = Set.copyOf(binder.bind(NOT_KEPT_FOR, Bindable.listOf(String.class)).orElse(List.of()));
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl config) {
		if (details && notKeptFor.isEmpty()) {
			return;
		}
		config.setEnableDefaultDbHistoryEventHandler(false);
		List<HistoryEventHandler> handlers = new ArrayList<>();
		handlers.add(new Handler(details, notKeptFor));
		if (config.getCustomHistoryEventHandlers() != null) {
			handlers.addAll(config.getCustomHistoryEventHandlers());
		}
		config.setCustomHistoryEventHandlers(handlers);
	}

	/**
	 * Camunda's database history handler, without the per-change rows of variables unless asked for, and without any
	 * variable history of the named processes (neither the row of a new variable nor the look-up of it on a change).
	 */
	static class Handler extends DbHistoryEventHandler {

		private final boolean details;

		private final Set<String> notKeptFor;

		Handler(boolean details, Set<String> notKeptFor) {
			this.details = details;
			this.notKeptFor = notKeptFor;
		}

		@Override
		protected void insertHistoricVariableUpdateEntity(HistoricVariableUpdateEventEntity event) {
			if (event.getProcessDefinitionKey() != null && notKeptFor.contains(event.getProcessDefinitionKey())) {
				return;
			}
			super.insertHistoricVariableUpdateEntity(event);
		}

		@Override
		protected boolean shouldWriteHistoricDetail(HistoricVariableUpdateEventEntity event) {
			return details && super.shouldWriteHistoricDetail(event);
		}

	}

}
