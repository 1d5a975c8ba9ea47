package cn.healthassist.followup;

import java.util.Collection;
import java.util.Date;
import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** The follow-up compliance report (mapper/followup/FollowupReportMapper.xml). */
@Mapper
public interface FollowupReportMapper {

	/** Visits of a village and disease group in the period. */
	record Line(String townshipCode, String villageCode, String diseaseGroup, long due, long onTime, long late, long missed,
			long overdue) {
	}

	/** Patients of the quarterly diseases in a village, and how many were visited at least four times. */
	record FourVisits(String villageCode, long patients, long meeting) {
	}

	List<Line> compliance(@Param("from") Date from, @Param("to") Date to, @Param("now") Date now,
			@Param("villages") Collection<String> villages, @Param("townships") Collection<String> townships);

	List<FourVisits> fourVisitRule(@Param("from") Date from, @Param("to") Date to,
			@Param("villages") Collection<String> villages, @Param("townships") Collection<String> townships);

}
