package cn.healthassist.cases;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.healthassist.processes.ProcessKeys;
import cn.healthassist.attachments.AttachmentService;
import cn.healthassist.audit.AuditEntry;
import cn.healthassist.audit.AuditLog;
import cn.healthassist.audit.CaseRecords;
import cn.healthassist.audit.FormFields;
import cn.healthassist.privacy.PersonalDataCipher;
import cn.healthassist.problems.CaseRejectedException;
import cn.healthassist.values.IdNumbers;
import cn.healthassist.reminders.ReminderMapper;
import cn.healthassist.engine.SystemCalls;
import cn.healthassist.organisation.OrganisationMapper;
import cn.healthassist.security.CurrentUser;
import cn.healthassist.security.UserNames;
import cn.healthassist.values.Messages;

/**
 * Builds a case's trail from Camunda's history (every activity of the exact process version the case ran on), the
 * project's audit log (decision, opinion and form data of each step; whether its hash chain verifies), the
 * attachments, reminders and incidents. For running and finished cases of every process.
 */
@Service
public class CaseTrailService {

	private final ObjectMapper json;

	private static final Set<String> SHOWN = Set.of("startEvent", "messageStartEvent", "userTask", "serviceTask",
			"businessRuleTask", "intermediateTimer", "intermediateMessageCatch", "boundaryTimer", "boundaryMessage",
			"noneEndEvent", "endEvent", "terminateEndEvent", "callActivity");

	private final CaseIndex caseIndex;

	private final HistoryService historyService;

	private final RepositoryService repositoryService;

	private final IdentityService identityService;

	private final AuditLog auditLog;

	private final FormFields formFields;

	private final AttachmentService attachments;

	private final ReminderMapper reminders;

	private final CaseProgress progress;

	private final PersonalDataCipher cipher;

	private final CaseRecords caseRecords;

	private final OrganisationMapper organisation;

	public CaseTrailService(CaseIndex caseIndex, HistoryService historyService, RepositoryService repositoryService,
			IdentityService identityService, AuditLog auditLog, FormFields formFields, AttachmentService attachments,
			ReminderMapper reminders, CaseProgress progress, ObjectMapper json, PersonalDataCipher cipher,
			CaseRecords caseRecords, OrganisationMapper organisation) {
		this.organisation = organisation;
		this.cipher = cipher;
		this.caseRecords = caseRecords;
		this.caseIndex = caseIndex;
		this.historyService = historyService;
		this.repositoryService = repositoryService;
		this.identityService = identityService;
		this.auditLog = auditLog;
		this.formFields = formFields;
		this.attachments = attachments;
		this.reminders = reminders;
		this.progress = progress;
		this.json = json;
	}

	/** The case, if the user may see it: unknown → 404, outside the user's jurisdiction → 403. */
	public CaseRecord visibleCase(String businessKey, CurrentUser user) {
		CaseRecord c = businessKey == null ? null : caseIndex.find(businessKey);
		if (c == null) {
			throw CaseRejectedException.notFound(Messages.get("cases.notFound", businessKey == null ? "" : businessKey));
		}
		if (!CaseScope.of(user).canSee(c)) {
			throw CaseRejectedException.forbidden(Messages.get("cases.outsideJurisdiction", businessKey));
		}
		return c;
	}

	public CaseTrail trail(String businessKey, CurrentUser user) {
		CaseRecord c = visibleCase(businessKey, user);
		CaseScope scope = CaseScope.of(user);
		boolean unmask = scope.isOwnJurisdiction(c);
		return SystemCalls.run(identityService, () -> build(c, unmask));
	}

	/**
	 * The engine's history of the case. A case's history is removed by the history cleanup when its time to live has
	 * passed (README, "History retention") while the case stays in the case index: 410 then, not an error.
	 */
	HistoricProcessInstance history(CaseRecord c) {
		HistoricProcessInstance hpi = historyService.createHistoricProcessInstanceQuery()
			.processInstanceId(c.processInstanceId())
			.singleResult();
		if (hpi == null) {
			throw CaseRejectedException.gone(Messages.get("cases.historyRemoved", c.businessKey()));
		}
		return hpi;
	}

	private CaseTrail build(CaseRecord c, boolean unmask) {
		String pi = c.processInstanceId();
		// a village, hospital or destination a step shows by its code, by name (read only when a step shows one)
		PlaceNames places = new PlaceNames(organisation);
		HistoricProcessInstance hpi = history(c);
		ProcessDefinition pd = repositoryService.getProcessDefinition(hpi.getProcessDefinitionId());

		Map<String, HistoricTaskInstance> tasks = new HashMap<>();
		historyService.createHistoricTaskInstanceQuery().processInstanceId(pi).list().forEach(t -> tasks.put(t.getId(), t));
		Map<String, String> groups = new HashMap<>();
		for (String taskId : tasks.keySet()) {
			for (HistoricIdentityLinkLog link : historyService.createHistoricIdentityLinkLogQuery().taskId(taskId).type("candidate").list()) {
				if (link.getGroupId() != null && "add".equals(link.getOperationType())) {
					groups.putIfAbsent(taskId, link.getGroupId());
				}
			}
		}
		List<AuditEntry> entries = auditLog.entries(c.businessKey());
		Map<String, AuditEntry> byTask = new HashMap<>();
		// what a person's request brought to an event (a withdrawal, an objection), in order, by the event
		Map<String, java.util.ArrayDeque<AuditEntry>> byEvent = new HashMap<>();
		AuditEntry started = null;
		for (AuditEntry e : entries) {
			if (e.taskId() != null && AuditEntry.TASK_COMPLETED.equals(e.eventType())) {
				byTask.put(e.taskId(), e);
			}
			if (AuditEntry.RULE_APPLIED.equals(e.eventType()) && e.taskId() == null && e.userId() != null
					&& e.activityId() != null) {
				byEvent.computeIfAbsent(e.activityId(), k -> new java.util.ArrayDeque<>()).add(e);
			}
			if (AuditEntry.CASE_STARTED.equals(e.eventType())) {
				started = e;
			}
		}

		Map<String, String> names = new HashMap<>();
		Map<String, String> groupNames = new HashMap<>();
		List<CaseTrail.Step> steps = new ArrayList<>();
		List<HistoricActivityInstance> activities = historyService.createHistoricActivityInstanceQuery()
			.processInstanceId(pi)
			.orderPartiallyByOccurrence()
			.asc()
			.list();
		Date now = ClockUtil.getCurrentTime();
		for (HistoricActivityInstance a : activities) {
			if (!SHOWN.contains(a.getActivityType())) {
				continue;
			}
			String kind = kind(a.getActivityType());
			String userId = a.getAssignee();
			String group = null;
			Date due = null;
			AuditEntry entry = null;
			String formKey = null;
			if ("userTask".equals(a.getActivityType()) && a.getTaskId() != null) {
				HistoricTaskInstance t = tasks.get(a.getTaskId());
				group = groups.get(a.getTaskId());
				due = t == null ? null : t.getDueDate();
				entry = byTask.get(a.getTaskId());
				if (entry != null && entry.userId() != null) {
					userId = entry.userId();
				}
				formKey = formKey(pd.getId(), a.getActivityId());
			}
			else if ("start".equals(kind) && a.getParentActivityInstanceId() != null && a.getParentActivityInstanceId().equals(pi)) {
				entry = started;
				userId = hpi.getStartUserId();
				formKey = formKey(pd.getId(), a.getActivityId());
			}
			else if (("message".equals(kind) || "start".equals(kind)) && byEvent.containsKey(a.getActivityId())
					&& !byEvent.get(a.getActivityId()).isEmpty()) {
				entry = byEvent.get(a.getActivityId()).poll();
				userId = entry.userId();
			}
			// labelled by the form version the person submitted (a form deployed alone later may differ)
			String formDeploymentId = entry != null && entry.formDeploymentId() != null ? entry.formDeploymentId()
					: pd.getDeploymentId();
			Map<String, FormFields.Field> fields = formKey == null ? Map.of()
					: formFields.of(repositoryService, identityService, formDeploymentId, formKey);
			Map<String, Object> data = data(entry);
			if (!unmask) {
				// outside the jurisdiction: ID number, phone and diagnosis masked (SPEC 4)
				for (String field : cipher.fields()) {
					if (data.get(field) != null) {
						data.put(field, PersonalDataCipher.masked(field, data.get(field).toString()));
					}
				}
			}
			// a field of a form a person deployed alone after the case's process: shown, but no fact the rules read
			java.util.Set<String> notFacts = "userTask".equals(a.getActivityType()) && entry != null
					&& entry.formDeploymentId() != null
							? caseRecords.notFacts(repositoryService, identityService, pd.getId(), a.getActivityId(),
									entry.formDeploymentId())
							: java.util.Set.of();
			List<CaseTrail.Field> labelled = new ArrayList<>();
			for (Map.Entry<String, Object> d : data.entrySet()) {
				FormFields.Field f = fields.get(d.getKey());
				String label = f == null ? d.getKey() : f.label();
				if (notFacts.contains(d.getKey())) {
					label = Messages.get("trail.notAFact", label);
				}
				String shown = f == null || d.getValue() == null ? display(d.getValue()) : labelOf(f, d.getValue());
				// a village, hospital or destination is chosen from the organisation data (FormOptions): shown by name
				if (shown != null && d.getKey().endsWith("Code") && shown.equals(String.valueOf(d.getValue()))) {
					shown = places.nameOf(shown);
				}
				labelled.add(new CaseTrail.Field(d.getKey(), label, d.getValue(), shown));
			}
			String decision = entry == null ? null : entry.decision();
			String decisionLabel = null;
			if (decision != null) {
				for (FormFields.Field f : fields.values()) {
					if (f.key().endsWith("Decision") || f.key().endsWith("Outcome")) {
						decisionLabel = f.labelOf(decision);
						break;
					}
				}
			}
			Date end = a.getEndTime();
			boolean overdue = due != null && (end == null ? now : end).after(due);
			steps.add(new CaseTrail.Step(a.getActivityName(), a.getActivityId(), kind, group, groupName(groupNames, group), userId,
					name(names, userId), a.getStartTime(), end, a.getDurationInMillis(), due, overdue, decision,
					decisionLabel, entry == null ? null : entry.opinion(), data, labelled));
		}
		// what a person did to the case after it ended, outside its model: a certificate's revocation
		for (AuditEntry revoked : byEvent.getOrDefault(ProcessKeys.CERTIFICATE_REVOKED, new java.util.ArrayDeque<>())) {
			steps.add(new CaseTrail.Step(revoked.activityName(), revoked.activityId(), "message", null, null,
					revoked.userId(), name(names, revoked.userId()), revoked.occurredAt(), revoked.occurredAt(), 0L, null,
					false, null, null, revoked.opinion(), Map.of(), List.of()));
		}
		AuditLog.ChainCheck chain = auditLog.verify(c.businessKey());
		List<CaseTrail.Incident> incidents = historyService.createHistoricIncidentQuery()
			.processInstanceId(pi)
			.list()
			.stream()
			.map(i -> new CaseTrail.Incident(i.getIncidentType(), i.getActivityId(), i.getIncidentMessage(), i.getCreateTime(),
					i.getEndTime(), i.isResolved() || i.isDeleted()))
			.toList();
		return new CaseTrail(c.businessKey(), c.processKey(), pd.getName(), pd.getId(), pd.getVersion(), c.status(),
				CaseStatuses.statusName(c.status()), c.applicantName(), unmask ? c.idNumber() : IdNumbers.mask(c.idNumber()),
				c.startTime(), c.endTime(), steps, attachments.listOfInstance(pi), reminders.findByCase(c.businessKey()),
				incidents, chain.verified(), chain.length(), chain.brokenAtSeq(),
				progress.outcome(c, caseRecords.of(repositoryService, identityService, c.businessKey(), pd.getId(), entries)));
	}

	private String formKey(String processDefinitionId, String activityId) {
		var element = repositoryService.getBpmnModelInstance(processDefinitionId).getModelElementById(activityId);
		if (element instanceof org.camunda.bpm.model.bpmn.instance.UserTask t) {
			return t.getCamundaFormRef();
		}
		if (element instanceof org.camunda.bpm.model.bpmn.instance.StartEvent s) {
			return s.getCamundaFormRef();
		}
		return null;
	}

	private String labelOf(FormFields.Field f, Object value) {
		if (value instanceof java.util.Collection<?> list) {
			List<String> labels = new ArrayList<>();
			list.forEach(v -> labels.add(f.labelOf(v)));
			return String.join("、", labels);
		}
		String s = value.toString();
		if (s.startsWith("[")) {
			try {
				List<String> values = json.readValue(s, new TypeReference<List<String>>() {
				});
				return String.join("、", values.stream().map(f::labelOf).toList());
			}
			catch (com.fasterxml.jackson.core.JsonProcessingException e) {
				return s;
			}
		}
		return f.labelOf(s);
	}

	private static String display(Object value) {
		return value == null ? null : value.toString();
	}

	private Map<String, Object> data(AuditEntry entry) {
		if (entry == null || entry.data() == null) {
			return new LinkedHashMap<>();
		}
		try {
			return json.readValue(entry.data(), new TypeReference<LinkedHashMap<String, Object>>() {
			});
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException e) {
			return new LinkedHashMap<>();
		}
	}

	private String groupName(Map<String, String> cache, String groupId) {
		if (groupId == null) {
			return null;
		}
		return cache.computeIfAbsent(groupId, id -> {
			Group g = identityService.createGroupQuery().groupId(id).singleResult();
			return g == null || g.getName() == null || g.getName().isBlank() ? id : g.getName();
		});
	}

	private String name(Map<String, String> cache, String userId) {
		if (userId == null) {
			return null;
		}
		return cache.computeIfAbsent(userId, id -> {
			User u = identityService.createUserQuery().userId(id).singleResult();
			return UserNames.name(u, id);
		});
	}

	private static String kind(String type) {
		return switch (type) {
			case "startEvent", "messageStartEvent" -> "start";
			case "userTask" -> "task";
			case "serviceTask", "callActivity" -> "service";
			case "businessRuleTask" -> "decision";
			case "intermediateTimer", "boundaryTimer" -> "timer";
			case "intermediateMessageCatch", "boundaryMessage" -> "message";
			default -> "end";
		};
	}

}
