package cn.healthassist.privacy;

import java.sql.Connection;
import java.sql.SQLException;

import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

import cn.healthassist.config.OneMigrationCallback;

/**
 * The callback of a migration that keys a chain with a key derived from the index key (securitylog/SecurityLogKeying,
 * audit/AuditLogKeying): before the migration changes anything, the index key is checked to be the database's (as
 * PersonalDataSealing checks it later in the start), or the chain would be keyed with a wrong key and never verify;
 * right after it, the keying. Spring Boot hands Flyway these beans; the key is not the migration's.
 */
public abstract class KeyingMigration extends OneMigrationCallback {

	protected final PersonalDataCipher cipher;

	/** What is keyed, for the message that stops the start when it cannot be. */
	private final String keyed;

	protected KeyingMigration(String version, PersonalDataCipher cipher, String keyed) {
		super(version);
		this.cipher = cipher;
		this.keyed = keyed;
	}

	@Override
	public final void handle(Event event, Context context) {
		try {
			if (event == Event.BEFORE_EACH_MIGRATE) {
				checkTheIndexKey(context.getConnection());
			}
			else {
				key(context.getConnection());
			}
		}
		catch (SQLException e) {
			throw new IllegalStateException(keyed + " could not be keyed: " + e.getMessage(), e);
		}
	}

	/** Refuses (the start stops) an index key other than the one the database's indexes were made with. */
	public void checkTheIndexKey(Connection c) throws SQLException {
		PersonalDataSealing.refuseAnotherIndexKey(c, cipher);
	}

	/** Right after the migration, in its run: the keying itself. */
	protected abstract void key(Connection c) throws SQLException;

}
