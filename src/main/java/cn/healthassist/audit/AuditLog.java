package cn.healthassist.audit;

import org.apache.commons.codec.digest.DigestUtils;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import cn.healthassist.privacy.PersonalDataCipher;

import cn.healthassist.values.Messages;

/**
 * Appends to the audit log with a hash chain per case, and verifies the chain. The hash of an entry covers every
 * field and the hash of the entry before it; the first entry of a case chains to 64 zeros. It is keyed: HMAC-SM3
 * under a key derived from the index key of personal data ({@link PersonalDataCipher#caseChainMac}), which lives in
 * the application's configuration, not in the database, so that whoever can write the database but has not the keys
 * cannot change an entry and hash it again. The entries of earlier versions (SHA-256) verify only as the beginning of
 * a chain that the upgrade sealed ({@link AuditLogKeying}, {@code ha_audit_seal}): the seal's keyed hash covers each
 * of them, and says how many there were.
 */
@Service
public class AuditLog {

	public static final String GENESIS = "0".repeat(64);

	private final AuditLogMapper mapper;

	private final PersonalDataCipher cipher;

	public AuditLog(AuditLogMapper mapper, PersonalDataCipher cipher) {
		this.mapper = mapper;
		this.cipher = cipher;
	}

	public AuditEntry append(String businessKey, String processInstanceId, String eventType, String activityId,
			String activityName, String taskId, String userId, Date occurredAt, String decision, String opinion,
			String data) {
		return append(businessKey, processInstanceId, eventType, activityId, activityName, taskId, userId, occurredAt,
				decision, opinion, data, null);
	}

	/** An entry whose data are the fields of a form: {@code formDeploymentId} holds the version the person saw. */
	public AuditEntry append(String businessKey, String processInstanceId, String eventType, String activityId,
			String activityName, String taskId, String userId, Date occurredAt, String decision, String opinion,
			String data, String formDeploymentId) {
		// whole seconds: MySQL with sendFractionalSeconds=false (as Camunda requires) stores no milliseconds
		Date at = new Date(occurredAt.getTime() / 1000 * 1000);
		Chains chains = Chains.ofTransaction();
		AuditEntry last = chains == null ? mapper.last(businessKey) : chains.head(businessKey, mapper);
		int seq = last == null ? 1 : last.seq() + 1;
		String prev = last == null ? GENESIS : last.hash();
		AuditEntry draft = new AuditEntry(null, businessKey, seq, processInstanceId, eventType, activityId, activityName,
				taskId, userId, at, decision, truncate(opinion, 1000), data, prev, null, formDeploymentId);
		// personal data (ID number, phone, diagnosis) is stored sealed; the keyed hash covers it as given, so that a
		// key rotation seals it again without breaking the chain
		AuditEntry entry = new AuditEntry(null, businessKey, seq, processInstanceId, eventType, activityId, activityName,
				taskId, userId, at, decision, draft.opinion(), cipher.sealJson(data), prev, keyedHash(cipher, draft),
				formDeploymentId);
		try {
			mapper.insert(entry);
		}
		catch (DuplicateKeyException e) {
			// another step of the same case was recorded at the same moment: the case changed under this request
			throw new OptimisticLockingException(Messages.get("audit.changedByOthers", businessKey));
		}
		if (chains != null) {
			chains.appended(entry);
		}
		return entry;
	}

	/**
	 * The entries of the cases a transaction has read or appended to, so that a step's rules (which read the case's
	 * record) and its appends (each of which chains to the entry before it) read a case's chain once in the transaction,
	 * not once each (docs/benchmark.md). Entries are only ever appended, and only through {@link #append}, which adds them
	 * here too; another transaction appending to the same case at the same time makes this one's append fail on the
	 * log's unique (case, seq) key, as it did without the cache.
	 */
	private static final class Chains implements TransactionSynchronization {

		private final Map<String, List<AuditEntry>> entries = new HashMap<>();

		private final Map<String, AuditEntry> heads = new HashMap<>();

		/**
		 * This transaction's, or null outside a transaction. Kept as one of the transaction's synchronizations, which
		 * Spring sets aside while a transaction of its own runs inside it (REQUIRES_NEW) and drops when it ends: an inner
		 * transaction that rolls back leaves nothing in the outer one's chains.
		 */
		static Chains ofTransaction() {
			if (!TransactionSynchronizationManager.isSynchronizationActive()) {
				return null;
			}
			for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
				if (s instanceof Chains chains) {
					return chains;
				}
			}
			Chains chains = new Chains();
			TransactionSynchronizationManager.registerSynchronization(chains);
			return chains;
		}

		List<AuditEntry> entries(String businessKey, AuditLogMapper mapper) {
			return entries.computeIfAbsent(businessKey, k -> new ArrayList<>(mapper.findByCase(k)));
		}

		/** The case's last entry, null for none. */
		AuditEntry head(String businessKey, AuditLogMapper mapper) {
			if (heads.containsKey(businessKey)) {
				return heads.get(businessKey);
			}
			List<AuditEntry> read = entries.get(businessKey);
			AuditEntry head = read != null ? (read.isEmpty() ? null : read.get(read.size() - 1)) : mapper.last(businessKey);
			heads.put(businessKey, head);
			return head;
		}

		void appended(AuditEntry entry) {
			heads.put(entry.businessKey(), entry);
			List<AuditEntry> read = entries.get(entry.businessKey());
			if (read != null) {
				read.add(entry);
			}
		}

	}

	/** Whether the case's chain verifies; when not, the first entry that does not. */
	public record ChainCheck(boolean verified, int length, Integer brokenAtSeq) {
	}

	public ChainCheck verify(String businessKey) {
		// as stored: never the transaction's copy of the chain
		List<AuditEntry> entries = mapper.findByCase(businessKey).stream().map(this::opened).toList();
		AuditSeal seal = mapper.seal(businessKey);
		String prev = GENESIS;
		int expectedSeq = 1;
		for (AuditEntry e : entries) {
			// an earlier version's entry only as far as the upgrade's seal, which covers each of them by its keyed hash
			// in its place first: numbered on from the one before it, of this case, linked to it
			if (e.seq() != expectedSeq || !businessKey.equals(e.businessKey()) || !prev.equals(e.prevHash())) {
				return new ChainCheck(false, entries.size(), e.seq());
			}
			boolean earlier = seal != null && e.seq() <= seal.seq();
			boolean hashed = earlier ? earlierHashHolds(cipher, e)
					&& (e.seq() < seal.seq() || sealMac(cipher, businessKey, entries.subList(0, e.seq())).equals(seal.mac()))
					: keyedHash(cipher, e).equals(e.hash());
			if (!hashed) {
				return new ChainCheck(false, entries.size(), e.seq());
			}
			prev = e.hash();
			expectedSeq++;
		}
		if (seal != null && entries.size() < seal.seq()) {
			// entries the seal covers were removed from the chain's end
			return new ChainCheck(false, entries.size(), entries.size() + 1);
		}
		return new ChainCheck(true, entries.size(), null);
	}

	/**
	 * Whether an earlier version's entry holds its SHA-256: over its data with the personal fields by their keyed index
	 * (V20 to V23), or over its plain data (before V20, and the migration V19's). The data is JSON as Jackson writes it,
	 * with no raw unit separator, so that no field's text can pose as the form's version appended to it. Alone this
	 * proves nothing (anyone can compute it); the seal does.
	 */
	static boolean earlierHashHolds(PersonalDataCipher cipher, AuditEntry e) {
		if (e.data() != null && e.data().indexOf('\u001F') >= 0) {
			return false;
		}
		if (hash(e).equals(e.hash())) {
			return true;
		}
		try {
			return chainHash(cipher, e).equals(e.hash());
		}
		catch (IllegalStateException doesNotOpen) {
			// a personal value that does not open (changed, or its key gone) has no index: the entry does not verify
			return false;
		}
	}

	/**
	 * The seal of an earlier version's chain (AuditLogKeying): its case, its length, and the keyed hash of each of its
	 * entries as they were at the upgrade (every field, the personal data as given), keyed; so that no entry it covers
	 * can be changed, whichever way its SHA-256 could be made to hold again.
	 */
	static String sealMac(PersonalDataCipher cipher, String businessKey, List<AuditEntry> earlier) {
		List<String> parts = new ArrayList<>(List.of("case-seal-v1", businessKey, String.valueOf(earlier.size())));
		earlier.forEach(e -> parts.add(keyedHash(cipher, e)));
		return cipher.caseChainMac(encoded(parts));
	}

	/** The case's entries in order, their personal data opened. */
	public List<AuditEntry> entries(String businessKey) {
		Chains chains = Chains.ofTransaction();
		List<AuditEntry> entries = chains == null ? mapper.findByCase(businessKey) : chains.entries(businessKey, mapper);
		return entries.stream().map(this::opened).toList();
	}

	private AuditEntry opened(AuditEntry e) {
		String data = cipher.openJson(e.data());
		return data == null || data.equals(e.data()) ? e
				: new AuditEntry(e.id(), e.businessKey(), e.seq(), e.processInstanceId(), e.eventType(), e.activityId(),
						e.activityName(), e.taskId(), e.userId(), e.occurredAt(), e.decision(), e.opinion(), data,
						e.prevHash(), e.hash(), e.formDeploymentId());
	}

	/**
	 * The hash an entry is chained with: HMAC-SM3 of its fields and the hash before it, the personal data as the person
	 * gave it (opened: the same whichever key seals it; under the key, no digest to guess a number from); each field
	 * given with its length (a missing one apart from an empty one), so that no text typed into one field can pose as
	 * the next.
	 */
	static String keyedHash(PersonalDataCipher cipher, AuditEntry e) {
		return cipher.caseChainMac(encoded(Arrays.asList("case-entry-v1", e.prevHash(), e.businessKey(),
				String.valueOf(e.seq()), e.processInstanceId(), e.eventType(), e.activityId(), e.activityName(), e.taskId(),
				e.userId(), e.occurredAt() == null ? null : String.valueOf(e.occurredAt().getTime()), e.decision(),
				e.opinion(), e.data(), e.formDeploymentId())));
	}

	/** Texts in one text that reads back one way only: each as its length, a colon and itself; a missing one as "~". */
	private static String encoded(List<String> parts) {
		StringBuilder out = new StringBuilder();
		for (String p : parts) {
			if (p == null) {
				out.append('~');
			}
			else {
				out.append(p.length()).append(':').append(p);
			}
		}
		return out.toString();
	}

	/** The SHA-256 the versions from V20 to V23 chained an entry with: {@link #hash} over its hashable data. */
	static String chainHash(PersonalDataCipher cipher, AuditEntry e) {
		return hash(hashable(cipher, e));
	}

	/** The entry with its personal fields by their keyed index, as the SHA-256 of V20 to V23 covered them. */
	private static AuditEntry hashable(PersonalDataCipher cipher, AuditEntry e) {
		String hashable = cipher.hashableJson(e.data());
		return hashable == null || hashable.equals(e.data()) ? e
				: new AuditEntry(e.id(), e.businessKey(), e.seq(), e.processInstanceId(), e.eventType(), e.activityId(),
						e.activityName(), e.taskId(), e.userId(), e.occurredAt(), e.decision(), e.opinion(), hashable,
						e.prevHash(), e.hash(), e.formDeploymentId());
	}

	/**
	 * The SHA-256 of an entry as it is: every field and the hash before it. Entries before V20 were chained with it over
	 * their plain data, and so is the migration V19's.
	 */
	public static String hash(AuditEntry e) {
		return DigestUtils.sha256Hex(canonical(e));
	}

	/**
	 * Every field of an entry and the hash before it, in one text. The form's deployment (V21) is in it where an entry
	 * has one, so the entries written before it hash as they did.
	 */
	static String canonical(AuditEntry e) {
		String canonical = String.join("\u001F", e.prevHash(), e.businessKey(), String.valueOf(e.seq()),
				e.processInstanceId(), e.eventType(), nz(e.activityId()), nz(e.activityName()), nz(e.taskId()),
				nz(e.userId()), String.valueOf(e.occurredAt() == null ? "" : e.occurredAt().getTime()), nz(e.decision()),
				nz(e.opinion()), nz(e.data()));
		return e.formDeploymentId() == null ? canonical : canonical + "\u001F" + e.formDeploymentId();
	}

	private static String nz(String s) {
		return s == null ? "" : s;
	}

	private static String truncate(String s, int max) {
		return s == null || s.length() <= max ? s : s.substring(0, max);
	}

}
