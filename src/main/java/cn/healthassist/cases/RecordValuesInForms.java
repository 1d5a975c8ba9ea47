package cn.healthassist.cases;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.healthassist.audit.CaseFacts;
import cn.healthassist.audit.CaseRecords;
import cn.healthassist.engine.SystemCalls;
import cn.healthassist.privacy.PersonalDataCipher;
import cn.healthassist.security.ApiAuthenticationFilter;
import cn.healthassist.security.CurrentUser;
import cn.healthassist.security.EngineUsers;
import cn.healthassist.web.JsonAnswers;

/**
 * A task's form shows the case record's values. When a task's form variables are fetched (Tasklist's Camunda Forms:
 * {@code GET …/task/{id}/form-variables}) and the engine answered them (the person may read the task):
 * <ul>
 * <li>each fact of the case record the engine does not keep is added (a follow-up keeps its certificate, ID number,
 * township and disease only in the record: followup/FollowupStartListener), and a text the engine keeps is shown as
 * the record holds it;</li>
 * <li>the ID number, phone and diagnosis, which the engine does not keep (audit/AuditRecorder; a case of an earlier
 * version has masked copies), are shown in full when the case lies in the person's own jurisdiction (CaseScope: an
 * administrator who may read every task is not a jurisdiction), masked otherwise.</li>
 * </ul>
 * A request that names its variables ({@code variableNames}) gets only those. No person known or an error leaves the
 * engine's answer; no other route answers the full values from the engine.
 */
@Configuration(proxyBeanMethods = false)
class RecordValuesInForms {

	private static final Pattern FORM_VARIABLES = Pattern.compile(".*/task/([^/]+)/form-variables");

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> recordValuesInFormsFilter(CaseRecords caseRecords, CaseIndex caseIndex,
			PersonalDataCipher cipher, TaskService taskService, RuntimeService runtimeService,
			RepositoryService repositoryService, IdentityService identityService, ProcessEngine engine, ObjectMapper json) {
		return JsonAnswers.filter("record-values-in-forms", Ordered.HIGHEST_PRECEDENCE + 22, FORM_VARIABLES, json,
				(request, route, answer) -> {
					// the person: the web apps' session, or the engine REST API's login (this filter runs inside it)
					CurrentUser user = ApiAuthenticationFilter.session(request)
						.orElseGet(() -> EngineUsers.current(identityService));
					if (user == null || !(answer instanceof ObjectNode variables)) {
						return false;
					}
					// the task, its case and the record read in one command (one transaction), as the system
					Full full = SystemCalls.inOneCommand(engine, () -> SystemCalls.run(identityService, () -> {
						Task task = taskService.createTaskQuery().taskId(route.group(1)).singleResult();
						if (task == null || task.getProcessInstanceId() == null) {
							return null;
						}
						ProcessInstance pi = runtimeService.createProcessInstanceQuery()
							.processInstanceId(task.getProcessInstanceId())
							.singleResult();
						CaseRecord record = pi == null || pi.getBusinessKey() == null ? null
								: caseIndex.find(pi.getBusinessKey());
						return record == null ? null : new Full(record, caseRecords.of(repositoryService, identityService,
								pi.getBusinessKey(), task.getProcessDefinitionId()), caseRecords.editableFields(engine,
										task.getProcessDefinitionId(),
										task.getTaskDefinitionKey()));
					}));
					return full != null && fill(variables, full.facts(), full.record(), cipher,
							CaseScope.of(user).isOwnJurisdiction(full.record()), full.ownFields(),
							named(request.getParameter("variableNames")));
				});
	}

	/** The case a task belongs to, its record's facts, and the fields the task's form lets a person fill in. */
	record Full(CaseRecord record, CaseFacts facts, Set<String> ownFields) {
	}

	/** The names a request asks for ({@code variableNames=a,b}); null when it asks for all. */
	static Set<String> named(String variableNames) {
		return variableNames == null || variableNames.isBlank() ? null
				: Arrays.stream(variableNames.split(",")).map(String::trim).collect(Collectors.toSet());
	}

	/**
	 * Puts the record's values into the answer: each fact the answer lacks (of those asked for), each text the answer
	 * holds as the record holds it, the personal data in full within the jurisdiction (the ID number from the case
	 * index when the record has none), masked otherwise. The fields the person fills in on this form are theirs: an
	 * earlier visit's or round's answer in the record is not put in, except personal data, which the engine does not
	 * keep (a phone the person may correct shows its current value). True when the answer changed.
	 */
	static boolean fill(ObjectNode variables, CaseFacts facts, CaseRecord record, PersonalDataCipher cipher,
			boolean ownJurisdiction, Set<String> ownFields, Set<String> asked) {
		boolean changed = false;
		for (Map.Entry<String, Object> fact : facts.values().entrySet()) {
			String name = fact.getKey();
			Object value = fact.getValue();
			if (asked != null && !asked.contains(name) || value instanceof Map || value instanceof Iterable) {
				continue;
			}
			boolean personal = cipher.fields().contains(name);
			boolean own = ownFields.contains(name);
			if (value instanceof String text && personal && !ownJurisdiction) {
				value = PersonalDataCipher.masked(name, text);
			}
			JsonNode shown = variables.get(name);
			if (shown == null) {
				// the engine keeps no personal data: a form that lets the person correct it shows the current value
				if (!own || personal) {
					variables.set(name, typed(variables, value));
					changed = true;
				}
			}
			// a field of this form shows the engine's value, except personal data, which the engine holds masked:
			// the person corrects the full value, not its masked copy
			else if (shown instanceof ObjectNode v && value instanceof String text && (!own || personal)
					&& "String".equalsIgnoreCase(v.path("type").asText()) && !text.equals(v.path("value").asText(null))) {
				v.put("value", text);
				changed = true;
			}
		}
		// a case of an earlier version whose record holds no ID number: the case index's
		if (ownJurisdiction && facts.get("idNumber") == null && variables.get("idNumber") instanceof ObjectNode v
				&& "String".equalsIgnoreCase(v.path("type").asText()) && record.idNumber() != null
				&& (asked == null || asked.contains("idNumber"))) {
			v.put("value", record.idNumber());
			changed = true;
		}
		return changed;
	}

	/** A fact as the engine REST API answers a variable: its type, its value and no further information. */
	private static ObjectNode typed(ObjectNode variables, Object value) {
		ObjectNode v = variables.objectNode();
		if (value == null) {
			v.put("type", "Null");
			v.putNull("value");
		}
		else if (value instanceof Boolean b) {
			v.put("type", "Boolean");
			v.put("value", b);
		}
		else if (value instanceof Integer || value instanceof Short) {
			v.put("type", "Integer");
			v.put("value", ((Number) value).intValue());
		}
		else if (value instanceof Long || value instanceof BigInteger) {
			v.put("type", "Long");
			v.put("value", ((Number) value).longValue());
		}
		else if (value instanceof Number n) {
			v.put("type", "Double");
			v.put("value", n instanceof BigDecimal d ? d.doubleValue() : n.doubleValue());
		}
		else {
			v.put("type", "String");
			v.put("value", value.toString());
		}
		v.putObject("valueInfo");
		return v;
	}

}
