package cn.healthassist.charity;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import cn.healthassist.engine.DecisionCheck;
import cn.healthassist.values.Messages;

/**
 * The federation's second-approval decision (DMN {@code charity-second-approval}) as the grant step uses it, checked
 * when a process owner deploys a version: for a relief of nothing, of the amounts around the product's threshold and of
 * a large one, it answers yes or no. A decision that answers neither would stop every case of its version at the
 * grant (RecordGrantDelegate pays nothing then).
 */
@Component
class SecondApprovalCheck implements DecisionCheck {

	/** Reliefs the decision must answer for, as the case record holds them: text amounts to the fen. */
	private static final List<String> RELIEFS = List.of("0.00", "0.01", "9999.99", "10000.00", "10000.01", "50000.00",
			"999999.99");

	@Override
	public String decisionKey() {
		return CharityActivities.SECOND_APPROVAL_DECISION;
	}

	@Override
	public List<String> problems(DmnEngine engine, DmnDecision decision) {
		List<String> problems = new ArrayList<>();
		for (String relief : RELIEFS) {
			Object answer;
			try {
				answer = engine.evaluateDecision(decision,
						Variables.createVariables().putValue(CharityVariables.RELIEF_AMOUNT, relief))
					.getSingleEntry();
			}
			catch (RuntimeException e) {
				problems.add(Messages.get("charity.second.check.failed", relief, String.valueOf(e.getMessage())));
				continue;
			}
			if (!(answer instanceof Boolean)) {
				problems.add(Messages.get("charity.second.check.answer", relief, String.valueOf(answer)));
			}
		}
		return problems;
	}

}
