package cn.healthassist.engine;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.identity.PasswordPolicy;
import org.camunda.bpm.engine.identity.PasswordPolicyRule;
import org.camunda.bpm.engine.impl.identity.PasswordPolicyLengthRuleImpl;
import org.camunda.bpm.engine.impl.identity.PasswordPolicyUserDataRuleImpl;

/**
 * The password policy of a level-3 system (等保 身份鉴别): at least 8 characters of at least 3 of the 4 kinds (lower
 * case, upper case, digits, other characters), and none of the user's own data (id, names, e-mail). Camunda checks it
 * whenever a password is set, in Admin, Tasklist's profile and the engine REST API; Admin and Tasklist show the rules
 * (their placeholders are in the web apps' locales). Password history and expiry are not built yet.
 */
public class PasswordRules implements PasswordPolicy {

	public static final int MIN_LENGTH = 8;

	public static final int MIN_CLASSES = 3;

	@Override
	public List<PasswordPolicyRule> getRules() {
		return List.of(new PasswordPolicyLengthRuleImpl(MIN_LENGTH), new CharacterClasses(MIN_CLASSES),
				new PasswordPolicyUserDataRuleImpl());
	}

	/** At least {@code min} of the four kinds of characters. */
	static final class CharacterClasses implements PasswordPolicyRule {

		static final String PLACEHOLDER = "PASSWORD_POLICY_CHARACTER_CLASSES";

		private final int min;

		CharacterClasses(int min) {
			this.min = min;
		}

		@Override
		public String getPlaceholder() {
			return PLACEHOLDER;
		}

		@Override
		public Map<String, String> getParameters() {
			return Map.of("minClasses", String.valueOf(min));
		}

		@Override
		public boolean execute(String password) {
			if (password == null) {
				return false;
			}
			int lower = password.codePoints().anyMatch(Character::isLowerCase) ? 1 : 0;
			int upper = password.codePoints().anyMatch(Character::isUpperCase) ? 1 : 0;
			int digit = password.codePoints().anyMatch(Character::isDigit) ? 1 : 0;
			int other = password.codePoints().anyMatch(c -> !Character.isLetterOrDigit(c)) ? 1 : 0;
			return lower + upper + digit + other >= min;
		}

	}

}
