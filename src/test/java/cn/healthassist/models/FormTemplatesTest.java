package cn.healthassist.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Text a person typed (names, opinions, notes) is shown as text in the later forms: a form's text component is
 * Markdown, so every such value goes into it through {@code replace(…)}, which puts a backslash before each Markdown
 * character ({@code **} shows as two stars, a link as its text). Only values the product makes or checks to a fixed
 * shape (numbers, dates, codes' names, amounts) go in as they are.
 */
class FormTemplatesTest {

	/** Values that cannot carry Markdown: made by the product or validated to digits, dates, amounts, catalogue names. */
	static final Set<String> SYSTEM_MADE = Set.of("admissionDate", "approvedAmount", "basicInsurancePaid", "calculation",
			"caseNo", "certificateNo", "destinationHospitalName", "dischargeDate", "diseaseName", "headDecisionName",
			"householdCategoryName", "idNumber", "insuredCost", "medicalAssistancePaid", "objectionCount",
			"otherReliefPaid", "phone", "ratePercent", "referralNo", "reliefAmount", "remainingSelfPaid",
			"seriousIllnessInsurancePaid", "totalCost", "townshipName", "treatmentRecordCount", "urgencyName",
			"villageName", "visitDueText", "visitNo");

	static final String ESCAPED = "replace(%s, \"[\\\\\\\\`*_{}\\\\[\\\\]()#+\\\\-.!|<>~:/&=]\", \"\\\\$0\")";

	private static final Pattern TEMPLATE = Pattern.compile("\\{\\{\\s*([^#/].*?)\\s*\\}\\}");

	@Test
	void everyTypedValue_isShownAsText() throws IOException {
		List<String> plain = new ArrayList<>();
		int escaped = 0;
		try (Stream<Path> forms = Files.list(Path.of("forms"))) {
			for (Path form : forms.filter(p -> p.toString().endsWith(".form")).sorted().toList()) {
				List<String> texts = new ArrayList<>();
				collect(new ObjectMapper().readTree(form.toFile()).path("components"), texts);
				for (String text : texts) {
					Matcher m = TEMPLATE.matcher(text);
					while (m.find()) {
						String expression = m.group(1);
						if (expression.equals("this") || SYSTEM_MADE.contains(expression)) {
							continue;
						}
						String variable = expression.startsWith("replace(") ? expression.substring(8, expression.indexOf(','))
								: expression;
						if (expression.equals(ESCAPED.formatted(variable))) {
							escaped++;
						}
						else {
							plain.add(form.getFileName() + ": {{" + expression + "}}");
						}
					}
				}
			}
		}
		assertThat(plain).as("values shown as Markdown").isEmpty();
		assertThat(escaped).isGreaterThan(20);
	}

	private static void collect(JsonNode components, List<String> texts) {
		for (JsonNode c : components) {
			if ("text".equals(c.path("type").asText())) {
				texts.add(c.path("text").asText());
			}
			collect(c.path("components"), texts);
		}
	}

}
