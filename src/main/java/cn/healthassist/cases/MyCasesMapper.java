package cn.healthassist.cases;

import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** The cases a person started (ha_case.started_by) or did a step of (the audit log's completed steps). */
@Mapper
public interface MyCasesMapper {

	@Select("""
			SELECT * FROM ha_case WHERE started_by = #{user}
			ORDER BY start_time DESC, business_key DESC LIMIT #{limit} OFFSET #{offset}
			""")
	List<CaseRecord> started(@Param("user") String user, @Param("offset") long offset, @Param("limit") int limit);

	@Select("SELECT COUNT(*) FROM ha_case WHERE started_by = #{user}")
	long countStarted(@Param("user") String user);

	@Select("""
			SELECT * FROM ha_case WHERE business_key IN (SELECT business_key FROM ha_audit_log
			  WHERE user_id = #{user} AND event_type = 'task-completed')
			ORDER BY start_time DESC, business_key DESC LIMIT #{limit} OFFSET #{offset}
			""")
	List<CaseRecord> handled(@Param("user") String user, @Param("offset") long offset, @Param("limit") int limit);

	@Select("""
			SELECT COUNT(*) FROM ha_case WHERE business_key IN (SELECT business_key FROM ha_audit_log
			  WHERE user_id = #{user} AND event_type = 'task-completed')
			""")
	long countHandled(@Param("user") String user);

}
