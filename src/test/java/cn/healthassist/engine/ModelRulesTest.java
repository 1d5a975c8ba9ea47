package cn.healthassist.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import cn.healthassist.chronic.IssueCertificateDelegate;
import cn.healthassist.values.DueDates;

/** What a deployed model's expressions may say, without the application: product beans are stood in for. */
class ModelRulesTest {

	/** The product's beans the models name, by the classes they are; identityService stands for any other bean. */
	private static final Map<String, Class<?>> PRODUCT = Map.of("dueDates", DueDates.class, "overdueReminder",
			Object.class, "issueCertificate", IssueCertificateDelegate.class);

	private final ModelRules rules = new ModelRules(name -> Optional.ofNullable(PRODUCT.get(name)),
			name -> Set.of("identityService", "processEngine", "dataSource").contains(name) || PRODUCT.containsKey(name));

	@ParameterizedTest
	@ValueSource(strings = { "villageCode", "townshipDecision == 'pass'", "!zeroMaterial", "noticeDays > 0",
			"dueDates.date('township-review')", "visitKind == 'tuberculosis' && eligible", "overdueReminder",
			"amount >= 3600.00 ? 'yes' : 'no'", "empty opinion" })
	void allowed(String expression) {
		assertThat(rules.check(expression)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "''.getClass().forName('java.lang.Runtime')", "execution.getVariable('x')", "x[0]",
			"x['class']", "identityService", "dueDates.getClass()", "dueDates.date('x').getClass()", "now()",
			"a.b", "fn:join(x, ',')", "x = 1", "x; y", "applicant.name", "(dueDates).date('x')",
			"dueDates.noSuchMethod('x')", "'unclosed", "issueCertificate.execute(execution)" })
	void refused(String expression) {
		assertThat(rules.check(expression)).isNotNull();
	}

	@Test
	void everyExpressionInAText_isChecked_withTheElementItIsIn() {
		List<ModelRules.Problem> problems = new ArrayList<>();
		rules.expressions("village-doctor-${villageCode} and ${''.getClass()} and #{x[1]}", "Task_X", problems);
		assertThat(problems).extracting(ModelRules.Problem::elementId).containsExactly("Task_X", "Task_X");
	}

	@Test
	void theRepositorysModels_areAllowed() throws IOException {
		ModelRules lenient = new ModelRules(name -> Optional.of(name.equals("dueDates") ? DueDates.class : Object.class),
				name -> false);
		for (String folder : List.of("processes", "forms")) {
			try (Stream<Path> files = Files.list(Path.of(folder))) {
				for (Path file : files.filter(Files::isRegularFile).toList()) {
					assertThat(lenient.problems(file.getFileName().toString(), Files.readAllBytes(file)))
						.as(file.toString())
						.isEmpty();
				}
			}
		}
	}

	/** A step the product's rules take for an office's keeps that office: the county's approval is not a village's. */
	@Test
	void aKnownStep_keepsItsCandidateGroups() throws IOException {
		String original = Files.readString(Path.of("processes/chronic-certificate.bpmn"), StandardCharsets.UTF_8);
		String moved = original.replaceFirst(
				"(<bpmn:userTask id=\"Task_CountyApproval\"[^>]*camunda:candidateGroups=\")county-insurance\"",
				"$1village-doctor-\\${villageCode}\"");
		assertThat(moved).isNotEqualTo(original);
		// the product's beans as the repository's models name them (theRepositorysModels_areAllowed)
		ModelRules lenient = new ModelRules(name -> Optional.of(name.equals("dueDates") ? DueDates.class : Object.class),
				name -> false);
		assertThat(lenient.problems("chronic-certificate.bpmn", moved.getBytes(StandardCharsets.UTF_8)))
			.extracting(ModelRules.Problem::elementId, ModelRules.Problem::message)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("Task_CountyApproval",
					"本系统的这一步骤由 county-insurance 办理，修改后的模型不能改由其他组办理"));
		assertThat(lenient.problems("chronic-certificate.bpmn", original.getBytes(StandardCharsets.UTF_8))).isEmpty();
	}

	/** A form the product could not read strictly would leave its step unworkable: refused at deployment. */
	@Test
	void aFormThatIsNoJsonObject_orNamesAFieldTwice_isRefused() {
		String twice = "{\"type\": \"default\", \"id\": \"f\", \"id\": \"g\", \"components\": []}";
		assertThat(rules.problems("f.form", twice.getBytes(StandardCharsets.UTF_8)))
			.extracting(ModelRules.Problem::message)
			.containsExactly("表单不是有效的 JSON 对象，或有重复的字段名");
		assertThat(rules.problems("f.form", "[]".getBytes(StandardCharsets.UTF_8))).hasSize(1);
		assertThat(rules.problems("f.form", "{\"type\": ".getBytes(StandardCharsets.UTF_8))).hasSize(1);
		assertThat(rules.problems("f.form", "{\"type\": \"default\", \"components\": []}".getBytes(StandardCharsets.UTF_8)))
			.isEmpty();
	}

	@Test
	void theRepositorysModels_readOnlyWhatTheirEnginesKeep() throws IOException {
		Set<String> beans = Set.of("dueDates", "overdueReminder", "calculateRelief", "charityRules", "charityStart",
				"chronicApplicationStart", "chronicDecisionRules", "followupRules", "followupStart", "issueCertificate",
				"issueReferral", "lookUpTreatmentRecords", "recordGrant", "recordVisit", "referralRules", "referralStart",
				"scheduleVisit", "startPublicNotice");
		ModelRules real = new ModelRules(
				name -> beans.contains(name) ? Optional.of(name.equals("dueDates") ? DueDates.class : Object.class)
						: Optional.empty(),
				name -> false);
		try (Stream<Path> files = Files.list(Path.of("processes"))) {
			for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).toList()) {
				assertThat(real.problems(file.getFileName().toString(), Files.readAllBytes(file))).as(file.toString())
					.isEmpty();
			}
		}
	}

	/** The problems of a model holding one process with the id and the elements given. */
	private List<ModelRules.Problem> problems(String processId, String elements) {
		String model = """
				<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
				    xmlns:activiti="http://activiti.org/bpmn">
				  <process id="%s" isExecutable="true">
				%s
				  </process>
				</definitions>""".formatted(processId, elements);
		return rules.problems("p.bpmn", model.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void aProcessThatDeclaresWhatItsEngineKeeps_isRefusedAConditionOnAnythingElse() {
		String elements = """
				    <userTask id="Task_Review" camunda:candidateGroups="township-health-${townshipCode}"/>
				    <sequenceFlow id="Flow_Pass" sourceRef="a" targetRef="b">
				      <conditionExpression>${townshipDecision == 'pass'}</conditionExpression>
				    </sequenceFlow>
				    <sequenceFlow id="Flow_Dibao" sourceRef="a" targetRef="c">
				      <conditionExpression>${householdCategory == 'dibao' &amp;&amp; !zeroMaterial}</conditionExpression>
				    </sequenceFlow>""";
		List<ModelRules.Problem> chronic = problems("chronic-certificate", elements);
		assertThat(chronic).extracting(ModelRules.Problem::elementId).containsExactly("Flow_Dibao");
		assertThat(chronic.get(0).message()).contains("householdCategory");
		List<ModelRules.Problem> charity = problems("charity-relief", elements);
		assertThat(charity).extracting(ModelRules.Problem::elementId)
			.as("charity keeps the household category; its township group is the civil-affairs office")
			.containsExactly("Task_Review", "Flow_Pass", "Flow_Dibao");
		assertThat(charity.get(2).message()).startsWith("表达式读不到 zeroMaterial");
		assertThat(rules.check("verificationOpinion == ''", "charity-relief")).contains("verificationOpinion");
		assertThat(rules.check("reliefAmount", "charity-relief")).isNull();
		assertThat(problems("some-other-process", elements)).as("a process that is not a case's reads every value")
			.isEmpty();
		// the follow-up keeps no township: a step offered to the township health centre could never be reached
		assertThat(rules.check("townshipCode", "chronic-followup")).contains("townshipCode");
		assertThat(rules.check("visitKind == 'tuberculosis'", "chronic-followup")).isNull();
		assertThat(rules.check("hospitalCode", "county-referral")).isNull();
		assertThat(rules.check("headOpinion", "county-referral")).contains("headOpinion");
		assertThat(rules.check("dueDates.date('referral-head-approval')", "county-referral")).isNull();
	}

	@Test
	void aCasesTasksGoToItsJurisdictionsGroups_andToNoOneByName() {
		String elements = """
				    <userTask id="Task_Own" camunda:candidateGroups="township-health-${townshipCode}, county-insurance"/>
				    <userTask id="Task_OtherVillage" camunda:candidateGroups="village-doctor-T02V01"/>
				    <userTask id="Task_OtherOffice" camunda:candidateGroups="charity-federation"/>
				    <userTask id="Task_ByName" camunda:candidateGroups="county-insurance" camunda:assignee="insurance"/>
				    <userTask id="Task_Users" camunda:candidateGroups="county-insurance" camunda:candidateUsers="health-t02"/>
				    <userTask id="Task_NoGroup"/>
				    <userTask id="Task_Owner">
				      <potentialOwner><resourceAssignmentExpression><formalExpression>group(auditor)</formalExpression></resourceAssignmentExpression></potentialOwner>
				    </userTask>""";
		List<ModelRules.Problem> chronic = problems("chronic-certificate", elements);
		assertThat(chronic).extracting(ModelRules.Problem::elementId).containsExactly("Task_OtherVillage",
				"Task_OtherOffice", "Task_ByName", "Task_Users", "Task_NoGroup", "Task_Owner", "Task_Owner");
		assertThat(chronic.get(0).message()).contains("village-doctor-T02V01")
			.contains("village-doctor-${villageCode}、township-health-${townshipCode}、county-insurance");
		assertThat(chronic.get(2).message()).contains("camunda:assignee");
		assertThat(chronic.get(3).message()).contains("camunda:candidateUsers");
		assertThat(chronic.get(4).message()).startsWith("任务要交给本流程案件辖区的候选组");
		assertThat(chronic.get(6).message()).contains("potentialOwner");
		// the referral's jurisdiction is its hospital's two groups and the health commission
		assertThat(problems("county-referral", """
				    <userTask id="Task_Head" camunda:candidateGroups="hospital-head-${hospitalCode}"/>
				    <userTask id="Task_Doctor" camunda:candidateGroups="hospital-doctor-${hospitalCode}"/>
				    <userTask id="Task_Audit" camunda:candidateGroups="health-commission"/>
				    <userTask id="Task_Village" camunda:candidateGroups="village-doctor-${villageCode}"/>"""))
			.extracting(ModelRules.Problem::message)
			.as("not its jurisdiction's group, and a value the referral's engine does not keep")
			.satisfiesExactly(m -> assertThat(m).contains("village-doctor-${villageCode}"),
					m -> assertThat(m).startsWith("表达式读不到 villageCode"));
		// a process that is not a case's offers its tasks to any group, but to no one by name either
		assertThat(problems("some-other-process", elements)).extracting(ModelRules.Problem::elementId)
			.as("a process that is not a case's").containsExactly("Task_ByName", "Task_Users", "Task_Owner");
	}

	/**
	 * No process starts itself: a timer, message, signal or condition on a process's start would start cases no one
	 * applied for, or put tasks in offices' lists unattended (the owner's timer started a task every minute); an event
	 * sub-process inside a running case may wait for a message.
	 */
	@Test
	void aProcessStartsByAPerson_orTheProductsRules_neverByItself() {
		String starts = """
				    <startEvent id="Start_Timer"><timerEventDefinition><timeCycle>R/PT1M</timeCycle></timerEventDefinition></startEvent>
				    <startEvent id="Start_Message"><messageEventDefinition messageRef="m"/></startEvent>
				    <startEvent id="Start_Signal"><signalEventDefinition signalRef="s"/></startEvent>
				    <startEvent id="Start_Plain"/>
				    <subProcess id="SubProcess_Withdraw" triggeredByEvent="true">
				      <startEvent id="Start_Withdraw"><messageEventDefinition messageRef="w"/></startEvent>
				    </subProcess>""";
		for (String process : List.of("some-other-process", "chronic-certificate")) {
			List<ModelRules.Problem> found = problems(process, starts).stream()
				.filter(p -> p.elementId().startsWith("Start_"))
				.toList();
			assertThat(found).extracting(ModelRules.Problem::elementId).as(process)
				.containsExactly("Start_Timer", "Start_Message", "Start_Signal");
			assertThat(found.get(0).message()).contains("timerEventDefinition");
		}
	}

	@Test
	void aCasesFormsAreNamedAsTheyAre_noExpression_noEmbeddedForm() {
		String elements = """
				    <startEvent id="StartEvent_Apply" camunda:formRef="chronicStartForm" camunda:formRefBinding="latest"/>
				    <userTask id="Task_Own" camunda:candidateGroups="county-insurance" camunda:formRef="chronicCountyApprovalForm"
				        camunda:formRefBinding="version" camunda:formRefVersion="2"/>
				    <userTask id="Task_ChosenForm" camunda:candidateGroups="county-insurance" camunda:formRef="${formName}"
				        camunda:formRefBinding="latest"/>
				    <userTask id="Task_ChosenVersion" camunda:candidateGroups="county-insurance" camunda:formRef="chronicCountyApprovalForm"
				        camunda:formRefBinding="version" camunda:formRefVersion="#{formVersion}"/>
				    <userTask id="Task_Embedded" camunda:candidateGroups="county-insurance"
				        camunda:formKey="embedded:app:forms/approve.html"/>""";
		List<ModelRules.Problem> chronic = problems("chronic-certificate", elements).stream()
			.filter(p -> p.message().startsWith("案件流程的表单"))
			.toList();
		assertThat(chronic).extracting(ModelRules.Problem::elementId).containsExactly("Task_ChosenForm",
				"Task_ChosenVersion", "Task_Embedded");
		assertThat(chronic).extracting(ModelRules.Problem::message).satisfiesExactly(
				m -> assertThat(m).contains("camunda:formRef=\"${formName}\""),
				m -> assertThat(m).contains("camunda:formRefVersion=\"#{formVersion}\""),
				m -> assertThat(m).contains("camunda:formKey"));
		assertThat(problems("some-other-process", elements)).as("a process that is not a case's")
			.noneMatch(p -> p.message().startsWith("案件流程的表单"));
	}

	@Test
	void aCasesJurisdictionIsNotRemapped_noOtherProcessIsCalled_andCamundasOldNamespaceIsRefused() {
		String elements = """
				    <userTask id="Task_Mapped" camunda:candidateGroups="village-doctor-${villageCode}">
				      <extensionElements><camunda:inputOutput><camunda:inputParameter name="villageCode">T02V01</camunda:inputParameter></camunda:inputOutput></extensionElements>
				    </userTask>
				    <serviceTask id="Task_Rewritten" camunda:expression="${'T02'}" camunda:resultVariable=" townshipCode "/>
				    <userTask id="Task_Each" camunda:candidateGroups="county-insurance">
				      <multiInstanceLoopCharacteristics camunda:collection="${caseNo}" camunda:elementVariable="villageCode"/>
				    </userTask>
				    <callActivity id="Call_Helper" calledElement="helper"/>
				    <userTask id="Task_Old" camunda:candidateGroups="county-insurance" activiti:assignee="health-t02"/>""";
		// the process id with blanks around it is still the chronic-certificate's
		List<ModelRules.Problem> chronic = problems(" chronic-certificate ", elements);
		assertThat(chronic).extracting(ModelRules.Problem::elementId).containsExactly("Task_Mapped", "Task_Mapped",
				"Task_Rewritten", "Task_Each", "Call_Helper", "Task_Old");
		assertThat(chronic).extracting(ModelRules.Problem::message).satisfiesExactly(
				m -> assertThat(m).contains("camunda:inputOutput"), m -> assertThat(m).contains("camunda:inputParameter"),
				m -> assertThat(m).startsWith("townshipCode 是案件的辖区"), m -> assertThat(m).startsWith("villageCode 是案件的辖区"),
				m -> assertThat(m).contains("callActivity"), m -> assertThat(m).contains("activiti:assignee"));
		// outside the four processes mappings are the owner's, but no process calls another, and Camunda's old
		// namespace is refused everywhere
		assertThat(problems(" some-other-process ", elements)).extracting(ModelRules.Problem::elementId)
			.containsExactly("Call_Helper", "Task_Old");
	}

	@Test
	void scriptsClassesAndOtherFiles_areRefused() {
		String bpmn = """
				<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn">
				  <process id="p" isExecutable="true">
				    <scriptTask id="Task_Script" scriptFormat="groovy"><script>"id".execute()</script></scriptTask>
				    <serviceTask id="Task_Class" camunda:class="java.lang.ProcessBuilder"/>
				    <userTask id="Task_Listener"><extensionElements>
				      <camunda:taskListener class="java.lang.ProcessBuilder" event="create"/>
				    </extensionElements></userTask>
				    <userTask id="Task_FormHandler" camunda:formHandlerClass="java.lang.ProcessBuilder"/>
				    <userTask id="Task_Validator"><extensionElements><camunda:formData><camunda:formField id="f" type="string"><!-- the validator is named by its field -->
				      <camunda:validation><camunda:constraint name="validator" config="java.lang.ProcessBuilder"/></camunda:validation>
				    </camunda:formField></camunda:formData></extensionElements></userTask>
				    <sequenceFlow id="Flow_1" sourceRef="a" targetRef="b">
				      <conditionExpression language="javascript">true</conditionExpression>
				    </sequenceFlow>
				  </process>
				</definitions>""";
		assertThat(rules.problems("x.bpmn", bpmn.getBytes(StandardCharsets.UTF_8)))
			.extracting(ModelRules.Problem::elementId)
			.contains("Task_Script", "Task_Class", "Task_Listener", "Task_FormHandler", "f", "Flow_1");
		assertThat(rules.problems("x.groovy", new byte[0])).hasSize(1);
		assertThat(rules.problems("d.svg", "<svg onload=\"alert(1)\"><script>alert(2)</script></svg>"
			.getBytes(StandardCharsets.UTF_8))).as("no SVG").hasSize(1);
		assertThat(rules.problems("d.png", "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8)))
			.as("a PNG by name only").hasSize(1);
		assertThat(rules.problems("d.png", new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0 })).isEmpty();
		assertThat(rules.problems("x.bpmn", "<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>"
			.getBytes(StandardCharsets.UTF_8))).hasSize(1);
	}

	/** Camunda's parser reads an element's text whole: so do the rules, whatever splits it in the file. */
	@ParameterizedTest
	@ValueSource(strings = { "$<!-- split -->{identityService.createMembership('owner','camunda-admin') == null}",
			"$<![CDATA[{identityService.createUserQuery().count() > 0}]]>", "$<?x y?>{identityService}" })
	void anExpressionSplitByAComment_CData_orAnInstruction_isCheckedWhole(String condition) {
		List<ModelRules.Problem> problems = problems("some-other-process", """
				    <sequenceFlow id="Flow_Split" sourceRef="a" targetRef="b">
				      <conditionExpression>%s</conditionExpression>
				    </sequenceFlow>""".formatted(condition));
		assertThat(problems).as(condition).isNotEmpty();
		assertThat(problems.get(0).message()).containsAnyOf("identityService", "处理指令");
	}

	@Test
	void aStepTemplate_runsOnlyInACasesOwnProcess() {
		String elements = """
				    <serviceTask id="Task_Issue" camunda:delegateExpression="${issueCertificate}"/>
				    <userTask id="Task_Due" camunda:candidateGroups="county-insurance" camunda:dueDate="${dueDates.date('county-approval')}"/>""";
		assertThat(problems("chronic-certificate", elements)).isEmpty();
		List<ModelRules.Problem> other = problems("some-other-process", elements);
		assertThat(other).extracting(ModelRules.Problem::elementId).containsExactly("Task_Issue");
		assertThat(other.get(0).message()).startsWith("步骤模板 issueCertificate 只能用在本系统的案件流程里");
	}

	@Test
	void decisionsStayInFeel_withoutJavaFunctions() {
		String dmn = """
				<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d">
				  <decision id="Decision_Rate"><decisionTable id="Table_1">
				    <input id="Input_1"><inputExpression id="Expr_1" typeRef="string"><text>function(x) external {java: {class: "java.lang.Runtime", method signature: "getRuntime()"}}</text></inputExpression></input>
				    <input id="Input_2"><inputExpression id="Expr_2" expressionLanguage="javascript"><text>1</text></inputExpression></input>
				  </decisionTable></decision>
				</definitions>""";
		assertThat(rules.problems("d.dmn", dmn.getBytes(StandardCharsets.UTF_8)))
			.extracting(ModelRules.Problem::elementId)
			.contains("Expr_1", "Expr_2");
	}

}
