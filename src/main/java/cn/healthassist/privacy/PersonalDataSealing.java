package cn.healthassist.privacy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import cn.healthassist.values.Keys;

/**
 * Seals what is not sealed with the current key: the personal data written before it was sealed at all (a database of
 * a version before V20), and, after a key rotation, what an earlier key sealed; fills the search indexes and keys the
 * uniqueness keys a version before V20 left plain; masks the engine's copies in the variables of earlier cases. Runs
 * once the application has started, and only when the current key changed since its last run
 * ({@code ha_data_key_state}: the algorithm, the current key's id, fingerprints of that key and of the index key). A
 * row that cannot be sealed (its value does not open) is logged by table and key, never by value, and the next start
 * tries again. The index key never changes (the search indexes and the audit log's hashes are made with it): a
 * different one, or other bytes under a known key id, stop the start. The audit log's entries are sealed again in
 * place: their hash covers the personal fields as given (keyed; before V24 by their index, audit/AuditLog), so their
 * chain stays whole.
 * docs/operations.md, "Keys of personal data", says how to rotate a key.
 */
@Component
public class PersonalDataSealing {

	private static final Logger log = LoggerFactory.getLogger(PersonalDataSealing.class);

	/** A table's sealed columns, by its key; {@code indexed} when it has {@code id_index} beside {@code id_number}. */
	record Table(String name, String key, List<String> columns, boolean indexed) {
	}

	static final List<Table> TABLES = List.of(new Table("ha_case", "business_key", List.of("id_number"), true),
			new Table("ha_certificate", "certificate_no", List.of("id_number"), true),
			new Table("ha_grant", "business_key", List.of("id_number"), true),
			new Table("ha_treatment_record", "id", List.of("id_number"), true),
			new Table("ha_referral", "business_key", List.of("id_number", "diagnosis"), true),
			new Table("ha_followup_visit", "id", List.of("id_number"), false));

	private static final String STATE = "personal-data";

	private static final int BATCH = 500;

	private final JdbcTemplate jdbc;

	private final PersonalDataCipher cipher;

	public PersonalDataSealing(JdbcTemplate jdbc, PersonalDataCipher cipher) {
		this.jdbc = jdbc;
		this.cipher = cipher;
	}

	@EventListener(ApplicationReadyEvent.class)
	public void onStart() {
		int sealed = sealIfKeysChanged();
		if (sealed > 0) {
			log.info("Personal data sealed again with the current key: {} rows", sealed);
		}
	}

	/**
	 * Refuses (an exception: the application does not start) an index key other than the one whose fingerprint the
	 * database keeps (ha_data_key_state): the search indexes, uniqueness keys and audit hashes were made with it, and
	 * the security log's and the case audit log's chains are keyed with it (securitylog/SecurityLogKeying and
	 * audit/AuditLogKeying check it before keying them).
	 */
	public static void refuseAnotherIndexKey(String stored, String current) {
		String[] before = stored.split("/");
		if (before.length == 4 && !before[3].equals(current.split("/")[3])) {
			throw new IllegalStateException("healthassist.data-protection.index-key is not the key the database's "
					+ "search indexes and audit hashes were made with: set the earlier index key again "
					+ "(docs/operations.md, \"Keys of personal data\")");
		}
	}

	/** {@link #refuseAnotherIndexKey(String, String)} on the database's fingerprint, if it has one yet. */
	public static void refuseAnotherIndexKey(Connection c, PersonalDataCipher cipher) throws SQLException {
		try (PreparedStatement s = c.prepareStatement("SELECT fingerprint FROM ha_data_key_state WHERE name = 'personal-data'");
				ResultSet r = s.executeQuery()) {
			if (r.next()) {
				refuseAnotherIndexKey(r.getString(1), cipher.fingerprint());
			}
		}
	}

	/**
	 * Seals everything again when the current key changed since the last time; answers how many rows changed. Refuses
	 * (an exception: the application does not start) a key whose bytes changed under the same id, and a changed index
	 * key: the search indexes, uniqueness keys and the audit log's hashes are made with it.
	 */
	public int sealIfKeysChanged() {
		String now = cipher.fingerprint();
		List<String> done = jdbc.queryForList("SELECT fingerprint FROM ha_data_key_state WHERE name = ?", String.class, STATE);
		if (!done.isEmpty()) {
			refuseAnotherIndexKey(done.get(0), now);
			String[] before = done.get(0).split("/");
			String[] current = now.split("/");
			if (before.length == 4 && before[1].equals(current[1]) && !before[2].equals(current[2])) {
				throw new IllegalStateException("the data key " + current[1] + " is not the key of that name the "
						+ "database was sealed with: give a new key a new id and keep the earlier one "
						+ "(docs/operations.md, \"Keys of personal data\")");
			}
			if (done.get(0).equals(now)) {
				return 0;
			}
		}
		Result result = sealAllRows();
		if (result.failed() > 0) {
			log.error("{} rows of personal data could not be sealed again (above); the next start tries again",
					result.failed());
			return result.changed();
		}
		if (done.isEmpty()) {
			try {
				jdbc.update("INSERT INTO ha_data_key_state (name, algorithm, fingerprint, sealed_at) VALUES (?, ?, ?, ?)", STATE,
						cipher.algorithm(), now, new Timestamp(System.currentTimeMillis()));
			}
			catch (DuplicateKeyException e) {
				// another node, starting at the same moment, sealed and recorded it
			}
		}
		else {
			jdbc.update("UPDATE ha_data_key_state SET algorithm = ?, fingerprint = ?, sealed_at = ? WHERE name = ?",
					cipher.algorithm(), now, new Timestamp(System.currentTimeMillis()), STATE);
		}
		return result.changed();
	}

	/** Rows changed, and rows that could not be (a value that does not open: its key is missing, or it was changed). */
	record Result(int changed, int failed) {

		Result plus(Result other) {
			return new Result(changed + other.changed, failed + other.failed);
		}

	}

	/** Every row of the personal-data tables and the audit log sealed with the current key and indexed again. */
	public int sealAll() {
		return sealAllRows().changed();
	}

	Result sealAllRows() {
		Result result = new Result(0, 0);
		for (Table t : TABLES) {
			result = result.plus(seal(t));
		}
		return result.plus(rekeyUniqueness()).plus(sealAuditLog()).plus(new Result(maskEngineVariables(), 0));
	}

	/** One row's change, or a failure logged with the table and the row's key (never the value). */
	private Result row(String table, Object key, java.util.function.IntSupplier change) {
		try {
			return new Result(change.getAsInt(), 0);
		}
		catch (RuntimeException e) {
			log.warn("{} {}: {}", table, key, e.getMessage());
			return new Result(0, 1);
		}
	}

	/**
	 * The uniqueness keys (one running case per person and subject, one valid certificate per person and disease)
	 * keyed with the index key, computed from their parts as the rules compute them (values/Keys): a database of a
	 * version before V20 held their plain digests, and a new index key changes them all.
	 */
	Result rekeyUniqueness() {
		Result result = new Result(0, 0);
		for (Map<String, Object> row : jdbc.queryForList(
				"SELECT business_key, process_key, id_number, subject, active_key FROM ha_case WHERE active_key IS NOT NULL")) {
			result = result.plus(row("ha_case", row.get("business_key"), () -> {
				String expected = cipher.index(Keys.activeKey(text(row, "process_key"), cipher.open(text(row, "id_number")),
						text(row, "subject")));
				return expected.equals(text(row, "active_key")) ? 0
						: jdbc.update("UPDATE ha_case SET active_key = ? WHERE business_key = ?", expected,
								row.get("business_key"));
			}));
		}
		for (Map<String, Object> row : jdbc.queryForList(
				"SELECT certificate_no, id_number, disease_code, valid_key FROM ha_certificate WHERE valid_key IS NOT NULL")) {
			result = result.plus(row("ha_certificate", row.get("certificate_no"), () -> {
				String expected = cipher.index(Keys.validCertificate(cipher.open(text(row, "id_number")),
						text(row, "disease_code")));
				return expected.equals(text(row, "valid_key")) ? 0
						: jdbc.update("UPDATE ha_certificate SET valid_key = ? WHERE certificate_no = ?", expected,
								row.get("certificate_no"));
			}));
		}
		return result;
	}

	/**
	 * The engine's copies of the personal-data fields masked, in its running and historic variables (and the
	 * per-change history, where it was ever kept): cases begun before the values were sealed held them in full.
	 */
	int maskEngineVariables() {
		int changed = 0;
		List<String> fields = List.copyOf(cipher.fields());
		if (fields.isEmpty()) {
			return 0;
		}
		String names = String.join(", ", fields.stream().map(f -> "?").toList());
		for (String table : List.of("ACT_RU_VARIABLE", "ACT_HI_VARINST", "ACT_HI_DETAIL")) {
			List<Map<String, Object>> rows = jdbc.queryForList("SELECT ID_, NAME_, TEXT_ FROM " + table + " WHERE NAME_ IN ("
					+ names + ") AND TEXT_ IS NOT NULL", fields.toArray());
			for (Map<String, Object> row : rows) {
				String value = text(row, "TEXT_");
				String masked = PersonalDataCipher.masked(text(row, "NAME_"), value);
				if (!masked.equals(value)) {
					// a running variable's revision moves on, so that an engine command holding its old value fails
					// rather than writes it back
					changed += jdbc.update("UPDATE " + table + " SET TEXT_ = ?" + ("ACT_RU_VARIABLE".equals(table)
							? ", REV_ = REV_ + 1" : "") + " WHERE ID_ = ?", masked, row.get("ID_"));
				}
			}
		}
		return changed;
	}

	private Result seal(Table t) {
		Result result = new Result(0, 0);
		Object after = null;
		String columns = String.join(", ", t.columns()) + (t.indexed() ? ", id_index" : "");
		while (true) {
			List<Map<String, Object>> rows = after == null
					? jdbc.queryForList("SELECT " + t.key() + ", " + columns + " FROM " + t.name() + " ORDER BY " + t.key()
							+ " LIMIT " + BATCH)
					: jdbc.queryForList("SELECT " + t.key() + ", " + columns + " FROM " + t.name() + " WHERE " + t.key()
							+ " > ? ORDER BY " + t.key() + " LIMIT " + BATCH, after);
			if (rows.isEmpty()) {
				return result;
			}
			for (Map<String, Object> row : rows) {
				result = result.plus(row(t.name(), row.get(t.key()), () -> sealRow(t, row)));
			}
			after = rows.get(rows.size() - 1).get(t.key());
		}
	}

	private int sealRow(Table t, Map<String, Object> row) {
		List<String> sets = new ArrayList<>();
		List<Object> values = new ArrayList<>();
		for (String column : t.columns()) {
			String value = text(row, column);
			if (value != null && !cipher.isCurrent(value)) {
				sets.add(column + " = ?");
				values.add(cipher.seal(cipher.open(value)));
			}
		}
		if (t.indexed()) {
			String id = text(row, "id_number");
			String index = id == null ? null : cipher.index(id);
			if (index != null && !index.equals(text(row, "id_index"))) {
				sets.add("id_index = ?");
				values.add(index);
			}
		}
		if (sets.isEmpty()) {
			return 0;
		}
		values.add(row.get(t.key()));
		return jdbc.update("UPDATE " + t.name() + " SET " + String.join(", ", sets) + " WHERE " + t.key() + " = ?",
				values.toArray());
	}

	private Result sealAuditLog() {
		Result result = new Result(0, 0);
		long after = 0;
		while (true) {
			List<Map<String, Object>> rows = jdbc.queryForList(
					"SELECT id, data FROM ha_audit_log WHERE id > ? AND data IS NOT NULL ORDER BY id LIMIT " + BATCH, after);
			if (rows.isEmpty()) {
				return result;
			}
			for (Map<String, Object> row : rows) {
				String data = text(row, "data");
				if (cipher.needsSealing(data)) {
					result = result.plus(row("ha_audit_log", row.get("id"), () -> {
						String opened = cipher.openJson(data);
						if (cipher.holdsSealed(opened)) {
							throw new IllegalStateException("a sealed value of the entry does not open");
						}
						return jdbc.update("UPDATE ha_audit_log SET data = ? WHERE id = ?", cipher.sealJson(opened),
								row.get("id"));
					}));
				}
			}
			after = ((Number) rows.get(rows.size() - 1).get("id")).longValue();
		}
	}

	/** A column of a row as JdbcTemplate answers it (its maps ignore the case of the names: H2 answers upper case). */
	private static String text(Map<String, Object> row, String column) {
		Object v = row.get(column);
		if (v instanceof java.sql.Clob clob) {
			try {
				return clob.getSubString(1, (int) clob.length());
			}
			catch (java.sql.SQLException e) {
				throw new IllegalStateException(e);
			}
		}
		return v == null ? null : v.toString();
	}

}
