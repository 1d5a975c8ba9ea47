package cn.healthassist.audit;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Puts the audit log into every process, without a line in the models: a listener on every user task's completion,
 * on the start and end of each case, and on every catching event (timers, messages) that fires.
 */
@Component
public class AuditParseListener extends AbstractBpmnParseListener {

	private final AuditRecorder recorder;

	public AuditParseListener(AuditRecorder recorder) {
		this.recorder = recorder;
	}

	@Override
	public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
		processDefinition.addListener(ExecutionListener.EVENTNAME_END, (ExecutionListener) recorder::caseEnded);
	}

	@Override
	public void parseStartEvent(Element startEventElement, ScopeImpl scope, ActivityImpl startEventActivity) {
		if (scope instanceof ProcessDefinitionEntity) {
			startEventActivity.addListener(ExecutionListener.EVENTNAME_END, (ExecutionListener) recorder::caseStarted);
		}
		else {
			startEventActivity.addListener(ExecutionListener.EVENTNAME_END, (ExecutionListener) recorder::eventOccurred);
		}
	}

	@Override
	public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
		((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
			.addTaskListener(TaskListener.EVENTNAME_COMPLETE, (TaskListener) recorder::taskCompleted);
	}

	@Override
	public void parseIntermediateCatchEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
		activity.addListener(ExecutionListener.EVENTNAME_END, (ExecutionListener) recorder::eventOccurred);
	}

	@Override
	public void parseBoundaryEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
		activity.addListener(ExecutionListener.EVENTNAME_END, (ExecutionListener) recorder::eventOccurred);
	}

}
