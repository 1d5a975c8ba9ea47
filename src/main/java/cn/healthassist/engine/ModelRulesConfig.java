package cn.healthassist.engine;

import java.util.Optional;

import org.springframework.aop.support.AopUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

/** The model rules with the application's beans: the product's own (package cn.healthassist) and the others. */
@Configuration
class ModelRulesConfig {

	@Bean
	ModelRules modelRules(ApplicationContext context) {
		return new ModelRules(name -> productBean(context, name), name -> context.containsBean(name));
	}

	private static Optional<Class<?>> productBean(ApplicationContext context, String name) {
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
		return user.getName().startsWith("cn.healthassist.") ? Optional.of(user) : Optional.empty();
	}

}
