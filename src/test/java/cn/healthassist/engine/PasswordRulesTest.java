package cn.healthassist.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.identity.PasswordPolicyRule;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** 等保's password rules: 8 characters, 3 of the 4 kinds, none of the user's own data. */
class PasswordRulesTest {

	private static boolean passes(String password, String userId) {
		UserEntity user = new UserEntity(userId);
		user.setFirstName("周明");
		user.setLastName("东湖镇卫生院");
		for (PasswordPolicyRule rule : new PasswordRules().getRules()) {
			if (!rule.execute(password, user)) {
				return false;
			}
		}
		return true;
	}

	@ParameterizedTest
	@ValueSource(strings = { "abcdefG1", "abcdef1!", "ABCDEF1!", "Abcdefg!", "东湖镇abc12!", "Strong-pass-2026!" })
	void eightCharactersOfThreeKinds_pass(String password) {
		assertThat(passes(password, "health-t01")).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "abcdefgh", "abcdefg1", "ABCDEFG1", "12345678!", "Ab1!", "abcDEF", "" })
	void fewerCharactersOrKinds_fail(String password) {
		assertThat(passes(password, "health-t01")).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Health-t01-2026", "x-HEALTH-T01!", "周明-Pass1!" })
	void theUsersOwnData_fails(String password) {
		assertThat(passes(password, "health-t01")).isFalse();
	}

}
