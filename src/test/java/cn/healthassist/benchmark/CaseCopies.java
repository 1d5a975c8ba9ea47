package cn.healthassist.benchmark;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import cn.healthassist.audit.AuditChains;
import cn.healthassist.audit.AuditEntry;
import cn.healthassist.values.Keys;
import cn.healthassist.privacy.PersonalDataCipher;
import cn.healthassist.processes.ProcessKeys;

/**
 * Seeds finished cases fast for the benchmark's third part: copies of chronic-certificate cases that were driven
 * through the product, each with its follow-up. Every row of a template case (Camunda's runtime and history rows, the
 * case's authorizations and byte arrays, the project's own rows) is inserted again with the case's ids, business keys,
 * certificate number and ID number replaced by new ones of the same length, inside serialized values too; the
 * uniqueness keys are computed again and the audit chain is hashed again. A copy is a case the product finds, shows and
 * verifies like the one it was copied from; the database holds as many rows and bytes for it. Personal data is sealed
 * (privacy/PersonalDataCipher): a sealed value is opened, its ID number replaced and sealed again with the benchmark's
 * keys, and the search index and the keyed uniqueness keys are computed from the new number.
 *
 * <p>Not copied: the engine's metrics (ACT_RU_METER_LOG, ACT_RU_TASK_METER_LOG, well under 1 KB a case).
 */
final class CaseCopies {

	/** Ids (Camunda's 36 characters, or engine/TimeOrderedIdGenerator's 26), business keys and numbers, ID numbers. */
	private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
			+ "|[A-Z]{2}-(?:[A-Z0-9]+-)?[0-9]{4}-[0-9]{6}" + "|(?<![0-9A-Za-z])[0-9A-V]{26}(?![0-9A-Za-z])"
			+ "|(?<![0-9])[0-9]{17}[0-9X](?![0-9])");

	/** Columns that name the process instance a row belongs to. */
	private static final List<String> INSTANCE_COLUMNS = List.of("PROC_INST_ID_", "ROOT_PROC_INST_ID_", "PROCESS_INSTANCE_ID_");

	/** Camunda tables that hold no rows of a case: definitions, identities, engine properties, filters, metrics. */
	private static final Pattern NOT_PER_CASE = Pattern.compile(
			"ACT_RE_.*|ACT_ID_.*|ACT_GE_PROPERTY|ACT_GE_SCHEMA_LOG|ACT_RU_JOBDEF|ACT_RU_METER_LOG|ACT_RU_TASK_METER_LOG|ACT_RU_FILTER|ACT_RU_BATCH|ACT_HI_BATCH",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern BYTE_ARRAY_REFERENCE = Pattern.compile(".*BYTEARRAY_ID_|.*STACK_ID_|CONTENT_ID_", Pattern.CASE_INSENSITIVE);

	private static final int CHUNK = 500;

	/** A table and the columns an insert gives (an auto-increment key is left to the database). */
	record Table(String name, List<String> columns) {

		int column(String column) {
			int i = columns.indexOf(column);
			if (i < 0) {
				throw new IllegalStateException(name + " has no column " + column);
			}
			return i;
		}

		String insert() {
			return "INSERT INTO " + name + " (" + String.join(", ", columns) + ") VALUES ("
					+ columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
		}

	}

	record Row(int caseNo, Object[] values) {
	}

	/** The template's rows by table, in the order they are read (runtime, history, then the project's tables). */
	private final Map<Table, List<Row>> rows = new LinkedHashMap<>();

	/** The ids of the template's own rows (executions, tasks, variables, jobs, byte arrays…): replaced in a copy. */
	private final Set<String> ids = new HashSet<>();

	/** Business keys and certificate numbers of the template cases. */
	private final Set<String> keys = new HashSet<>();

	private final Set<String> idNumbers = new HashSet<>();

	/** The serial number of the next copied business key or certificate number (the product's own are far below). */
	private final AtomicInteger serial;

	private final int cases;

	/** New ids for the copies' rows: the product engine's own generator, so that copies lie in its tables as its rows do. */
	private final Supplier<String> newId;

	private String firstCase;

	/** The benchmark application's keys of personal data. */
	private PersonalDataCipher cipher;

	private CaseCopies(int cases, int firstSerial, Supplier<String> newId) {
		this.cases = cases;
		this.serial = new AtomicInteger(firstSerial);
		this.newId = newId;
	}

	int cases() {
		return cases;
	}

	/** The business key of the first template case (every copy holds a copy of it). */
	String firstCase() {
		return firstCase;
	}

	long rowsPerCopy() {
		return rows.values().stream().mapToLong(List::size).sum();
	}

	/** Reads the rows of the given finished chronic-certificate cases and of their follow-ups. */
	static CaseCopies load(Connection c, List<String> businessKeys, Supplier<String> newId, PersonalDataCipher cipher)
			throws SQLException {
		CaseCopies copies = new CaseCopies(businessKeys.size(), 500_000, newId);
		copies.cipher = cipher;
		copies.firstCase = businessKeys.get(0);
		// what each business key, certificate number, process instance, task and byte array belongs to
		Map<String, Integer> caseOf = new HashMap<>();
		for (int i = 0; i < businessKeys.size(); i++) {
			caseOf.put(businessKeys.get(i), i);
		}
		List<String> caseKeys = new ArrayList<>(businessKeys);
		List<String> certificates = new ArrayList<>();
		List<String> instances = new ArrayList<>();
		for (List<String> part : chunks(businessKeys)) {
			query(c, "SELECT business_key, process_instance_id, id_number FROM ha_case WHERE business_key IN " + in(part), rs -> {
				caseOf.put(rs.getString(2), caseOf.get(rs.getString(1)));
				instances.add(rs.getString(2));
				copies.idNumbers.add(cipher.open(rs.getString(3)));
			});
			query(c, "SELECT business_key, certificate_no FROM ha_certificate WHERE business_key IN " + in(part), rs -> {
				caseOf.put(rs.getString(2), caseOf.get(rs.getString(1)));
				certificates.add(rs.getString(2));
			});
		}
		for (List<String> part : chunks(certificates)) {
			query(c, "SELECT business_key, process_instance_id, subject FROM ha_case WHERE process_key = '" + ProcessKeys.CHRONIC_FOLLOWUP
					+ "' AND subject IN " + in(part), rs -> {
						int caseNo = caseOf.get(rs.getString(3));
						caseOf.put(rs.getString(1), caseNo);
						caseOf.put(rs.getString(2), caseNo);
						caseKeys.add(rs.getString(1));
						instances.add(rs.getString(2));
					});
		}
		copies.keys.addAll(caseKeys);
		copies.keys.addAll(certificates);

		Map<String, List<String>> columns = columns(c);
		Set<String> tasks = new HashSet<>();
		Map<String, Integer> byteArrays = new HashMap<>();
		for (Map.Entry<String, List<String>> t : columns.entrySet()) {
			String table = t.getKey();
			if (!table.toUpperCase().startsWith("ACT_") || NOT_PER_CASE.matcher(table).matches()
					|| table.equalsIgnoreCase("ACT_GE_BYTEARRAY") || table.equalsIgnoreCase("ACT_RU_AUTHORIZATION")) {
				continue;
			}
			List<String> by = t.getValue().stream().filter(INSTANCE_COLUMNS::contains).toList();
			if (by.isEmpty()) {
				continue; // ACT_RU_IDENTITYLINK: by its tasks, below
			}
			copies.read(c, table, t.getValue(), instances, by, caseOf);
		}
		for (Map.Entry<Table, List<Row>> t : copies.rows.entrySet()) {
			Table table = t.getKey();
			boolean isTask = table.name().equalsIgnoreCase("ACT_HI_TASKINST") || table.name().equalsIgnoreCase("ACT_RU_TASK");
			for (Row row : t.getValue()) {
				for (int i = 0; i < table.columns().size(); i++) {
					String column = table.columns().get(i);
					if (row.values()[i] instanceof String s && BYTE_ARRAY_REFERENCE.matcher(column).matches()) {
						byteArrays.put(s, row.caseNo());
					}
				}
				String id = (String) row.values()[table.column("ID_")];
				if (isTask) {
					tasks.add(id);
					caseOf.put(id, row.caseNo());
				}
			}
		}
		if (columns.containsKey("ACT_RU_IDENTITYLINK")) {
			copies.read(c, "ACT_RU_IDENTITYLINK", columns.get("ACT_RU_IDENTITYLINK"), List.copyOf(tasks), List.of("TASK_ID_"), caseOf);
		}
		List<String> resources = new ArrayList<>(instances);
		resources.addAll(tasks);
		copies.read(c, "ACT_RU_AUTHORIZATION", columns.get("ACT_RU_AUTHORIZATION"), resources, List.of("RESOURCE_ID_"), caseOf);
		caseOf.putAll(byteArrays);
		copies.read(c, "ACT_GE_BYTEARRAY", columns.get("ACT_GE_BYTEARRAY"), List.copyOf(byteArrays.keySet()), List.of("ID_"), caseOf);
		// the ids of every row read so far are the ones a copy replaces (the definitions' and deployments' stay)
		for (Map.Entry<Table, List<Row>> t : copies.rows.entrySet()) {
			int id = t.getKey().column("ID_");
			for (Row row : t.getValue()) {
				Matcher m = TOKEN.matcher((String) row.values()[id]);
				while (m.find()) {
					copies.ids.add(m.group());
				}
			}
		}
		for (Map.Entry<String, List<String>> t : columns.entrySet()) {
			// not the seals of an earlier version's chains: a copy's chain is keyed from its start (audit/AuditLog)
			if (t.getKey().toLowerCase().startsWith("ha_") && t.getValue().contains("business_key")
					&& !t.getKey().equalsIgnoreCase("ha_audit_seal")) {
				copies.read(c, t.getKey(), t.getValue(), caseKeys, List.of("business_key"), caseOf);
			}
		}
		return copies;
	}

	private void read(Connection c, String name, List<String> columns, List<String> values, List<String> by, Map<String, Integer> caseOf)
			throws SQLException {
		Table table = new Table(name, columns);
		List<Row> read = rows.computeIfAbsent(table, t -> new ArrayList<>());
		// a row found through two of its columns in different chunks is read once (by its id)
		int id = columns.indexOf("ID_");
		Set<Object> seen = new HashSet<>();
		for (List<String> part : chunks(values)) {
			String where = by.stream().map(col -> col + " IN " + in(part)).collect(Collectors.joining(" OR "));
			query(c, "SELECT " + String.join(", ", columns) + " FROM " + name + " WHERE " + where, rs -> {
				Object[] v = new Object[columns.size()];
				for (int i = 0; i < v.length; i++) {
					v[i] = rs.getObject(i + 1);
				}
				Integer caseNo = null;
				for (String col : by) {
					Object key = v[columns.indexOf(col)];
					if (key != null && caseOf.containsKey(key)) {
						caseNo = caseOf.get(key);
						break;
					}
				}
				if (caseNo == null) {
					throw new IllegalStateException("a row of " + name + " belongs to no template case");
				}
				if (id < 0 || seen.add(v[id])) {
					read.add(new Row(caseNo, v));
				}
			});
		}
	}

	/**
	 * Inserts a copy of the first {@code n} template cases in one transaction of the given connection. Each copied ID
	 * number comes from {@code newIdNumber}. Returns what was replaced by what (a template's business key by its
	 * copy's, and so on).
	 */
	Map<String, String> copy(Connection c, int n, Supplier<String> newIdNumber) throws SQLException {
		Map<String, String> replaced = new HashMap<>();
		boolean autoCommit = c.getAutoCommit();
		c.setAutoCommit(false);
		try (Statement s = c.createStatement()) {
			s.execute("SET FOREIGN_KEY_CHECKS = 0");
			for (Map.Entry<Table, List<Row>> t : rows.entrySet()) {
				Table table = t.getKey();
				List<Object[]> copied = new ArrayList<>();
				for (Row row : t.getValue()) {
					if (row.caseNo() < n) {
						Object[] v = new Object[row.values().length];
						for (int i = 0; i < v.length; i++) {
							v[i] = replace(row.values()[i], replaced, newIdNumber);
						}
						copied.add(v);
					}
				}
				recompute(table, copied);
				try (PreparedStatement insert = c.prepareStatement(table.insert())) {
					for (Object[] v : copied) {
						for (int i = 0; i < v.length; i++) {
							insert.setObject(i + 1, v[i]);
						}
						insert.addBatch();
					}
					insert.executeBatch();
				}
			}
			c.commit();
			return replaced;
		}
		catch (SQLException | RuntimeException e) {
			c.rollback();
			throw e;
		}
		finally {
			try (Statement s = c.createStatement()) {
				s.execute("SET FOREIGN_KEY_CHECKS = 1");
			}
			c.setAutoCommit(autoCommit);
		}
	}

	/** The uniqueness keys, search indexes and the audit chain, which are digests of what was replaced. */
	private void recompute(Table table, List<Object[]> copied) {
		if (table.columns().contains("id_index")) {
			for (Object[] v : copied) {
				Object id = v[table.column("id_number")];
				v[table.column("id_index")] = id == null ? null : cipher.index((String) id);
			}
		}
		switch (table.name()) {
			case "ha_case" -> {
				int activeKey = table.column("active_key");
				for (Object[] v : copied) {
					if (v[activeKey] != null) {
						if (!ProcessKeys.CHRONIC_FOLLOWUP.equals(v[table.column("process_key")])) {
							throw new IllegalStateException("a running " + v[table.column("process_key")] + " case cannot be copied");
						}
						v[activeKey] = cipher.index(Keys.followupOf((String) v[table.column("subject")]));
					}
				}
			}
			case "ha_certificate" -> {
				int validKey = table.column("valid_key");
				for (Object[] v : copied) {
					if (v[validKey] != null) {
						v[validKey] = cipher.index(Keys.validCertificate(cipher.open((String) v[table.column("id_number")]),
								(String) v[table.column("disease_code")]));
					}
				}
			}
			case "ha_audit_log" -> rehash(table, copied);
			default -> {
			}
		}
	}

	private void rehash(Table t, List<Object[]> copied) {
		int bk = t.column("business_key");
		int seq = t.column("seq");
		copied.sort((a, b) -> {
			int byCase = ((String) a[bk]).compareTo((String) b[bk]);
			return byCase != 0 ? byCase : Integer.compare(((Number) a[seq]).intValue(), ((Number) b[seq]).intValue());
		});
		String previous = null;
		String previousCase = null;
		for (Object[] v : copied) {
			if (!v[bk].equals(previousCase)) {
				previous = AuditChains.GENESIS;
				previousCase = (String) v[bk];
			}
			AuditEntry e = new AuditEntry(null, (String) v[bk], ((Number) v[seq]).intValue(), (String) v[t.column("process_instance_id")],
					(String) v[t.column("event_type")], (String) v[t.column("activity_id")], (String) v[t.column("activity_name")],
					(String) v[t.column("task_id")], (String) v[t.column("user_id")], date(v[t.column("occurred_at")]),
					(String) v[t.column("decision")], (String) v[t.column("opinion")],
					cipher.openJson((String) v[t.column("data")]), previous, null, (String) v[t.column("form_deployment_id")]);
			v[t.column("prev_hash")] = previous;
			previous = AuditChains.hash(cipher, e);
			v[t.column("hash")] = previous;
		}
	}

	/** As the application reads a DATETIME (Connector/J in the JVM's time zone). */
	private static Date date(Object value) {
		if (value instanceof LocalDateTime l) {
			return new Date(Timestamp.valueOf(l).getTime());
		}
		return (Date) value;
	}

	private Object replace(Object value, Map<String, String> replaced, Supplier<String> newIdNumber) {
		if (value instanceof String s) {
			return replace(s, replaced, newIdNumber);
		}
		if (value instanceof byte[] b) {
			// serialized values: every replacement has the length of what it replaces, so lengths inside stay right
			return replace(new String(b, StandardCharsets.ISO_8859_1), replaced, newIdNumber).getBytes(StandardCharsets.ISO_8859_1);
		}
		return value;
	}

	private String replace(String s, Map<String, String> replaced, Supplier<String> newIdNumber) {
		if (PersonalDataCipher.isSealed(s)) {
			return cipher.seal(replaceTokens(cipher.open(s), replaced, newIdNumber));
		}
		if (s.contains("\"enc:")) {
			return cipher.sealJson(replaceTokens(cipher.openJson(s), replaced, newIdNumber));
		}
		return replaceTokens(s, replaced, newIdNumber);
	}

	private String replaceTokens(String s, Map<String, String> replaced, Supplier<String> newIdNumber) {
		Matcher m = TOKEN.matcher(s);
		if (!m.find()) {
			return s;
		}
		StringBuilder out = new StringBuilder(s.length());
		do {
			m.appendReplacement(out, Matcher.quoteReplacement(replacement(m.group(), replaced, newIdNumber)));
		}
		while (m.find());
		m.appendTail(out);
		return out.toString();
	}

	private String replacement(String token, Map<String, String> replaced, Supplier<String> newIdNumber) {
		String r = replaced.get(token);
		if (r == null) {
			if (ids.contains(token)) {
				r = newId.get();
			}
			else if (keys.contains(token)) {
				r = token.substring(0, token.length() - 6) + String.format("%06d", serial.getAndIncrement());
			}
			else if (idNumbers.contains(token)) {
				r = newIdNumber.get();
			}
			else {
				return token;
			}
			if (r.length() != token.length()) {
				throw new IllegalStateException("a copy's " + token + " would change its length");
			}
			replaced.put(token, r);
		}
		return r;
	}

	private static Map<String, List<String>> columns(Connection c) throws SQLException {
		Map<String, List<String>> columns = new LinkedHashMap<>();
		query(c, """
				SELECT c.table_name, c.column_name FROM information_schema.columns c
				JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
				WHERE c.table_schema = DATABASE() AND t.table_type = 'BASE TABLE' AND c.extra NOT LIKE '%auto_increment%'
				ORDER BY c.table_name, c.ordinal_position""",
				rs -> columns.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(rs.getString(2)));
		return columns;
	}

	interface RowHandler {

		void handle(ResultSet rs) throws SQLException;

	}

	static void query(Connection c, String sql, RowHandler handler) throws SQLException {
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
			while (rs.next()) {
				handler.handle(rs);
			}
		}
	}

	private static List<List<String>> chunks(Collection<String> values) {
		List<String> all = List.copyOf(values);
		List<List<String>> chunks = new ArrayList<>();
		for (int i = 0; i < all.size(); i += CHUNK) {
			chunks.add(all.subList(i, Math.min(all.size(), i + CHUNK)));
		}
		return chunks;
	}

	/** An SQL list of values made only of the characters of ids and keys (checked, so nothing is injected). */
	static String in(List<String> values) {
		if (values.isEmpty()) {
			return "(NULL)";
		}
		for (String v : values) {
			if (!v.matches("[0-9A-Za-z:_\\-]+")) {
				throw new IllegalArgumentException("not an id: " + v);
			}
		}
		return values.stream().map(v -> "'" + v + "'").collect(Collectors.joining(", ", "(", ")"));
	}

}
