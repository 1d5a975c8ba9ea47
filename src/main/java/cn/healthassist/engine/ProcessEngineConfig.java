package cn.healthassist.engine;

import cn.healthassist.config.HealthAssistProperties;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;

import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.CompositeProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.spring.boot.starter.annotation.EnableProcessApplication;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import com.fasterxml.jackson.databind.ObjectMapper;


/**
 * The process application: deploys {@code processes/} and {@code forms/} from the classpath as one deployment
 * (see META-INF/processes.xml), and the engine settings the project depends on. Kept apart from the main
 * class so that slice tests need no engine.
 */
@Configuration
@EnableProcessApplication("health-assist")
public class ProcessEngineConfig {

	/**
	 * User and group ids of docs/product.md section 3 contain hyphens ({@code village-doctor-T01V01}); Camunda accepts
	 * only letters and digits by default. Allowed on purpose: letters and digits in hyphen-separated parts, at most 64 in
 * all (the length of Camunda's id columns: a longer id was a 500 from the database).
	 */
	public static final String RESOURCE_ID_PATTERN = "(?=.{1,64}$)[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*";

	/**
	 * The one engine plugin of the product: its own settings, the guards and the parse listeners (below), what the
	 * history keeps (EngineHistory), the task and variable queries Tasklist runs (engine/TaskQueryMapping) and the
	 * authorization checks without the per-command group look-up (AuthorizationChecks). The route allow-list
	 * (EngineRouteFilter), the id generator (TimeOrderedIdGenerator) and the migrations of Camunda's tables before the
	 * engine starts (FlywayBeforeEngine) live beside it in this package.
	 */
	@Bean
	ProcessEnginePlugin healthAssistEnginePlugin(ObjectProvider<BpmnParseListener> parseListeners,
			ObjectProvider<ProcessEngine> engine, ObjectProvider<TaskCompletionRules> completionRules,
			ObjectProvider<ModelRules> modelRules, HealthAssistProperties properties, ObjectMapper json,
			ObjectProvider<cn.healthassist.security.Accounts> accounts, Environment environment,
			org.springframework.context.ApplicationContext context) {
		return new CompositeProcessEnginePlugin(guards(parseListeners, engine, completionRules, modelRules, properties,
				json, accounts), new EngineHistory(environment), new TaskQueryMapping(), new AuthorizationChecks(),
				modelBeans(context));
	}

	/**
	 * Running models reach only the beans a model may name (ModelBeans), not the whole application context: what the
	 * model rules check at deployment holds when a model runs too.
	 */
	private static ProcessEnginePlugin modelBeans(org.springframework.context.ApplicationContext context) {
		return new AbstractProcessEnginePlugin() {
			@Override
			public void preInit(ProcessEngineConfigurationImpl config) {
				ModelBeans beans = new ModelBeans(context, name -> ModelRulesConfig.productBean(context, name));
				// Camunda's Spring factory made its expression manager with the whole context before the plugins ran:
				// replaced by one that resolves these beans only; the beans map serves scripts (none are deployed)
				config.setBeans(beans);
				config.setExpressionManager(new org.camunda.bpm.engine.spring.SpringExpressionManager(context, beans));
			}
		};
	}

	private static ProcessEnginePlugin guards(ObjectProvider<BpmnParseListener> parseListeners,
			ObjectProvider<ProcessEngine> engine, ObjectProvider<TaskCompletionRules> completionRules,
			ObjectProvider<ModelRules> modelRules, HealthAssistProperties properties, ObjectMapper json,
			ObjectProvider<cn.healthassist.security.Accounts> accounts) {
		PersonCommandGuard personGuard = new PersonCommandGuard(modelRules, json,
				properties.getDemo().isEnabled() && properties.getDemo().isAdminRunsTimers());
		return new AbstractProcessEnginePlugin() {
			@Override
			public void postProcessEngineBuild(ProcessEngine processEngine) {
				personGuard.engineBuilt(processEngine);
			}

			@Override
			public void preInit(ProcessEngineConfigurationImpl config) {
				config.setGeneralResourceWhitelistPattern(RESOURCE_ID_PATTERN);
				config.setEnableHistoricInstancePermissions(true);
				// the case's history grants cover its tasks' history: no HISTORIC_TASK grant per task
				config.setResourceAuthorizationProvider(new TaskGrantsProvider());
				config.setEnablePasswordPolicy(true);
				config.setPasswordPolicy(new PasswordRules());
				// wrong passwords lock an account for a while, never for good (LoginLocks): Camunda's permanent lock after
				// loginMaxAttempts, which anyone who knows a user id could cause, is set out of reach
				config.setLoginMaxAttempts(Integer.MAX_VALUE);
				config.setIdentityProviderSessionFactory(LoginLocks.factory(properties.getLoginLock().getMaxFailures(),
						properties.getLoginLock().getDuration()));
				config.setAuthorizationEnabled(true);
				if (config.getCustomPostBPMNParseListeners() == null) {
					config.setCustomPostBPMNParseListeners(new ArrayList<>());
				}
				parseListeners.orderedStream().forEach(config.getCustomPostBPMNParseListeners()::add);
				List<CommandInterceptor> pre = new ArrayList<>();
				if (config.getCustomPreCommandInterceptorsTxRequired() != null) {
					pre.addAll(config.getCustomPreCommandInterceptorsTxRequired());
				}
				// first: a person's step and the guards' reads for it in one transaction
				pre.add(new StepTransaction(config));
				pre.add(personGuard);
				pre.add(new PasswordHistoryGuard(accounts, engine));
				pre.add(new TaskCompletionGuard(engine, completionRules));
				pre.add(new TaskAssignmentGuard(engine));
				pre.add(new CandidateGrantGuard(engine));
				config.setCustomPreCommandInterceptorsTxRequired(pre);
			}
		};
	}

}
