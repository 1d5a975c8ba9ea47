package cn.healthassist.engine;

import java.util.Optional;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

import cn.healthassist.processes.ForModels;

/**
 * The model rules with the application's beans: those a model may name (the product's step templates, its
 * {@code JavaDelegate}s and listeners, and the beans marked {@link ForModels}, whose methods it may call) and the others,
 * which a model may not name (the engine's services, the data source, the product's importers, mappers and accounts).
 */
@Configuration
class ModelRulesConfig {

	@Bean
	ModelRules modelRules(ApplicationContext context, java.util.List<DecisionCheck> decisionChecks) {
		return new ModelRules(name -> productBean(context, name), name -> context.containsBean(name))
			.withDecisionChecks(decisionChecks);
	}

	/** The class of a bean a model may name, or empty: a step template of the product, or a bean made for models. */
	static Optional<Class<?>> productBean(ApplicationContext context, String name) {
		if (!context.containsBean(name)) {
			return Optional.empty();
		}
		Class<?> type = context.getType(name);
		if (type == null) {
			return Optional.empty();
		}
		Class<?> user = ClassUtils.getUserClass(type);
		if (AopUtils.isAopProxy(user)) {
			return Optional.empty();
		}
		boolean forModels = user.getName().startsWith("cn.healthassist.") && (user.isAnnotationPresent(ForModels.class)
				|| JavaDelegate.class.isAssignableFrom(user) || TaskListener.class.isAssignableFrom(user)
				|| ExecutionListener.class.isAssignableFrom(user));
		return forModels ? Optional.of(user) : Optional.empty();
	}

}
