package db.migration;

import java.sql.SQLException;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On MySQL/MariaDB, an index that answers the task and variable queries' authorization look-up per task from the index
 * alone ({@code camunda-mapping/task-query.xml}, authorizationExists; {@code TaskQueryMapping} names it in the
 * statement): the resource id first, then every column the look-up compares. Camunda's own index on the resource id
 * finds the rows, and each must then be read from the table. Counting 本组待办 over 50,000 open tasks: 0.28 s to
 * 0.18 s in the database (README, "Benchmark"). On H2 the look-up runs without an index hint, and nothing is created.
 * Its key is 3,072 bytes in utf8mb4, InnoDB's limit: a server that refuses it keeps Camunda's index, and the
 * look-up uses that one (slower, the same answers; a warning in the log).
 */
public class V11__Authorization_lookup_index extends BaseJavaMigration {

	public static final String INDEX = "HA_IDX_AUTH_RESOURCE_LOOKUP";

	public static final String TABLE = "ACT_RU_AUTHORIZATION";

	public static final String COLUMNS = "RESOURCE_ID_, RESOURCE_TYPE_, TYPE_, PERMS_, GROUP_ID_, USER_ID_";

	private static final Logger LOG = LoggerFactory.getLogger(V11__Authorization_lookup_index.class);

	@Override
	public void migrate(Context context) throws Exception {
		if (!ProjectIndexes.isMysqlOrMariaDb(context.getConnection())) {
			return;
		}
		try {
			ProjectIndexes.createIfMissing(context.getConnection(), TABLE, INDEX, COLUMNS);
		}
		catch (SQLException e) {
			LOG.warn("Index {} not created ({}); the authorization look-up uses Camunda's index on the resource id", INDEX,
					e.getMessage());
		}
	}

}
