package cn.healthassist.reminders;

import java.util.Date;
import java.util.List;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** Reminders (催办) in {@code ha_reminder}. */
@Mapper
public interface ReminderMapper {

	record Reminder(String businessKey, String processKey, String taskId, String taskName, String candidateGroup,
			String reason, String requestedBy, Date dueDate, Date createdAt) {
	}

	@Insert("""
			INSERT INTO ha_reminder (business_key, process_key, task_id, task_name, candidate_group, reason, requested_by,
			  due_date, created_at)
			VALUES (#{businessKey}, #{processKey}, #{taskId}, #{taskName}, #{candidateGroup}, #{reason}, #{requestedBy},
			  #{dueDate}, #{createdAt})
			""")
	int insert(Reminder reminder);

	@Select("""
			SELECT business_key, process_key, task_id, task_name, candidate_group, reason, requested_by, due_date, created_at
			FROM ha_reminder WHERE business_key = #{businessKey} ORDER BY created_at, id
			""")
	List<Reminder> findByCase(@Param("businessKey") String businessKey);

	@Select("""
			SELECT business_key, process_key, task_id, task_name, candidate_group, reason, requested_by, due_date, created_at
			FROM ha_reminder WHERE candidate_group = #{group} ORDER BY created_at DESC, id DESC
			""")
	List<Reminder> findByGroup(@Param("group") String group);

}
