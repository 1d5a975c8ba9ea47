package cn.healthassist.common;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Numbers that never repeat (business keys, certificate and referral numbers), one counter per name and year in
 * {@code ha_sequence}. Each number is drawn in a short transaction of its own, so concurrent cases wait for each
 * other only for that moment; a case that rolls back leaves a gap, never a duplicate.
 */
@Service
public class Sequences {

	private final SequenceMapper mapper;

	private final TransactionTemplate newTransaction;

	public Sequences(SequenceMapper mapper, PlatformTransactionManager transactionManager) {
		this.mapper = mapper;
		this.newTransaction = new TransactionTemplate(transactionManager);
		this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	public long next(String name) {
		for (int attempt = 0; attempt < 3; attempt++) {
			try {
				Long value = newTransaction.execute(status -> {
					if (mapper.increment(name) == 0) {
						mapper.create(name);
					}
					return mapper.current(name);
				});
				if (value != null) {
					return value;
				}
			}
			catch (DuplicateKeyException e) {
				// another transaction created the counter at the same moment: increment it instead
			}
		}
		throw new IllegalStateException("Could not draw a number from sequence " + name);
	}

	/** {@code PREFIX-2026-000123}. */
	public String businessKey(String prefix, int year) {
		return String.format("%s-%d-%06d", prefix, year, next(prefix + "-" + year));
	}

}
