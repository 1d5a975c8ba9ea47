package cn.healthassist.referral;

import java.util.Collection;
import java.util.Date;
import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** Figures of the referral report, per hospital and month (mapper/referral/ReferralReportMapper.xml). */
@Mapper
public interface ReferralReportMapper {

	/** Counts of one hospital and month. */
	record Counts(String hospitalCode, int yearNo, int monthNo, long referrals, long approved, long rejected,
			long emergency, long escalated, long issued, long auditedCompliant, long auditedNonCompliant) {
	}

	/** Admissions of assisted patients entered for a hospital and month. */
	record Admissions(String hospitalCode, String periodMonth, int totalAdmissions) {
	}

	List<Counts> monthly(@Param("from") Date from, @Param("to") Date to,
			@Param("hospitals") Collection<String> hospitals);

	List<Admissions> admissions(@Param("fromMonth") String fromMonth, @Param("toMonth") String toMonth);

	int updateAdmissions(@Param("hospital") String hospital, @Param("month") String month, @Param("total") int total,
			@Param("user") String user, @Param("at") Date at);

	int insertAdmissions(@Param("hospital") String hospital, @Param("month") String month, @Param("total") int total,
			@Param("user") String user, @Param("at") Date at);

}
