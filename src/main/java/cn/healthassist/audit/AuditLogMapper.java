package cn.healthassist.audit;

import java.util.List;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** The audit log: appended to, read; never updated or deleted by the application. */
@Mapper
public interface AuditLogMapper {

	@Insert("""
			INSERT INTO ha_audit_log (business_key, seq, process_instance_id, event_type, activity_id, activity_name, task_id,
			  user_id, occurred_at, decision, opinion, data, prev_hash, hash, form_deployment_id)
			VALUES (#{businessKey}, #{seq}, #{processInstanceId}, #{eventType}, #{activityId}, #{activityName}, #{taskId},
			  #{userId}, #{occurredAt}, #{decision}, #{opinion}, #{data}, #{prevHash}, #{hash}, #{formDeploymentId})
			""")
	int insert(AuditEntry entry);

	@Select("SELECT * FROM ha_audit_log WHERE business_key = #{businessKey} ORDER BY seq")
	List<AuditEntry> findByCase(@Param("businessKey") String businessKey);

	@Select("""
			SELECT * FROM ha_audit_log WHERE business_key = #{businessKey}
			AND seq = (SELECT MAX(seq) FROM ha_audit_log WHERE business_key = #{businessKey})
			""")
	AuditEntry last(@Param("businessKey") String businessKey);

	/** The seal of the case's chain of an earlier version, null for a case whose chain is keyed from its start. */
	@Select("SELECT business_key, seq, mac FROM ha_audit_seal WHERE business_key = #{businessKey}")
	AuditSeal seal(@Param("businessKey") String businessKey);

}
