package cn.healthassist.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.ParallelGateway;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Models are for people: every BPMN in processes/ parses with Camunda's model API, is drawn (so Camunda Modeler
 * opens it and keeps every element), names every element in words, uses readable ids, has a history time to
 * live, and gives every user task a candidate group and an existing Camunda Form. Every form's id is its file
 * name. The same rules as tools/lint-models.py, inside the build.
 */
class ModelHygieneTest {

	private static final Path PROCESSES = Path.of("processes");

	private static final Path FORMS = Path.of("forms");

	private static final Pattern GENERATED_ID = Pattern
		.compile("^(Activity|Event|Gateway|Flow|StartEvent|EndEvent|Task|SequenceFlow)_[0-9a-z]{7}$");

	private static final ObjectMapper JSON = new ObjectMapper();

	static List<Path> files(Path dir, String suffix) throws IOException {
		try (Stream<Path> s = Files.walk(dir)) {
			return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
		}
	}

	static Set<String> formIds() throws IOException {
		Set<String> ids = new HashSet<>();
		for (Path form : files(FORMS, ".form")) {
			ids.add(JSON.readTree(form.toFile()).path("id").asText());
		}
		return ids;
	}

	@Test
	void theFourProcessesOfTheSpecExist() throws IOException {
		List<String> names = files(PROCESSES, ".bpmn").stream().map(p -> p.getFileName().toString()).toList();
		assertThat(names).contains("chronic-certificate.bpmn");
	}

	@TestFactory
	Stream<DynamicTest> everyProcessIsReadableAndDrawn() throws IOException {
		Set<String> forms = formIds();
		return files(PROCESSES, ".bpmn").stream().map(path -> DynamicTest.dynamicTest(path.getFileName().toString(), () -> {
			List<String> problems = problems(path, forms);
			assertThat(problems).as(path + " problems").isEmpty();
		}));
	}

	static List<String> problems(Path path, Set<String> forms) {
		List<String> problems = new ArrayList<>();
		BpmnModelInstance model = Bpmn.readModelFromFile(path.toFile());
		Bpmn.validateModel(model);
		Set<String> shapes = new HashSet<>();
		model.getModelElementsByType(BpmnShape.class).forEach(s -> shapes.add(s.getBpmnElement().getId()));
		Set<String> edges = new HashSet<>();
		model.getModelElementsByType(BpmnEdge.class).forEach(e -> edges.add(e.getBpmnElement().getId()));
		Collection<Process> processes = model.getModelElementsByType(Process.class);
		assertThat(processes).hasSize(1);
		Process process = processes.iterator().next();
		String fileName = path.getFileName().toString().replace(".bpmn", "");
		if (!process.getId().equals(fileName)) {
			problems.add("process id " + process.getId() + " differs from the file name");
		}
		if (!process.isExecutable()) {
			problems.add("process is not executable");
		}
		if (process.getCamundaHistoryTimeToLiveString() == null) {
			problems.add("no history time to live");
		}
		if (process.getName() == null || process.getName().isBlank()) {
			problems.add("process has no name");
		}
		for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
			if (!shapes.contains(node.getId())) {
				problems.add(node.getId() + " is not drawn");
			}
			if (!(node instanceof ParallelGateway) && (node.getName() == null || node.getName().isBlank())) {
				problems.add(node.getId() + " has no name");
			}
			if (GENERATED_ID.matcher(node.getId()).matches()) {
				problems.add(node.getId() + " has a generated id");
			}
			if (node instanceof UserTask task) {
				if (task.getCamundaCandidateGroups() == null && task.getCamundaAssignee() == null) {
					problems.add(task.getId() + " has no candidate group or assignee");
				}
				String ref = task.getCamundaFormRef();
				if (ref == null) {
					problems.add(task.getId() + " has no Camunda Form");
				}
				else if (!forms.contains(ref)) {
					problems.add(task.getId() + " refers to form " + ref + ", which no file in forms/ defines");
				}
			}
			if (node instanceof StartEvent start && start.getParentElement() instanceof Process) {
				String ref = start.getCamundaFormRef();
				if (ref != null && !forms.contains(ref)) {
					problems.add(start.getId() + " refers to form " + ref + ", which no file in forms/ defines");
				}
			}
		}
		for (SubProcess sub : model.getModelElementsByType(SubProcess.class)) {
			if (!shapes.contains(sub.getId())) {
				problems.add(sub.getId() + " is not drawn");
			}
		}
		for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
			if (!edges.contains(flow.getId())) {
				problems.add(flow.getId() + " is not drawn");
			}
			if (GENERATED_ID.matcher(flow.getId()).matches()) {
				problems.add(flow.getId() + " has a generated id");
			}
		}
		return problems;
	}

	@TestFactory
	Stream<DynamicTest> everyFormIsNamedAfterItsFileAndLabelsItsFields() throws IOException {
		return files(FORMS, ".form").stream().map(path -> DynamicTest.dynamicTest(path.getFileName().toString(), () -> {
			JsonNode form = JSON.readTree(path.toFile());
			assertThat(form.path("id").asText()).isEqualTo(path.getFileName().toString().replace(".form", ""));
			assertThat(form.path("executionPlatform").asText()).isEqualTo("Camunda Platform");
			Set<String> keys = new HashSet<>();
			walk(form.path("components"), c -> {
				String type = c.path("type").asText();
				if (Set.of("textfield", "textarea", "number", "select", "radio", "checkbox", "checklist", "taglist", "datetime")
					.contains(type)) {
					String key = c.path("key").asText();
					assertThat(key).as("key of a " + type).isNotBlank();
					assertThat(keys.add(key)).as("key " + key + " used once").isTrue();
					// a date field carries its label as dateLabel
					assertThat("datetime".equals(type) ? c.path("dateLabel").asText() : c.path("label").asText())
						.as("label of " + key).isNotBlank();
				}
				// a searchable choice shows Tasklist's Chinese prompt (请选择…); a plain one form-js's English "Select"
				if ("select".equals(type) && !c.path("disabled").asBoolean() && !c.path("readonly").asBoolean()) {
					assertThat(c.path("searchable").asBoolean()).as("select " + c.path("key").asText() + " searchable")
						.isTrue();
				}
			});
		}));
	}

	private static void walk(JsonNode components, java.util.function.Consumer<JsonNode> visitor) {
		for (JsonNode c : components) {
			visitor.accept(c);
			if (c.has("components")) {
				walk(c.path("components"), visitor);
			}
		}
	}

}
