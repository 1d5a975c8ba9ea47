package cn.healthassist.securitylog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Date;

import org.springframework.stereotype.Component;

import cn.healthassist.privacy.KeyingMigration;
import cn.healthassist.privacy.PersonalDataCipher;

/**
 * Before migration V23, the index key checked (the key the chain is keyed with); right after it (the column
 * {@code keyed}), once: on a log an earlier version wrote, one keyed event,
 * LOG_KEYED, chained to its newest event. Its keyed hash covers every unkeyed event before it, and its detail says
 * where the log starts (the earlier version's retention may have removed its first events). A Flyway callback, so that
 * it runs in the migration's run and never again: a start that finds the newest event unkeyed later (a node of the
 * earlier version wrote after the upgrade, or the log was rewritten in the database) must not seal it
 * ({@link SecurityLog#alarmIfTheNewestIsUnkeyed}). Spring Boot hands Flyway this bean; the key is not the migration's.
 */
@Component
public class SecurityLogKeying extends KeyingMigration {

	static final String KEYING_VERSION = "23";

	public SecurityLogKeying(PersonalDataCipher cipher) {
		super(KEYING_VERSION, cipher, "the security log's chain");
	}

	@Override
	protected void key(Connection c) throws SQLException {
		seal(c);
	}

	@Override
	public String getCallbackName() {
		return "security log keyed";
	}

	/** LOG_KEYED after the newest event, if that one is unkeyed; false when there was nothing to seal. */
	boolean seal(Connection c) throws SQLException {
		SecurityEvent newest;
		long oldest;
		try (PreparedStatement s = c.prepareStatement("SELECT seq, hash, keyed FROM ha_security_event ORDER BY seq DESC LIMIT 1");
				ResultSet r = s.executeQuery()) {
			if (!r.next() || r.getBoolean("keyed")) {
				return false;
			}
			newest = new SecurityEvent(r.getLong("seq"), null, null, null, null, null, null, null, r.getString("hash"),
					false);
		}
		try (PreparedStatement s = c.prepareStatement("SELECT MIN(seq) FROM ha_security_event");
				ResultSet r = s.executeQuery()) {
			r.next();
			oldest = r.getLong(1);
		}
		append(c, cipher, newest, SecurityEvent.LOG_KEYED,
				"the chain is keyed (HMAC-SM3) from this event on; the events before it keep their SHA-256; "
						+ SecurityLog.startsAt(oldest));
		return true;
	}

	/**
	 * Appends one keyed event of the migrations' run (no person, no address), chained to the log's newest event: what
	 * a migration that changes the records' protection says in the log (audit/AuditLogKeying). The nodes are stopped
	 * while the migrations run, so nothing else appends meanwhile. Not onto an unkeyed newest event (V23 run without
	 * this callback, or an earlier node that wrote after it): only LOG_KEYED may follow one, so the event would break
	 * the chain; the start's alarm about that event stands ({@link SecurityLog#alarmIfTheNewestIsUnkeyed}).
	 *
	 * @return whether it was appended
	 */
	public static boolean appendKeyed(Connection c, PersonalDataCipher cipher, String type, String detail)
			throws SQLException {
		SecurityEvent newest = null;
		try (PreparedStatement s = c.prepareStatement(
				"SELECT seq, hash, keyed FROM ha_security_event ORDER BY seq DESC LIMIT 1");
				ResultSet r = s.executeQuery()) {
			if (r.next()) {
				if (!r.getBoolean("keyed")) {
					return false;
				}
				newest = new SecurityEvent(r.getLong("seq"), null, null, null, null, null, null, null,
						r.getString("hash").strip(), true);
			}
		}
		append(c, cipher, newest, type, detail);
		return true;
	}

	private static void append(Connection c, PersonalDataCipher cipher, SecurityEvent newest, String type, String detail)
			throws SQLException {
		Date time = new Date(System.currentTimeMillis() / 1000 * 1000);
		SecurityEvent draft = new SecurityEvent(newest == null ? 1 : newest.seq() + 1, type, null, null, time, "success",
				detail, newest == null ? SecurityLog.GENESIS : newest.hash(), null, true);
		try (PreparedStatement s = c.prepareStatement("""
				INSERT INTO ha_security_event (seq, event_type, user_id, client_ip, occurred_at, outcome, detail,
					prev_hash, hash, keyed)
				VALUES (?, ?, NULL, NULL, ?, ?, ?, ?, ?, TRUE)
				""")) {
			s.setLong(1, draft.seq());
			s.setString(2, draft.type());
			s.setTimestamp(3, new Timestamp(time.getTime()));
			s.setString(4, draft.outcome());
			s.setString(5, draft.detail());
			s.setString(6, draft.prevHash());
			s.setString(7, SecurityLog.hash(cipher, draft));
			s.executeUpdate();
		}
	}

}
