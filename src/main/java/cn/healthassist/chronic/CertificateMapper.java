package cn.healthassist.chronic;

import java.util.Date;
import java.util.List;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** The certificate registry ({@code ha_certificate}). */
@Mapper
public interface CertificateMapper {

	@Select("SELECT COUNT(*) FROM ha_certificate WHERE id_index = #{idNumber,typeHandler=cn.healthassist.privacy.IdIndex} AND disease_code = #{diseaseCode} AND status = 'valid'")
	int countValid(@Param("idNumber") String idNumber, @Param("diseaseCode") String diseaseCode);

	@Insert("""
			INSERT INTO ha_certificate (certificate_no, business_key, id_number, applicant_name, disease_code, village_code,
			  township_code, zero_material, valid_from, valid_to, status, issued_by, issued_at, valid_key, id_index)
			VALUES (#{certificateNo}, #{businessKey}, #{idNumber,typeHandler=cn.healthassist.privacy.SealedText}, #{applicantName}, #{diseaseCode}, #{villageCode},
			  #{townshipCode}, #{zeroMaterial}, #{validFrom}, #{validTo}, 'valid', #{issuedBy}, #{issuedAt},
			  #{validKey,typeHandler=cn.healthassist.privacy.IdIndex},
			  #{idNumber,typeHandler=cn.healthassist.privacy.IdIndex})
			""")
	int insert(Certificate certificate);

	@Select("SELECT * FROM ha_certificate WHERE business_key = #{businessKey}")
	Certificate findByBusinessKey(@Param("businessKey") String businessKey);

	@Select("SELECT * FROM ha_certificate WHERE certificate_no = #{certificateNo}")
	Certificate findByNumber(@Param("certificateNo") String certificateNo);

	@Select("SELECT * FROM ha_certificate WHERE id_index = #{idNumber,typeHandler=cn.healthassist.privacy.IdIndex} ORDER BY issued_at")
	List<Certificate> findByPerson(@Param("idNumber") String idNumber);

	@Select("""
			SELECT * FROM ha_certificate c WHERE c.status = 'valid' AND NOT EXISTS (
			  SELECT 1 FROM ha_case f WHERE f.process_key = 'chronic-followup' AND f.subject = c.certificate_no)
			ORDER BY c.issued_at
			""")
	List<Certificate> validWithoutFollowup();

	@Update("""
			UPDATE ha_certificate SET status = 'revoked', revoked_at = #{revokedAt}, revoke_reason = #{reason}, valid_key = NULL
			WHERE certificate_no = #{certificateNo} AND status = 'valid'
			""")
	int revoke(@Param("certificateNo") String certificateNo, @Param("reason") String reason,
			@Param("revokedAt") Date revokedAt);

}
