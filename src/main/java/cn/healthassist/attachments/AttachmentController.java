package cn.healthassist.attachments;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import cn.healthassist.problems.CaseRejectedException;
import cn.healthassist.security.CurrentUser;
import cn.healthassist.security.CurrentUsers;
import cn.healthassist.values.Messages;

/** The 附件 tab of Tasklist: list and upload a task's case attachments; download one. */
@RestController
class AttachmentController {

	private final AttachmentService attachments;

	AttachmentController(AttachmentService attachments) {
		this.attachments = attachments;
	}

	@GetMapping("/api/tasks/{taskId}/attachments")
	List<AttachmentService.AttachmentView> list(@PathVariable String taskId) {
		CurrentUsers.require();
		return attachments.list(taskId);
	}

	@PostMapping(path = "/api/tasks/{taskId}/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<AttachmentService.AttachmentView> upload(@PathVariable String taskId,
			@RequestParam(name = "file", required = false) MultipartFile file,
			@RequestParam(name = "description", required = false) String description) throws IOException {
		CurrentUser user = CurrentUsers.require();
		if (file == null) {
			throw CaseRejectedException.badInput("file", Messages.get("attachments.chooseFile"));
		}
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(attachments.upload(taskId, file.getOriginalFilename(), description, file.getBytes(), user));
	}

	/** Removes a file: its uploader, while the step is open (409 after, 403 for others of the case, 404 outside it). */
	@DeleteMapping("/api/attachments/{attachmentId}")
	ResponseEntity<Void> remove(@PathVariable String attachmentId) {
		attachments.remove(attachmentId, CurrentUsers.require().userId());
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/api/attachments/{attachmentId}/content")
	ResponseEntity<byte[]> download(@PathVariable String attachmentId) {
		AttachmentService.Download d = attachments.download(attachmentId, CurrentUsers.require());
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(d.contentType()))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.inline().filename(d.fileName(), StandardCharsets.UTF_8).build().toString())
			.header("X-Content-Type-Options", "nosniff")
			.body(d.content());
	}

}
