package cn.healthassist.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.ibatis.ognl.OgnlRuntime;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.db.TenantCheck;
import org.junit.jupiter.api.Test;

/**
 * Every property the task and variable query mappings test reads has a getter MyBatis's expression language finds
 * and caches. A name it finds no getter for ({@code query.isWithoutTenantId}, where the getter is
 * {@code isWithoutTenantId()}) still works, but each evaluation then searches all of the class's methods: two such
 * names cost about a tenth of a task query's time in the application (docs/benchmark.md).
 */
class TaskQueryMappingTest {

	private static final Pattern EXPRESSION = Pattern.compile("(?:test|value)=\"([^\"]*)\"");

	private static final Pattern PROPERTY = Pattern.compile("\\b(query|authCheck|tenantCheck)\\.(\\w+)");

	private static List<String> withoutGetter(String resource, Map<String, Class<?>> roots) throws IOException {
		String xml;
		try (InputStream in = TaskQueryMappingTest.class.getClassLoader().getResourceAsStream(resource)) {
			xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		List<String> missing = new ArrayList<>();
		int read = 0;
		Matcher expression = EXPRESSION.matcher(xml);
		while (expression.find()) {
			Matcher property = PROPERTY.matcher(expression.group(1));
			while (property.find()) {
				read++;
				if (OgnlRuntime.getGetMethod(roots.get(property.group(1)), property.group(2)) == null) {
					missing.add(property.group());
				}
			}
		}
		assertThat(read).as("properties read in " + resource).isPositive();
		return missing;
	}

	@Test
	void theTaskQuerysExpressions_readPropertiesThroughGetters() throws IOException {
		assertThat(withoutGetter(TaskQueryMapping.RESOURCE, Map.of("query", TaskQueryImpl.class, "authCheck",
				TaskGrantsCheck.class, "tenantCheck", TenantCheck.class))).isEmpty();
	}

	@Test
	void theVariableQuerysExpressions_readPropertiesThroughGetters() throws IOException {
		assertThat(withoutGetter(TaskQueryMapping.VARIABLE_RESOURCE, Map.of("query", TaskQueryImpl.class, "authCheck",
				AuthorizationCheck.class, "tenantCheck", TenantCheck.class))).isEmpty();
	}

	@Test
	void aNameWithoutAGetter_isFound() {
		assertThat(OgnlRuntime.getGetMethod(TaskQueryImpl.class, "isWithoutTenantId")).isNull();
		assertThat(OgnlRuntime.getGetMethod(TaskQueryImpl.class, "withoutTenantId")).isNotNull();
	}

}
