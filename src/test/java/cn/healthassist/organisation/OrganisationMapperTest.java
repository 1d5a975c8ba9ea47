package cn.healthassist.organisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.healthassist.mappers.MapperSliceTest;

/** Organisation units through the mapper (as the organisation import writes them) and the reference data of V2. */
@MapperSliceTest
class OrganisationMapperTest {

	@Autowired
	private OrganisationMapper mapper;

	@Autowired
	private JdbcTemplate jdbc;

	@BeforeEach
	void aCounty() {
		insert("county", "C01", "示范县", null);
		insert("township", "T01", "东湖镇", "C01");
		insert("township", "T02", "西山乡", "C01");
		insert("village", "T01V02", "李庄村", "T01");
		insert("village", "T01V01", "桃园村", "T01");
		insert("village", "T02V01", "石桥村", "T02");
		insert("hospital", "H02", "县中医院", "C01");
		insert("hospital", "H01", "县人民医院", "C01");
		insert("destination", "P01", "省立医院", "provincial");
		insert("destination", "M01", "市第一人民医院", "city");
	}

	private void insert(String type, String code, String name, String parent) {
		assertThat(mapper.insertUnit(new OrgUnit(type, code, name, parent))).isEqualTo(1);
	}

	@Test
	void everyUnit_isReadBackWithItsTypeAndParent() {
		assertThat(mapper.selectAllUnits()).containsExactlyInAnyOrder(new OrgUnit("county", "C01", "示范县", null),
				new OrgUnit("township", "T01", "东湖镇", "C01"), new OrgUnit("township", "T02", "西山乡", "C01"),
				new OrgUnit("village", "T01V02", "李庄村", "T01"), new OrgUnit("village", "T01V01", "桃园村", "T01"),
				new OrgUnit("village", "T02V01", "石桥村", "T02"), new OrgUnit("hospital", "H02", "县中医院", "C01"),
				new OrgUnit("hospital", "H01", "县人民医院", "C01"), new OrgUnit("destination", "P01", "省立医院", "provincial"),
				new OrgUnit("destination", "M01", "市第一人民医院", "city"));
	}

	@Test
	void aVillage_isFoundWithItsTownshipAndCounty() {
		assertThat(mapper.findVillage("T01V01")).isEqualTo(new Village("T01V01", "桃园村", "T01", "东湖镇", "C01"));
		assertThat(mapper.findVillage("T09V09")).isNull();
	}

	@Test
	void villages_areListedByCode() {
		assertThat(mapper.selectVillages()).extracting(Village::code).containsExactly("T01V01", "T01V02", "T02V01");
		assertThat(mapper.selectVillagesOfTownship("T01")).extracting(Village::name).containsExactly("桃园村", "李庄村");
		assertThat(mapper.selectVillagesOfTownship("T09")).isEmpty();
	}

	@Test
	void countyHospitals_andDestinations_areKeptApart() {
		assertThat(mapper.findHospital("H01")).isEqualTo(new Hospital("H01", "县人民医院", "county"));
		assertThat(mapper.findHospital("P01")).isNull();
		assertThat(mapper.findDestination("P01")).isEqualTo(new Hospital("P01", "省立医院", "provincial"));
		assertThat(mapper.findDestination("H01")).isNull();
		assertThat(mapper.selectHospitals()).extracting(Hospital::code).containsExactly("H01", "H02");
		assertThat(mapper.selectDestinations()).containsExactly(new Hospital("M01", "市第一人民医院", "city"),
				new Hospital("P01", "省立医院", "provincial"));
	}

	@Test
	void aHospitalsCounty_andACountysName_areFound() {
		assertThat(mapper.findHospitalCounty("H02")).isEqualTo("C01");
		assertThat(mapper.findHospitalCounty("H09")).isNull();
		assertThat(mapper.findCountyName("C01")).isEqualTo("示范县");
	}

	@Test
	void townships_areListedByCodeWithTheirCounty() {
		assertThat(mapper.selectTownships()).containsExactly(new CodeName("T01", "东湖镇", "C01"), new CodeName("T02", "西山乡", "C01"));
	}

	@Test
	void anUpdate_changesTheNameAndParentOfEachType() {
		assertThat(mapper.updateUnit(new OrgUnit("village", "T01V02", "新李庄村", "T02"))).isEqualTo(1);
		assertThat(mapper.updateUnit(new OrgUnit("county", "C01", "示范县（新）", null))).isEqualTo(1);
		assertThat(mapper.updateUnit(new OrgUnit("destination", "M01", "市一院", "provincial"))).isEqualTo(1);
		assertThat(mapper.updateUnit(new OrgUnit("hospital", "H09", "无此医院", "C01"))).isZero();
		assertThat(mapper.findVillage("T01V02")).isEqualTo(new Village("T01V02", "新李庄村", "T02", "西山乡", "C01"));
		assertThat(mapper.findCountyName("C01")).isEqualTo("示范县（新）");
		assertThat(mapper.findDestination("M01")).isEqualTo(new Hospital("M01", "市一院", "provincial"));
	}

	@Test
	void aSecondUnitWithTheSameCode_isRefused() {
		assertThatThrownBy(() -> mapper.insertUnit(new OrgUnit("village", "T01V01", "桃源村", "T01")))
			.isInstanceOf(DuplicateKeyException.class);
		assertThat(mapper.findVillage("T01V01").name()).isEqualTo("桃园村");
	}

	@Test
	void aVillageOfAnUnknownTownship_isRefused() {
		assertThatThrownBy(() -> mapper.insertUnit(new OrgUnit("village", "T09V01", "无名村", "T09")))
			.isInstanceOf(DataIntegrityViolationException.class);
	}

	@Test
	void aRareCharacterInAName_isKept() {
		insert("village", "T02V02", "𠮷祥村", "T02");
		assertThat(mapper.findVillage("T02V02").name()).isEqualTo("𠮷祥村");
	}

	@Test
	void theHouseholdCategories_areTheNineGroupsAndNoneInTheirOrder() {
		assertThat(mapper.selectHouseholdCategories()).extracting(CodeName::code)
			.containsExactly("dibao", "sanwu", "jingjian", "wubao", "orphan", "hardship-child", "priority-care",
					"hardship-worker", "registered-poor", "none");
		assertThat(mapper.findHouseholdCategory("registered-poor")).isEqualTo(new CodeName("registered-poor", "建档立卡户", null));
		assertThat(mapper.findHouseholdCategory("poor")).isNull();
	}

	@Test
	void theDiseaseCatalogue_isListedInItsOrderWithTheCategory() {
		assertThat(mapper.selectDiseases()).hasSize(15)
			.startsWith(new CodeName("HTN", "高血压", "key"), new CodeName("DM", "糖尿病", "key"));
		assertThat(mapper.findDisease("OA")).isEqualTo(new CodeName("OA", "关节病(髋、膝)", "common"));
		assertThat(mapper.findDisease("FLU")).isNull();
	}

	@Test
	void anInactiveDisease_isNeitherFoundNorListed() {
		jdbc.update("UPDATE ha_disease SET active = FALSE WHERE code = 'CHB'");
		assertThat(mapper.findDisease("CHB")).isNull();
		assertThat(mapper.selectDiseases()).extracting(CodeName::code).hasSize(14).doesNotContain("CHB");
	}

}
