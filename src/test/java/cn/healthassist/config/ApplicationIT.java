package cn.healthassist.config;

import cn.healthassist.engine.TimeOrderedIdGenerator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;

import cn.healthassist.support.Http;
import cn.healthassist.support.IntegrationTest;
import cn.healthassist.values.Messages;

/** The application starts, deploys every model and form, and people log in to its web apps. */
class ApplicationIT extends IntegrationTest {

	@Autowired
	RepositoryService repositoryService;

	@Autowired
	MessageSource messageSource;

	@Autowired
	org.camunda.bpm.engine.AuthorizationService authorizationService;

	@Test
	void deploysEveryModelAndFormTogether() throws IOException {
		List<String> files;
		try (Stream<Path> s = Stream.concat(Files.list(Path.of("processes")), Files.list(Path.of("forms")))) {
			files = s.map(p -> p.getFileName().toString()).filter(n -> n.matches(".*\\.(bpmn|dmn|form)")).toList();
		}
		assertThat(files).isNotEmpty();
		for (String file : files) {
			String key = file.substring(0, file.lastIndexOf('.'));
			if (file.endsWith(".bpmn")) {
				ProcessDefinition pd = repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult();
				assertThat(pd).as(file + " deployed").isNotNull();
				List<String> resources = repositoryService.getDeploymentResourceNames(pd.getDeploymentId());
				assertThat(resources).as("the forms deploy with the process").anyMatch(r -> r.endsWith(".form"));
			}
		}
		assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("chronic-certificate").count())
			.isPositive();
	}

	@ParameterizedTest
	@ValueSource(strings = { "doctor-t01v01", "health-t01", "insurance", "hdoctor-h01", "committee-t01v01", "charity" })
	void demoUsersLogInToTasklist(String user) {
		Http browser = anonymous();
		Http.Response login = browser.login("tasklist", user, PASSWORD);
		assertThat(login.status()).as(login.body()).isEqualTo(200);
		assertThat(login.json().path("userId").asText()).isEqualTo(user);
		assertThat(login.json().path("authorizedApps").toString()).contains("tasklist");
	}

	@Test
	void aWrongPasswordIsRefused() {
		// a user of its own: Camunda delays the next login of a user after a wrong password
		String user = "wrong-password-" + System.nanoTime();
		org.camunda.bpm.engine.identity.User u = identityService.newUser(user);
		u.setPassword("Str0ng!Passw0rd");
		identityService.saveUser(u);
		assertThat(anonymous().login("tasklist", user, "wrong").status()).isEqualTo(401);
		assertThat(Http.as(port, user, "wrong").get("/engine-rest/task").status()).isEqualTo(401);
		assertThat(Http.as(port, user, "wrong").get("/api/reference-data").status()).isEqualTo(401);
	}

	@Test
	void requestsAreNotTimedForMetrics_whichNoEndpointShows(@Autowired io.micrometer.observation.ObservationRegistry observations) {
		assertThat(io.micrometer.observation.Observation.createNotStarted("http.server.requests", observations).isNoop())
			.as("management.observations.enable.[http.server.requests]").isTrue();
		assertThat(io.micrometer.observation.Observation.createNotStarted("spring.security.filterchains", observations).isNoop())
			.as("only that one is switched off").isFalse();
		assertThat(http("doctor-t01v01").get("/actuator/metrics").status()).isIn(401, 403, 404);
	}

	@Test
	void theSessionOfTasklistAlsoOpensTheProjectsApi() {
		Http browser = anonymous();
		assertThat(browser.get("/api/reference-data").status()).isEqualTo(401);
		browser.login("tasklist", "doctor-t01v01", PASSWORD);
		Http.Response data = browser.get("/api/reference-data");
		assertThat(data.status()).isEqualTo(200);
		assertThat(data.json().path("villages").toString()).contains("T01V01", "桃园村");
	}

	@Test
	void engineRestAndApiNeedALogin() {
		assertThat(anonymous().get("/engine-rest/task").status()).isEqualTo(401);
		assertThat(anonymous().get("/engine-rest/process-definition").status()).isEqualTo(401);
		Http.Response api = anonymous().get("/api/reference-data");
		assertThat(api.status()).isEqualTo(401);
		assertThat(api.contentType()).startsWith("application/problem+json");
		assertThat(http("doctor-t01v01").get("/engine-rest/task").status()).isEqualTo(200);
		assertThat(Http.as(port, "nobody-here", "wrong").get("/engine-rest/task").status()).isEqualTo(401);
	}

	@Test
	void groupsFollowTheOrganisationWithHyphenatedIds() {
		assertThat(identityService.createGroupQuery().groupId("village-doctor-T01V01").singleResult().getName())
			.isEqualTo("桃园村 村医");
		assertThat(identityService.createGroupQuery().groupId("township-health-T02").count()).isOne();
		assertThat(identityService.createGroupQuery().groupId("hospital-head-H02").count()).isOne();
		assertThat(identityService.createUserQuery().userId("doctor-t02v02").memberOfGroup("village-doctor-T02V02").count())
			.isOne();
	}

	@Test
	void springsMessageSourceReadsTheSameBundleAsMessages() {
		assertThat(messageSource.getMessage("chronic.alreadyCertified", new Object[] { "高血压" }, Locale.SIMPLIFIED_CHINESE))
			.isEqualTo(Messages.get("chronic.alreadyCertified", "高血压"))
			.isEqualTo("该申请人已持有有效的高血压慢性病证，无需重复申请");
		// a message without arguments is a MessageFormat pattern too (spring.messages.always-use-message-format)
		assertThat(messageSource.getMessage("engine.rest.jsonObject", null, Locale.SIMPLIFIED_CHINESE))
			.isEqualTo(Messages.get("engine.rest.jsonObject"))
			.isEqualTo("请求体必须是一个 JSON 对象（{…}）");
	}

	@Test
	void tasklistHasTheThreeFilters() {
		assertThat(engine.getFilterService().createFilterQuery().list())
			.extracting(f -> f.getName())
			.contains("我的待办", "本组待办", "已逾期");
	}


	@Test
	void theEngineWritesItsRowsWithIdsInTimeOrder() {
		var config = (org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
		assertThat(config.getIdGenerator()).isInstanceOf(TimeOrderedIdGenerator.class);
		List<String> instances = new java.util.ArrayList<>();
		for (int i = 0; i < 3; i++) {
			Http.Response started = http("doctor-t01v01").postJson("/api/chronic-certificate-applications",
					cn.healthassist.support.Applications.chronic(cn.healthassist.support.TestIds.newIdNumber(), "T01V01"));
			assertThat(started.status()).as(started.body()).isEqualTo(201);
			instances.add(started.json().path("processInstanceId").asText());
		}
		// a later case's rows sort after an earlier case's: its instance, its task, its variables, its grants
		assertThat(instances).isSortedAccordingTo(String::compareTo).allMatch(id -> TimeOrderedIdGenerator.uuid(id).version() == 6);
		List<String> tasks = instances.stream().map(pi -> taskService.createTaskQuery().processInstanceId(pi).singleResult().getId()).toList();
		assertThat(tasks).isSortedAccordingTo(String::compareTo).allMatch(id -> TimeOrderedIdGenerator.uuid(id).version() == 6);
		List<String> variables = runtimeService.createVariableInstanceQuery().processInstanceIdIn(instances.get(2)).list().stream()
			.map(org.camunda.bpm.engine.runtime.VariableInstance::getId).toList();
		assertThat(variables).isNotEmpty().allMatch(id -> id.compareTo(tasks.get(1)) > 0);
		assertThat(authorizationService.createAuthorizationQuery().resourceId(tasks.get(2)).list()).isNotEmpty()
			.allMatch(a -> a.getId().compareTo(instances.get(1)) > 0);
		// the other tests find the village doctor's tasks as they left them
		runtimeService.deleteProcessInstances(instances, "test", true, true);
	}

}
