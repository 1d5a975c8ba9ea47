package cn.healthassist.charity;

import java.math.BigDecimal;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** The grant registry. */
@Mapper
public interface GrantMapper {

	@Insert("""
			INSERT INTO ha_grant (business_key, process_instance_id, id_number, applicant_name, village_code, township_code,
			  household_category, hospital_name, admission_date, discharge_date, total_cost, insured_cost, basic_insurance_paid,
			  serious_illness_insurance_paid, medical_assistance_paid, other_relief_paid, remaining_self_paid, rate,
			  calculated_relief, approved_amount, paid_amount, grant_year, voucher_no, paid_on, approved_by, second_approved_by,
			  paid_by, recorded_at, id_index)
			VALUES (#{businessKey}, #{processInstanceId}, #{idNumber,typeHandler=cn.healthassist.privacy.SealedText},
			  #{applicantName}, #{villageCode}, #{townshipCode},
			  #{householdCategory}, #{hospitalName}, #{admissionDate}, #{dischargeDate}, #{totalCost}, #{insuredCost},
			  #{basicInsurancePaid}, #{seriousIllnessInsurancePaid}, #{medicalAssistancePaid}, #{otherReliefPaid},
			  #{remainingSelfPaid}, #{rate}, #{calculatedRelief}, #{approvedAmount}, #{paidAmount}, #{grantYear}, #{voucherNo},
			  #{paidOn}, #{approvedBy}, #{secondApprovedBy}, #{paidBy}, #{recordedAt},
			  #{idNumber,typeHandler=cn.healthassist.privacy.IdIndex})
			""")
	int insert(Grant grant);

	@Select("SELECT * FROM ha_grant WHERE business_key = #{businessKey}")
	Grant find(@Param("businessKey") String businessKey);

	/** What the person has been paid in the year (zero when nothing). */
	@Select("SELECT COALESCE(SUM(paid_amount), 0) FROM ha_grant WHERE id_index = #{idNumber,typeHandler=cn.healthassist.privacy.IdIndex} AND grant_year = #{year}")
	BigDecimal yearTotal(@Param("idNumber") String idNumber, @Param("year") int year);

	@Select("SELECT COUNT(*) FROM ha_grant WHERE voucher_no = #{voucherNo}")
	int countVoucher(@Param("voucherNo") String voucherNo);

}
