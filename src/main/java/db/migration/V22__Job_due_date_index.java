package db.migration;

import java.sql.Connection;
import java.sql.SQLException;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The jobs by due date, for the job executor's acquisition: it asks for jobs due now ({@code DUEDATE_ is null or
 * DUEDATE_ <= now}), and Camunda indexes no such column. Every certified patient's follow-up waits on a timer due
 * months ahead, so without the index each acquisition read every one of those timers to find the few jobs due: with
 * 5,000 and 20,000 follow-ups waiting, 3.6 and 10.6 ms a look-up (p50), growing with the patients, against 0.3 and
 * 0.5 ms with it (docs/benchmark.md, part {@code cases}). Where Camunda's tables do not exist yet (H2: the engine
 * creates them after Flyway), {@code TaskQueryMapping} creates it once the engine has made its tables.
 */
public class V22__Job_due_date_index extends BaseJavaMigration {

	public static final String INDEX = "HA_IDX_JOB_DUEDATE";

	public static final String TABLE = "ACT_RU_JOB";

	public static final String COLUMNS = "DUEDATE_";

	@Override
	public void migrate(Context context) throws Exception {
		create(context.getConnection());
	}

	/** The index, where the table exists and it is missing. */
	public static void create(Connection connection) throws SQLException {
		ProjectIndexes.createIfMissing(connection, TABLE, INDEX, COLUMNS);
	}

}
