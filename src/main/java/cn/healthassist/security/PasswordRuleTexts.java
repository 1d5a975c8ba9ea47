package cn.healthassist.security;

import org.camunda.bpm.engine.identity.PasswordPolicyRule;

import cn.healthassist.values.Messages;

/** A rule of the password policy as a person reads it, wherever a password is refused (the portal, every door). */
public final class PasswordRuleTexts {

	private PasswordRuleTexts() {
	}

	public static String of(PasswordPolicyRule rule) {
		return switch (rule.getPlaceholder()) {
			case "PASSWORD_POLICY_LENGTH" -> Messages.get("security.password.ruleLength",
					rule.getParameters().get("minLength"));
			case "PASSWORD_POLICY_CHARACTER_CLASSES" -> Messages.get("security.password.ruleClasses",
					rule.getParameters().get("minClasses"));
			case "PASSWORD_POLICY_USER_DATA" -> Messages.get("security.password.ruleUserData");
			default -> Messages.get("security.password.ruleOther", rule.getPlaceholder());
		};
	}

}
