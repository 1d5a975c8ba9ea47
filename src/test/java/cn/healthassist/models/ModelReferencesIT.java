package cn.healthassist.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.healthassist.support.IntegrationTest;

/**
 * The build fails when a model refers to something that does not exist: a Spring bean named in an expression
 * (delegate, listener, due date, timer), a decision, a message no code sends, or when an element template names a
 * bean or decision that does not exist. Also runs tools/lint-models.py when it is there.
 */
class ModelReferencesIT extends IntegrationTest {

	private static final Pattern BEAN_CALL = Pattern.compile("\\$\\{\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(\\.|})");

	private static final Pattern DELEGATE = Pattern.compile("delegateExpression=\"\\$\\{([^}]+)}\"");

	private static final Pattern DECISION_REF = Pattern.compile("camunda:decisionRef=\"([^\"]+)\"");

	private static final Pattern MESSAGE = Pattern.compile("<bpmn:message id=\"[^\"]+\" name=\"([^\"]+)\"");

	private static final Pattern DECISION_ID = Pattern.compile("<decision id=\"([^\"]+)\"");

	/** Process variables and engine functions expressions may use besides beans. */
	private static final Set<String> NOT_BEANS = Set.of("visitDue", "visitOpensAt", "visitMissedAt", "noticeUntil", "reliefRateVersion",
			"secondApprovalVersion", "scheduleVersion", "zeroMaterial", "eligible", "secondApprovalRequired", "noticeDays", "villageCode",
			"townshipCode", "hospitalCode", "townshipDecision", "countyDecision", "headDecision", "urgency", "auditOutcome",
			"verificationDecision", "federationDecision", "secondDecision", "visitKind", "followupOutcome");

	@Autowired
	ApplicationContext context;

	private static List<Path> files(String dir, String suffix) throws IOException {
		try (Stream<Path> s = Files.walk(Path.of(dir))) {
			return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
		}
	}

	private static Set<String> decisions() throws IOException {
		Set<String> ids = new HashSet<>();
		for (Path dmn : files("processes", ".dmn")) {
			Matcher m = DECISION_ID.matcher(Files.readString(dmn, StandardCharsets.UTF_8));
			while (m.find()) {
				ids.add(m.group(1));
			}
		}
		return ids;
	}

	@Test
	void everyBeanDecisionAndMessageAModelNamesExists() throws IOException {
		Set<String> decisions = decisions();
		String code;
		try (Stream<Path> s = Files.walk(Path.of("src/main/java"))) {
			StringBuilder sb = new StringBuilder();
			for (Path p : s.filter(p -> p.toString().endsWith(".java")).toList()) {
				sb.append(Files.readString(p, StandardCharsets.UTF_8));
			}
			code = sb.toString();
		}
		List<String> problems = new ArrayList<>();
		for (Path bpmn : files("processes", ".bpmn")) {
			String xml = Files.readString(bpmn, StandardCharsets.UTF_8);
			Matcher d = DELEGATE.matcher(xml);
			while (d.find()) {
				if (!context.containsBean(d.group(1).strip())) {
					problems.add(bpmn.getFileName() + ": no bean " + d.group(1));
				}
			}
			Matcher e = BEAN_CALL.matcher(xml);
			while (e.find()) {
				String name = e.group(1);
				if (!NOT_BEANS.contains(name) && !context.containsBean(name)) {
					problems.add(bpmn.getFileName() + ": expression names " + name + ", which is no bean and no known variable");
				}
			}
			Matcher r = DECISION_REF.matcher(xml);
			while (r.find()) {
				if (!decisions.contains(r.group(1))) {
					problems.add(bpmn.getFileName() + ": no decision " + r.group(1));
				}
			}
			Matcher m = MESSAGE.matcher(xml);
			while (m.find()) {
				if (!code.contains("\"" + m.group(1) + "\"")) {
					problems.add(bpmn.getFileName() + ": message " + m.group(1) + " is sent by no code");
				}
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void everyElementTemplateNamesAnExistingBeanOrDecision() throws IOException {
		Set<String> decisions = decisions();
		ObjectMapper json = new ObjectMapper();
		List<Path> templates = files("processes/element-templates", ".json");
		assertThat(templates).hasSizeGreaterThanOrEqualTo(12);
		Set<String> ids = new HashSet<>();
		for (Path file : templates) {
			JsonNode t = json.readTree(file.toFile());
			assertThat(ids.add(t.path("id").asText())).as("unique id " + file).isTrue();
			assertThat(t.path("name").asText()).as(file + " name").isNotBlank();
			assertThat(t.path("appliesTo")).as(file + " appliesTo").isNotEmpty();
			for (JsonNode p : t.path("properties")) {
				String value = p.path("value").asText();
				String binding = p.path("binding").path("name").asText();
				if (value.startsWith("${") && (binding.equals("camunda:delegateExpression")
						|| "camunda:executionListener".equals(p.path("binding").path("type").asText()))) {
					String bean = value.substring(2, value.length() - 1);
					assertThat(context.containsBean(bean)).as(file + ": bean " + bean).isTrue();
				}
				if (binding.equals("camunda:decisionRef")) {
					assertThat(decisions).as(file + ": decision").contains(value);
				}
			}
		}
	}

	@Test
	void theLintToolFindsNoProblem() throws Exception {
		Path tool = Path.of("tools/lint-models.py");
		assertThat(tool).exists();
		Process p;
		try {
			p = new ProcessBuilder("python3", tool.toString(), ".").redirectErrorStream(true).start();
		}
		catch (java.io.IOException e) {
			Assumptions.abort("python3 is not installed: tools/lint-models.py not run (ModelHygieneTest checks the same rules)");
			return;
		}
		assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(p.exitValue()).as(out).isZero();
		assertThat(out).contains("0 problems");
	}

}
