package cn.healthassist.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.AcquirableJobEntity;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.healthassist.support.IntegrationTest;
import cn.healthassist.support.TestDatabase;
import db.migration.ProjectIndexes;
import db.migration.V22__Job_due_date_index;

/**
 * The job executor finds the jobs due without reading the follow-ups' timers (migration V22): every certified patient's
 * follow-up waits on a timer due months ahead, and the acquisition asks for the jobs due now.
 */
class JobAcquisitionIT extends IntegrationTest {

	private static final int WAITING_TIMERS = 500;

	/** The test's timers' ids: "0" sorts before the engine's ids (time-ordered, "3…" today) in the table's key order. */
	private static final String TIMER_ID = "0-HA-TEST-TIMER-";

	@Autowired
	ProcessEngine engine;

	@Autowired
	DataSource dataSource;

	@Test
	void theJobsAreIndexedByDueDate() throws Exception {
		// on MySQL by Flyway (V22), on H2 once the engine has made its tables (TaskQueryMapping)
		try (Connection c = dataSource.getConnection()) {
			assertThat(ProjectIndexes.exists(c, V22__Job_due_date_index.TABLE, V22__Job_due_date_index.INDEX)).isTrue();
		}
	}

	@Test
	void onMySql_theAcquisitionReadsNoneOfTheTimersWaiting() throws Exception {
		Assumptions.assumeTrue(TestDatabase.isMysql(), "MySQL/MariaDB's count of rows read");
		ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
		Acquisition seen;
		try {
			// in one transaction, rolled back: 500 timers due in three months, then the engine's own acquisition (as the
			// job executor runs it: the jobs due now, three at most, in no order)
			config.getCommandExecutorTxRequired().execute(context -> {
				Connection c = context.getDbSqlSession().getSqlSession().getConnection();
				try {
					insertWaitingTimers(c);
					long before = rowsRead(c);
					List<AcquirableJobEntity> acquired = context.getJobManager().findNextJobsToExecute(new Page(0, 3));
					long read = rowsRead(c) - before;
					List<String> ids = new ArrayList<>();
					acquired.forEach(job -> ids.add(job.getId()));
					throw new Acquisition(ids, read);
				}
				catch (SQLException e) {
					throw new IllegalStateException(e);
				}
			});
			throw new AssertionError("the command did not end with its finding");
		}
		catch (Acquisition a) {
			seen = a;
		}
		assertThat(seen.acquired).as("none of the timers is due").noneMatch(id -> id.startsWith(TIMER_ID));
		// with V22's index it reads the jobs due through the index; without it, it reads the table from its first row,
		// and the test's timers come first (their ids sort before the engine's): 500 rows or more
		assertThat(seen.rowsRead).as("rows read by a scan of the whole table").isLessThan(WAITING_TIMERS);
		assertThat(count("SELECT COUNT(*) FROM ACT_RU_JOB WHERE ID_ LIKE ?", TIMER_ID + "%")).as("the test's timers rolled back")
			.isZero();
	}

	private static void insertWaitingTimers(Connection c) throws SQLException {
		Timestamp due = Timestamp.from(Instant.now().plus(90, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS));
		try (PreparedStatement insert = c.prepareStatement("INSERT INTO ACT_RU_JOB (ID_, REV_, TYPE_, EXCLUSIVE_, RETRIES_, DUEDATE_,"
				+ " HANDLER_TYPE_, SUSPENSION_STATE_, PRIORITY_, SEQUENCE_COUNTER_, PROCESS_INSTANCE_ID_, CREATE_TIME_)"
				+ " VALUES (?, 1, 'timer', TRUE, 3, ?, 'timer-intermediate-transition', 1, 0, 1, ?, ?)")) {
			for (int i = 0; i < WAITING_TIMERS; i++) {
				insert.setString(1, TIMER_ID + i);
				insert.setTimestamp(2, due);
				insert.setString(3, "HA-TEST-INSTANCE-" + i);
				insert.setTimestamp(4, new Timestamp(System.currentTimeMillis()));
				insert.addBatch();
			}
			insert.executeBatch();
		}
	}

	/** The rows this connection has read so far by scanning tables from their first row (not through an index). */
	private static long rowsRead(Connection c) throws SQLException {
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW SESSION STATUS LIKE 'Handler_read_rnd_next'")) {
			rs.next();
			return rs.getLong(2);
		}
	}

	/** What the acquisition found and how many rows it read, carried out of the command that is rolled back. */
	private static final class Acquisition extends RuntimeException {

		final List<String> acquired;

		final long rowsRead;

		Acquisition(List<String> acquired, long rowsRead) {
			super("rolled back", null, false, false);
			this.acquired = acquired;
			this.rowsRead = rowsRead;
		}

	}

}
