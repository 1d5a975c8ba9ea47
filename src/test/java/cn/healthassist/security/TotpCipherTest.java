package cn.healthassist.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;

import org.junit.jupiter.api.Test;

/** The authenticators' secrets at rest: AES-GCM under the configured key, bound to their account. */
class TotpCipherTest {

	private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

	private static final String OTHER_KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

	@Test
	void aSecret_comesBackOnlyForItsAccount_withItsKey() {
		TotpCipher cipher = new TotpCipher(KEY);
		String stored = cipher.encrypt("sysadmin", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
		assertThat(stored).startsWith("v1:").doesNotContain("JBSWY3DP");
		assertThat(cipher.encrypt("sysadmin", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")).as("a new nonce each time").isNotEqualTo(stored);
		assertThat(cipher.decrypt("sysadmin", stored)).isEqualTo("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
		assertThatThrownBy(() -> cipher.decrypt("secadmin", stored)).as("copied to another account")
			.isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> new TotpCipher(OTHER_KEY).decrypt("sysadmin", stored)).isInstanceOf(IllegalStateException.class);
		byte[] bytes = Base64.getDecoder().decode(stored.substring(3));
		bytes[20] ^= 1;
		String tampered = "v1:" + Base64.getEncoder().encodeToString(bytes);
		assertThatThrownBy(() -> cipher.decrypt("sysadmin", tampered)).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void onlyA32ByteBase64Key_isTaken() {
		assertThatThrownBy(() -> new TotpCipher("")).hasMessageContaining("not set");
		assertThatThrownBy(() -> new TotpCipher("not base64!")).hasMessageContaining("not base64");
		assertThatThrownBy(() -> new TotpCipher(Base64.getEncoder().encodeToString(new byte[16]))).hasMessageContaining("32 bytes");
	}

}
