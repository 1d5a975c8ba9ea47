package cn.healthassist.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Date;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;

import cn.healthassist.mappers.MapperSliceTest;
import cn.healthassist.security.AccountMapper.AccountState;

/** The accounts' password history and password state (ha_password_history, ha_account_state). */
@MapperSliceTest
class AccountMapperTest {

	private static final Date DAY1 = new Date(1_780_000_000_000L);

	@Autowired
	private AccountMapper mapper;

	@Test
	void passwordsComeBackNewestFirst_perAccount_andTheOldOnesAreForgotten() {
		for (int i = 1; i <= 4; i++) {
			mapper.insertPassword("pw-user", "{SHA-512}hash" + i, "salt" + i, new Date(DAY1.getTime() + i));
		}
		mapper.insertPassword("other-user", "{SHA-512}other", "salt", DAY1);
		assertThat(mapper.passwords("pw-user", 3)).extracting(AccountMapper.PasswordHash::passwordHash)
			.containsExactly("{SHA-512}hash4", "{SHA-512}hash3", "{SHA-512}hash2");
		long oldestKept = mapper.passwords("pw-user", 3).get(2).id();
		assertThat(mapper.forgetOlder("pw-user", oldestKept)).isEqualTo(1);
		assertThat(mapper.passwords("pw-user", 10)).hasSize(3);
		assertThat(mapper.passwords("other-user", 10)).hasSize(1).first()
			.satisfies(p -> assertThat(p.salt()).isEqualTo("salt"));
		assertThat(mapper.forgetAll("pw-user")).isEqualTo(3);
	}

	@Test
	void anAccountsState_isSetAndChanged_oncePerAccount() {
		assertThat(mapper.state("state-user")).isNull();
		mapper.insertState(new AccountState("state-user", DAY1, true, false));
		assertThatThrownBy(() -> mapper.insertState(new AccountState("state-user", DAY1, false, false)))
			.isInstanceOf(DuplicateKeyException.class);
		assertThat(mapper.state("state-user")).isEqualTo(new AccountState("state-user", DAY1, true, false));
		Date later = new Date(DAY1.getTime() + 86_400_000L);
		assertThat(mapper.passwordSet("state-user", later, false)).isEqualTo(1);
		assertThat(mapper.demo("state-user", true)).isEqualTo(1);
		assertThat(mapper.state("state-user")).isEqualTo(new AccountState("state-user", later, false, true));
		assertThat(mapper.mustChange("state-user", true)).isEqualTo(1);
		assertThat(mapper.state("state-user").mustChange()).isTrue();
		assertThat(mapper.passwordSet("nobody", later, false)).isZero();
		assertThat(mapper.deleteState("state-user")).isEqualTo(1);
	}

}
