package cn.healthassist.values;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeysTest {

	private static final String ID = "341722196503120411";

	@Test
	void aKey_isTheSha256OfItsPartsJoinedByBars() {
		// printf 'certificate|341722196503120411|HTN' | sha256sum
		assertThat(Keys.of("certificate", ID, "HTN"))
			.isEqualTo("cb3613aa99d6b11c39111f211f1f5de4ac09734984f757ae969f33bdda1d0e42");
		assertThat(Keys.of("a")).isEqualTo("ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb");
	}

	@Test
	void aKey_neverContainsTheIdNumberAndFitsTheUniqueColumns() {
		String key = Keys.validCertificate(ID, "HTN");
		assertThat(key).doesNotContain(ID).doesNotContain("0411").matches("[0-9a-f]{64}");
	}

	@Test
	void theValidCertificateKey_isThePersonAndTheDisease() {
		assertThat(Keys.validCertificate(ID, "HTN")).isEqualTo(Keys.of("certificate", ID, "HTN"))
			.isNotEqualTo(Keys.validCertificate(ID, "DM"))
			.isNotEqualTo(Keys.validCertificate("341225197809153626", "HTN"));
	}

	@Test
	void theFollowupKey_isTheProcessAndTheCertificate() {
		assertThat(Keys.followupOf("MB-2026-000001")).isEqualTo(Keys.of("chronic-followup", "MB-2026-000001"))
			.isNotEqualTo(Keys.followupOf("MB-2026-000002"));
	}

	@Test
	void keysOfDifferentPurposes_doNotCollideForTheSameParts() {
		assertThat(Keys.of("chronic-certificate", ID, "HTN")).isNotEqualTo(Keys.validCertificate(ID, "HTN"));
		assertThat(Keys.of("county-referral", ID)).isNotEqualTo(Keys.of("charity-relief", ID));
	}

	@Test
	void theSamePartsInAnotherOrder_giveAnotherKey() {
		assertThat(Keys.of(ID, "HTN")).isNotEqualTo(Keys.of("HTN", ID));
	}

}
