package cn.healthassist.tasklist;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.springframework.stereotype.Component;

/**
 * Makes the engine run its task query (Tasklist's filters, {@code GET /task}, the count) with the authorization check
 * of {@code camunda-mapping/task-query.xml}: three indexed lookups per task instead of Camunda's join of every matching
 * authorization to every task, which takes seconds once a group has thousands of open tasks (README, "Benchmark").
 * The tasks found, their order and the permissions checked are Camunda's own; only the SQL shape differs.
 *
 * <p>It uses the means by which Camunda itself replaces a statement for one database: the statement mappings of
 * {@link DbSqlSessionFactory}, here for this engine only.
 */
@Component
public class TaskQueryMapping extends AbstractProcessEnginePlugin {

	static final String RESOURCE = "camunda-mapping/task-query.xml";

	static final String NAMESPACE = "cn.healthassist.tasklist.TaskQuery";

	static final String[] STATEMENTS = { "selectTaskByQueryCriteria", "selectTaskCountByQueryCriteria" };

	@Override
	public void postInit(ProcessEngineConfigurationImpl config) {
		Configuration mybatis = config.getSqlSessionFactory().getConfiguration();
		if (!mybatis.hasStatement(NAMESPACE + "." + STATEMENTS[0])) {
			try (InputStream in = TaskQueryMapping.class.getClassLoader().getResourceAsStream(RESOURCE)) {
				if (in == null) {
					throw new IllegalStateException(RESOURCE + " is missing from the classpath");
				}
				new XMLMapperBuilder(in, mybatis, RESOURCE, mybatis.getSqlFragments()).parse();
			}
			catch (IOException e) {
				throw new IllegalStateException("cannot read " + RESOURCE, e);
			}
		}
		// this engine's statement mappings (Camunda's database-specific statements for its database, plus ours)
		DbSqlSessionFactory sessions = config.getDbSqlSessionFactory();
		Map<String, String> mappings = sessions.getStatementMappings() == null ? new HashMap<>()
				: new HashMap<>(sessions.getStatementMappings());
		for (String statement : STATEMENTS) {
			mappings.put(statement, NAMESPACE + "." + statement);
		}
		sessions.setStatementMappings(mappings);
	}

}
