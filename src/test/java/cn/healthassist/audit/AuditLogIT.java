package cn.healthassist.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.apache.commons.codec.digest.DigestUtils;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import cn.healthassist.audit.AuditLog.ChainCheck;
import cn.healthassist.privacy.PersonalDataCipher;
import cn.healthassist.support.IntegrationTest;

/**
 * The audit log's chain within a transaction (AuditLog): a step reads a case's chain once and chains each of its
 * entries to the one before, on H2 and MariaDB; when another transaction appended to the case after this one read it,
 * this one's append fails and nothing of it is stored. The chain is keyed: an entry changed in the database and hashed
 * again without the key shows, and an earlier version's chain holds only as far as the upgrade sealed it
 * (AuditLogKeying).
 */
class AuditLogIT extends IntegrationTest {

	@Autowired
	AuditLog auditLog;

	@Autowired
	AuditLogMapper mapper;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	PersonalDataCipher cipher;

	private AuditEntry append(String businessKey, String decision) {
		return auditLog.append(businessKey, "pi-" + businessKey, AuditEntry.TASK_COMPLETED, "Task_TownshipReview",
				"乡镇卫生院审核", null, "health-t01", new Date(), decision, "同意", "{\"townshipDecision\":\"" + decision + "\"}");
	}

	private static String newKey() {
		return "AL-" + UUID.randomUUID().toString().substring(0, 23);
	}

	@Test
	void oneTransaction_readsTheChainOnce_andChainsEachAppendToTheOneBefore() {
		String key = newKey();
		List<AuditEntry> inside = new TransactionTemplate(transactions).execute(s -> {
			assertThat(auditLog.entries(key)).isEmpty();
			append(key, "pass");
			append(key, "return");
			AuditEntry third = append(key, "pass");
			assertThat(third.seq()).isEqualTo(3);
			return auditLog.entries(key);
		});
		assertThat(inside).extracting(AuditEntry::seq).containsExactly(1, 2, 3);
		assertThat(inside).extracting(AuditEntry::decision).containsExactly("pass", "return", "pass");
		List<AuditEntry> stored = mapper.findByCase(key);
		assertThat(stored).extracting(AuditEntry::hash).containsExactlyElementsOf(inside.stream().map(AuditEntry::hash).toList());
		assertThat(stored.get(1).prevHash()).isEqualTo(stored.get(0).hash());
		assertThat(stored.get(2).prevHash()).isEqualTo(stored.get(1).hash());
		assertThat(auditLog.verify(key).verified()).isTrue();
		assertThat(auditLog.entries(key)).as("read again outside").extracting(AuditEntry::data)
			.containsExactlyElementsOf(inside.stream().map(AuditEntry::data).toList());
	}

	@Test
	void anInnerTransactionThatRollsBack_leavesNothingInTheOuterOnesChain() {
		String key = newKey();
		append(key, "pass");
		TransactionTemplate outer = new TransactionTemplate(transactions);
		TransactionTemplate inner = new TransactionTemplate(transactions);
		inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		outer.executeWithoutResult(s -> {
			assertThat(auditLog.entries(key)).hasSize(1);
			inner.executeWithoutResult(t -> {
				append(key, "return");
				t.setRollbackOnly();
			});
			assertThat(append(key, "approve").seq()).isEqualTo(2);
		});
		assertThat(mapper.findByCase(key)).extracting(AuditEntry::decision).containsExactly("pass", "approve");
		assertThat(auditLog.verify(key).verified()).isTrue();
	}

	@Test
	void aCaseAnotherTransactionAppendedToSinceThisOneReadIt_failsThisOnesAppend_andStoresNothingOfIt() {
		String key = newKey();
		append(key, "pass");
		TransactionTemplate template = new TransactionTemplate(transactions);
		assertThatThrownBy(() -> template.executeWithoutResult(s -> {
			assertThat(auditLog.entries(key)).hasSize(1);
			// another person's step on the same case, committed while this one decides
			CompletableFuture.runAsync(() -> template.executeWithoutResult(t -> append(key, "return"))).join();
			append(key, "pass");
		})).isInstanceOf(OptimisticLockingException.class);
		assertThat(mapper.findByCase(key)).extracting(AuditEntry::decision).containsExactly("pass", "return");
		assertThat(auditLog.verify(key).verified()).isTrue();
	}

	@Test
	void eachEntryIsKeyed_soAnEntryChangedAndHashedAgainWithoutTheKey_breaksTheChain() {
		String key = newKey();
		append(key, "pass");
		append(key, "return");
		append(key, "pass");
		AuditEntry first = mapper.findByCase(key).get(0);
		assertThat(first.hash()).isEqualTo(AuditLog.keyedHash(cipher, first))
			.as("no SHA-256 anyone could compute").isNotEqualTo(AuditLog.hash(first))
			.isNotEqualTo(AuditLog.chainHash(cipher, first));
		assertThat(auditLog.verify(key)).isEqualTo(new ChainCheck(true, 3, null));

		// the second step's decision changed, it and the next hashed again and linked as an earlier version hashed them
		forge(key, 2, 3, "approve", AuditLog::hash);
		assertThat(auditLog.verify(key)).isEqualTo(new ChainCheck(false, 3, 2));
	}

	@Test
	void anEarlierVersionsChain_holdsOnlyOnceTheUpgradeSealedIt_andThenAsFarAsTheSealSays() throws SQLException {
		String key = newKey();
		List<AuditEntry> earlier = earlierChain(key, "pass", "return", "pass");
		assertThat(auditLog.verify(key)).as("not sealed: anyone could have written it").isEqualTo(new ChainCheck(false, 3, 1));

		assertThat(seal(key)).isEqualTo(new AuditLogKeying.Sealed(1, List.of()));
		assertThat(mapper.seal(key)).isEqualTo(new AuditSeal(key, 3, AuditLog.sealMac(cipher, key, earlier)));
		assertThat(auditLog.verify(key)).isEqualTo(new ChainCheck(true, 3, null));
		AuditEntry next = append(key, "approve");
		assertThat(next.prevHash()).isEqualTo(earlier.get(2).hash());
		assertThat(next.hash()).isEqualTo(AuditLog.keyedHash(cipher, next));
		assertThat(auditLog.verify(key)).isEqualTo(new ChainCheck(true, 4, null));
	}

	@Test
	void aSealedChainChangedInTheDatabase_doesNotVerify() throws SQLException {
		// its earlier entries changed and hashed again as the earlier version did: the seal covers the last one's hash
		String rehashed = sealedChainWithAKeyedStep();
		forge(rehashed, 1, 3, "reject", AuditLog::hash);
		assertThat(auditLog.verify(rehashed)).isEqualTo(new ChainCheck(false, 4, 3));

		// its last entries removed: the seal says how many there were
		String shortened = sealedChainWithAKeyedStep();
		jdbc.update("DELETE FROM ha_audit_log WHERE business_key = ? AND seq >= 3", shortened);
		assertThat(auditLog.verify(shortened)).isEqualTo(new ChainCheck(false, 2, 3));

		// the seal removed: every entry must be keyed
		String unsealed = sealedChainWithAKeyedStep();
		jdbc.update("DELETE FROM ha_audit_seal WHERE business_key = ?", unsealed);
		assertThat(auditLog.verify(unsealed)).isEqualTo(new ChainCheck(false, 4, 1));

		// the seal written again without the key
		String forgedSeal = sealedChainWithAKeyedStep();
		jdbc.update("UPDATE ha_audit_seal SET mac = ? WHERE business_key = ?",
				DigestUtils.sha256Hex(mapper.findByCase(forgedSeal).get(2).hash()), forgedSeal);
		assertThat(auditLog.verify(forgedSeal)).isEqualTo(new ChainCheck(false, 4, 3));

		// another case's seal moved onto it
		String moved = sealedChainWithAKeyedStep();
		String other = sealedChainWithAKeyedStep();
		jdbc.update("UPDATE ha_audit_seal SET mac = ? WHERE business_key = ?", mapper.seal(other).mac(), moved);
		assertThat(auditLog.verify(moved)).isEqualTo(new ChainCheck(false, 4, 3));

		// an entry in its middle removed: not verified at the next, whose seal is then checked on fewer entries (no error)
		String gap = newKey();
		earlierChain(gap, "pass", "return", "pass");
		assertThat(seal(gap).sealed()).isEqualTo(1);
		jdbc.update("DELETE FROM ha_audit_log WHERE business_key = ? AND seq = 2", gap);
		assertThat(auditLog.verify(gap)).isEqualTo(new ChainCheck(false, 2, 3));

		// an entry after the sealed ones hashed without the key
		String appended = sealedChainWithAKeyedStep();
		forge(appended, 4, 4, "reject", AuditLog::hash);
		assertThat(auditLog.verify(appended)).isEqualTo(new ChainCheck(false, 4, 4));
	}

	@Test
	void aSealedEntrysIdNumberReplacedByItsIndex_doesNotVerify_thoughItsSha256Holds() throws SQLException {
		String key = earlierEntryWithANumber();
		assertThat(seal(key)).isEqualTo(new AuditLogKeying.Sealed(1, List.of()));
		assertThat(auditLog.verify(key)).isEqualTo(new ChainCheck(true, 1, null));

		// the number replaced by the text its hash covered: the entry's SHA-256 over its plain data is the same
		String indexOnly = cipher.hashableJson(auditLog.entries(key).get(0).data());
		jdbc.update("UPDATE ha_audit_log SET data = ? WHERE business_key = ?", indexOnly, key);
		assertThat(AuditLog.earlierHashHolds(cipher, mapper.findByCase(key).get(0))).as("the SHA-256 alone holds").isTrue();
		assertThat(auditLog.verify(key)).as("the seal does not").isEqualTo(new ChainCheck(false, 1, 1));
	}

	@Test
	void fieldsShiftedIntoOneAnother_doNotVerify() {
		String key = newKey();
		AuditEntry entry = auditLog.append(key, "pi-" + key, AuditEntry.TASK_COMPLETED, "Task_TownshipReview", "乡镇卫生院审核",
				null, "health-t01", new Date(), "pass", "同意", "{\"townshipDecision\":\"pass\"}", "deployment-7");
		assertThat(auditLog.verify(key)).isEqualTo(new ChainCheck(true, 1, null));
		// the form's fields moved into the opinion, the form's version into the data: the same text joined by separators
		jdbc.update("UPDATE ha_audit_log SET opinion = ?, data = ?, form_deployment_id = NULL WHERE business_key = ?",
				"同意\u001F" + entry.data(), "deployment-7", key);
		assertThat(auditLog.verify(key)).isEqualTo(new ChainCheck(false, 1, 1));
		// nor a missing value for an empty one
		String other = newKey();
		auditLog.append(other, "pi-" + other, AuditEntry.TASK_COMPLETED, "Task_TownshipReview", "乡镇卫生院审核", null,
				"health-t01", new Date(), "pass", "", null);
		jdbc.update("UPDATE ha_audit_log SET opinion = NULL WHERE business_key = ?", other);
		assertThat(auditLog.verify(other)).isEqualTo(new ChainCheck(false, 1, 1));
	}

	@Test
	void aValueThatDoesNotOpen_failsTheChain_andTheKeyingLeavesItUnsealed() throws SQLException {
		// its sealed number changed in the database: it opens no more, and has no index for its SHA-256
		String lost = "{\"idNumber\":\"enc:sm4:gone:" + java.util.Base64.getEncoder().encodeToString(new byte[40]) + "\"}";
		String sealed = earlierEntryWithANumber();
		assertThat(seal(sealed)).isEqualTo(new AuditLogKeying.Sealed(1, List.of()));
		assertThat(auditLog.verify(sealed)).isEqualTo(new ChainCheck(true, 1, null));
		jdbc.update("UPDATE ha_audit_log SET data = ? WHERE business_key = ?", lost, sealed);
		assertThat(auditLog.verify(sealed)).as("not verified, no error").isEqualTo(new ChainCheck(false, 1, 1));

		String before = earlierEntryWithANumber();
		jdbc.update("UPDATE ha_audit_log SET data = ? WHERE business_key = ?", lost, before);
		assertThat(seal(before)).as("left unsealed, the keying goes on").isEqualTo(new AuditLogKeying.Sealed(0, List.of(before)));
	}

	/** One entry of the versions V20 to V23, its ID number sealed, its SHA-256 over the number's keyed index. */
	private String earlierEntryWithANumber() {
		String key = newKey();
		String id = cn.healthassist.support.TestIds.newIdNumber();
		Date at = new Date(System.currentTimeMillis() / 1000 * 1000);
		AuditEntry draft = new AuditEntry(null, key, 1, "pi-" + key, AuditEntry.CASE_STARTED, null, null, null,
				"doctor-t01v01", at, null, null, "{\"idNumber\":\"" + id + "\"}", AuditLog.GENESIS, null, null);
		mapper.insert(hashed(new AuditEntry(null, key, 1, draft.processInstanceId(), draft.eventType(), null, null, null,
				draft.userId(), at, null, null, cipher.sealJson(draft.data()), AuditLog.GENESIS, null, null),
				AuditLog.chainHash(cipher, draft)));
		return key;
	}

	@Test
	void aKeyingRunAgain_onALogWithKeyedChains_sealsNothing() throws SQLException {
		// the earlier version's chain read first, the keyed one after it: refused all the same, nothing sealed
		String keyed = newKey();
		append(keyed, "pass");
		String rewritten = newKey();
		earlierChain(rewritten, "pass", "approve");
		assertThat(seal(rewritten, keyed)).isEqualTo(new AuditLogKeying.Sealed(0, List.of(), true));
		assertThat(mapper.seal(rewritten)).isNull();
		assertThat(auditLog.verify(rewritten).verified()).isFalse();
	}

	@Test
	void anEarlierVersionsChainThatDoesNotVerifyAtTheUpgrade_isNotSealed() throws SQLException {
		String key = newKey();
		earlierChain(key, "pass", "return");
		jdbc.update("UPDATE ha_audit_log SET opinion = '不同意' WHERE business_key = ? AND seq = 1", key);
		assertThat(seal(key)).isEqualTo(new AuditLogKeying.Sealed(0, List.of(key)));
		assertThat(mapper.seal(key)).isNull();
		assertThat(auditLog.verify(key)).isEqualTo(new ChainCheck(false, 2, 1));
	}

	/** Three entries an earlier version wrote, sealed by the upgrade, and a step after it: a chain that verifies. */
	private String sealedChainWithAKeyedStep() throws SQLException {
		String key = newKey();
		earlierChain(key, "pass", "return", "pass");
		assertThat(seal(key).sealed()).isEqualTo(1);
		append(key, "approve");
		assertThat(auditLog.verify(key)).isEqualTo(new ChainCheck(true, 4, null));
		return key;
	}

	/** A case's chain as a version before the keyed chains wrote it: SHA-256 of each entry as it is. */
	private List<AuditEntry> earlierChain(String key, String... decisions) {
		List<AuditEntry> chain = new ArrayList<>();
		String prev = AuditLog.GENESIS;
		Date at = new Date(System.currentTimeMillis() / 1000 * 1000);
		for (int i = 0; i < decisions.length; i++) {
			AuditEntry draft = new AuditEntry(null, key, i + 1, "pi-" + key, AuditEntry.TASK_COMPLETED,
					"Task_TownshipReview", "乡镇卫生院审核", null, "health-t01", at, decisions[i], "同意",
					"{\"townshipDecision\":\"" + decisions[i] + "\"}", prev, null, null);
			AuditEntry e = hashed(draft, AuditLog.hash(draft));
			mapper.insert(e);
			chain.add(e);
			prev = e.hash();
		}
		return chain;
	}

	/** What V24's callback does for these cases. */
	private AuditLogKeying.Sealed seal(String... keys) throws SQLException {
		try (Connection c = jdbc.getDataSource().getConnection()) {
			return new AuditLogKeying(cipher).seal(c, List.of(keys));
		}
	}

	/**
	 * As someone who can write the database but has not the key: the entries from one number to another get a decision,
	 * each hashed again with {@code hasher} and linked to the one before; the entries after them stay as they are.
	 */
	private void forge(String key, int from, int to, String decision, Function<AuditEntry, String> hasher) {
		List<AuditEntry> chain = mapper.findByCase(key);
		String prev = from == 1 ? AuditLog.GENESIS : chain.get(from - 2).hash();
		for (int seq = from; seq <= to; seq++) {
			AuditEntry e = chain.get(seq - 1);
			AuditEntry changed = new AuditEntry(e.id(), key, seq, e.processInstanceId(), e.eventType(), e.activityId(),
					e.activityName(), e.taskId(), e.userId(), e.occurredAt(), decision, e.opinion(), e.data(), prev, null,
					e.formDeploymentId());
			String hash = hasher.apply(changed);
			jdbc.update("UPDATE ha_audit_log SET decision = ?, prev_hash = ?, hash = ? WHERE business_key = ? AND seq = ?",
					decision, prev, hash, key, seq);
			prev = hash;
		}
	}

	private static AuditEntry hashed(AuditEntry e, String hash) {
		return new AuditEntry(e.id(), e.businessKey(), e.seq(), e.processInstanceId(), e.eventType(), e.activityId(),
				e.activityName(), e.taskId(), e.userId(), e.occurredAt(), e.decision(), e.opinion(), e.data(),
				e.prevHash(), hash, e.formDeploymentId());
	}

}
