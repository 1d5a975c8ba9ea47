package cn.healthassist.chronic;

import java.time.LocalDate;
import java.util.Date;
import java.util.List;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** Treatment records ({@code ha_treatment_record}). */
@Mapper
public interface TreatmentRecordMapper {

	/** Inserts the record unless the same one is already stored; returns 1 when inserted, 0 otherwise. */
	@Insert("""
			INSERT INTO ha_treatment_record (id_number, id_index, disease_code, hospital_name, visit_date, imported_at)
			SELECT #{r.idNumber,typeHandler=cn.healthassist.privacy.SealedText}, #{r.idNumber,typeHandler=cn.healthassist.privacy.IdIndex}, #{r.diseaseCode}, #{r.hospitalName}, #{r.visitDate},
			  #{importedAt} FROM (SELECT 1 AS one) x
			WHERE NOT EXISTS (SELECT 1 FROM ha_treatment_record t WHERE t.id_index = #{r.idNumber,typeHandler=cn.healthassist.privacy.IdIndex}
			  AND t.disease_code = #{r.diseaseCode} AND t.visit_date = #{r.visitDate} AND t.hospital_name = #{r.hospitalName})
			""")
	int insertIfAbsent(@Param("r") TreatmentRecord record, @Param("importedAt") Date importedAt);

	@Select("""
			SELECT id_number, disease_code, hospital_name, visit_date FROM ha_treatment_record
			WHERE id_index = #{idNumber,typeHandler=cn.healthassist.privacy.IdIndex} AND disease_code = #{diseaseCode} AND visit_date >= #{since}
			ORDER BY visit_date DESC
			""")
	List<TreatmentRecord> findSince(@Param("idNumber") String idNumber, @Param("diseaseCode") String diseaseCode,
			@Param("since") LocalDate since);

	@Select("SELECT COUNT(*) FROM ha_treatment_record")
	long count();

}
