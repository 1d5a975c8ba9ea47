package cn.healthassist.securitylog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What the security log keeps of a user name or a detail someone typed: a line break, an escape or a change of writing
 * direction is written as its code, so it cannot fake an event's line or hide text where the log is shown.
 */
class SecurityLogTextTest {

	@Test
	void controlAndFormatCharacters_areWrittenAsTheirCodes() {
		assertThat(SecurityLog.cut("a\r\nFAKE LOGIN_SUCCESS admin", 64)).isEqualTo("a\\u000D\\u000AFAKE LOGIN_SUCCESS admin");
		assertThat(SecurityLog.cut("x\u001b[31mred", 64)).isEqualTo("x\\u001B[31mred");
		assertThat(SecurityLog.cut("scan\u202efdp.exe", 64)).isEqualTo("scan\\u202Efdp.exe");
		assertThat(SecurityLog.cut("doctor-t01v01 村医", 64)).as("ordinary text as it is").isEqualTo("doctor-t01v01 村医");
	}

	@Test
	void theResult_isAtMostTheLengthGiven() {
		assertThat(SecurityLog.cut("b".repeat(100), 64)).hasSize(64);
		assertThat(SecurityLog.cut("\n".repeat(100), 64)).hasSize(64).startsWith("\\u000A");
	}

}
