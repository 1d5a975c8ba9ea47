package cn.healthassist.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Date;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;

import cn.healthassist.mappers.MapperSliceTest;
import cn.healthassist.security.TotpMapper.Authenticator;

/** The accounts' TOTP authenticators (ha_totp): pending, confirmed, each time step taken once. */
@MapperSliceTest
class TotpMapperTest {

	private static final Date DAY1 = new Date(1_780_000_000_000L);

	@Autowired
	private TotpMapper mapper;

	@Test
	void aPendingAuthenticator_isReplacedOrConfirmedOnce() {
		assertThat(mapper.find("totp-user")).isNull();
		mapper.insertPending("totp-user", "v1:first", DAY1);
		assertThatThrownBy(() -> mapper.insertPending("totp-user", "v1:second", DAY1)).isInstanceOf(DuplicateKeyException.class);
		assertThat(mapper.deletePending("totp-user")).isEqualTo(1);
		mapper.insertPending("totp-user", "v1:second", DAY1);
		assertThat(mapper.find("totp-user")).isEqualTo(new Authenticator("totp-user", "v1:second", false, DAY1, null, 0));
		assertThat(mapper.use("totp-user", 100)).as("a pending authenticator opens nothing").isZero();
		assertThat(mapper.confirm("totp-user", 100)).isEqualTo(1);
		assertThat(mapper.confirm("totp-user", 101)).as("once").isZero();
		assertThat(mapper.deletePending("totp-user")).as("a confirmed one stays").isZero();
		assertThat(mapper.find("totp-user")).isEqualTo(new Authenticator("totp-user", "v1:second", true, DAY1, 100L, 0));
	}

	@Test
	void eachTimeStep_isTakenOnce_andOnlyForward() {
		mapper.insertPending("step-user", "v1:x", DAY1);
		mapper.confirm("step-user", 50);
		assertThat(mapper.use("step-user", 50)).as("the confirming code again").isZero();
		assertThat(mapper.use("step-user", 51)).isEqualTo(1);
		assertThat(mapper.use("step-user", 51)).as("replayed").isZero();
		assertThat(mapper.use("step-user", 49)).as("an older one").isZero();
		assertThat(mapper.use("other-user", 52)).isZero();
		assertThat(mapper.failures("step-user", 3)).isEqualTo(1);
		assertThat(mapper.find("step-user").failures()).isEqualTo(3);
		assertThat(mapper.delete("step-user")).isEqualTo(1);
		assertThat(mapper.find("step-user")).isNull();
	}

}
