package cn.healthassist.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Which selects get their choices put in, nested ones included; the others stay as they were. */
class FormOptionsTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Test
	void selectsNamingTheirOptions_getThem_othersAreLeftAlone() throws Exception {
		JsonNode form = JSON.readTree("""
				{"components": [
				  {"type": "select", "key": "villageCode", "values": [], "properties": {"options": "villages"}},
				  {"type": "select", "key": "diseaseCode", "values": [{"label": "高血压", "value": "HTN"}]},
				  {"type": "group", "components": [
				    {"type": "select", "key": "to", "values": [], "properties": {"options": "nothing-known"}}]}]}
				""");
		boolean changed = FormOptions.fill(form,
				name -> name.equals("villages") ? List.of(new FormOptions.Option("东湖镇 桃园村", "T01V01")) : List.of());
		assertThat(changed).isTrue();
		assertThat(form.at("/components/0/values").toString()).isEqualTo("[{\"label\":\"东湖镇 桃园村\",\"value\":\"T01V01\"}]");
		assertThat(form.at("/components/1/values/0/value").asText()).isEqualTo("HTN");
		assertThat(form.at("/components/2/components/0/values").size()).as("an unknown list offers nothing").isZero();
	}

	@Test
	void aFormWithoutSuchSelects_isNotRewritten() throws Exception {
		JsonNode form = JSON.readTree("{\"components\": [{\"type\": \"textfield\", \"key\": \"name\"}]}");
		assertThat(FormOptions.fill(form, name -> List.of())).isFalse();
	}

}
