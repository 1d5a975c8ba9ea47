package cn.healthassist.followup;

import java.util.Date;
import java.util.List;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** Follow-up visits ({@code ha_followup_visit}); the compliance report is in mapper/followup. */
@Mapper
public interface FollowupVisitMapper {

	record Visit(String businessKey, String certificateNo, String idNumber, String villageCode, String townshipCode,
			String diseaseCode, String visitKind, int visitNo, Date dueDate, Date opensAt, Date missedAt, String status,
			Date doneAt, String doctor, String data) {
	}

	@Insert("""
			INSERT INTO ha_followup_visit (business_key, certificate_no, id_number, village_code, township_code, disease_code,
			  visit_kind, visit_no, due_date, opens_at, missed_at, status)
			VALUES (#{businessKey}, #{certificateNo}, #{idNumber,typeHandler=cn.healthassist.privacy.SealedText}, #{villageCode}, #{townshipCode}, #{diseaseCode}, #{visitKind},
			  #{visitNo}, #{dueDate}, #{opensAt}, #{missedAt}, 'planned')
			""")
	int plan(Visit visit);

	@Update("""
			UPDATE ha_followup_visit SET status = #{status}, done_at = #{doneAt}, doctor = #{doctor}, data = #{data}
			WHERE business_key = #{businessKey} AND visit_no = #{visitNo} AND status = 'planned'
			""")
	int record(@Param("businessKey") String businessKey, @Param("visitNo") int visitNo, @Param("status") String status,
			@Param("doneAt") Date doneAt, @Param("doctor") String doctor, @Param("data") String data);

	@Select("SELECT * FROM ha_followup_visit WHERE business_key = #{businessKey} ORDER BY visit_no")
	List<Visit> findByCase(@Param("businessKey") String businessKey);

}
