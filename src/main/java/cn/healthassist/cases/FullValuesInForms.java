package cn.healthassist.cases;

import java.util.regex.Pattern;

import org.camunda.bpm.engine.IdentityService;
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
 * The engine holds masked copies of a case's ID number, phone and diagnosis (audit/AuditRecorder); the people whose
 * task it is see them in full in their form. When a task's form variables are fetched (Tasklist's Camunda Forms:
 * {@code GET …/task/{id}/form-variables}), the engine answered them (the person may read the task) and the case lies
 * in the person's own jurisdiction (CaseScope: an administrator who may read every task is not a jurisdiction), the
 * masked values are replaced by the case record's. Anything else — no person known, another jurisdiction, an error —
 * leaves the masked values; no other route answers the full values from the engine.
 */
@Configuration(proxyBeanMethods = false)
class FullValuesInForms {

	private static final Pattern FORM_VARIABLES = Pattern.compile(".*/task/([^/]+)/form-variables");

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> fullValuesInFormsFilter(CaseRecords caseRecords, CaseIndex caseIndex,
			PersonalDataCipher cipher, TaskService taskService, RuntimeService runtimeService,
			RepositoryService repositoryService, IdentityService identityService, ObjectMapper json) {
		return JsonAnswers.filter("full-values-in-forms", Ordered.HIGHEST_PRECEDENCE + 22, FORM_VARIABLES, json,
				(request, route, answer) -> {
					// the person: the web apps' session, or the engine REST API's login (this filter runs inside it)
					CurrentUser user = ApiAuthenticationFilter.session(request)
						.orElseGet(() -> EngineUsers.current(identityService));
					if (user == null || !(answer instanceof ObjectNode variables)
							|| cipher.fields().stream().noneMatch(variables::has)) {
						return false;
					}
					Full full = SystemCalls.run(identityService, () -> {
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
								pi.getBusinessKey(), task.getProcessDefinitionId()));
					});
					return full != null && CaseScope.of(user).isOwnJurisdiction(full.record())
							&& fill(variables, full.facts(), full.record(), cipher);
				});
	}

	/** The case a task belongs to, and its record's facts. */
	record Full(CaseRecord record, CaseFacts facts) {
	}

	/**
	 * Puts the record's full value of each personal-data field the answer holds (the ID number from the case index
	 * when the record has none: a follow-up's); true when one changed.
	 */
	static boolean fill(ObjectNode variables, CaseFacts facts, CaseRecord record, PersonalDataCipher cipher) {
		boolean changed = false;
		for (String field : cipher.fields()) {
			JsonNode variable = variables.get(field);
			String full = facts.text(field) != null ? facts.text(field)
					: "idNumber".equals(field) ? record.idNumber() : null;
			if (variable instanceof ObjectNode v && full != null && "String".equalsIgnoreCase(v.path("type").asText())) {
				v.put("value", full);
				changed = true;
			}
		}
		return changed;
	}

}
