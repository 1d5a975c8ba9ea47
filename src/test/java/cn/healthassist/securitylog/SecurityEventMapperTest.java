package cn.healthassist.securitylog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Date;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;

import cn.healthassist.mappers.MapperSliceTest;

/** The security log's table (ha_security_event): append, search, the chain's pages, the retention. */
@MapperSliceTest
class SecurityEventMapperTest {

	private static final Date DAY1 = new Date(1_780_000_000_000L);

	private static final Date DAY2 = new Date(DAY1.getTime() + 86_400_000L);

	@Autowired
	private SecurityEventMapper mapper;

	private static SecurityEvent event(long seq, String type, String user, Date time) {
		return new SecurityEvent(seq, type, user, "10.0.0.1", time, "success", "登录 " + seq, "p" + seq, "h" + seq, true);
	}

	@Test
	void eventsComeBackAsWritten_newestFirst_andFilteredByTypeUserAndTime() {
		mapper.insert(event(1, SecurityEvent.LOGIN_SUCCESS, "doctor-t01v01", DAY1));
		mapper.insert(event(2, SecurityEvent.LOGIN_FAILURE, "doctor-t01v01", DAY1));
		mapper.insert(event(3, SecurityEvent.LOGIN_FAILURE, "health-t01", DAY2));
		assertThat(mapper.last().seq()).isEqualTo(3);
		assertThat(mapper.search(new SecurityEventQuery(null, null, null, null), 0, 10))
			.extracting(SecurityEvent::seq).containsExactly(3L, 2L, 1L);
		assertThat(mapper.search(new SecurityEventQuery(SecurityEvent.LOGIN_FAILURE, null, null, null), 0, 10))
			.extracting(SecurityEvent::seq).containsExactly(3L, 2L);
		assertThat(mapper.search(new SecurityEventQuery(null, "doctor-t01v01", null, null), 1, 10))
			.extracting(SecurityEvent::seq).containsExactly(1L);
		assertThat(mapper.count(new SecurityEventQuery(null, null, DAY2, null))).isEqualTo(1);
		assertThat(mapper.count(new SecurityEventQuery(null, null, null, DAY2))).isEqualTo(2);
		SecurityEvent first = mapper.from(1, 1).get(0);
		assertThat(first.detail()).isEqualTo("登录 1");
		assertThat(first.keyed()).isTrue();
		assertThat(first.time()).isEqualTo(DAY1);
		assertThat(first.clientIp()).isEqualTo("10.0.0.1");
	}

	@Test
	void failuresFromAnAddress_countOnlyWrongPasswordsSinceTheMoment() {
		mapper.insert(event(1, SecurityEvent.LOGIN_FAILURE, "doctor-t01v01", DAY1));
		mapper.insert(event(2, SecurityEvent.LOGIN_FAILURE, "health-t01", DAY2));
		mapper.insert(event(3, SecurityEvent.LOGIN_SUCCESS, "health-t01", DAY2));
		assertThat(mapper.failuresFrom("10.0.0.1", DAY1)).isEqualTo(2);
		assertThat(mapper.failuresFrom("10.0.0.1", DAY2)).isEqualTo(1);
		assertThat(mapper.failuresFrom("10.0.0.2", DAY1)).isZero();
	}

	@Test
	void aSequenceNumberIsTakenOnce() {
		mapper.insert(event(1, SecurityEvent.EXPORT, "auditor", DAY1));
		assertThatThrownBy(() -> mapper.insert(event(1, SecurityEvent.EXPORT, "auditor", DAY1)))
			.isInstanceOf(DuplicateKeyException.class);
	}

	@Test
	void theRetentionRemovesTheLogsBeginning_upToTheFirstEventOfThePeriod() {
		mapper.insert(event(1, SecurityEvent.EXPORT, "auditor", DAY1));
		mapper.insert(event(2, SecurityEvent.EXPORT, "auditor", DAY2));
		mapper.insert(event(3, SecurityEvent.EXPORT, "auditor", DAY1));
		Date later = new Date(DAY2.getTime() + 86_400_000L);
		assertThat(mapper.firstSeqFrom(DAY2, later)).isEqualTo(2L);
		assertThat(mapper.firstSeqFrom(new Date(DAY2.getTime() + 1), later)).isNull();
		assertThat(mapper.firstSeqFrom(DAY1, new Date(DAY1.getTime() - 1))).as("none up to then").isNull();
		assertThat(mapper.deleteBelow(2)).isEqualTo(1);
		assertThat(mapper.from(0, 10)).as("an older time after it is kept: the log stays one block")
			.extracting(SecurityEvent::seq).containsExactly(2L, 3L);
	}

	@Test
	void theAnchor_isTheLatestTrimOrKeying() {
		assertThat(mapper.lastAnchor()).isNull();
		mapper.insert(event(1, SecurityEvent.LOG_KEYED, null, DAY1));
		mapper.insert(event(2, SecurityEvent.LOG_TRIMMED, null, DAY1));
		mapper.insert(event(3, SecurityEvent.EXPORT, "auditor", DAY2));
		mapper.insert(new SecurityEvent(4, SecurityEvent.LOG_TRIMMED, null, null, DAY2, "success", "the log starts at 4",
				"p4", "h4", false));
		assertThat(mapper.lastAnchor().seq()).as("a keyed one only").isEqualTo(2L);
	}

}
