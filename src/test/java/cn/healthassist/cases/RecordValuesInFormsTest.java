package cn.healthassist.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.healthassist.audit.CaseFacts;
import cn.healthassist.config.HealthAssistProperties;
import cn.healthassist.privacy.PersonalDataCipher;

/** What a task's form variables show of the case record (RecordValuesInForms.fill), field by field. */
class RecordValuesInFormsTest {

	static final String ID = "341722196503120411";

	static final PersonalDataCipher CIPHER = cipher();

	static final CaseRecord RECORD = new CaseRecord("FU-2026-000001", "chronic-followup", "pi", "张三", ID, null, "C01",
			"T01", "T01V01", null, "MB-C01-2026-000001", CaseRecord.RUNNING, null, null, null, null);

	final ObjectMapper json = new ObjectMapper();

	private static PersonalDataCipher cipher() {
		HealthAssistProperties p = new HealthAssistProperties();
		p.getDataProtection().setAlgorithm("SM4-GCM");
		p.getDataProtection().setCurrentKey("k1");
		p.getDataProtection().setKey(Base64.getEncoder().encodeToString(new byte[16]));
		p.getDataProtection().setIndexKey(Base64.getEncoder().encodeToString(new byte[32]));
		return new PersonalDataCipher(p);
	}

	private static CaseFacts facts() {
		Map<String, Object> facts = new LinkedHashMap<>();
		facts.put("certificateNo", "MB-C01-2026-000001");
		facts.put("idNumber", ID);
		facts.put("diseaseName", "高血压");
		facts.put("visitCount", 3);
		facts.put("zeroMaterial", true);
		facts.put("reliefAmount", 3600.5);
		facts.put("systolic", 150);
		facts.put("phone", "13912345678");
		facts.put("applicantName", "张三");
		return new CaseFacts("FU-2026-000001", facts);
	}

	/** The engine's answer: a masked ID number and phone, a name changed behind the product's back, a blank visit field. */
	private ObjectNode engineAnswer() throws Exception {
		return (ObjectNode) json.readTree("""
				{"idNumber": {"type": "String", "value": "3417**********0411", "valueInfo": {}},
				 "phone": {"type": "String", "value": "139****5678", "valueInfo": {}},
				 "applicantName": {"type": "String", "value": "李四", "valueInfo": {}},
				 "visitNo": {"type": "Integer", "value": 2, "valueInfo": {}}}
				""");
	}

	@Test
	void withinTheJurisdiction_theRecordsValuesInFull_andWhatTheEngineDoesNotKeep() throws Exception {
		ObjectNode answer = engineAnswer();
		assertThat(RecordValuesInForms.fill(answer, facts(), RECORD, CIPHER, true, Set.of(), null)).isTrue();
		assertThat(answer.path("idNumber").path("value").asText()).isEqualTo(ID);
		assertThat(answer.path("phone").path("value").asText()).isEqualTo("13912345678");
		assertThat(answer.path("applicantName").path("value").asText()).as("a text as the record holds it").isEqualTo("张三");
		assertThat(answer.path("certificateNo").path("type").asText()).isEqualTo("String");
		assertThat(answer.path("certificateNo").path("value").asText()).isEqualTo("MB-C01-2026-000001");
		assertThat(answer.path("diseaseName").path("value").asText()).isEqualTo("高血压");
		assertThat(answer.path("visitCount").path("type").asText()).isEqualTo("Integer");
		assertThat(answer.path("visitCount").path("value").asInt()).isEqualTo(3);
		assertThat(answer.path("zeroMaterial").path("type").asText()).isEqualTo("Boolean");
		assertThat(answer.path("zeroMaterial").path("value").asBoolean()).isTrue();
		assertThat(answer.path("reliefAmount").path("type").asText()).isEqualTo("Double");
		assertThat(answer.path("reliefAmount").path("value").asDouble()).isEqualTo(3600.5);
		assertThat(answer.path("visitNo").path("value").asInt()).as("a value only the engine has stays").isEqualTo(2);
	}

	@Test
	void outsideTheJurisdiction_personalDataStaysMasked_evenWhereTheEngineHasNone() throws Exception {
		ObjectNode answer = engineAnswer();
		answer.remove("idNumber");
		RecordValuesInForms.fill(answer, facts(), RECORD, CIPHER, false, Set.of(), null);
		assertThat(answer.path("idNumber").path("value").asText()).isEqualTo("3417**********0411");
		assertThat(answer.path("phone").path("value").asText()).isEqualTo("139****5678");
		assertThat(answer.toString()).doesNotContain(ID).doesNotContain("13912345678");
		assertThat(answer.path("diseaseName").path("value").asText()).isEqualTo("高血压");
	}

	@Test
	void theFieldsThePersonFillsIn_areNotProposedFromAnEarlierAnswer_butPersonalDataIsCorrectedInFull() throws Exception {
		ObjectNode answer = engineAnswer();
		RecordValuesInForms.fill(answer, facts(), RECORD, CIPHER, true, Set.of("systolic", "applicantName", "phone"), null);
		assertThat(answer.has("systolic")).as("the first visit's blood pressure is not put in the second visit's form").isFalse();
		assertThat(answer.path("applicantName").path("value").asText()).as("a field of this form as the engine has it")
			.isEqualTo("李四");
		assertThat(answer.path("phone").path("value").asText()).as("the person corrects the full phone, not its mask")
			.isEqualTo("13912345678");
		ObjectNode none = engineAnswer();
		none.remove("phone");
		RecordValuesInForms.fill(none, facts(), RECORD, CIPHER, true, Set.of("systolic", "phone"), null);
		assertThat(none.path("phone").path("value").asText()).as("a phone the engine does not keep, to correct")
			.isEqualTo("13912345678");
		assertThat(none.has("systolic")).isFalse();
	}

	@Test
	void aRequestThatNamesItsVariables_getsOnlyThose() throws Exception {
		ObjectNode answer = engineAnswer();
		RecordValuesInForms.fill(answer, facts(), RECORD, CIPHER, true, Set.of(),
				RecordValuesInForms.named("certificateNo, idNumber"));
		assertThat(answer.has("certificateNo")).isTrue();
		assertThat(answer.has("diseaseName")).isFalse();
		assertThat(answer.path("idNumber").path("value").asText()).isEqualTo(ID);
		assertThat(RecordValuesInForms.named("")).isNull();
		assertThat(RecordValuesInForms.named(null)).isNull();
	}

	@Test
	void aCaseOfAnEarlierVersion_withoutAnIdNumberInItsRecord_showsTheCaseIndexs() throws Exception {
		ObjectNode answer = engineAnswer();
		Map<String, Object> without = new LinkedHashMap<>(facts().values());
		without.remove("idNumber");
		assertThat(RecordValuesInForms.fill(answer, new CaseFacts("FU-2026-000001", without), RECORD, CIPHER, true,
				Set.of(), null)).isTrue();
		assertThat(answer.path("idNumber").path("value").asText()).isEqualTo(ID);
		ObjectNode unchanged = engineAnswer();
		assertThat(RecordValuesInForms.fill(unchanged, new CaseFacts("FU-2026-000001", Map.of()), RECORD, CIPHER, false,
				Set.of(), null)).as("nothing to show outside the jurisdiction").isFalse();
	}

}
