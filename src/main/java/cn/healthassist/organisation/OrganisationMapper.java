package cn.healthassist.organisation;

import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** Organisation and reference data (mapper/organisation/OrganisationMapper.xml). */
@Mapper
public interface OrganisationMapper {

	List<OrgUnit> selectAllUnits();

	int insertUnit(OrgUnit unit);

	int updateUnit(OrgUnit unit);

	Village findVillage(@Param("code") String code);

	List<Village> selectVillages();

	List<Village> selectVillagesOfTownship(@Param("townshipCode") String townshipCode);

	Hospital findHospital(@Param("code") String code);

	List<Hospital> selectHospitals();

	String findHospitalCounty(@Param("code") String code);

	Hospital findDestination(@Param("code") String code);

	List<Hospital> selectDestinations();

	List<CodeName> selectTownships();

	String findCountyName(@Param("code") String code);

	CodeName findHouseholdCategory(@Param("code") String code);

	List<CodeName> selectHouseholdCategories();

	CodeName findDisease(@Param("code") String code);

	List<CodeName> selectDiseases();

}
