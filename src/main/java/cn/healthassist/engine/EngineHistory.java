package cn.healthassist.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.history.JobState;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricJobLogEvent;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * What Camunda keeps of a case's history beyond the history level {@code full}'s default, where the project's own
 * records already hold it (docs/operations.md, "History retention").
 * <p>
 * Variables: no row for every change of one ({@code ACT_HI_DETAIL}; {@code healthassist.history.variable-details=true}
 * writes them again), and for the processes named in {@code healthassist.history.variables-not-kept-for} (all four by
 * default) no variable history at all ({@code ACT_HI_VARINST}). A case's facts are its record in the project's tables:
 * the hash-chained audit log (start data, every rule's result, each step's submitted fields, with who and when), the
 * registries and the visit records, which the rules, the trail and the documents read (audit/CaseRecords). The running
 * variables are unchanged: the forms, the routing, the timers and Tasklist read them.
 * <p>
 * The job log keeps each job's failures and its success (when, on which node, with which error), not the creation
 * and deletion of every job: most jobs are the reminders' timers of human steps, made when the step opens and deleted
 * when it is done in time, two rows each that say nothing the task's history does not
 * ({@code healthassist.history.job-creations-and-deletions=true} writes them again). Every other kind of history
 * (tasks, identity links, decisions, incidents, the operation log, activities) is kept as the history level
 * {@code full} says, except the gateways the path only passes through ({@code ACT_HI_ACTINST}): the trail shows no
 * gateway, and its diagram finds the flows taken through them from the steps on either side (a third of a case's
 * activity rows; {@code healthassist.history.gateways=true} writes them again).
 */
public class EngineHistory extends AbstractProcessEnginePlugin {

	static final String DETAILS = "healthassist.history.variable-details";

	static final String NOT_KEPT_FOR = "healthassist.history.variables-not-kept-for";

	static final String JOB_CREATIONS = "healthassist.history.job-creations-and-deletions";

	static final String GATEWAYS = "healthassist.history.gateways";

	private final boolean details;

	private final boolean jobCreations;

	private final boolean gateways;

	private final Set<String> notKeptFor;

	public EngineHistory(Environment environment) {
		Binder binder = Binder.get(environment);
		this.details = binder.bind(DETAILS, Boolean.class).orElse(false);
		this.notKeptFor = Set.copyOf(binder.bind(NOT_KEPT_FOR, Bindable.listOf(String.class)).orElse(List.of()));
		this.jobCreations = binder.bind(JOB_CREATIONS, Boolean.class).orElse(false);
		this.gateways = binder.bind(GATEWAYS, Boolean.class).orElse(false);
	}

	/**
	 * The product runs at the history level {@code full}, and refuses to start at any other: the trail and the auditors'
	 * history read the task and operation history it keeps, and the case records tell a form a person deployed alone from
	 * one of a release by the operation log's entry of its deployment, which no lower level writes (audit/FormFields).
	 * At a lower level every deployment would pass for a release.
	 */
	@Override
	public void postProcessEngineBuild(ProcessEngine engine) {
		requireFull(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getHistoryLevel());
	}

	static void requireFull(HistoryLevel level) {
		if (level == null || level.getId() != HistoryLevel.HISTORY_LEVEL_FULL.getId()) {
			throw notFull(level == null ? "unset" : level.getName());
		}
	}

	private static ProcessEngineException notFull(String level) {
		return new ProcessEngineException("camunda.bpm.history-level must be full, not " + level
				+ ": the case trail, the auditors' history and the case records' facts depend on it"
				+ " (docs/operations.md, \"History retention\")");
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl config) {
		// refused before the engine stores a level in a new database (which Camunda then holds it to); "auto" takes the
		// database's, checked once the engine is built
		String history = config.getHistory();
		if (history != null && !ProcessEngineConfiguration.HISTORY_FULL.equalsIgnoreCase(history)
				&& !ProcessEngineConfiguration.HISTORY_AUTO.equalsIgnoreCase(history)) {
			throw notFull(history);
		}
		if (details && notKeptFor.isEmpty() && jobCreations && gateways) {
			return;
		}
		config.setEnableDefaultDbHistoryEventHandler(false);
		List<HistoryEventHandler> handlers = new ArrayList<>();
		handlers.add(new Handler(details, notKeptFor, jobCreations, gateways));
		if (config.getCustomHistoryEventHandlers() != null) {
			handlers.addAll(config.getCustomHistoryEventHandlers());
		}
		config.setCustomHistoryEventHandlers(handlers);
	}

	/**
	 * Camunda's database history handler, without the per-change rows of variables unless asked for, without any
	 * variable history of the named processes (neither the row of a new variable nor the look-up of it on a change),
	 * and without the job log's creations and deletions and the gateways' activity rows unless asked for.
	 */
	static class Handler extends DbHistoryEventHandler {

		private final boolean details;

		private final Set<String> notKeptFor;

		private final boolean jobCreations;

		private final boolean gateways;

		Handler(boolean details, Set<String> notKeptFor, boolean jobCreations, boolean gateways) {
			this.details = details;
			this.notKeptFor = notKeptFor;
			this.jobCreations = jobCreations;
			this.gateways = gateways;
		}

		@Override
		protected void insertOrUpdate(HistoryEvent event) {
			if (!jobCreations && event instanceof HistoricJobLogEvent log && !kept(log)) {
				return;
			}
			if (!gateways && event instanceof HistoricActivityInstanceEventEntity activity && passedThrough(activity)) {
				return;
			}
			super.insertOrUpdate(event);
		}

		/**
		 * A gateway the path only passes through (exclusive, inclusive, parallel): neither its start nor its end is
		 * written. An event-based gateway is a wait state, and is kept.
		 */
		static boolean passedThrough(HistoricActivityInstanceEventEntity activity) {
			String type = activity.getActivityType();
			return type != null && type.endsWith("Gateway") && !"eventBasedGateway".equals(type);
		}

		/** A job's failures and its success are logged (where and how it ran); its creation and deletion are not. */
		static boolean kept(HistoricJobLogEvent log) {
			return log.getState() == JobState.FAILED.getStateCode() || log.getState() == JobState.SUCCESSFUL.getStateCode();
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
