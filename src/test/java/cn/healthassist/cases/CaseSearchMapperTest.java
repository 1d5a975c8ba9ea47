package cn.healthassist.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.healthassist.mappers.MapperSliceTest;
import cn.healthassist.security.CurrentUser;

/**
 * The case search (mapper/cases/CaseSearchMapper.xml): who sees which cases, the filters, the order and the pages. Eight
 * cases of the four processes in two townships and two hospitals, started a day apart.
 */
@MapperSliceTest
class CaseSearchMapperTest {

	private static final String WANG = "341722196503120411";

	private static final String LI = "341225197809153626";

	@Autowired
	private CaseMapper cases;

	@Autowired
	private CaseSearchMapper search;

	private static Date day(int d) {
		return Date.from(Instant.parse(String.format("2026-03-%02dT02:00:00Z", d)));
	}

	private void store(String businessKey, String process, String name, String id, String township, String village,
			String hospital, String status, String startedBy, int startDay) {
		cases.insert(new CaseRecord(businessKey, process, "pi-" + businessKey, name, id, "registered-poor", "C01", township,
				village, hospital, null, status, startedBy, day(startDay), null, null));
	}

	@BeforeEach
	void cases() {
		store("CC-2026-000001", "chronic-certificate", "王秀兰", WANG, "T01", "T01V01", null, "running", "doctor-t01v01", 1);
		store("CC-2026-000002", "chronic-certificate", "李建国", LI, "T01", "T01V02", null, "issued", "doctor-t01v02", 2);
		store("FU-2026-000001", "chronic-followup", "王秀兰", WANG, "T01", "T01V01", null, "running", null, 3);
		store("CR-2026-000001", "charity-relief", "王秀兰", WANG, "T01", "T01V01", null, "running", "committee-t01v01", 4);
		store("CR-2026-000002", "charity-relief", "赵四", "341523195607081235", "T02", "T02V01", null, "paid",
				"committee-t02v01", 5);
		store("RF-2026-000001", "county-referral", "李建国", LI, null, null, "H01", "running", "hdoctor-h01", 6);
		store("RF-2026-000002", "county-referral", "孙大勇", "342601197202261518", null, null, "H02", "rejected",
				"hdoctor-h02", 7);
		store("CC-2026-000003", "chronic-certificate", "周桂芳", "340121198811030046", "T02", "T02V01", null, "running",
				"doctor-t02v01", 8);
	}

	private static CaseQuery query(CurrentUser user) {
		return new CaseQuery(CaseScope.of(user), null, null, null, null, null, null, null, false, 0, 50);
	}

	private static CurrentUser user(String id, String... groups) {
		return new CurrentUser(id, List.of(groups));
	}

	private List<String> found(CaseQuery q) {
		return search.search(q).stream().map(CaseRecord::businessKey).toList();
	}

	@Test
	void anAuditor_seesEveryCaseNewestFirst() {
		CaseQuery q = query(user("auditor", "auditor"));
		assertThat(found(q)).containsExactly("CC-2026-000003", "RF-2026-000002", "RF-2026-000001", "CR-2026-000002",
				"CR-2026-000001", "FU-2026-000001", "CC-2026-000002", "CC-2026-000001");
		assertThat(search.count(q)).isEqualTo(8);
	}

	@Test
	void aCaseIsReadWithEveryColumn() {
		assertThat(search.search(query(user("admin", "camunda-admin")))).filteredOn(c -> c.businessKey().equals("RF-2026-000001"))
			.containsExactly(new CaseRecord("RF-2026-000001", "county-referral", "pi-RF-2026-000001", "李建国", LI,
					"registered-poor", "C01", null, null, "H01", null, "running", "hdoctor-h01", day(6), null, null));
	}

	@Test
	void casesStartedAtTheSameMoment_areOrderedByBusinessKeyDescending() {
		store("CC-2026-000010", "chronic-certificate", "钱七", WANG, "T01", "T01V01", null, "running", null, 9);
		store("CC-2026-000011", "chronic-certificate", "钱八", WANG, "T01", "T01V01", null, "running", null, 9);
		assertThat(found(query(user("auditor", "auditor")))).startsWith("CC-2026-000011", "CC-2026-000010", "CC-2026-000003");
	}

	@Test
	void pages_areCutFromTheSameOrderAndTheCountIgnoresThem() {
		CaseScope all = CaseScope.of(user("auditor", "auditor"));
		CaseQuery second = new CaseQuery(all, null, null, null, null, null, null, null, false, 3, 3);
		assertThat(found(second)).containsExactly("CR-2026-000002", "CR-2026-000001", "FU-2026-000001");
		CaseQuery last = new CaseQuery(all, null, null, null, null, null, null, null, false, 6, 3);
		assertThat(found(last)).containsExactly("CC-2026-000002", "CC-2026-000001");
		assertThat(search.count(last)).isEqualTo(8);
	}

	@Test
	void aVillageDoctor_seesTheChronicCasesOfTheirVillageOnly() {
		CaseQuery q = query(user("doctor-t01v01", "village-doctor-T01V01"));
		assertThat(found(q)).containsExactly("FU-2026-000001", "CC-2026-000001");
		assertThat(search.count(q)).isEqualTo(2);
	}

	@Test
	void aVillageCommittee_seesTheCharityCasesOfTheirVillageOnly() {
		assertThat(found(query(user("committee-t01v01", "village-committee-T01V01")))).containsExactly("CR-2026-000001");
	}

	@Test
	void aTownshipHealthCentre_seesTheChronicCasesOfTheTownship() {
		assertThat(found(query(user("health-t01", "township-health-T01"))))
			.containsExactly("FU-2026-000001", "CC-2026-000002", "CC-2026-000001");
	}

	@Test
	void aTownshipCivilAffairsOffice_seesTheCharityCasesOfTheTownship() {
		assertThat(found(query(user("civil-t02", "township-civil-T02")))).containsExactly("CR-2026-000002");
	}

	@Test
	void aHospital_seesItsReferrals() {
		assertThat(found(query(user("hhead-h01", "hospital-head-H01")))).containsExactly("RF-2026-000001");
		assertThat(found(query(user("hdoctor-h02", "hospital-doctor-H02")))).containsExactly("RF-2026-000002");
	}

	@Test
	void aCountyOffice_seesItsProcessesCountyWide() {
		assertThat(found(query(user("insurance", "county-insurance"))))
			.containsExactly("CC-2026-000003", "CC-2026-000002", "CC-2026-000001");
		assertThat(found(query(user("charity", "charity-federation")))).containsExactly("CR-2026-000002", "CR-2026-000001");
		assertThat(found(query(user("commission", "health-commission"))))
			.containsExactly("RF-2026-000002", "RF-2026-000001", "FU-2026-000001");
	}

	@Test
	void someoneWithoutJurisdiction_seesOnlyTheCasesTheyStarted() {
		assertThat(found(query(user("doctor-t02v01", "doctors")))).containsExactly("CC-2026-000003");
		assertThat(found(query(user("nobody")))).isEmpty();
		assertThat(search.count(query(user("nobody")))).isZero();
	}

	@Test
	void severalRoles_addUp() {
		assertThat(found(query(user("doctor-t01v01", "village-doctor-T01V01", "village-committee-T01V01", "hospital-doctor-H02"))))
			.containsExactly("RF-2026-000002", "CR-2026-000001", "FU-2026-000001", "CC-2026-000001");
	}

	@Test
	void mine_isTheCasesTheSearcherStartedWithinWhatTheySee() {
		CaseScope scope = CaseScope.of(user("doctor-t01v01", "village-doctor-T01V01"));
		CaseQuery mine = new CaseQuery(scope, null, null, null, null, null, null, null, true, 0, 50);
		assertThat(found(mine)).containsExactly("CC-2026-000001");
	}

	@Test
	void theFilters_narrowTheSearch() {
		CaseScope all = CaseScope.of(user("auditor", "auditor"));
		assertThat(found(new CaseQuery(all, WANG, null, null, null, null, null, null, false, 0, 50)))
			.containsExactly("CR-2026-000001", "FU-2026-000001", "CC-2026-000001");
		assertThat(found(new CaseQuery(all, null, "李建国", null, null, null, null, null, false, 0, 50)))
			.containsExactly("RF-2026-000001", "CC-2026-000002");
		assertThat(found(new CaseQuery(all, null, "李", null, null, null, null, null, false, 0, 50))).as("names match whole")
			.isEmpty();
		assertThat(found(new CaseQuery(all, null, null, "county-referral", null, null, null, null, false, 0, 50)))
			.containsExactly("RF-2026-000002", "RF-2026-000001");
		assertThat(found(new CaseQuery(all, null, null, null, "running", "T01", null, null, false, 0, 50)))
			.containsExactly("CR-2026-000001", "FU-2026-000001", "CC-2026-000001");
		assertThat(search.count(new CaseQuery(all, WANG, null, "charity-relief", null, null, null, null, false, 0, 50)))
			.isEqualTo(1);
	}

	@Test
	void thePeriod_includesItsStartAndExcludesItsEnd() {
		CaseScope all = CaseScope.of(user("auditor", "auditor"));
		assertThat(found(new CaseQuery(all, null, null, null, null, null, day(2), day(4), false, 0, 50)))
			.containsExactly("FU-2026-000001", "CC-2026-000002");
		assertThat(found(new CaseQuery(all, null, null, null, null, null, day(7), null, false, 0, 50)))
			.containsExactly("CC-2026-000003", "RF-2026-000002");
	}

	@Test
	void aFilterCannotWidenTheScope() {
		CaseScope doctor = CaseScope.of(user("doctor-t01v01", "village-doctor-T01V01"));
		assertThat(found(new CaseQuery(doctor, null, null, "charity-relief", null, null, null, null, false, 0, 50))).isEmpty();
		assertThat(found(new CaseQuery(doctor, null, null, null, null, "T02", null, null, false, 0, 50))).isEmpty();
	}

}
