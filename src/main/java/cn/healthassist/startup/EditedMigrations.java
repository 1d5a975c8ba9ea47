package cn.healthassist.startup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Migrations that were edited on purpose after they had run, with the checksum they had and the one they have now.
 * Flyway refuses to start on a database whose history holds another checksum than the file; this aligns exactly
 * these known edits, before Flyway validates, and nothing else (an accidental edit of any migration still stops the
 * start).
 * <ul>
 * <li>V5 named its primary key ({@code CONSTRAINT pk_admission_total PRIMARY KEY …}), a name MySQL and MariaDB
 * ignore with a warning on every new database; the name is gone, the table is the same.</li>
 * </ul>
 */
@Component
public class EditedMigrations implements Callback {

	private static final Logger LOG = LoggerFactory.getLogger(EditedMigrations.class);

	/** A migration's version, its checksum before the edit, and after. */
	record Edit(String version, int before, int after) {
	}

	static final List<Edit> EDITS = List.of(new Edit("5", -1971579395, -1021576435));

	@Override
	public boolean supports(Event event, Context context) {
		return event == Event.BEFORE_VALIDATE || event == Event.BEFORE_MIGRATE;
	}

	@Override
	public boolean canHandleInTransaction(Event event, Context context) {
		return true;
	}

	@Override
	public void handle(Event event, Context context) {
		Connection connection = context.getConnection();
		for (Edit edit : EDITS) {
			try (PreparedStatement update = connection.prepareStatement(update(connection, context))) {
				update.setInt(1, edit.after());
				update.setString(2, edit.version());
				update.setInt(3, edit.before());
				if (update.executeUpdate() > 0) {
					LOG.info("Schema history: V{} was edited on purpose; its checksum is aligned", edit.version());
				}
			}
			catch (SQLException e) {
				// a new database has no history table yet: nothing to align
				LOG.debug("Schema history not aligned ({})", e.getMessage());
			}
		}
	}

	/** The update, its names quoted as Flyway made them (lower case, which H2 would otherwise read as upper case). */
	private static String update(Connection connection, Context context) throws SQLException {
		String q = connection.getMetaData().getIdentifierQuoteString().strip();
		String table = q + context.getConfiguration().getTable() + q;
		return "UPDATE " + table + " SET " + q + "checksum" + q + " = ? WHERE " + q + "version" + q + " = ? AND " + q
				+ "checksum" + q + " = ?";
	}

	@Override
	public String getCallbackName() {
		return "edited-migrations";
	}

}
