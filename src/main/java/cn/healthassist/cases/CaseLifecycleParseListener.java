package cn.healthassist.cases;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParser;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.impl.util.xml.Namespace;
import org.springframework.stereotype.Component;

import cn.healthassist.processes.ProcessVariables;

/**
 * Keeps each case's status in the case index. A process owner names the outcome of an end event with the
 * extension property {@code caseStatus} (e.g. {@code issued}, {@code not-eligible}, {@code withdrawn}); when the
 * case reaches that end event the status is recorded, and when the process instance ends the case is closed.
 * A case deleted by an administrator ends as {@code cancelled}.
 */
@Component
public class CaseLifecycleParseListener extends AbstractBpmnParseListener {

	private static final Namespace CAMUNDA = new Namespace(BpmnParser.CAMUNDA_BPMN_EXTENSIONS_NS);

	private final CaseIndex caseIndex;

	public CaseLifecycleParseListener(CaseIndex caseIndex) {
		this.caseIndex = caseIndex;
	}

	@Override
	public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
		processDefinition.addListener(ExecutionListener.EVENTNAME_END, (ExecutionListener) execution -> {
			Object status = execution.getVariable(ProcessVariables.CASE_STATUS);
			boolean cancelled = execution.isCanceled() && status == null;
			caseIndex.ended(execution.getProcessInstanceId(),
					cancelled || status == null ? CaseRecord.CANCELLED : status.toString());
		});
	}

	@Override
	public void parseEndEvent(Element endEventElement, ScopeImpl scope, ActivityImpl activity) {
		String status = extensionProperty(endEventElement, ProcessVariables.CASE_STATUS);
		if (status != null) {
			activity.addListener(ExecutionListener.EVENTNAME_START, (ExecutionListener) execution -> {
				execution.setVariable(ProcessVariables.CASE_STATUS, status);
				caseIndex.status(execution.getProcessInstanceId(), status);
			});
		}
	}

	/** The value of a {@code camunda:property} in the element's extension elements. */
	static String extensionProperty(Element element, String name) {
		Element extensions = element.element("extensionElements");
		Element properties = extensions == null ? null
				: extensions.elementNS(CAMUNDA, "properties");
		if (properties == null) {
			return null;
		}
		for (Element property : properties.elementsNS(CAMUNDA, "property")) {
			if (name.equals(property.attribute("name"))) {
				return property.attribute("value");
			}
		}
		return null;
	}

}
