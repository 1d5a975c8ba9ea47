package db.migration;

import java.sql.Connection;
import java.sql.SQLException;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The indexes that count a group's queue (Tasklist's 本组待办) without reading each of its tasks
 * ({@code camunda-mapping/task-query.xml}, groupQueueCount): the candidate links by group, type and task, so that the
 * tasks a group is a candidate of are counted in the index alone (Camunda's index holds the group only, and each link
 * was read); and the open tasks by state, so that the suspended ones are found without reading the others (Camunda
 * indexes the assignee and the tenant, not the state). 50,000 tasks of one group: the count 0.08-0.1 s to 0.03 s in
 * MariaDB (README, "Benchmark"). The links' key is 2,296 bytes in utf8mb4, within InnoDB's 3,072.
 * Where Camunda's tables do not exist yet (H2: the engine creates them after Flyway), {@code TaskQueryMapping}
 * creates them once the engine has made its tables.
 */
public class V13__Group_queue_count_indexes extends BaseJavaMigration {

	public static final String LINKS_TABLE = "ACT_RU_IDENTITYLINK";

	public static final String LINKS_INDEX = "HA_IDX_IDENT_LNK_GROUP_TASK";

	public static final String LINKS_COLUMNS = "GROUP_ID_, TYPE_, TASK_ID_";

	public static final String TASKS_TABLE = "ACT_RU_TASK";

	public static final String TASKS_INDEX = "HA_IDX_TASK_SUSPENSION";

	public static final String TASKS_COLUMNS = "SUSPENSION_STATE_";

	@Override
	public void migrate(Context context) throws Exception {
		createAll(context.getConnection());
	}

	/** Both indexes, where their tables exist and they are missing. */
	public static void createAll(Connection connection) throws SQLException {
		ProjectIndexes.createIfMissing(connection, LINKS_TABLE, LINKS_INDEX, LINKS_COLUMNS);
		ProjectIndexes.createIfMissing(connection, TASKS_TABLE, TASKS_INDEX, TASKS_COLUMNS);
	}

}
