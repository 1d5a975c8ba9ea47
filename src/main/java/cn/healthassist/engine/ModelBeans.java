package cn.healthassist.engine;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.springframework.context.ApplicationContext;

/**
 * The beans a running model's expressions can reach, given to the engine in place of the whole application context
 * (Camunda's {@code beans}): the product's step templates and the beans made for models ({@code ForModels}), the same
 * that {@link ModelRules} lets a deployment name. So even an expression the rules did not see as written resolves no
 * other bean ({@code ${identityService…}} is then an unknown name): the engine's services, the data source, the
 * product's importers, mappers and accounts stay out of any model's reach. Looked up by name when an expression first
 * asks, so no bean is created early; the map lists nothing.
 */
final class ModelBeans extends AbstractMap<Object, Object> {

	private final ApplicationContext context;

	private final Function<String, Optional<Class<?>>> forModels;

	ModelBeans(ApplicationContext context, Function<String, Optional<Class<?>>> forModels) {
		this.context = context;
		this.forModels = forModels;
	}

	@Override
	public boolean containsKey(Object name) {
		return name instanceof String bean && forModels.apply(bean).isPresent();
	}

	@Override
	public Object get(Object name) {
		return containsKey(name) ? context.getBean((String) name) : null;
	}

	@Override
	public Set<Map.Entry<Object, Object>> entrySet() {
		return Set.of();
	}

}
