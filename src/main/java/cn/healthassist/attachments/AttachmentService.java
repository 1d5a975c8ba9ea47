package cn.healthassist.attachments;

import cn.healthassist.engine.SystemCalls;

import org.apache.commons.codec.digest.DigestUtils;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Attachment;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.transaction.annotation.Transactional;

import cn.healthassist.audit.AuditEntry;
import cn.healthassist.audit.AuditLog;
import cn.healthassist.problems.CaseRejectedException;
import cn.healthassist.config.HealthAssistProperties;
import cn.healthassist.security.CurrentUser;
import cn.healthassist.values.Messages;
import cn.healthassist.values.Texts;

/**
 * Attachments (申请材料) of a case, through the engine's attachment API: Camunda Forms in the 7.24 Tasklist have no
 * file picker, so Tasklist's 附件 tab uploads here. Who may see a task may list and add its case's files; who may
 * read the case's history may download them. Only PDF, JPEG and PNG (checked by their content, not their name)
 * up to the configured size.
 */
@Service
public class AttachmentService {

	/** A type of file taken: its first bytes, and the extensions its name may have (lower case, the first its own). */
	private record FileType(byte[] signature, List<String> extensions) {
	}

	private static final Map<String, FileType> TYPES = Map.of(
			"application/pdf", new FileType(new byte[] { '%', 'P', 'D', 'F' }, List.of(".pdf")),
			"image/jpeg", new FileType(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF }, List.of(".jpg", ".jpeg")),
			"image/png", new FileType(new byte[] { (byte) 0x89, 'P', 'N', 'G' }, List.of(".png")));

	private final TaskService taskService;

	private final HistoryService historyService;

	private final IdentityService identityService;

	private final AttachmentMapper mapper;

	private final HealthAssistProperties properties;

	private final AuditLog auditLog;

	private final ObjectMapper objectMapper;

	private final CaseReaders caseReaders;

	public AttachmentService(TaskService taskService, HistoryService historyService, IdentityService identityService,
			AttachmentMapper mapper, HealthAssistProperties properties, AuditLog auditLog,
			ObjectMapper objectMapper, CaseReaders caseReaders) {
		this.caseReaders = caseReaders;
		this.taskService = taskService;
		this.historyService = historyService;
		this.identityService = identityService;
		this.mapper = mapper;
		this.properties = properties;
		this.auditLog = auditLog;
		this.objectMapper = objectMapper;
	}

	/** An attachment as the 附件 tab and the trail show it. */
	public record AttachmentView(String id, String name, String description, String type, String taskId, String taskName,
			String userId, String userName, java.util.Date time, long size, String sha256, String removedBy,
			String removedByName, java.util.Date removedAt) {
	}

	public List<AttachmentView> list(String taskId) {
		Task task = visibleTask(taskId);
		return listOfInstance(task.getProcessInstanceId());
	}

	public List<AttachmentView> listOfInstance(String processInstanceId) {
		Map<String, AttachmentRecord> records = new java.util.HashMap<>();
		mapper.findByProcessInstance(processInstanceId).forEach(r -> records.put(r.attachmentId(), r));
		List<Attachment> attachments = SystemCalls.run(identityService, () -> taskService.getProcessInstanceAttachments(processInstanceId));
		List<AttachmentView> views = new java.util.ArrayList<>(attachments.stream().map(a -> view(a, records.get(a.getId()))).toList());
		// removed files: the engine's copy is gone, the record says what it was and who removed it
		records.values()
			.stream()
			.filter(r -> r.removedAt() != null)
			.forEach(r -> views.add(new AttachmentView(r.attachmentId(), r.fileName(), null, r.contentType(), r.taskId(),
					r.taskName(), r.uploadedBy(), userName(r.uploadedBy()), r.uploadedAt(), r.sizeBytes(), r.sha256(),
					r.removedBy(), userName(r.removedBy()), r.removedAt())));
		views.sort(java.util.Comparator.comparing(AttachmentView::time));
		return views;
	}

	private AttachmentView view(Attachment a, AttachmentRecord r) {
		String userId = r == null ? null : r.uploadedBy();
		return new AttachmentView(a.getId(), a.getName(), a.getDescription(), a.getType(), a.getTaskId(),
				r == null ? null : r.taskName(), userId, userName(userId), a.getCreateTime(), r == null ? -1 : r.sizeBytes(),
				r == null ? null : r.sha256(), null, null, null);
	}

	@Transactional
	public AttachmentView upload(String taskId, String fileName, String description, byte[] content, CurrentUser user) {
		String userId = user.userId();
		Task task = visibleTask(taskId);
		// materials come from those who do the step (SPEC 3: "add attachments to it"), not from whoever may read it:
		// an auditor, or an administrator Camunda lets see every task
		java.util.Set<String> candidates = SystemCalls.candidateGroups(taskService, identityService, taskId);
		if (!userId.equals(task.getAssignee()) && user.groupIds().stream().noneMatch(candidates::contains)) {
			throw CaseRejectedException.forbidden(Messages.get("attachments.candidatesOnly", String.join("、", candidates)));
		}
		String name = fileName(fileName);
		String desc = description == null ? "" : description.strip();
		if (desc.length() > 100 || Texts.hidden(desc) || desc.contains("<")) {
			throw CaseRejectedException.badInput("description", Messages.get("attachments.description"));
		}
		long max = properties.getAttachments().getMaxBytes();
		if (content.length == 0) {
			throw CaseRejectedException.badInput("file", Messages.get("attachments.empty"));
		}
		if (content.length > max) {
			throw CaseRejectedException.badInput("file",
					Messages.get("attachments.tooLarge", name, max / 1024 / 1024));
		}
		String type = detectType(content);
		if (type == null || !properties.getAttachments().getAllowedTypes().contains(type)) {
			throw CaseRejectedException.badInput("file", Messages.get("attachments.type", name));
		}
		// the name's extension says what opens the file once saved: it is the content's (检查报告.html holding a PDF
		// whose text is a page with a script would run it; a phone's screenshot named .jpg is often a PNG)
		name = withExtensionOf(name, type);
		Attachment attachment = taskService.createAttachment(type, taskId, task.getProcessInstanceId(), name, desc,
				new ByteArrayInputStream(content));
		String businessKey = SystemCalls.run(identityService, () -> historyService.createHistoricProcessInstanceQuery()
			.processInstanceId(task.getProcessInstanceId())
			.singleResult()
			.getBusinessKey());
		AttachmentRecord record = new AttachmentRecord(attachment.getId(), businessKey, task.getProcessInstanceId(), taskId,
				task.getName(), name, type, content.length, sha256(content), userId, ClockUtil.getCurrentTime(), null, null);
		mapper.insert(record);
		return view(attachment, record);
	}

	/**
	 * Removes a file: only its uploader, and only while the step it was uploaded at is open (a completed step's
	 * materials are the case's record). The record keeps the file's name, digest, uploader and remover; the case's
	 * audit chain records the removal.
	 */
	@Transactional
	public void remove(String attachmentId, String userId) {
		AttachmentRecord record = mapper.find(attachmentId);
		if (record == null || record.removedAt() != null) {
			throw CaseRejectedException.notFound(Messages.get("attachments.notFound"));
		}
		if (!record.uploadedBy().equals(userId)) {
			// others learn nothing about a file of a case they may not see; those who may, why they cannot remove it
			boolean visible = record.taskId() != null && taskService.createTaskQuery().taskId(record.taskId()).count() > 0;
			throw visible ? CaseRejectedException.forbidden(Messages.get("attachments.uploaderOnly"))
					: CaseRejectedException.notFound(Messages.get("attachments.notFound"));
		}
		if (record.taskId() == null || taskService.createTaskQuery().taskId(record.taskId()).count() == 0) {
			throw CaseRejectedException.conflict(Messages.get("attachments.archived"));
		}
		Date now = ClockUtil.getCurrentTime();
		SystemCalls.run(identityService, () -> {
			taskService.deleteAttachment(attachmentId);
			return null;
		});
		mapper.markRemoved(attachmentId, userId, now);
		if (record.businessKey() != null) {
			auditLog.append(record.businessKey(), record.processInstanceId(), AuditEntry.ATTACHMENT_REMOVED, null,
					Messages.get("attachments.removedStep"), record.taskId(), userId, now, null, null,
					json(Map.of("fileName", record.fileName(), "sha256", record.sha256())));
		}
	}

	private String json(Map<String, String> data) {
		try {
			return objectMapper.writeValueAsString(data);
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException e) {
			throw new IllegalStateException(e);
		}
	}

	/**
	 * The file, for a user who may see the case ({@link CaseReaders}: its jurisdiction, its starter, auditors) and read its
	 * history. Not for a process owner, whom Camunda lets read every process's history for Cockpit's diagrams.
	 */
	public Download download(String attachmentId, CurrentUser user) {
		AttachmentRecord record = mapper.find(attachmentId);
		if (record == null || record.removedAt() != null) {
			throw CaseRejectedException.notFound(Messages.get("attachments.notFound"));
		}
		if (record.businessKey() == null || !caseReaders.maySee(record.businessKey(), user)) {
			throw CaseRejectedException.notFound(Messages.get("attachments.notFound"));
		}
		HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery()
			.processInstanceId(record.processInstanceId())
			.singleResult();
		if (instance == null) {
			throw CaseRejectedException.notFound(Messages.get("attachments.notFound"));
		}
		byte[] bytes = SystemCalls.run(identityService, () -> {
			try (InputStream in = taskService.getAttachmentContent(attachmentId)) {
				return in.readAllBytes();
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		});
		return new Download(record.fileName(), record.contentType(), bytes);
	}

	/** A file to send. */
	public record Download(String fileName, String contentType, byte[] content) {
	}

	private Task visibleTask(String taskId) {
		Task task = taskService.createTaskQuery().taskId(taskId).singleResult();
		if (task == null || task.getProcessInstanceId() == null) {
			throw CaseRejectedException.notFound(Messages.get("attachments.taskNotFound"));
		}
		return task;
	}

	private String userName(String userId) {
		return SystemCalls.userName(identityService, userId);
	}

	static String fileName(String original) {
		String name = original == null ? "" : original.replace('\\', '/');
		name = name.substring(name.lastIndexOf('/') + 1).strip();
		if (name.isEmpty() || Texts.hidden(name) || name.contains("<")) {
			throw CaseRejectedException.badInput("file", Messages.get("attachments.fileName"));
		}
		return name.length() > 100 ? name.substring(name.length() - 100) : name;
	}

	/** The name with an extension of the content's type: its own when it has one, else the type's put in its place. */
	static String withExtensionOf(String name, String type) {
		List<String> extensions = TYPES.get(type).extensions();
		int dot = name.lastIndexOf('.');
		String extension = dot < 0 ? "" : name.substring(dot).toLowerCase(java.util.Locale.ROOT);
		if (extensions.contains(extension)) {
			return name;
		}
		String base = name.substring(0, name.length() - extension.length());
		String own = extensions.get(0);
		return (base.length() + own.length() > 100 ? base.substring(0, 100 - own.length()) : base) + own;
	}

	static String detectType(byte[] content) {
		for (Map.Entry<String, FileType> e : TYPES.entrySet()) {
			byte[] magic = e.getValue().signature();
			if (content.length >= magic.length && Arrays.equals(Arrays.copyOf(content, magic.length), magic)) {
				return e.getKey();
			}
		}
		return null;
	}

	static String sha256(byte[] content) {
		return DigestUtils.sha256Hex(content);
	}

}
