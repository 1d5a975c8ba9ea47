package cn.healthassist.documents;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import cn.healthassist.cases.CaseIndex;
import cn.healthassist.cases.CaseRecord;
import cn.healthassist.cases.CaseScope;
import cn.healthassist.cases.CaseTrailService;
import cn.healthassist.problems.CaseRejectedException;
import cn.healthassist.security.CurrentUser;
import cn.healthassist.security.CurrentUsers;
import cn.healthassist.values.Messages;

/**
 * A case's documents (docs/product.md 4.1): the list, each as JSON for the print page ({@code /portal/document.html})
 * and as PDF; and the documents of a task's case for Tasklist's 文书 tab. Whoever may see the case may see its
 * documents; the ID number is full only for the case's own jurisdiction. Every PDF and print is in the security log
 * (EXPORT).
 */
@RestController
class DocumentController {

	private final CaseTrailService trails;

	private final CaseIndex caseIndex;

	private final CaseDocuments documents;

	private final DocumentPdf pdf;

	private final TaskService taskService;

	DocumentController(CaseTrailService trails, CaseIndex caseIndex, CaseDocuments documents, DocumentPdf pdf,
			TaskService taskService) {
		this.trails = trails;
		this.caseIndex = caseIndex;
		this.documents = documents;
		this.pdf = pdf;
		this.taskService = taskService;
	}

	/**
	 * One entry of the list: {@code url} is the PDF, {@code printUrl} the page to print, both by the case the reader
	 * opened (a follow-up's certificate is its certificate case's document, which a reader of the follow-up may not
	 * open by that case).
	 */
	record DocumentLink(String kind, String title, String number, String holderName, Date issuedAt, String url,
			String printUrl) {

		static List<DocumentLink> of(CaseRecord c, List<CaseDocument> documents) {
			return documents.stream().map(d -> {
				String base = "/api/cases/" + c.businessKey() + "/documents/" + d.kind().code();
				return new DocumentLink(d.kind().code(), d.title(), d.number(), d.holderName(), d.issuedAt(),
						base + ".pdf", "/portal/document.html?businessKey=" + c.businessKey() + "&kind=" + d.kind().code());
			}).toList();
		}
	}

	@GetMapping("/api/cases/{businessKey}/documents")
	List<DocumentLink> list(@PathVariable String businessKey) {
		CurrentUser user = CurrentUsers.require();
		CaseRecord c = trails.visibleCase(businessKey, user);
		return DocumentLink.of(c, documents.of(c, CaseScope.of(user).isOwnJurisdiction(c)));
	}

	@GetMapping("/api/cases/{businessKey}/documents/{kind}")
	CaseDocument document(@PathVariable String businessKey, @PathVariable String kind) {
		return find(businessKey, kind);
	}

	@GetMapping("/api/cases/{businessKey}/documents/{kind}.pdf")
	ResponseEntity<byte[]> documentPdf(@PathVariable String businessKey, @PathVariable String kind) {
		CaseDocument d = find(businessKey, kind);
		byte[] body = pdf.render(d, ClockUtil.getCurrentTime());
		ContentDisposition disposition = ContentDisposition.inline()
			.filename(d.title() + "-" + d.number() + ".pdf", StandardCharsets.UTF_8)
			.build();
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(body);
	}

	record TaskDocuments(String businessKey, List<DocumentLink> items) {
	}

	/** The documents of the case of a task the person may see (Tasklist's 文书 tab); 404 for any other task. */
	@GetMapping("/api/tasks/{taskId}/documents")
	TaskDocuments ofTask(@PathVariable String taskId) {
		CurrentUser user = CurrentUsers.require();
		// the person's own task query: the engine's authorizations decide which tasks they see
		Task task = taskService.createTaskQuery().taskId(taskId).singleResult();
		CaseRecord c = task == null || task.getProcessInstanceId() == null ? null
				: caseIndex.findByProcessInstance(task.getProcessInstanceId());
		if (c == null) {
			throw CaseRejectedException.notFound(Messages.get("documents.taskNotFound"));
		}
		CaseRecord visible = trails.visibleCase(c.businessKey(), user);
		return new TaskDocuments(visible.businessKey(),
				DocumentLink.of(visible, documents.of(visible, CaseScope.of(user).isOwnJurisdiction(visible))));
	}

	private CaseDocument find(String businessKey, String kindCode) {
		CurrentUser user = CurrentUsers.require();
		CaseRecord c = trails.visibleCase(businessKey, user);
		DocumentKind kind = DocumentKind.of(kindCode)
			.orElseThrow(() -> CaseRejectedException.notFound(Messages.get("documents.unknownKind",
					kindCode.length() > 40 ? kindCode.substring(0, 40) + "…" : kindCode)));
		return documents.of(c, kind, CaseScope.of(user).isOwnJurisdiction(c))
			.orElseThrow(() -> CaseRejectedException.notFound(Messages.get("documents.notYet", businessKey, kind.title())));
	}

}
