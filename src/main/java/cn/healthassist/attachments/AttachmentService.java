package cn.healthassist.attachments;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Attachment;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.healthassist.common.CaseRejectedException;
import cn.healthassist.config.HealthAssistProperties;
import cn.healthassist.security.UserNames;

/**
 * Attachments (申请材料) of a case, through the engine's attachment API: Camunda Forms in the 7.24 Tasklist have no
 * file picker, so Tasklist's 附件 tab uploads here. Who may see a task may list and add its case's files; who may
 * read the case's history may download them. Only PDF, JPEG and PNG (checked by their content, not their name)
 * up to the configured size.
 */
@Service
public class AttachmentService {

	private static final Map<String, byte[]> MAGIC = Map.of("application/pdf", new byte[] { '%', 'P', 'D', 'F' },
			"image/jpeg", new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF }, "image/png",
			new byte[] { (byte) 0x89, 'P', 'N', 'G' });

	private final TaskService taskService;

	private final HistoryService historyService;

	private final IdentityService identityService;

	private final AttachmentMapper mapper;

	private final HealthAssistProperties properties;

	public AttachmentService(TaskService taskService, HistoryService historyService, IdentityService identityService,
			AttachmentMapper mapper, HealthAssistProperties properties) {
		this.taskService = taskService;
		this.historyService = historyService;
		this.identityService = identityService;
		this.mapper = mapper;
		this.properties = properties;
	}

	/** An attachment as the 附件 tab and the trail show it. */
	public record AttachmentView(String id, String name, String description, String type, String taskId, String taskName,
			String userId, String userName, java.util.Date time, long size, String sha256) {
	}

	public List<AttachmentView> list(String taskId) {
		Task task = visibleTask(taskId);
		return listOfInstance(task.getProcessInstanceId());
	}

	public List<AttachmentView> listOfInstance(String processInstanceId) {
		Map<String, AttachmentRecord> records = new java.util.HashMap<>();
		mapper.findByProcessInstance(processInstanceId).forEach(r -> records.put(r.attachmentId(), r));
		List<Attachment> attachments = asSystem(() -> taskService.getProcessInstanceAttachments(processInstanceId));
		return attachments.stream()
			.sorted(java.util.Comparator.comparing(Attachment::getCreateTime))
			.map(a -> view(a, records.get(a.getId())))
			.toList();
	}

	private AttachmentView view(Attachment a, AttachmentRecord r) {
		String userId = r == null ? null : r.uploadedBy();
		return new AttachmentView(a.getId(), a.getName(), a.getDescription(), a.getType(), a.getTaskId(),
				r == null ? null : r.taskName(), userId, userName(userId), a.getCreateTime(), r == null ? -1 : r.sizeBytes(),
				r == null ? null : r.sha256());
	}

	@Transactional
	public AttachmentView upload(String taskId, String fileName, String description, byte[] content, String userId) {
		Task task = visibleTask(taskId);
		String name = fileName(fileName);
		String desc = description == null ? "" : description.strip();
		if (desc.length() > 100 || desc.codePoints().anyMatch(Character::isISOControl) || desc.contains("<")) {
			throw CaseRejectedException.badInput("description", "附件说明不超过100字，且不能包含控制字符或 <");
		}
		long max = properties.getAttachments().getMaxBytes();
		if (content.length == 0) {
			throw CaseRejectedException.badInput("file", "文件是空的，请重新选择");
		}
		if (content.length > max) {
			throw CaseRejectedException.badInput("file",
					"文件 " + name + " 超过 " + (max / 1024 / 1024) + " MB，请压缩或分开上传");
		}
		String type = detectType(content);
		if (type == null || !properties.getAttachments().getAllowedTypes().contains(type)) {
			throw CaseRejectedException.badInput("file", "只接受 PDF、JPG、PNG 文件（" + name + " 不是这几种格式）");
		}
		Attachment attachment = taskService.createAttachment(type, taskId, task.getProcessInstanceId(), name, desc,
				new ByteArrayInputStream(content));
		String businessKey = asSystem(() -> historyService.createHistoricProcessInstanceQuery()
			.processInstanceId(task.getProcessInstanceId())
			.singleResult()
			.getBusinessKey());
		AttachmentRecord record = new AttachmentRecord(attachment.getId(), businessKey, task.getProcessInstanceId(), taskId,
				task.getName(), name, type, content.length, sha256(content), userId, ClockUtil.getCurrentTime());
		mapper.insert(record);
		return view(attachment, record);
	}

	/** The file, for a user who may read the case's history. */
	public Download download(String attachmentId) {
		AttachmentRecord record = mapper.find(attachmentId);
		if (record == null) {
			throw CaseRejectedException.notFound("未找到该附件");
		}
		HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery()
			.processInstanceId(record.processInstanceId())
			.singleResult();
		if (instance == null) {
			throw CaseRejectedException.notFound("未找到该附件");
		}
		byte[] bytes = asSystem(() -> {
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
			throw CaseRejectedException.notFound("未找到该任务，或您无权办理");
		}
		return task;
	}

	private String userName(String userId) {
		if (userId == null) {
			return null;
		}
		User user = asSystem(() -> identityService.createUserQuery().userId(userId).singleResult());
		return UserNames.name(user, userId);
	}

	static String fileName(String original) {
		String name = original == null ? "" : original.replace('\\', '/');
		name = name.substring(name.lastIndexOf('/') + 1).strip();
		if (name.isEmpty() || name.codePoints().anyMatch(Character::isISOControl) || name.contains("<")) {
			throw CaseRejectedException.badInput("file", "文件名无效");
		}
		return name.length() > 100 ? name.substring(name.length() - 100) : name;
	}

	static String detectType(byte[] content) {
		for (Map.Entry<String, byte[]> e : MAGIC.entrySet()) {
			byte[] magic = e.getValue();
			if (content.length >= magic.length && Arrays.equals(Arrays.copyOf(content, magic.length), magic)) {
				return e.getKey();
			}
		}
		return null;
	}

	static String sha256(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	/** Runs a read on behalf of the system, once the user's right to it has been checked. */
	private <T> T asSystem(Supplier<T> action) {
		Authentication auth = identityService.getCurrentAuthentication();
		identityService.clearAuthentication();
		try {
			return action.get();
		}
		finally {
			if (auth != null) {
				identityService.setAuthentication(auth);
			}
		}
	}

}
