package cn.healthassist.attachments;

import java.util.Date;

/** An uploaded file of a case, with who uploaded it, its size and digest, and who removed it, if anyone did. */
public record AttachmentRecord(String attachmentId, String businessKey, String processInstanceId, String taskId,
		String taskName, String fileName, String contentType, long sizeBytes, String sha256, String uploadedBy,
		Date uploadedAt, String removedBy, Date removedAt) {
}
