package cn.healthassist.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import cn.healthassist.privacy.KeyingMigration;
import cn.healthassist.privacy.PersonalDataCipher;
import cn.healthassist.securitylog.SecurityEvent;
import cn.healthassist.securitylog.SecurityLogKeying;

/**
 * Before migration V24, the index key checked (the key the chains are keyed with); right after it (the table
 * {@code ha_audit_seal}), once: each case's chain an earlier version wrote, if it verifies, sealed with one keyed row
 * ({@link AuditSeal}). A chain that does not verify is left unsealed, and its trail goes on saying so. A Flyway
 * callback, so that it runs in the migration's run and never again: a chain rewritten in the database later, without
 * the key, is not sealed by any start; and should the migration be made to run again, a log that holds keyed chains
 * is refused, nothing sealed. Either way the keyed security log records it (CASE_CHAINS_KEYED). Spring Boot hands
 * Flyway this bean; the key is not the migration's.
 */
@Component
public class AuditLogKeying extends KeyingMigration {

	static final String KEYING_VERSION = "24";

	/** Cases read at a time. */
	private static final int CHUNK = 500;

	private static final Logger log = LoggerFactory.getLogger(AuditLogKeying.class);

	public AuditLogKeying(PersonalDataCipher cipher) {
		super(KEYING_VERSION, cipher, "the case audit log's chains");
	}

	@Override
	protected void key(Connection c) throws SQLException {
		Sealed sealed = seal(c);
		String detail;
		if (sealed.refused()) {
			detail = "refused: the audit log holds keyed chains, so this is not the first keying; nothing sealed";
			log.warn("Security alarm: the migration that keys the case audit log's chains ran on a log that holds "
					+ "keyed chains already (its record in the migration history removed?): it sealed nothing, and the "
					+ "chains of the earlier version stay unverified");
		}
		else {
			detail = sealed.sealed() + " chains of the earlier version sealed; " + sealed.unverified().size()
					+ " did not verify and stay unsealed";
			log.info("The case audit log's chains are keyed (HMAC-SM3) from now on: {} chains of the earlier "
					+ "version sealed", sealed.sealed());
			if (!sealed.unverified().isEmpty()) {
				log.warn("Security alarm: the audit chains of {} cases did not verify at the upgrade and stay "
						+ "unsealed (their trails say the chain does not verify): {}", sealed.unverified().size(),
						sealed.unverified().subList(0, Math.min(50, sealed.unverified().size())));
			}
		}
		// in the keyed security log: an upgrade's keying, and any later run of it, is there for the audit administrator
		if (!SecurityLogKeying.appendKeyed(c, cipher, SecurityEvent.CASE_CHAINS_KEYED, detail)) {
			log.warn("Security alarm: the security log's newest event is unkeyed, so the keying of the case audit "
					+ "log's chains is not recorded there: {}", detail);
		}
	}

	@Override
	public String getCallbackName() {
		return "case audit log keyed";
	}

	/**
	 * How many chains were sealed, and the business keys of those that did not verify; or refused, with nothing sealed,
	 * because a chain holds keyed entries: the keying ran before, and someone made it run again (removed its line from
	 * the migration history) to have chains they rewrote without the key sealed.
	 */
	public record Sealed(int sealed, List<String> unverified, boolean refused) {

		Sealed(int sealed, List<String> unverified) {
			this(sealed, unverified, false);
		}

	}

	/** Seals each case's chain that has no seal yet and verifies as an earlier version's chain. */
	public Sealed seal(Connection c) throws SQLException {
		List<String> cases = new ArrayList<>();
		try (PreparedStatement s = c.prepareStatement("""
				SELECT DISTINCT a.business_key FROM ha_audit_log a
				WHERE NOT EXISTS (SELECT 1 FROM ha_audit_seal s WHERE s.business_key = a.business_key)
				ORDER BY a.business_key""");
				ResultSet r = s.executeQuery()) {
			while (r.next()) {
				cases.add(r.getString(1));
			}
		}
		return seal(c, cases);
	}

	/** Seals these cases' chains, as {@link #seal(Connection)}; refused as a whole if any of them is keyed. */
	Sealed seal(Connection c, List<String> cases) throws SQLException {
		List<AuditSeal> seals = new ArrayList<>();
		List<String> unverified = new ArrayList<>();
		for (int from = 0; from < cases.size(); from += CHUNK) {
			List<String> chunk = cases.subList(from, Math.min(cases.size(), from + CHUNK));
			Map<String, List<AuditEntry>> chains = read(c, chunk);
			for (String businessKey : chunk) {
				List<AuditEntry> chain = chains.getOrDefault(businessKey, List.of());
				if (chain.stream().anyMatch(e -> AuditLog.keyedHash(cipher, e).equals(e.hash()))) {
					return new Sealed(0, List.of(), true);
				}
				if (chain.isEmpty() || !holds(businessKey, chain)) {
					unverified.add(businessKey);
					continue;
				}
				seals.add(new AuditSeal(businessKey, chain.size(), AuditLog.sealMac(cipher, businessKey, chain)));
			}
		}
		Timestamp now = new Timestamp(System.currentTimeMillis() / 1000 * 1000);
		try (PreparedStatement insert = c.prepareStatement(
				"INSERT INTO ha_audit_seal (business_key, seq, mac, sealed_at) VALUES (?, ?, ?, ?)")) {
			for (int i = 0; i < seals.size(); i++) {
				AuditSeal seal = seals.get(i);
				insert.setString(1, seal.businessKey());
				insert.setInt(2, seal.seq());
				insert.setString(3, seal.mac());
				insert.setTimestamp(4, now);
				insert.addBatch();
				if (i % CHUNK == CHUNK - 1 || i == seals.size() - 1) {
					insert.executeBatch();
				}
			}
		}
		return new Sealed(seals.size(), unverified);
	}

	/** Whether a chain holds as an earlier version wrote it: numbered from 1, linked, each SHA-256 right. */
	private boolean holds(String businessKey, List<AuditEntry> chain) {
		String prev = AuditLog.GENESIS;
		int expectedSeq = 1;
		for (AuditEntry e : chain) {
			if (e.seq() != expectedSeq || !businessKey.equals(e.businessKey()) || !prev.equals(e.prevHash())
					|| !AuditLog.earlierHashHolds(cipher, e)) {
				return false;
			}
			prev = e.hash();
			expectedSeq++;
		}
		return true;
	}

	/** The entries of these cases, each case's in order, their personal data opened. */
	private Map<String, List<AuditEntry>> read(Connection c, List<String> cases) throws SQLException {
		Map<String, List<AuditEntry>> chains = new LinkedHashMap<>();
		try (PreparedStatement s = c.prepareStatement("""
				SELECT id, business_key, seq, process_instance_id, event_type, activity_id, activity_name, task_id, user_id,
				  occurred_at, decision, opinion, data, prev_hash, hash, form_deployment_id
				FROM ha_audit_log WHERE business_key IN (%s) ORDER BY business_key, seq"""
			.formatted(String.join(", ", java.util.Collections.nCopies(cases.size(), "?"))))) {
			for (int i = 0; i < cases.size(); i++) {
				s.setString(i + 1, cases.get(i));
			}
			try (ResultSet r = s.executeQuery()) {
				while (r.next()) {
					Timestamp at = r.getTimestamp("occurred_at");
					AuditEntry e = new AuditEntry(r.getLong("id"), r.getString("business_key"), r.getInt("seq"),
							r.getString("process_instance_id"), r.getString("event_type"), r.getString("activity_id"),
							r.getString("activity_name"), r.getString("task_id"), r.getString("user_id"),
							at == null ? null : new java.util.Date(at.getTime()), r.getString("decision"),
							r.getString("opinion"), cipher.openJson(r.getString("data")), strip(r.getString("prev_hash")),
							strip(r.getString("hash")), r.getString("form_deployment_id"));
					chains.computeIfAbsent(e.businessKey(), k -> new ArrayList<>()).add(e);
				}
			}
		}
		return chains;
	}

	private static String strip(String hash) {
		return hash == null ? null : hash.strip();
	}

}
