package cn.healthassist.numbering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;

import cn.healthassist.mappers.MapperSliceTest;

/** The counters of business keys and registry numbers (ha_sequence). */
@MapperSliceTest
class SequenceMapperTest {

	@Autowired
	private SequenceMapper mapper;

	@Test
	void aCounterNotCreated_hasNoValueAndCannotBeIncremented() {
		assertThat(mapper.current("CC-2026")).isNull();
		assertThat(mapper.increment("CC-2026")).isZero();
		assertThat(mapper.current("CC-2026")).isNull();
	}

	@Test
	void aNewCounter_startsAtZeroAndCountsOneByOne() {
		assertThat(mapper.create("CC-2026")).isEqualTo(1);
		assertThat(mapper.current("CC-2026")).isZero();
		assertThat(mapper.increment("CC-2026")).isEqualTo(1);
		assertThat(mapper.current("CC-2026")).isEqualTo(1L);
		mapper.increment("CC-2026");
		mapper.increment("CC-2026");
		assertThat(mapper.current("CC-2026")).isEqualTo(3L);
	}

	@Test
	void aCounterCreatedTwice_isRefusedAndKeepsItsValue() {
		mapper.create("RF-2026");
		mapper.increment("RF-2026");
		assertThatThrownBy(() -> mapper.create("RF-2026")).isInstanceOf(DuplicateKeyException.class);
		assertThat(mapper.current("RF-2026")).isEqualTo(1L);
	}

	@Test
	void countersOfDifferentNamesOrYears_areIndependent() {
		mapper.create("CC-2026");
		mapper.create("CC-2027");
		mapper.create("MB-2026");
		mapper.increment("CC-2026");
		mapper.increment("CC-2026");
		mapper.increment("MB-2026");
		assertThat(mapper.current("CC-2026")).isEqualTo(2L);
		assertThat(mapper.current("CC-2027")).isZero();
		assertThat(mapper.current("MB-2026")).isEqualTo(1L);
	}

}
