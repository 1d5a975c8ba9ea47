package cn.healthassist.numbering;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Numbers without gaps (连号) that never repeat (business keys, certificate and referral numbers), one counter per name
 * and year in {@code ha_sequence}. A number is drawn in the transaction of the case that takes it: a start that is
 * refused or rolls back gives its number back, and cases that draw from the same counter at once wait for each other
 * until the first commits (a start takes a few tens of milliseconds). A counter is created, once, in a short
 * transaction of its own, after a read that locks nothing, so that the case's transaction never waits on itself; that
 * read is made once per counter and node, not for every number. A counter gone after all is made again after the
 * case's increment found no row: that increment locks nothing only under READ COMMITTED, the isolation the MySQL
 * profile sets (application-mysql.yaml; under REPEATABLE READ its gap lock would hold up the counter's creation until
 * the lock wait timed out).
 */
@Service
public class Sequences {

	private final SequenceMapper mapper;

	private final TransactionTemplate newTransaction;

	private final TransactionTemplate currentTransaction;

	/** Counters known to exist: a counter is never deleted, so it is looked for once per name and node. */
	private final Set<String> known = ConcurrentHashMap.newKeySet();

	public Sequences(SequenceMapper mapper, PlatformTransactionManager transactionManager) {
		this.mapper = mapper;
		this.newTransaction = new TransactionTemplate(transactionManager);
		this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.currentTransaction = new TransactionTemplate(transactionManager);
		this.currentTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
	}

	public long next(String name) {
		if (!known.contains(name)) {
			ensureCounter(name);
		}
		Long value = currentTransaction.execute(status -> {
			if (mapper.increment(name) == 0) {
				// gone since it was seen (a database emptied under a running node): made again, once
				known.remove(name);
				ensureCounter(name);
				if (mapper.increment(name) == 0) {
					throw new IllegalStateException("Sequence " + name + " has no counter");
				}
			}
			return mapper.current(name);
		});
		if (value == null) {
			throw new IllegalStateException("Could not draw a number from sequence " + name);
		}
		return value;
	}

	private void ensureCounter(String name) {
		if (mapper.current(name) == null) {
			try {
				newTransaction.executeWithoutResult(status -> mapper.create(name));
			}
			catch (DuplicateKeyException e) {
				// another case created the counter at the same moment
			}
		}
		known.add(name);
	}

	/** {@code PREFIX-2026-000123}. */
	public String businessKey(String prefix, int year) {
		return String.format("%s-%d-%06d", prefix, year, next(prefix + "-" + year));
	}

}
