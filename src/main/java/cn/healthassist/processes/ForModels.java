package cn.healthassist.processes;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A bean whose public methods a process model's expressions may call ({@code ${dueDates.period('township-review')}}):
 * functions that compute a value from their arguments and change nothing. Besides these, a model may name only the
 * product's step templates (its {@code JavaDelegate}s and listeners, as {@code camunda:delegateExpression}); every other
 * bean of the application (importers, mappers, accounts) is out of a model's reach (engine/ModelRules).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ForModels {
}
