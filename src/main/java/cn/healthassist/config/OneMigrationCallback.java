package cn.healthassist.config;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * A Flyway callback of one migration: just before it and right after it, in the migrations' run (in its transaction
 * where the database has one), and at no other moment, so that what it does happens once, with the migration, and no
 * later start repeats it (securitylog/SecurityLogKeying, audit/AuditLogKeying).
 */
public abstract class OneMigrationCallback implements Callback {

	private final String version;

	protected OneMigrationCallback(String version) {
		this.version = version;
	}

	@Override
	public boolean supports(Event event, Context context) {
		return (event == Event.BEFORE_EACH_MIGRATE || event == Event.AFTER_EACH_MIGRATE) && context != null
				&& context.getMigrationInfo() != null && context.getMigrationInfo().getVersion() != null
				&& version.equals(context.getMigrationInfo().getVersion().getVersion());
	}

	@Override
	public boolean canHandleInTransaction(Event event, Context context) {
		return true;
	}

}
