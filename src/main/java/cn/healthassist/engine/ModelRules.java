package cn.healthassist.engine;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import cn.healthassist.processes.ForModels;
import cn.healthassist.security.CaseProcess;
import cn.healthassist.values.Messages;

/**
 * What a deployed model may contain, since a model's expressions run on the server as the application: a deployment
 * by a person (Camunda Modeler, the engine REST API) passes {@link PersonCommandGuard} only when every BPMN and DMN in
 * it passes these rules. BPMN expressions ({@code ${…}}, {@code #{…}}) may name process variables and the product's
 * step templates (delegates and listeners), compare and combine them with operators, and call a public method of a
 * bean marked {@link ForModels} ({@code ${dueDates.date('township-review')}}); nothing else: no member access on other
 * objects (no {@code ''.getClass()}), no functions, no index access, no other beans (the engine's, the product's
 * importers, mappers and accounts, which would run as the system in a timer's job). No script tasks, script
 * listeners, script conditions or Java class names. DMN stays in FEEL, without external (Java) functions. Forms are
 * JSON and run in the browser; other kinds of file are not deployed.
 */
public class ModelRules {

	/** One problem: the element it is in (or the file) and what is wrong. */
	public record Problem(String elementId, String message) {
	}

	private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "eq", "ne", "lt", "gt", "le", "ge", "true",
			"false", "null", "empty", "div", "mod");

	private static final Set<String> CLASS_ATTRIBUTES = Set.of("class", "variableMappingClass",
			"delegateVariableMappingClass", "resource", "scriptFormat", "formHandlerClass");

	private static final Set<String> OBJECT_METHODS = Set.of("getClass", "hashCode", "equals", "toString", "notify",
			"notifyAll", "wait");

	private static final Pattern EXTERNAL = Pattern.compile("\\bexternal\\b");

	private static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";

	private static final String ACTIVITI = "http://activiti.org/bpmn";

	/** Camunda's elements that map values into or out of a step or a called process. */
	private static final Set<String> MAPPINGS = Set.of("inputOutput", "inputParameter", "outputParameter", "in", "out");

	/** Camunda's attributes that name a variable a step writes (a result, a multi-instance element). */
	private static final Set<String> ASSIGNING = Set.of("resultVariable", "elementVariable");

	/** A product bean's class by its name, or empty when the name is not one of the product's beans. */
	private final Function<String, Optional<Class<?>>> productBeans;

	/** Whether a name is a bean of the application that is not the product's own (the engine, the data source …). */
	private final Function<String, Boolean> otherBeans;

	private final Map<Class<?>, Set<String>> methods = new HashMap<>();

	/** The checks of decisions' answers, by the features whose rules they are (ModelRulesConfig). */
	private List<DecisionCheck> decisionChecks = List.of();

	public ModelRules(Function<String, Optional<Class<?>>> productBeans, Function<String, Boolean> otherBeans) {
		this.productBeans = productBeans;
		this.otherBeans = otherBeans;
	}

	/** Sets the checks a deployed decision's answers must pass. */
	public ModelRules withDecisionChecks(List<DecisionCheck> checks) {
		this.decisionChecks = List.copyOf(checks);
		return this;
	}

	/** A DMN engine of Camunda's defaults, to evaluate a decision before it is deployed. */
	private static final class Dmn {
		static final org.camunda.bpm.dmn.engine.DmnEngine ENGINE = org.camunda.bpm.dmn.engine.DmnEngineConfiguration
			.createDefaultDmnEngineConfiguration()
			.buildEngine();
	}

	/** Each checked decision of the DMN file, evaluated: the problems of its answers. */
	private void decisionAnswers(Element root, byte[] content, List<Problem> problems) {
		for (DecisionCheck check : decisionChecks) {
			boolean present = false;
			for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
				present |= child instanceof Element e && "decision".equals(e.getLocalName())
						&& check.decisionKey().equals(e.getAttribute("id"));
			}
			if (!present) {
				continue;
			}
			try {
				org.camunda.bpm.dmn.engine.DmnDecision decision = Dmn.ENGINE.parseDecision(check.decisionKey(),
						new java.io.ByteArrayInputStream(content));
				check.problems(Dmn.ENGINE, decision)
					.forEach(p -> problems.add(new Problem(check.decisionKey(), p)));
			}
			catch (RuntimeException e) {
				problems.add(new Problem(check.decisionKey(), Messages.get("engine.model.decisionUnusable",
						String.valueOf(e.getMessage()))));
			}
		}
	}

	/** The problems of one resource of a deployment; empty when it may be deployed. */
	public List<Problem> problems(String resourceName, byte[] content) {
		String name = resourceName.toLowerCase(Locale.ROOT);
		List<Problem> problems = new ArrayList<>();
		if (name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml")) {
			Element root = parse(resourceName, content, problems);
			if (root != null) {
				bpmn(root, resourceName, null, problems);
			}
		}
		else if (name.endsWith(".dmn") || name.endsWith(".dmn11.xml")) {
			Element root = parse(resourceName, content, problems);
			if (root != null) {
				dmn(root, resourceName, problems);
				// a decision in the rules' language and without Java is evaluated for the inputs the product gives it
				if (problems.isEmpty()) {
					decisionAnswers(root, content, problems);
				}
			}
		}
		else if (name.endsWith(".form")) {
			// a Camunda Form is a JSON object, each field of it once: the product reads forms strictly (the fields a
			// step may submit, the record's labels), so a form it could not read would leave its step unworkable
			if (!isStrictJsonObject(content)) {
				problems.add(new Problem(resourceName, Messages.get("engine.model.formJson")));
			}
		}
		else if (!name.endsWith(".png") || !isPng(content)) {
			// a diagram's picture is a PNG, and nothing else under its name; no SVG, which may carry script
			problems.add(new Problem(resourceName, Messages.get("engine.model.fileType")));
		}
		return problems;
	}

	private static final com.fasterxml.jackson.databind.ObjectMapper STRICT_JSON = new com.fasterxml.jackson.databind.ObjectMapper()
		.enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

	private static boolean isStrictJsonObject(byte[] content) {
		try {
			return STRICT_JSON.readTree(content) instanceof com.fasterxml.jackson.databind.node.ObjectNode;
		}
		catch (java.io.IOException e) {
			return false;
		}
	}

	private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

	private static boolean isPng(byte[] content) {
		return content.length > PNG.length && java.util.Arrays.equals(content, 0, PNG.length, PNG, 0, PNG.length);
	}

	private static Element parse(String resourceName, byte[] content, List<Problem> problems) {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setNamespaceAware(true);
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			factory.setExpandEntityReferences(false);
			// the text as Camunda's parser reads it: comments dropped, CDATA and the text around them joined, so that
			// an expression split by a comment ($<!-- -->{…}) is checked whole, as the engine will run it
			factory.setIgnoringComments(true);
			factory.setCoalescing(true);
			DocumentBuilder builder = factory.newDocumentBuilder();
			builder.setErrorHandler(null);
			org.w3c.dom.Document document = builder.parse(new ByteArrayInputStream(content));
			document.normalizeDocument();
			if (hasProcessingInstruction(document)) {
				problems.add(new Problem(resourceName, Messages.get("engine.model.processingInstruction")));
				return null;
			}
			return document.getDocumentElement();
		}
		catch (Exception e) {
			problems.add(new Problem(resourceName, Messages.get("engine.model.invalidXml")));
			return null;
		}
	}

	/** A processing instruction ({@code <?x y?>}) anywhere in a model: nothing a model needs, and it splits text too. */
	private static boolean hasProcessingInstruction(Node node) {
		for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
			if (child.getNodeType() == Node.PROCESSING_INSTRUCTION_NODE || hasProcessingInstruction(child)) {
				return true;
			}
		}
		return false;
	}

	private void bpmn(Element element, String owner, String processKey, List<Problem> problems) {
		String id = element.hasAttribute("id") ? element.getAttribute("id") : owner;
		String local = element.getLocalName();
		// a process's expressions read the variables its engine keeps (CaseProcess.engineKeeps)
		String process = "process".equals(local) && element.hasAttribute("id") ? element.getAttribute("id").strip()
				: processKey;
		if ("scriptTask".equals(local) || "script".equals(local)) {
			problems.add(new Problem(id, Messages.get("engine.model.script", local)));
		}
		// Camunda still reads its predecessor's namespace (activiti:class, activiti:assignee): none of it here
		if (ACTIVITI.equals(element.getNamespaceURI())) {
			problems.add(new Problem(id, Messages.get("engine.model.activiti", "activiti:" + local)));
		}
		boolean camundaElement = CAMUNDA.equals(element.getNamespaceURI());
		// a listener's class (camunda:executionListener class="…") and a form field's validator class are attributes
		// of Camunda's elements without a namespace; Camunda instantiates them as it parses or runs the model
		for (String attribute : CLASS_ATTRIBUTES) {
			if (camundaElement && element.hasAttribute(attribute)) {
				problems.add(new Problem(id, Messages.get("engine.model.javaClass", local + " " + attribute)));
			}
		}
		if (camundaElement && "constraint".equals(local) && "validator".equals(element.getAttribute("name").strip())) {
			problems.add(new Problem(id, Messages.get("engine.model.javaClass", "constraint validator")));
		}
		// no process calls another: a call would start a case process past its start's checks, or run a step template
		// as the system for a business key the caller chose
		if ("callActivity".equals(local)) {
			problems.add(new Problem(id, Messages.get("engine.model.mapping", local)));
		}
		boolean caseProcess = process != null && CaseProcess.keys().contains(process);
		if (caseProcess) {
			performers(element, local, id, CaseProcess.of(process), problems);
			sameGroups(element, local, id, process, problems);
			mappings(element, local, id, problems);
			forms(element, id, problems);
		}
		else {
			persons(element, local, id, problems);
		}
		automaticStart(element, local, id, problems);
		NamedNodeMap attributes = element.getAttributes();
		for (int i = 0; i < attributes.getLength(); i++) {
			Attr a = (Attr) attributes.item(i);
			String attr = a.getLocalName() == null ? a.getName() : a.getLocalName();
			if (ACTIVITI.equals(a.getNamespaceURI())) {
				problems.add(new Problem(id, Messages.get("engine.model.activiti", "activiti:" + attr)));
			}
			if (caseProcess && CAMUNDA.equals(a.getNamespaceURI()) && ASSIGNING.contains(attr)
					&& CaseProcess.JURISDICTION_CODES.contains(a.getValue().strip())) {
				problems.add(new Problem(id, Messages.get("engine.model.jurisdictionCode", a.getValue().strip())));
			}
			if (CLASS_ATTRIBUTES.contains(attr) && a.getNamespaceURI() != null && a.getNamespaceURI().contains("camunda")) {
				problems.add(new Problem(id, Messages.get("engine.model.javaClass", attr)));
			}
			if ("language".equals(attr) && !a.getValue().isBlank() && !"juel".equalsIgnoreCase(a.getValue())) {
				problems.add(new Problem(id, Messages.get("engine.model.scriptLanguage", a.getValue())));
			}
			expressions(a.getValue(), id, process, problems);
		}
		for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
			if (child instanceof Element e) {
				bpmn(e, id, process, problems);
			}
			else if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
				expressions(child.getNodeValue(), id, process, problems);
			}
		}
	}

	/**
	 * In a case's process nothing is mapped in or out of a step, and no other process is called: a case's values are
	 * written by the product's rules only, and an input parameter named {@code villageCode} would offer a step to
	 * another village's group under a name the candidate-group rule allows.
	 */
	private static void mappings(Element element, String local, String id, List<Problem> problems) {
		boolean camunda = CAMUNDA.equals(element.getNamespaceURI());
		if (camunda && MAPPINGS.contains(local)) {
			problems.add(new Problem(id, Messages.get("engine.model.mapping", (camunda ? "camunda:" : "") + local)));
		}
	}

	/**
	 * A case's start and steps show a Camunda Form named as it is ({@code camunda:formRef} with a literal key, binding
	 * and version): the check of what a person may submit, the audit log's record of it and the facts the rules read
	 * all resolve that reference (BoundForms, audit/FormFields), which an expression or a {@code camunda:formKey}
	 * (an embedded or external form, whose fields are not known) would leave them unable to do.
	 */
	private static void forms(Element element, String id, List<Problem> problems) {
		if (element.hasAttributeNS(CAMUNDA, "formKey")) {
			problems.add(new Problem(id, Messages.get("engine.model.formRef", "camunda:formKey")));
		}
		for (String attribute : List.of("formRef", "formRefBinding", "formRefVersion")) {
			String value = element.getAttributeNS(CAMUNDA, attribute);
			if (value.contains("${") || value.contains("#{")) {
				problems.add(new Problem(id, Messages.get("engine.model.formRef", "camunda:" + attribute + "=\"" + value + "\"")));
			}
		}
	}

	/**
	 * A case's tasks go to the groups of its jurisdiction, and to no one else: a user task's candidate groups are among
	 * the process's readers (CaseProcess.readers: {@code township-health-${townshipCode}}, the county office), and no
	 * task names a person (assignee, candidate users) or other performers. A task offered elsewhere would show the case
	 * outside its jurisdiction, and its candidates would work it without reading its history (TaskGrantsProvider).
	 */
	private static void performers(Element element, String local, String id, CaseProcess process,
			List<Problem> problems) {
		if (persons(element, local, id, problems) || !"userTask".equals(local)) {
			return;
		}
		List<String> allowed = new ArrayList<>();
		for (CaseProcess.Level level : CaseProcess.Level.values()) {
			process.groupsAt(level).forEach(prefix -> allowed.add(prefix + "${" + level.codeVariable() + "}"));
		}
		allowed.add(process.county());
		String groups = element.getAttributeNS(CAMUNDA, "candidateGroups");
		if (groups.isBlank()) {
			problems.add(new Problem(id, Messages.get("engine.model.noCandidateGroup", String.join("、", allowed))));
			return;
		}
		for (String group : groups.split(",")) {
			if (!allowed.contains(group.strip())) {
				problems.add(new Problem(id,
						Messages.get("engine.model.candidateGroup", group.strip(), String.join("、", allowed))));
			}
		}
	}

	/**
	 * No task of any process names a person (assignee, candidate users) or other performers: a task goes to the groups
	 * whose members' work it is. True when the element is such a performer.
	 */
	private static boolean persons(Element element, String local, String id, List<Problem> problems) {
		if ("potentialOwner".equals(local) || "humanPerformer".equals(local) || "performer".equals(local)) {
			problems.add(new Problem(id, Messages.get("engine.model.performer", local)));
			return true;
		}
		if ("userTask".equals(local)) {
			for (String attribute : List.of("assignee", "candidateUsers")) {
				if (element.hasAttributeNS(CAMUNDA, attribute)) {
					problems.add(new Problem(id, Messages.get("engine.model.performer", "camunda:" + attribute)));
				}
			}
		}
		return false;
	}

	/**
	 * A process is started by a person (its start form or the product's API) or by the product's rules, never by itself:
	 * a process's own start event with a timer, message, signal or condition would start cases that no one applied for,
	 * and put tasks into offices' lists unattended. An event sub-process (a withdrawal, a revoked certificate) may wait
	 * for a message inside a running case.
	 */
	private static void automaticStart(Element element, String local, String id, List<Problem> problems) {
		if (!"startEvent".equals(local) || !(element.getParentNode() instanceof Element parent)
				|| !"process".equals(parent.getLocalName())) {
			return;
		}
		for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
			if (child instanceof Element definition && definition.getLocalName() != null
					&& definition.getLocalName().endsWith("EventDefinition")) {
				problems.add(new Problem(id, Messages.get("engine.model.automaticStart", definition.getLocalName())));
			}
		}
	}

	/**
	 * A step the product's own model has keeps its candidate groups: the product's rules take its decision for that
	 * office's (the county's approval, the federation's), so a changed model may not offer it to another of the case's
	 * groups (a village doctor approving the county's certificate). A step of the owner's own is free within the case's
	 * groups (above).
	 */
	private static void sameGroups(Element element, String local, String id, String process, List<Problem> problems) {
		if (!"userTask".equals(local)) {
			return;
		}
		String product = ProductForms.shipped().candidateGroups(process, id);
		String groups = element.getAttributeNS(CAMUNDA, "candidateGroups").strip();
		if (product != null && !product.equals(groups)) {
			problems.add(new Problem(id, Messages.get("engine.model.sameGroups", product)));
		}
	}

	private static void dmn(Element element, String owner, List<Problem> problems) {
		String id = element.hasAttribute("id") ? element.getAttribute("id") : owner;
		String language = element.getAttribute("expressionLanguage");
		if (!language.isBlank() && !language.toLowerCase(Locale.ROOT).contains("feel")) {
			problems.add(new Problem(id, Messages.get("engine.model.feelOnly", language)));
		}
		for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
			if (child instanceof Element e) {
				dmn(e, id, problems);
			}
			else if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
				if (EXTERNAL.matcher(child.getNodeValue()).find()) {
					problems.add(new Problem(id, Messages.get("engine.model.externalFunction")));
				}
			}
		}
	}

	/** Checks every {@code ${…}} and {@code #{…}} in a text. */
	void expressions(String text, String id, List<Problem> problems) {
		expressions(text, id, null, problems);
	}

	/** As {@link #expressions(String, String, List)}, in a process whose expressions read only what its engine keeps. */
	void expressions(String text, String id, String processKey, List<Problem> problems) {
		if (text == null) {
			return;
		}
		int i = 0;
		while (true) {
			int dollar = text.indexOf("${", i);
			int hash = text.indexOf("#{", i);
			int start = dollar < 0 ? hash : hash < 0 ? dollar : Math.min(dollar, hash);
			if (start < 0) {
				return;
			}
			int end = closing(text, start + 2);
			if (end < 0) {
				problems.add(new Problem(id, Messages.get("engine.model.unclosedExpression", text.substring(start))));
				return;
			}
			String problem = check(text.substring(start + 2, end), processKey);
			if (problem != null) {
				problems.add(new Problem(id, problem + "：" + text.substring(start, end + 1)));
			}
			i = end + 1;
		}
	}

	/** The index of the brace that closes an expression, skipping string literals; -1 when there is none. */
	private static int closing(String text, int from) {
		char quote = 0;
		for (int i = from; i < text.length(); i++) {
			char c = text.charAt(i);
			if (quote != 0) {
				if (c == '\\') {
					i++;
				}
				else if (c == quote) {
					quote = 0;
				}
			}
			else if (c == '\'' || c == '"') {
				quote = c;
			}
			else if (c == '}') {
				return i;
			}
		}
		return -1;
	}

	private record Token(String kind, String text) {
	}

	/** Why an expression is not allowed, or null when it is. */
	String check(String body) {
		return check(body, null);
	}

	/**
	 * As {@link #check(String)}, in the process of the key: a name that is no bean must be a variable its engine keeps
	 * (CaseProcess.engineKeeps; the others are in the case record, where an expression cannot read them).
	 */
	String check(String body, String processKey) {
		List<Token> tokens;
		try {
			tokens = tokens(body);
		}
		catch (IllegalArgumentException e) {
			return e.getMessage();
		}
		for (int i = 0; i < tokens.size(); i++) {
			Token t = tokens.get(i);
			Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
			Token previous = i > 0 ? tokens.get(i - 1) : null;
			if (t.kind().equals("op") && t.text().equals(".")) {
				// only bean.method( after a product bean that starts the member access
				if (previous == null || !previous.kind().equals("id") || i < 1
						|| (i >= 2 && tokens.get(i - 2).text().equals("."))) {
					return Messages.get("engine.model.productMethodsOnly");
				}
				Optional<Class<?>> bean = productBeans.apply(previous.text());
				Token after = i + 2 < tokens.size() ? tokens.get(i + 2) : null;
				if (bean.isEmpty() || next == null || !next.kind().equals("id") || after == null
						|| !after.text().equals("(") || !methodsOf(bean.get()).contains(next.text())) {
					return Messages.get("engine.model.productMethodsOnly");
				}
				continue;
			}
			if (!t.kind().equals("id") || KEYWORDS.contains(t.text())) {
				continue;
			}
			boolean member = previous != null && previous.text().equals(".");
			if (member) {
				continue; // checked with its dot
			}
			if (next != null && next.text().equals("(")) {
				return Messages.get("engine.model.function", t.text());
			}
			if (next != null && next.text().equals(":") && i + 2 < tokens.size() && tokens.get(i + 2).kind().equals("id")) {
				return Messages.get("engine.model.function", t.text() + ":");
			}
			Optional<Class<?>> bean = productBeans.apply(t.text());
			boolean productBean = bean.isPresent();
			if (!productBean && otherBeans.apply(t.text())) {
				return Messages.get("engine.model.otherBean", t.text());
			}
			// a step template reads and writes a case's record by its business key: only in a case's own process
			if (productBean && !bean.get().isAnnotationPresent(ForModels.class) && processKey != null
					&& !CaseProcess.keys().contains(processKey)) {
				return Messages.get("engine.model.templateOutsideCase", t.text());
			}
			if (processKey != null && !productBean && !CaseProcess.engineKeeps(processKey, t.text())) {
				return Messages.get("engine.model.notKept", t.text());
			}
		}
		return null;
	}

	private Set<String> methodsOf(Class<?> type) {
		return methods.computeIfAbsent(type, c -> {
			Set<String> names = new java.util.HashSet<>();
			if (!c.isAnnotationPresent(ForModels.class)) {
				return Set.of(); // a step template is named, never called into
			}
			for (Method m : c.getMethods()) {
				if (Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers())
						&& m.getDeclaringClass().getName().startsWith("cn.healthassist.")
						&& !OBJECT_METHODS.contains(m.getName())) {
					names.add(m.getName());
				}
			}
			return Set.copyOf(names);
		});
	}

	private static List<Token> tokens(String body) {
		List<Token> tokens = new ArrayList<>();
		int i = 0;
		while (i < body.length()) {
			char c = body.charAt(i);
			if (Character.isWhitespace(c)) {
				i++;
			}
			else if (c == '\'' || c == '"') {
				int j = i + 1;
				while (j < body.length() && body.charAt(j) != c) {
					j += body.charAt(j) == '\\' ? 2 : 1;
				}
				if (j >= body.length()) {
					throw new IllegalArgumentException(Messages.get("engine.model.unclosedString"));
				}
				tokens.add(new Token("literal", body.substring(i, j + 1)));
				i = j + 1;
			}
			else if (Character.isDigit(c)) {
				int j = i;
				while (j < body.length() && (Character.isDigit(body.charAt(j)) || body.charAt(j) == '.')) {
					j++;
				}
				tokens.add(new Token("literal", body.substring(i, j)));
				i = j;
			}
			else if (Character.isLetter(c) || c == '_') {
				int j = i;
				while (j < body.length() && (Character.isLetterOrDigit(body.charAt(j)) || body.charAt(j) == '_')) {
					j++;
				}
				tokens.add(new Token("id", body.substring(i, j)));
				i = j;
			}
			else {
				String two = i + 1 < body.length() ? body.substring(i, i + 2) : "";
				if (Set.of("==", "!=", "<=", ">=", "&&", "||").contains(two)) {
					tokens.add(new Token("op", two));
					i += 2;
				}
				else if ("<>!+-*/%?:(),.".indexOf(c) >= 0) {
					tokens.add(new Token("op", String.valueOf(c)));
					i++;
				}
				else {
					throw new IllegalArgumentException(Messages.get("engine.model.character", c));
				}
			}
		}
		return tokens;
	}

}
