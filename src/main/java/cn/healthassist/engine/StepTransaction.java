package cn.healthassist.engine;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/**
 * A person's step on a task (claiming it, completing it, submitting its form) runs in one command context, so in one
 * transaction and one entity cache with the guards that check it: the task, its candidate groups, its deployed form,
 * its variables and its case record are read once, in the transaction that then changes them, instead of in a
 * transaction of each guard's own before it (docs/benchmark.md). A guard that refuses the step throws before the
 * step's command runs; the transaction is rolled back and nothing is changed, as before.
 * <p>
 * The guards after this interceptor tell the person's own command from the commands the engine runs inside it with
 * {@link #isOutermost}: a command context is already open when they see the step.
 */
public class StepTransaction extends CommandInterceptor {

	/** The step whose command context this interceptor opened, on this thread. */
	private static final ThreadLocal<Command<?>> STEP = new ThreadLocal<>();

	private final ProcessEngineConfigurationImpl config;

	public StepTransaction(ProcessEngineConfigurationImpl config) {
		this.config = config;
	}

	@Override
	public <T> T execute(Command<T> command) {
		if (Context.getCommandContext() != null || !isStep(command)) {
			return next.execute(command);
		}
		// the rest of the chain (the guards, then the engine's transaction and command context, which it finds open and
		// joins) runs inside a command of its own, which opens the transaction
		return config.getCommandExecutorTxRequired().execute(context -> {
			STEP.set(command);
			try {
				return next.execute(command);
			}
			finally {
				STEP.remove();
			}
		});
	}

	private static boolean isStep(Command<?> command) {
		return command instanceof ClaimTaskCmd || command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd;
	}

	/**
	 * Whether the command is the outermost of a request: no command context is open, or this interceptor opened it for
	 * this very command.
	 */
	public static boolean isOutermost(Command<?> command) {
		return Context.getCommandContext() == null || STEP.get() == command;
	}

}
