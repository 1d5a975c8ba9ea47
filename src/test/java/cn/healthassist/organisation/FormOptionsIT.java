package cn.healthassist.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import cn.healthassist.support.Http;
import cn.healthassist.support.IntegrationTest;

/**
 * The start forms' selects of villages and hospitals offer names and store codes, from the organisation data and
 * for the person who opens the form: a village doctor their own village, a hospital doctor their hospital, everyone
 * the designated destination hospitals.
 */
class FormOptionsIT extends IntegrationTest {

	private static JsonNode field(JsonNode form, String key) {
		for (JsonNode c : form.path("components")) {
			if (key.equals(c.path("key").asText())) {
				return c;
			}
		}
		throw new AssertionError("no field " + key);
	}

	private static List<String> options(JsonNode field) {
		List<String> found = new ArrayList<>();
		field.path("values").forEach(v -> found.add(v.path("label").asText() + "=" + v.path("value").asText()));
		return found;
	}

	private JsonNode startForm(String user, String processKey) {
		Http.Response r = http(user).get("/engine-rest/process-definition/key/" + processKey + "/deployed-start-form");
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		return r.json();
	}

	@Test
	void aVillageDoctorChoosesTheirOwnVillage_byName() {
		JsonNode village = field(startForm("doctor-t01v01", "chronic-certificate"), "villageCode");
		assertThat(village.path("type").asText()).isEqualTo("select");
		assertThat(options(village)).containsExactly("东湖镇 桃园村=T01V01");
		assertThat(options(field(startForm("doctor-t02v02", "chronic-certificate"), "villageCode")))
			.containsExactly("西山乡 柳河村=T02V02");
		assertThat(options(field(startForm("committee-t01v02", "charity-relief"), "villageCode")))
			.containsExactly("东湖镇 李庄村=T01V02");
	}

	@Test
	void aHospitalDoctorChoosesTheirHospital_andAnyDesignatedDestination() {
		JsonNode form = startForm("hdoctor-h02", "county-referral");
		assertThat(options(field(form, "hospitalCode"))).containsExactly("县中医院=H02");
		assertThat(options(field(form, "destinationHospitalCode"))).contains("省立医院=P01", "市第一人民医院=M01");
	}

	@Test
	void theWebAppsGetTheSameChoices_andTheDeployedFormHoldsNoOrganisationData() throws Exception {
		Http doctor = new Http(port);
		assertThat(doctor.login("tasklist", "doctor-t01v01", PASSWORD).status()).isEqualTo(200);
		String id = repositoryService().createProcessDefinitionQuery().processDefinitionKey("chronic-certificate")
			.latestVersion().singleResult().getId();
		Http.Response r = doctor.get("/camunda/api/engine/engine/default/process-definition/" + id + "/deployed-start-form");
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		assertThat(options(field(r.json(), "villageCode"))).containsExactly("东湖镇 桃园村=T01V01");
		String deployed = new String(engine.getFormService().getDeployedStartForm(id).readAllBytes(),
				java.nio.charset.StandardCharsets.UTF_8);
		assertThat(deployed).doesNotContain("T01V01").contains("\"options\": \"villages\"");
	}

	private org.camunda.bpm.engine.RepositoryService repositoryService() {
		return engine.getRepositoryService();
	}

}
