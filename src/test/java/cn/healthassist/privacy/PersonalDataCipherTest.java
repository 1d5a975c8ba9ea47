package cn.healthassist.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.healthassist.config.HealthAssistProperties;

/** Sealing and opening personal data, the keyed index, rotation and the refusals of a wrong configuration. */
class PersonalDataCipherTest {

	static final String ID = "341722196503120411";

	static String key(int bytes, int fill) {
		byte[] k = new byte[bytes];
		java.util.Arrays.fill(k, (byte) fill);
		return Base64.getEncoder().encodeToString(k);
	}

	static HealthAssistProperties properties(String algorithm, String current, String key, Map<String, String> older) {
		HealthAssistProperties p = new HealthAssistProperties();
		p.getDataProtection().setAlgorithm(algorithm);
		p.getDataProtection().setCurrentKey(current);
		p.getDataProtection().setKey(key);
		p.getDataProtection().getKeys().putAll(older);
		p.getDataProtection().setIndexKey(key(32, 7));
		return p;
	}

	static PersonalDataCipher sm4(String current, String key) {
		return new PersonalDataCipher(properties("SM4-GCM", current, key, Map.of()));
	}

	@Test
	void sm4Gcm_sealsWithANonce_andOpens() {
		PersonalDataCipher cipher = sm4("k1", key(16, 1));
		String a = cipher.seal(ID);
		String b = cipher.seal(ID);
		assertThat(a).startsWith("enc:sm4:k1:").doesNotContain(ID).isNotEqualTo(b);
		assertThat(PersonalDataCipher.isSealed(a)).isTrue();
		assertThat(cipher.open(a)).isEqualTo(ID);
		assertThat(cipher.open(b)).isEqualTo(ID);
		String twice = cipher.seal(a);
		assertThat(twice).as("a text that looks sealed is sealed like any other").isNotEqualTo(a);
		assertThat(cipher.open(twice)).as("and opens to that text, not to what it sealed").isEqualTo(a);
		assertThat(cipher.open("not sealed")).isEqualTo("not sealed");
		assertThat(cipher.seal(null)).isNull();
		assertThat(cipher.open(cipher.seal("急性心肌梗死，需介入治疗"))).isEqualTo("急性心肌梗死，需介入治疗");
	}

	@Test
	void aChangedValue_orAnotherKey_doesNotOpen_neverAsAnotherValue() {
		PersonalDataCipher cipher = sm4("k1", key(16, 1));
		String sealed = cipher.seal(ID);
		byte[] raw = Base64.getDecoder().decode(sealed.substring("enc:sm4:k1:".length()));
		raw[14] ^= 1;
		String changed = "enc:sm4:k1:" + Base64.getEncoder().encodeToString(raw);
		assertThatThrownBy(() -> cipher.open(changed)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("does not open");
		PersonalDataCipher other = sm4("k1", key(16, 2));
		assertThatThrownBy(() -> other.open(sealed)).isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> sm4("k9", key(16, 2)).open(sealed)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("k1, which is not configured");
	}

	@Test
	void aMalformedSealedText_isAClearRefusal_notAnotherError() {
		PersonalDataCipher cipher = sm4("k1", key(16, 1));
		assertThatThrownBy(() -> cipher.open("enc:sm4:k1:" + "A".repeat(25))).isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> cipher.open("enc:sm4:k1:" + "A".repeat(24))).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void theAuditHashText_namesPersonalFieldsByTheirIndex_andOnlyThoseFieldsOpen() {
		PersonalDataCipher cipher = sm4("k1", key(16, 1));
		String json = "{\"idNumber\":\"" + ID + "\",\"townshipOpinion\":\"同意\"}";
		String hashable = cipher.hashableJson(json);
		assertThat(hashable).doesNotContain(ID).contains("\"idNumber\":\"hmac:" + cipher.index(ID) + "\"")
			.contains("\"townshipOpinion\":\"同意\"");
		assertThat(cipher.hashableJson(cipher.openJson(cipher.sealJson(json)))).as("whichever key sealed it")
			.isEqualTo(hashable);
		String typed = "{\"townshipOpinion\":\"" + cipher.seal(ID) + "\"}";
		assertThat(cipher.openJson(typed)).as("a sealed text typed into an opinion stays as typed").isEqualTo(typed);
	}

	@Test
	void aesGcm_isTheOption() {
		PersonalDataCipher cipher = new PersonalDataCipher(properties("AES-GCM", "a1", key(32, 3), Map.of()));
		String sealed = cipher.seal(ID);
		assertThat(sealed).startsWith("enc:aes:a1:");
		assertThat(cipher.open(sealed)).isEqualTo(ID);
		assertThat(cipher.algorithm()).isEqualTo("AES-GCM");
	}

	@Test
	void rotation_newKeySeals_olderKeysStillOpen() {
		PersonalDataCipher before = sm4("k1", key(16, 1));
		String old = before.seal(ID);
		PersonalDataCipher after = new PersonalDataCipher(properties("SM4-GCM", "k2", key(16, 2), Map.of("k1", key(16, 1))));
		assertThat(after.open(old)).isEqualTo(ID);
		assertThat(after.isCurrent(old)).isFalse();
		String resealed = after.seal(after.open(old));
		assertThat(resealed).startsWith("enc:sm4:k2:");
		assertThat(after.isCurrent(resealed)).isTrue();
		assertThat(after.index(ID)).as("the index key did not change").isEqualTo(before.index(ID));
	}

	@Test
	void theIndex_isHmacSm3_ofTheNumber_caseAndSpaceInsensitive_andKeyed() {
		PersonalDataCipher cipher = sm4("k1", key(16, 1));
		String index = cipher.index("34172219650312041x");
		assertThat(index).hasSize(64).matches("[0-9a-f]{64}").isEqualTo(cipher.index(" 34172219650312041X "));
		assertThat(cipher.index(cipher.seal("34172219650312041X"))).as("of a sealed value, its number").isEqualTo(index);
		HealthAssistProperties otherIndexKey = properties("SM4-GCM", "k1", key(16, 1), Map.of());
		otherIndexKey.getDataProtection().setIndexKey(key(32, 8));
		assertThat(new PersonalDataCipher(otherIndexKey).index("34172219650312041X")).isNotEqualTo(index);
		// HMAC-SM3 (GB/T 15852.2 with SM3): the index is not a plain digest of the number
		assertThat(index).isNotEqualTo(org.apache.commons.codec.digest.DigestUtils.sha256Hex("34172219650312041X"));
	}

	@Test
	void theSecurityLogsChainMac_isKeyedByTheIndexKey_withAKeyOfItsOwn() {
		PersonalDataCipher cipher = sm4("k1", key(16, 1));
		String mac = cipher.chainMac("ABC");
		assertThat(mac).matches("[0-9a-f]{64}").isEqualTo(cipher.chainMac("ABC")).isNotEqualTo(cipher.chainMac("ABD"));
		PersonalDataCipher rotated = new PersonalDataCipher(properties("SM4-GCM", "k2", key(16, 2), Map.of("k1", key(16, 1))));
		assertThat(rotated.chainMac("ABC")).as("a data key's rotation keeps the chain").isEqualTo(mac);
		HealthAssistProperties otherIndexKey = properties("SM4-GCM", "k1", key(16, 1), Map.of());
		otherIndexKey.getDataProtection().setIndexKey(key(32, 8));
		assertThat(new PersonalDataCipher(otherIndexKey).chainMac("ABC")).isNotEqualTo(mac);
		// not the index's key: a chain's hash is no index of a number, nor the other way round
		assertThat(cipher.caseChainMac("ABC")).as("the case audit log's chains: a key of their own").matches("[0-9a-f]{64}")
			.isEqualTo(rotated.caseChainMac("ABC")).isNotEqualTo(mac).isNotEqualTo(cipher.index("ABC"))
			.isNotEqualTo(new PersonalDataCipher(otherIndexKey).caseChainMac("ABC"));
		assertThat(mac).isNotEqualTo(cipher.index("ABC"))
			.isNotEqualTo(org.apache.commons.codec.digest.DigestUtils.sha256Hex("ABC"));
	}

	@Test
	void jsonFields_areSealedInPlace_andOpenToTheSameText() {
		PersonalDataCipher cipher = sm4("k1", key(16, 1));
		String json = "{\"applicantName\":\"王大山\",\"idNumber\":\"" + ID + "\",\"phone\":\"13912345678\","
				+ "\"diagnosis\":\"心梗\\\"急\\\"\",\"reason\":\"x\"}";
		String sealed = cipher.sealJson(json);
		assertThat(sealed).doesNotContain(ID).doesNotContain("13912345678").doesNotContain("心梗")
			.contains("\"applicantName\":\"王大山\"").contains("\"reason\":\"x\"");
		assertThat(cipher.needsSealing(sealed)).isFalse();
		assertThat(cipher.needsSealing(json)).isTrue();
		assertThat(cipher.openJson(sealed)).isEqualTo(json);
		PersonalDataCipher rotated = new PersonalDataCipher(properties("SM4-GCM", "k2", key(16, 2), Map.of("k1", key(16, 1))));
		assertThat(rotated.needsSealing(sealed)).isTrue();
		String resealed = rotated.resealJson(sealed);
		assertThat(resealed).contains("enc:sm4:k2:").doesNotContain("enc:sm4:k1:");
		assertThat(rotated.openJson(resealed)).isEqualTo(json);
	}

	@Test
	void keysFromAKeyFile_outsideTheDatabase(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("data-keys.properties");
		Files.writeString(file, "current-key=f2\nkey.f1=" + key(16, 1) + "\nkey.f2=" + key(16, 2) + "\nindex-key=" + key(32, 7)
				+ "\n");
		HealthAssistProperties p = new HealthAssistProperties();
		p.getDataProtection().setKeyFile(file.toString());
		PersonalDataCipher cipher = new PersonalDataCipher(p);
		assertThat(cipher.currentKey()).isEqualTo("f2");
		assertThat(cipher.seal(ID)).startsWith("enc:sm4:f2:");
		assertThat(cipher.open(sm4("f1", key(16, 1)).seal(ID))).isEqualTo(ID);
	}

	@Test
	void aWrongConfiguration_isRefusedAtTheStart_withWhatToSet() {
		assertThatThrownBy(() -> sm4("k1", null)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("Set HA_DATA_KEY and HA_DATA_INDEX_KEY");
		assertThatThrownBy(() -> sm4("k1", key(32, 1))).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("has 32 bytes");
		assertThatThrownBy(() -> new PersonalDataCipher(properties("DES", "k1", key(16, 1), Map.of())))
			.isInstanceOf(IllegalStateException.class).hasMessageContaining("SM4-GCM or AES-GCM");
		HealthAssistProperties shortIndex = properties("SM4-GCM", "k1", key(16, 1), Map.of());
		shortIndex.getDataProtection().setIndexKey(key(16, 1));
		assertThatThrownBy(() -> new PersonalDataCipher(shortIndex)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("at least 32 bytes");
	}

}
