package cn.healthassist.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.form.CamundaFormRef;
import org.camunda.bpm.engine.impl.cmd.GetCamundaFormDefinitionCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.repository.CamundaFormDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The version of a Camunda Form the engine binds for a start event or user task ({@code camunda:formRef} with its
 * binding {@code latest}, {@code deployment} or {@code version}), resolved as the engine resolves it for Tasklist
 * ({@link GetCamundaFormDefinitionCmd}), and resolved once per transaction. A process owner may deploy a changed form
 * alone from Modeler at any moment; at READ COMMITTED each read of the latest version could see a newer one. So that a
 * step's check ({@link PersonCommandGuard}: the fields a person may submit) and its record (the audit log: the fields
 * recorded, and the version kept with them) see the same version, both ask here, in the step's one transaction
 * ({@link StepTransaction}), and the first answer holds for the rest of it.
 */
public final class BoundForms {

	private BoundForms() {
	}

	/**
	 * The bound version of the form for a process definition deployed in {@code processDeploymentId}, or null when
	 * there is none (the engine then shows no form). Inside an engine command.
	 */
	public static CamundaFormDefinition of(String processDeploymentId, CamundaFormRef ref) {
		CommandContext commandContext = Context.getCommandContext();
		if (commandContext == null) {
			throw new IllegalStateException("a form's version is resolved inside an engine command");
		}
		Map<String, Optional<CamundaFormDefinition>> resolved = InTransaction.map();
		String key = processDeploymentId + "|" + ref.getKey() + "|" + ref.getBinding() + "|" + ref.getVersion();
		Optional<CamundaFormDefinition> known = resolved.get(key);
		if (known == null) {
			known = Optional.ofNullable(resolve(commandContext, processDeploymentId, ref));
			resolved.put(key, known);
		}
		return known.orElse(null);
	}

	private static CamundaFormDefinition resolve(CommandContext commandContext, String processDeploymentId,
			CamundaFormRef ref) {
		try {
			return commandContext.runWithoutAuthorization(new GetCamundaFormDefinitionCmd(ref, processDeploymentId));
		}
		catch (RuntimeException e) {
			return null; // a binding the engine does not know: it shows no form either
		}
	}

	/**
	 * The forms resolved in the current transaction (a map of its own outside one): kept as one of the transaction's
	 * synchronizations, which Spring sets aside while an inner transaction runs and drops when it ends.
	 */
	private static final class InTransaction implements TransactionSynchronization {

		private final Map<String, Optional<CamundaFormDefinition>> forms = new HashMap<>();

		static Map<String, Optional<CamundaFormDefinition>> map() {
			if (!TransactionSynchronizationManager.isSynchronizationActive()) {
				return new HashMap<>();
			}
			for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
				if (s instanceof InTransaction bound) {
					return bound.forms;
				}
			}
			InTransaction bound = new InTransaction();
			TransactionSynchronizationManager.registerSynchronization(bound);
			return bound.forms;
		}

	}

}
