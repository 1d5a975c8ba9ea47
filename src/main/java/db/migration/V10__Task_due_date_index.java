package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * An index on the open tasks' due date ({@code ACT_RU_TASK.DUE_DATE_}, which Camunda does not index). Tasklist's
 * filters of this project sort by due date: with the index, the first page of 本组待办 reads the group's tasks in
 * that order and stops after 50 instead of sorting all of them (README, "Benchmark"; the task query of
 * {@code camunda-mapping/task-query.xml}). Where Camunda's tables do not exist yet (H2: the engine creates them after
 * Flyway), there is nothing to index here. Replaced by V12's index on the due date and the creation time, which
 * drops this one.
 */
public class V10__Task_due_date_index extends BaseJavaMigration {

	public static final String INDEX = "HA_IDX_TASK_DUE_DATE";

	public static final String TABLE = "ACT_RU_TASK";

	public static final String COLUMNS = "DUE_DATE_";

	@Override
	public void migrate(Context context) throws Exception {
		ProjectIndexes.createIfMissing(context.getConnection(), TABLE, INDEX, COLUMNS);
	}

}
