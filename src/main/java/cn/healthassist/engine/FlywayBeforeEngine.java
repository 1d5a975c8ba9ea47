package cn.healthassist.engine;

import java.util.Arrays;

import org.camunda.bpm.engine.spring.ProcessEngineFactoryBean;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.stereotype.Component;

/**
 * The project's Flyway migrations run before the process engine starts: the engine's start listeners and
 * delegates read the project's tables, and Flyway refuses a schema that Camunda has filled first.
 */
@Component
class FlywayBeforeEngine implements BeanFactoryPostProcessor {

	private static final String FLYWAY = "flywayInitializer";

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
		if (!beanFactory.containsBeanDefinition(FLYWAY)) {
			return;
		}
		for (String name : beanFactory.getBeanNamesForType(ProcessEngineFactoryBean.class, true, false)) {
			String beanName = name.startsWith("&") ? name.substring(1) : name;
			BeanDefinition definition = beanFactory.getBeanDefinition(beanName);
			String[] dependsOn = definition.getDependsOn() == null ? new String[0] : definition.getDependsOn();
			if (!Arrays.asList(dependsOn).contains(FLYWAY)) {
				String[] extended = Arrays.copyOf(dependsOn, dependsOn.length + 1);
				extended[dependsOn.length] = FLYWAY;
				definition.setDependsOn(extended);
			}
		}
	}

}
