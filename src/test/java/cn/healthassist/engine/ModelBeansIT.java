package cn.healthassist.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.el.ExpressionManager;
import org.camunda.bpm.engine.impl.el.StartProcessVariableScope;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import cn.healthassist.chronic.IssueCertificateDelegate;
import cn.healthassist.support.IntegrationTest;

/**
 * What a running model's expression can reach, whatever the model rules saw at its deployment (ModelBeans): the
 * product's step templates and the functions made for models; no other bean of the application.
 */
class ModelBeansIT extends IntegrationTest {

	/** Evaluates the expression as the engine does when a model runs: in a command, with its expression manager. */
	private Object evaluate(String expression) {
		ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
		ExpressionManager expressions = config.getExpressionManager();
		return config.getCommandExecutorTxRequired()
			.execute(context -> expressions.createExpression(expression)
				.getValue(StartProcessVariableScope.getSharedInstance()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "${identityService}", "${identityService.createUserQuery().count()}",
			"${treatmentRecordImporter}", "${accounts}", "${dataSource}", "${processEngine}", "${auditLog}" })
	void anyOtherBean_isAnUnknownName(String expression) {
		assertThatThrownBy(() -> evaluate(expression)).hasMessageContaining("Unknown property used in expression");
	}

	@Test
	void stepTemplatesAndModelFunctions_resolve() {
		assertThat(evaluate("${issueCertificate}")).isInstanceOf(IssueCertificateDelegate.class);
		assertThat(evaluate("${dueDates.period('township-review')}")).isInstanceOf(String.class);
	}

}
