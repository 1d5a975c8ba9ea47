package cn.healthassist.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Each process declared once: its key, prefix, starters and readers as docs/product.md sections 2 to 4 fix them. */
class CaseProcessTest {

	@Test
	void theFourProcessesWithTheirKeysAndBusinessKeyPrefixes() {
		assertThat(CaseProcess.keys()).containsExactlyInAnyOrder("chronic-certificate", "county-referral",
				"charity-relief", "chronic-followup");
		assertThat(CaseProcess.of("chronic-certificate").businessKeyPrefix()).isEqualTo("CC");
		assertThat(CaseProcess.of("county-referral").businessKeyPrefix()).isEqualTo("RF");
		assertThat(CaseProcess.of("charity-relief").businessKeyPrefix()).isEqualTo("CR");
		assertThat(CaseProcess.of("chronic-followup").businessKeyPrefix()).isEqualTo("FU");
		assertThatThrownBy(() -> CaseProcess.of("charity-relief-rate")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("charity-relief-rate");
	}

	@Test
	void whoStartsWhich_theFollowUpByNobody() {
		assertThat(CaseProcess.startedBy(Groups.VILLAGE_DOCTOR)).containsExactly(CaseProcess.CHRONIC_CERTIFICATE);
		assertThat(CaseProcess.startedBy(Groups.VILLAGE_COMMITTEE)).containsExactly(CaseProcess.CHARITY_RELIEF);
		assertThat(CaseProcess.startedBy(Groups.HOSPITAL_DOCTOR)).containsExactly(CaseProcess.COUNTY_REFERRAL);
		assertThat(CaseProcess.startedBy(Groups.TOWNSHIP_HEALTH)).isEmpty();
		assertThat(CaseProcess.startedBy(Groups.HOSPITAL_HEAD)).isEmpty();
		assertThat(CaseProcess.CHRONIC_FOLLOWUP.starter()).isEmpty();
	}

	@Test
	void aCaseIsReadByItsVillageTownshipOrHospitalAndOneCountyOffice() {
		assertThat(CaseProcess.CHRONIC_CERTIFICATE.readers("T01V01", "T01", null))
			.containsExactly("village-doctor-T01V01", "township-health-T01", "county-insurance");
		assertThat(CaseProcess.CHARITY_RELIEF.readers("T02V02", "T02", null))
			.containsExactly("village-committee-T02V02", "township-civil-T02", "charity-federation");
		assertThat(CaseProcess.COUNTY_REFERRAL.readers(null, null, "H02"))
			.containsExactly("hospital-doctor-H02", "hospital-head-H02", "health-commission");
		assertThat(CaseProcess.CHRONIC_FOLLOWUP.readers("T01V02", "T01", null))
			.containsExactly("village-doctor-T01V02", "township-health-T01", "health-commission");
		assertThatThrownBy(() -> CaseProcess.COUNTY_REFERRAL.readers("T01V01", "T01", null))
			.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hospital");
	}

	@Test
	void whoseGroupsGiveThemCasesToSee() {
		assertThat(CaseProcess.seesCases(new CurrentUser("doctor-t01v01", List.of("village-doctor-T01V01")))).isTrue();
		assertThat(CaseProcess.seesCases(new CurrentUser("hhead-h01", List.of("hospital-head-H01")))).isTrue();
		assertThat(CaseProcess.seesCases(new CurrentUser("civil-t02", List.of("township-civil-T02")))).isTrue();
		assertThat(CaseProcess.seesCases(new CurrentUser("commission", List.of("health-commission")))).isTrue();
		assertThat(CaseProcess.seesCases(new CurrentUser("owner", List.of("process-owner")))).isFalse();
		assertThat(CaseProcess.seesCases(new CurrentUser("sysadmin", List.of("system-admin")))).isFalse();
		assertThat(CaseProcess.seesCases(new CurrentUser("nobody", List.of()))).isFalse();
		assertThat(CaseProcess.startsCases(new CurrentUser("committee-t01v01", List.of("village-committee-T01V01")))).isTrue();
		assertThat(CaseProcess.startsCases(new CurrentUser("hdoctor-h01", List.of("hospital-doctor-H01")))).isTrue();
		assertThat(CaseProcess.startsCases(new CurrentUser("hhead-h01", List.of("hospital-head-H01")))).isFalse();
		assertThat(CaseProcess.startsCases(new CurrentUser("health-t01", List.of("township-health-T01")))).isFalse();
	}

	@Test
	void whatTheEngineKeeps_anAllowListWhereAProcessDeclaresOne() {
		assertThat(CaseProcess.CHRONIC_CERTIFICATE.engineKeeps("townshipDecision")).isTrue();
		assertThat(CaseProcess.CHRONIC_CERTIFICATE.engineKeeps("villageCode")).isTrue();
		assertThat(CaseProcess.CHRONIC_CERTIFICATE.engineKeeps("townshipOpinion")).isFalse();
		assertThat(CaseProcess.CHRONIC_CERTIFICATE.engineKeeps("diseaseName")).isFalse();
		assertThat(CaseProcess.CHRONIC_CERTIFICATE.engineKeeps("anythingElse")).isFalse();
		assertThat(CaseProcess.engineKeeps("chronic-certificate:3:0001-abc", "householdCategoryName")).isFalse();
		assertThat(CaseProcess.engineKeeps("chronic-certificate:3:0001-abc", "caseNo")).isTrue();
		assertThat(CaseProcess.engineKeeps("county-referral:1:0002", "headOpinion")).isFalse();
		assertThat(CaseProcess.engineKeeps("county-referral:1:0002", "headDecision")).isTrue();
		assertThat(CaseProcess.engineKeeps("charity-relief:1:0004", "verificationOpinion")).isFalse();
		assertThat(CaseProcess.engineKeeps("charity-relief:1:0004", "remainingSelfPaid")).isFalse();
		assertThat(CaseProcess.engineKeeps("charity-relief:1:0004", "reliefAmount")).as("the second decision's input")
			.isTrue();
		assertThat(CaseProcess.engineKeeps("charity-relief:1:0004", "householdCategory")).as("the first decision's input")
			.isTrue();
		assertThat(CaseProcess.engineKeeps("charity-relief:1:0004", "hospitalName")).as("a column of Tasklist's list")
			.isTrue();
		assertThat(CaseProcess.engineKeeps("chronic-followup:1:0005", "visitDue")).as("its timers read it").isTrue();
		assertThat(CaseProcess.engineKeeps("chronic-followup:1:0005", "townshipCode")).isFalse();
		assertThat(CaseProcess.engineKeeps("chronic-followup:1:0005", "visitNo")).as("the record's").isFalse();
		assertThat(CaseProcess.engineKeeps("some-other-process:1:0003", "x")).isTrue();
		assertThat(CaseProcess.engineKeeps(null, "x")).isTrue();
	}

	@org.junit.jupiter.api.Test
	void aProcessKey_isReadFromItsDefinitionsId() {
		org.assertj.core.api.Assertions.assertThat(CaseProcess.keyOf("charity-relief:12:3SFI21AU41I4PBIR0BU0000004"))
			.isEqualTo("charity-relief");
		org.assertj.core.api.Assertions.assertThat(CaseProcess.keyOf("plain")).isEqualTo("plain");
		org.assertj.core.api.Assertions.assertThat(CaseProcess.keyOf(null)).isNull();
	}

}
