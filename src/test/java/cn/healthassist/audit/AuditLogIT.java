package cn.healthassist.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import cn.healthassist.support.IntegrationTest;

/**
 * The audit log's chain within a transaction (AuditLog): a step reads a case's chain once and chains each of its
 * entries to the one before, on H2 and MariaDB; when another transaction appended to the case after this one read it,
 * this one's append fails and nothing of it is stored.
 */
class AuditLogIT extends IntegrationTest {

	@Autowired
	AuditLog auditLog;

	@Autowired
	AuditLogMapper mapper;

	@Autowired
	PlatformTransactionManager transactions;

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

}
