package cn.healthassist.referral;

import java.util.Date;
import java.util.List;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** The referral registry; the report is in mapper/referral/ReferralReportMapper.xml. */
@Mapper
public interface ReferralMapper {

	@Insert("""
			INSERT INTO ha_referral (business_key, process_instance_id, patient_name, id_number, household_category,
			  hospital_code, destination_code, diagnosis, reason, urgency, requested_by, requested_at, id_index)
			VALUES (#{businessKey}, #{processInstanceId}, #{patientName}, #{idNumber,typeHandler=cn.healthassist.privacy.SealedText},
			  #{householdCategory}, #{hospitalCode}, #{destinationCode}, #{diagnosis,typeHandler=cn.healthassist.privacy.SealedText},
			  #{reason}, #{urgency}, #{requestedBy}, #{requestedAt}, #{idNumber,typeHandler=cn.healthassist.privacy.IdIndex})
			""")
	int insert(Referral referral);

	@Select("SELECT * FROM ha_referral WHERE business_key = #{businessKey}")
	Referral find(@Param("businessKey") String businessKey);

	@Update("UPDATE ha_referral SET referral_no = #{no}, issued_at = #{at} WHERE business_key = #{businessKey}")
	int issued(@Param("businessKey") String businessKey, @Param("no") String referralNo, @Param("at") Date at);

	@Update("""
			UPDATE ha_referral SET head_decision = #{decision}, head_opinion = #{opinion}, head_user = #{user},
			  head_decided_at = #{at} WHERE business_key = #{businessKey}
			""")
	int headDecided(@Param("businessKey") String businessKey, @Param("decision") String decision,
			@Param("opinion") String opinion, @Param("user") String user, @Param("at") Date at);

	@Update("UPDATE ha_referral SET escalated_at = #{at} WHERE business_key = #{businessKey} AND escalated_at IS NULL")
	int escalated(@Param("businessKey") String businessKey, @Param("at") Date at);

	@Update("""
			UPDATE ha_referral SET audit_outcome = #{outcome}, audit_opinion = #{opinion}, audit_user = #{user},
			  audited_at = #{at} WHERE business_key = #{businessKey}
			""")
	int audited(@Param("businessKey") String businessKey, @Param("outcome") String outcome,
			@Param("opinion") String opinion, @Param("user") String user, @Param("at") Date at);

}
