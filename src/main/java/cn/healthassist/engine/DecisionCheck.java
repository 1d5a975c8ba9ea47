package cn.healthassist.engine;

import java.util.List;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;

/**
 * A check of a decision's answers at its deployment, by the feature whose rule it is: a decision a process owner
 * changes is evaluated for the inputs the product gives it, and a version whose answers the product's rules could not
 * use is refused with 400, naming the decision and why (ModelRules), before any case meets it.
 */
public interface DecisionCheck {

	/** The key of the decision checked. */
	String decisionKey();

	/** What is wrong with the decision's answers, in words for its owner; empty when they can be used. */
	List<String> problems(DmnEngine engine, DmnDecision decision);

}
