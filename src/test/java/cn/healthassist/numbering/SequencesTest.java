package cn.healthassist.numbering;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import cn.healthassist.mappers.MapperSliceTest;

/**
 * Numbers drawn from the counters (ha_sequence) through the service the processes use. Each draw commits (a counter is
 * created in a transaction of its own), so these tests run outside the slice's rolled-back transaction and remove their
 * counters at the end.
 */
@MapperSliceTest
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class SequencesTest {

	private static final String NAME = "TEST-2026";

	@Autowired
	private SequenceMapper mapper;

	@Autowired
	private PlatformTransactionManager transactions;

	@Autowired
	private JdbcTemplate jdbc;

	@AfterEach
	void removeTheCounter() {
		jdbc.update("DELETE FROM ha_sequence WHERE name = ?", NAME);
	}

	@Test
	void aNewCounter_givesOneTwoThree_andKeysInTheSpecsForm() {
		Sequences sequences = new Sequences(mapper, transactions);

		assertThat(sequences.next(NAME)).isEqualTo(1L);
		assertThat(sequences.next(NAME)).isEqualTo(2L);
		assertThat(sequences.businessKey("TEST", 2026)).isEqualTo("TEST-2026-000003");
		assertThat(mapper.current(NAME)).isEqualTo(3L);
	}

	@Test
	void aCounterKnownToThisNode_thatIsGone_isMadeAgain_ratherThanFailingTheCase() {
		Sequences sequences = new Sequences(mapper, transactions);
		assertThat(sequences.next(NAME)).isEqualTo(1L);

		// the database emptied under a running node, which looks a counter up once only
		jdbc.update("DELETE FROM ha_sequence WHERE name = ?", NAME);

		assertThat(sequences.next(NAME)).isEqualTo(1L);
		assertThat(sequences.next(NAME)).isEqualTo(2L);
	}

	@Test
	void twoNodes_drawFromOneCounter_withoutRepeatingANumber() {
		Sequences one = new Sequences(mapper, transactions);
		Sequences two = new Sequences(mapper, transactions);

		assertThat(one.next(NAME)).isEqualTo(1L);
		assertThat(two.next(NAME)).isEqualTo(2L);
		assertThat(one.next(NAME)).isEqualTo(3L);
	}

}
