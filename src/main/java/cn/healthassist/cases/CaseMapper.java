package cn.healthassist.cases;

import java.util.Date;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** The case index ({@code ha_case}); the search is in mapper/cases/CaseSearchMapper.xml. */
@Mapper
public interface CaseMapper {

	@Insert("""
			INSERT INTO ha_case (business_key, process_key, process_instance_id, applicant_name, id_number,
			  household_category, county_code, township_code, village_code, hospital_code, subject, status, started_by,
			  start_time, end_time, active_key, id_index)
			VALUES (#{businessKey}, #{processKey}, #{processInstanceId}, #{applicantName}, #{idNumber,typeHandler=cn.healthassist.privacy.SealedText},
			  #{householdCategory}, #{countyCode}, #{townshipCode}, #{villageCode}, #{hospitalCode}, #{subject}, #{status},
			  #{startedBy}, #{startTime}, #{endTime}, #{activeKey,typeHandler=cn.healthassist.privacy.IdIndex},
			  #{idNumber,typeHandler=cn.healthassist.privacy.IdIndex})
			""")
	int insert(CaseRecord record);

	@Select("SELECT * FROM ha_case WHERE business_key = #{businessKey}")
	CaseRecord findByBusinessKey(@Param("businessKey") String businessKey);

	@Select("SELECT * FROM ha_case WHERE process_instance_id = #{processInstanceId}")
	CaseRecord findByProcessInstanceId(@Param("processInstanceId") String processInstanceId);

	@Select("SELECT * FROM ha_case WHERE active_key = #{activeKey,typeHandler=cn.healthassist.privacy.IdIndex}")
	CaseRecord findActive(@Param("activeKey") String activeKey);

	@Select("SELECT COUNT(*) FROM ha_case WHERE active_key = #{activeKey,typeHandler=cn.healthassist.privacy.IdIndex}")
	int countActive(@Param("activeKey") String activeKey);

	@Update("UPDATE ha_case SET status = #{status} WHERE process_instance_id = #{processInstanceId}")
	int updateStatus(@Param("processInstanceId") String processInstanceId, @Param("status") String status);

	@Update("UPDATE ha_case SET household_category = #{category} WHERE process_instance_id = #{processInstanceId}")
	int updateHouseholdCategory(@Param("processInstanceId") String processInstanceId, @Param("category") String category);

	@Update("""
			UPDATE ha_case SET status = #{status}, end_time = #{endTime}, active_key = NULL
			WHERE process_instance_id = #{processInstanceId}
			""")
	int end(@Param("processInstanceId") String processInstanceId, @Param("status") String status,
			@Param("endTime") Date endTime);

}
