package cn.healthassist.values;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.List;

import org.camunda.spin.Spin;
import org.junit.jupiter.api.Test;

class VariableValuesTest {

	@Test
	void nothing_isAnEmptyList() {
		assertThat(VariableValues.stringList(null)).isEmpty();
		assertThat(VariableValues.stringList("")).isEmpty();
		assertThat(VariableValues.stringList("   ")).isEmpty();
	}

	@Test
	void aJavaCollection_isTakenInItsOrder() {
		assertThat(VariableValues.stringList(List.of("diagnosis", "records"))).containsExactly("diagnosis", "records");
		assertThat(VariableValues.stringList(new LinkedHashSet<>(List.of("records", "diagnosis"))))
			.containsExactly("records", "diagnosis");
		assertThat(VariableValues.stringList(List.of(1, 2))).containsExactly("1", "2");
	}

	@Test
	void aSpinJsonArray_asTasklistSubmitsAChecklist_isItsElements() {
		assertThat(VariableValues.stringList(Spin.JSON("[\"diagnosis\",\"records\",\"id-card\"]")))
			.containsExactly("diagnosis", "records", "id-card");
	}

	@Test
	void aSpinJsonArrayOfNumbers_isTheirJsonText() {
		assertThat(VariableValues.stringList(Spin.JSON("[1, 2.5]"))).containsExactly("1", "2.5");
	}

	@Test
	void aJsonArrayText_isItsElements() {
		assertThat(VariableValues.stringList(" [\"diagnosis\", \"records\"] ")).containsExactly("diagnosis", "records");
		assertThat(VariableValues.stringList("[]")).isEmpty();
	}

	@Test
	void aPlainText_isOneValue() {
		assertThat(VariableValues.stringList(" diagnosis ")).containsExactly("diagnosis");
	}

	@Test
	void aBrokenJsonArrayText_isKeptAsOneValueRatherThanLost() {
		assertThat(VariableValues.stringList("[\"diagnosis\", ")).containsExactly("[\"diagnosis\",");
	}

	@Test
	void aSpinJsonObject_isItsTextAsOneValue() {
		assertThat(VariableValues.stringList(Spin.JSON("{\"a\":1}"))).hasSize(1).first().asString().contains("\"a\"");
	}

}
