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
			// in one transaction, rolled back: 500 timers due in three months, then the engine's own acquisition
			config.getCommandExecutorTxRequired().execute(context -> {
				Connection c = context.getDbSqlSession().getSqlSession().getConnection();
				try {
					insertWaitingTimers(c);
					long due = count(c, "SELECT COUNT(*) FROM ACT_RU_JOB WHERE DUEDATE_ IS NULL OR DUEDATE_ <= CURRENT_TIMESTAMP");
					long before = rowsRead(c);
					List<AcquirableJobEntity> acquired = context.getJobManager().findNextJobsToExecute(new Page(0, 3));
					long read = rowsRead(c) - before;
					List<String> ids = new ArrayList<>();
					acquired.forEach(job -> ids.add(job.getId()));
					throw new Acquisition(ids, read, due);
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
		assertThat(seen.acquired).as("none of the timers is due").noneMatch(id -> id.startsWith("HA-TEST-TIMER-"));
		// with V22's index it reads the jobs due (each, and its instance's other jobs); without it, every job: the
		// 500 timers too
		long bound = 3 * seen.due + 20;
		assertThat(bound).as("the jobs due leave the timers' rows to tell").isLessThan(WAITING_TIMERS);
		assertThat(seen.rowsRead).as("rows the acquisition read, with %d jobs due", seen.due).isLessThan(bound);
		try (Connection c = dataSource.getConnection()) {
			assertThat(count(c, "SELECT COUNT(*) FROM ACT_RU_JOB WHERE ID_ LIKE 'HA-TEST-TIMER-%'")).as("the test's timers rolled back")
				.isZero();
		}
	}

	private static void insertWaitingTimers(Connection c) throws SQLException {
		Timestamp due = Timestamp.from(Instant.now().plus(90, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS));
		try (PreparedStatement insert = c.prepareStatement("INSERT INTO ACT_RU_JOB (ID_, REV_, TYPE_, EXCLUSIVE_, RETRIES_, DUEDATE_,"
				+ " HANDLER_TYPE_, SUSPENSION_STATE_, PRIORITY_, SEQUENCE_COUNTER_, PROCESS_INSTANCE_ID_, CREATE_TIME_)"
				+ " VALUES (?, 1, 'timer', TRUE, 3, ?, 'timer-intermediate-transition', 1, 0, 1, ?, ?)")) {
			for (int i = 0; i < WAITING_TIMERS; i++) {
				insert.setString(1, "HA-TEST-TIMER-" + i);
				insert.setTimestamp(2, due);
				insert.setString(3, "HA-TEST-INSTANCE-" + i);
				insert.setTimestamp(4, new Timestamp(System.currentTimeMillis()));
				insert.addBatch();
			}
			insert.executeBatch();
		}
	}

	private static long count(Connection c, String sql) throws SQLException {
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	/** The rows this connection has read so far: by full scans, and by index, one after another or looked up. */
	private static long rowsRead(Connection c) throws SQLException {
		long rows = 0;
		try (Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("SHOW SESSION STATUS WHERE Variable_name IN ('Handler_read_rnd_next',"
						+ " 'Handler_read_next', 'Handler_read_key', 'Handler_read_first')")) {
			while (rs.next()) {
				rows += rs.getLong(2);
			}
		}
		return rows;
	}

	/** What the acquisition found and how many rows it read, carried out of the command that is rolled back. */
	private static final class Acquisition extends RuntimeException {

		final List<String> acquired;

		final long rowsRead;

		final long due;

		Acquisition(List<String> acquired, long rowsRead, long due) {
			super("rolled back", null, false, false);
			this.acquired = acquired;
			this.rowsRead = rowsRead;
			this.due = due;
		}

	}

}
