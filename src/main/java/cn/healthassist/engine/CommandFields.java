package cn.healthassist.engine;

import java.lang.reflect.Field;

/**
 * Reads a field of one of Camunda's commands, which offer no getters: the task a claim, assignment or completion is
 * for, the user or group it names, the variables it submits, the authorization it deletes or saves. The guards
 * ({@link TaskAssignmentGuard}, {@link TaskCompletionGuard}, {@link CandidateGrantGuard}) decide on these values, so a
 * field that is not there (a later Camunda version renamed it) is an error, never a {@code null} that would let the
 * command through unchecked. {@code CommandFieldsTest} reads every field the guards use from Camunda's own command
 * classes.
 */
final class CommandFields {

	private CommandFields() {
	}

	/** The value of the field {@code name}, declared by the command's class or one of its superclasses. */
	static Object read(Object command, String name) {
		for (Class<?> c = command.getClass(); c != null; c = c.getSuperclass()) {
			Field f;
			try {
				f = c.getDeclaredField(name);
			}
			catch (NoSuchFieldException e) {
				continue; // declared higher up, if at all
			}
			try {
				f.setAccessible(true);
				return f.get(command);
			}
			catch (ReflectiveOperationException | RuntimeException e) {
				throw new IllegalStateException("Camunda's " + command.getClass().getSimpleName() + "." + name + " cannot be read", e);
			}
		}
		throw new IllegalStateException("Camunda's " + command.getClass().getSimpleName() + " has no field " + name
				+ ": the guards need it (a new Camunda version? see CommandFieldsTest)");
	}

}
