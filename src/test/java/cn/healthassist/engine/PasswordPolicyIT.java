package cn.healthassist.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cn.healthassist.support.Http;
import cn.healthassist.support.IntegrationTest;

/** The password policy (engine/PasswordRules) holds wherever an administrator sets a password. */
class PasswordPolicyIT extends IntegrationTest {

	private final String user = "pw-" + UUID.randomUUID().toString().substring(0, 8);

	@AfterEach
	void removeUser() {
		identityService.deleteUser(user);
	}

	private Http.Response create(String password) {
		return http("sysadmin").postJson("/engine-rest/user/create", Map.of("profile",
				Map.of("id", user, "firstName", "测试", "lastName", "密码"), "credentials", Map.of("password", password)));
	}

	@Test
	void aPasswordOfTwoKinds_isRefused_andNoUserIsMade() {
		Http.Response r = create("abcdefgh");
		assertThat(r.status()).as(r.body()).isEqualTo(400);
		assertThat(r.json().path("message").asText()).as("the rule broken, in words").contains("至少 3 种");
		assertThat(r.json().path("errors").findValuesAsText("field")).containsOnly("password");
		assertThat(identityService.createUserQuery().userId(user).count()).isZero();
		Http.Response own = create("测试密码abc1"); // holds the user's name
		assertThat(own.status()).as(own.body()).isEqualTo(400);
	}

	@Test
	void eightCharactersOfThreeKinds_areAccepted_andLogIn() {
		assertThat(create("abcdefG1").status()).isEqualTo(204);
		assertThat(identityService.checkPassword(user, "abcdefG1")).isTrue();
	}

	@Test
	void thePolicyIsPublished_withTheRuleOfKinds() {
		Http.Response r = http("doctor-t01v01").get("/engine-rest/identity/password-policy");
		assertThat(r.status()).isEqualTo(200);
		assertThat(r.body()).contains("PASSWORD_POLICY_CHARACTER_CLASSES", "PASSWORD_POLICY_LENGTH");
	}

}
