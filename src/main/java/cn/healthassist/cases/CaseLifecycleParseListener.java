package cn.healthassist.cases;

import java.util.Map;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.helper.BpmnProperties;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Keeps each case's status in the case index. A process owner names the outcome of an end event with the
 * extension property {@code caseStatus} (e.g. {@code issued}, {@code not-eligible}, {@code withdrawn}); when the
 * case reaches that end event the status is recorded, and when the process instance ends the case is closed.
 * A case deleted by an administrator ends as {@code cancelled}.
 */
@Component
public class CaseLifecycleParseListener extends AbstractBpmnParseListener {

	public static final String CASE_STATUS = "caseStatus";

	private final CaseIndex caseIndex;

	public CaseLifecycleParseListener(@Lazy CaseIndex caseIndex) {
		this.caseIndex = caseIndex;
	}

	@Override
	public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
		processDefinition.addListener(ExecutionListener.EVENTNAME_END, (ExecutionListener) execution -> {
			Object status = execution.getVariable(CASE_STATUS);
			boolean cancelled = execution.isCanceled() && status == null;
			caseIndex.ended(execution.getProcessInstanceId(),
					cancelled || status == null ? CaseRecord.CANCELLED : status.toString());
		});
	}

	@Override
	public void parseEndEvent(Element endEventElement, ScopeImpl scope, ActivityImpl activity) {
		Map<String, String> properties = activity.getProperties().get(BpmnProperties.EXTENSION_PROPERTIES);
		String status = properties == null ? null : properties.get(CASE_STATUS);
		if (status != null) {
			activity.addListener(ExecutionListener.EVENTNAME_START, (ExecutionListener) execution -> {
				execution.setVariable(CASE_STATUS, status);
				caseIndex.status(execution.getProcessInstanceId(), status);
			});
		}
	}

}
