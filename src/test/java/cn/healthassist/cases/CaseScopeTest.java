package cn.healthassist.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.healthassist.security.CurrentUser;

/** Who sees which case, read from each process's declaration (security/CaseProcess). */
class CaseScopeTest {

	private static CaseRecord chronic(String village, String township) {
		return record("chronic-certificate", village, township, null);
	}

	private static CaseRecord record(String process, String village, String township, String hospital) {
		return new CaseRecord("X-1", process, "pi", "王秀兰", "341722196503120411", "dibao", "C01", township, village,
				hospital, null, CaseRecord.RUNNING, "someone", new Date(), null, null);
	}

	private static CaseScope scope(String user, String... groups) {
		return CaseScope.of(new CurrentUser(user, List.of(groups)));
	}

	@Test
	void aVillageDoctorSeesTheChronicCasesAndFollowUpsOfTheirVillage_notItsCharityCases() {
		CaseScope doctor = scope("doctor-t01v01", "village-doctor-T01V01");
		assertThat(doctor.isOwnJurisdiction(chronic("T01V01", "T01"))).isTrue();
		assertThat(doctor.isOwnJurisdiction(record("chronic-followup", "T01V01", "T01", null))).isTrue();
		assertThat(doctor.isOwnJurisdiction(chronic("T01V02", "T01"))).isFalse();
		assertThat(doctor.isOwnJurisdiction(record("charity-relief", "T01V01", "T01", null))).isFalse();
		assertThat(doctor.seesNothing()).isFalse();
	}

	@Test
	void townshipsHospitalsAndCountyOffices() {
		CaseScope civil = scope("civil-t01", "township-civil-T01");
		assertThat(civil.isOwnJurisdiction(record("charity-relief", "T01V02", "T01", null))).isTrue();
		assertThat(civil.isOwnJurisdiction(chronic("T01V01", "T01"))).isFalse();
		assertThat(civil.isOwnJurisdiction(record("charity-relief", "T02V01", "T02", null))).isFalse();

		CaseScope head = scope("hhead-h01", "hospital-head-H01");
		assertThat(head.isOwnJurisdiction(record("county-referral", null, null, "H01"))).isTrue();
		assertThat(head.isOwnJurisdiction(record("county-referral", null, null, "H02"))).isFalse();

		CaseScope commission = scope("commission", "health-commission");
		assertThat(commission.isOwnJurisdiction(record("county-referral", null, null, "H02"))).isTrue();
		assertThat(commission.isOwnJurisdiction(record("chronic-followup", "T02V01", "T02", null))).isTrue();
		assertThat(commission.isOwnJurisdiction(chronic("T02V01", "T02"))).isFalse();
		assertThat(commission.areas()).isEmpty();
		assertThat(commission.countyProcesses()).containsExactlyInAnyOrder("county-referral", "chronic-followup");
	}

	@Test
	void theStarterSeesTheirCase_anOwnerNone_anAuditorAll() {
		CaseScope other = scope("someone", "village-doctor-T02V02");
		assertThat(other.isOwnJurisdiction(chronic("T01V01", "T01"))).isFalse();
		assertThat(other.canSee(chronic("T01V01", "T01"))).as("started it").isTrue();
		assertThat(scope("owner", "process-owner").seesNothing()).isTrue();
		CaseScope auditor = scope("auditor", "auditor");
		assertThat(auditor.all()).isTrue();
		assertThat(auditor.isOwnJurisdiction(record("county-referral", null, null, "H02"))).isTrue();
	}

}
