package cn.healthassist.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;

import org.camunda.bpm.engine.filter.Filter;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import cn.healthassist.support.Applications;
import cn.healthassist.support.Http;
import cn.healthassist.support.IntegrationTest;
import cn.healthassist.support.TestIds;

/**
 * The columns of Tasklist's lists (本组待办, 我的待办, 已逾期): each is a variable the processes set, so a person finds a
 * task by its case number (业务编号) and applicant, as Tasklist asks for them (the filter's list in HAL, with the
 * variables embedded).
 */
class TaskFiltersIT extends IntegrationTest {

	@Test
	void everyFilterShowsTheCaseNumber_applicant_villageAndSubject() {
		for (String name : new String[] { TaskFilters.MINE, TaskFilters.GROUP, TaskFilters.OVERDUE }) {
			Filter filter = engine.getFilterService().createFilterQuery().filterName(name).singleResult();
			@SuppressWarnings("unchecked")
			var variables = (java.util.List<Map<String, String>>) filter.getProperties().get("variables");
			assertThat(variables).as(name).extracting(v -> v.get("name")).containsExactly("caseNo", "applicantName", "villageName", "hospitalName", "subjectName");
			assertThat(variables).extracting(v -> v.get("label")).containsExactly("业务编号", "申请人", "村", "医院", "事项");
		}
	}

	@Test
	void aChronicApplication_isListedWithItsCaseNumber_applicant_villageAndSubject() {
		Http.Response started = http("doctor-t01v01").postJson("/api/chronic-certificate-applications",
				Applications.chronic(TestIds.newIdNumber(), "T01V01"));
		assertThat(started.status()).as(started.body()).isEqualTo(201);
		// no treatment records: the village doctors' group holds 收集申请材料
		Map<String, String> columns = columnsOf("doctor-t01v01", started.json().path("processInstanceId").asText());
		assertThat(columns).containsEntry("caseNo", started.json().path("businessKey").asText())
			.containsEntry("applicantName", "王秀兰")
			.containsEntry("villageName", "桃园村")
			.containsEntry("subjectName", "慢性病证：高血压");
	}

	@Test
	void referralsAndCharityRequests_areListedWithTheirCaseNumberAndApplicant() {
		Http.Response referral = http("hdoctor-h01").postJson("/api/referrals", Map.of("patientName", "吴大海", "idNumber",
				TestIds.newIdNumber(), "householdCategory", "wubao", "hospitalCode", "H01", "diagnosis", "脑出血", "reason", "需神经外科手术",
				"destinationHospitalCode", "M01", "urgency", "normal"));
		assertThat(referral.status()).as(referral.body()).isEqualTo(201);
		assertThat(columnsOf("hhead-h01", referral.json().path("processInstanceId").asText()))
			.containsEntry("caseNo", referral.json().path("businessKey").asText())
			.containsEntry("applicantName", "吴大海")
			.containsEntry("hospitalName", "县人民医院")
			.containsEntry("subjectName", "县外转诊：市第一人民医院");

		Http.Response charity = http("committee-t01v02").postJson("/api/charity-relief-applications", Map.ofEntries(
				Map.entry("applicantName", "孙桂兰"), Map.entry("idNumber", TestIds.newIdNumber()), Map.entry("villageCode", "T01V02"),
				Map.entry("householdCategory", "dibao"), Map.entry("hospitalName", "县中医院"),
				Map.entry("admissionDate", LocalDate.now().minusDays(9).toString()),
				Map.entry("dischargeDate", LocalDate.now().minusDays(2).toString()), Map.entry("totalCost", "12000.00"),
				Map.entry("insuredCost", "10000.00"), Map.entry("basicInsurancePaid", "6000.00"),
				Map.entry("seriousIllnessInsurancePaid", "1000.00"), Map.entry("medicalAssistancePaid", "1000.00"),
				Map.entry("otherReliefPaid", "0.00")));
		assertThat(charity.status()).as(charity.body()).isEqualTo(201);
		assertThat(columnsOf("civil-t01", charity.json().path("processInstanceId").asText()))
			.containsEntry("caseNo", charity.json().path("businessKey").asText())
			.containsEntry("applicantName", "孙桂兰")
			.containsEntry("villageName", "李庄村")
			.containsEntry("hospitalName", "县中医院")
			.containsEntry("subjectName", "慈善救助：县中医院住院");
	}

	@Test
	void everyFilterCountsItsTasksForThePerson_asTasklistAsksForAllAtOnce() {
		Http.Response started = http("doctor-t02v02").postJson("/api/chronic-certificate-applications",
				Applications.chronic(TestIds.newIdNumber(), "T02V02"));
		assertThat(started.status()).as(started.body()).isEqualTo(201);
		Map<String, Integer> counts = counts("doctor-t02v02");
		assertThat(counts).containsOnlyKeys(TaskFilters.MINE, TaskFilters.GROUP, TaskFilters.OVERDUE);
		assertThat(counts.get(TaskFilters.GROUP)).isPositive();
		assertThat(counts.get(TaskFilters.MINE)).isZero();
		int before = counts.get(TaskFilters.GROUP);
		int otherVillage = counts("doctor-t01v02").get(TaskFilters.GROUP);
		Http.Response next = http("doctor-t02v02").postJson("/api/chronic-certificate-applications",
				Applications.chronic(TestIds.newIdNumber(), "T02V02"));
		assertThat(next.status()).as(next.body()).isEqualTo(201);
		assertThat(counts("doctor-t02v02").get(TaskFilters.GROUP)).isEqualTo(before + 1);
		// another village's doctor counts none of it
		assertThat(counts("doctor-t01v02").get(TaskFilters.GROUP)).isEqualTo(otherVillage);
	}

	@Test
	void theSearchBoxFindsATaskByApplicantName_idNumber_orBusinessNumber_withinTheFilter() {
		String idNumber = TestIds.newIdNumber();
		Http.Response started = http("doctor-t02v01").postJson("/api/chronic-certificate-applications",
				Applications.chronic(idNumber, "T02V01"));
		assertThat(started.status()).as(started.body()).isEqualTo(201);
		String processInstanceId = started.json().path("processInstanceId").asText();
		String businessKey = started.json().path("businessKey").asText();
		// the queries tasklist/healthassist/staff-work.js sends with 本组待办 (searchQuery)
		assertThat(search("doctor-t02v01", "{\"processVariables\":[{\"name\":\"applicantName\",\"operator\":\"like\",\"value\":\"%秀兰%\"}]}"))
			.contains(processInstanceId);
		// the engine holds the ID number masked: a whole one is looked up through the product's index first
		assertThat(search("doctor-t02v01", "{\"processVariables\":[{\"name\":\"idNumber\",\"operator\":\"like\",\"value\":\"%"
				+ idNumber + "%\"}]}")).isEmpty();
		Http.Response cases = http("doctor-t02v01").get("/api/cases?size=100&idNumber=" + idNumber);
		assertThat(cases.status()).as(cases.body()).isEqualTo(200);
		assertThat(cases.json().path("items").findValuesAsText("businessKey")).containsExactly(businessKey);
		assertThat(cases.json().path("items").findValuesAsText("processInstanceId")).containsExactly(processInstanceId);
		assertThat(search("doctor-t02v01", "{\"processInstanceIdIn\":[\"" + processInstanceId + "\"]}"))
			.containsExactly(processInstanceId);
		assertThat(search("doctor-t02v01", "{\"processInstanceBusinessKeyLike\":\"%" + businessKey.substring(3) + "%\"}"))
			.containsExactly(processInstanceId);
		// the filter's own conditions still hold: the same case number finds nothing for another village
		assertThat(search("doctor-t01v01", "{\"processInstanceBusinessKeyLike\":\"%" + businessKey + "%\"}")).isEmpty();
	}

	/** Each filter's count as Tasklist's filter list asks for it (GET /filter?itemCount=true), by name. */
	private Map<String, Integer> counts(String user) {
		Http.Response list = http(user).get("/engine-rest/filter?resourceType=Task&itemCount=true");
		assertThat(list.status()).as(list.body()).isEqualTo(200);
		Map<String, Integer> counts = new java.util.LinkedHashMap<>();
		for (JsonNode filter : list.json()) {
			counts.put(filter.path("name").asText(), filter.path("itemCount").asInt(-1));
		}
		return counts;
	}

	/** The process instances of the tasks 本组待办 lists for the user with the search box's query. */
	private java.util.List<String> search(String user, String query) {
		Filter group = engine.getFilterService().createFilterQuery().filterName(TaskFilters.GROUP).singleResult();
		Http http = http(user);
		Http.Response list = http.send(http.request("/engine-rest/filter/" + group.getId() + "/list?firstResult=0&maxResults=1000")
			.setHeader("Accept", "application/json")
			.setHeader("Content-Type", "application/json")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString(query)));
		assertThat(list.status()).as(list.body()).isEqualTo(200);
		java.util.List<String> found = new java.util.ArrayList<>();
		list.json().forEach(t -> found.add(t.path("processInstanceId").asText()));
		return found;
	}

	/** The variables 本组待办 shows for the case's task, as the user's Tasklist receives them. */
	private Map<String, String> columnsOf(String user, String processInstanceId) {
		Filter group = engine.getFilterService().createFilterQuery().filterName(TaskFilters.GROUP).singleResult();
		Http http = http(user);
		Http.Response list = http.send(http.request("/engine-rest/filter/" + group.getId() + "/list?firstResult=0&maxResults=1000")
			.setHeader("Accept", "application/hal+json")
			.setHeader("Content-Type", "application/json")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")));
		assertThat(list.status()).as(list.body()).isEqualTo(200);
		JsonNode task = null;
		for (JsonNode t : list.json().path("_embedded").path("task")) {
			if (processInstanceId.equals(t.path("processInstanceId").asText())) {
				task = t;
			}
		}
		assertThat(task).as(user + " finds the case's task in 本组待办").isNotNull();
		// the filter's variables, embedded in each task as Tasklist shows them under the task's name
		Map<String, String> columns = new java.util.LinkedHashMap<>();
		for (JsonNode variable : task.path("_embedded").path("variable")) {
			columns.put(variable.path("name").asText(), variable.path("value").asText());
		}
		return columns;
	}

}
