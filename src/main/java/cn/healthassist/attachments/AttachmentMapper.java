package cn.healthassist.attachments;

import java.util.List;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface AttachmentMapper {

	@Insert("""
			INSERT INTO ha_attachment (attachment_id, business_key, process_instance_id, task_id, task_name, file_name,
			  content_type, size_bytes, sha256, uploaded_by, uploaded_at)
			VALUES (#{attachmentId}, #{businessKey}, #{processInstanceId}, #{taskId}, #{taskName}, #{fileName},
			  #{contentType}, #{sizeBytes}, #{sha256}, #{uploadedBy}, #{uploadedAt})
			""")
	int insert(AttachmentRecord record);

	@Update("UPDATE ha_attachment SET removed_by = #{by}, removed_at = #{at} WHERE attachment_id = #{id} AND removed_at IS NULL")
	int markRemoved(@Param("id") String id, @Param("by") String by, @Param("at") java.util.Date at);

	@Select("SELECT * FROM ha_attachment WHERE attachment_id = #{id}")
	AttachmentRecord find(@Param("id") String id);

	@Select("SELECT * FROM ha_attachment WHERE process_instance_id = #{pi} ORDER BY uploaded_at, attachment_id")
	List<AttachmentRecord> findByProcessInstance(@Param("pi") String processInstanceId);

}
