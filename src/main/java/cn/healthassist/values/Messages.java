package cn.healthassist.values;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The texts people are shown (problems, refusals, labels, status and step names, Excel headers), from the one
 * bundle {@code messages.properties} (UTF-8) that Spring's {@code MessageSource} reads too. A key that is not in the
 * bundle throws {@link MissingResourceException}: MessagesTest checks that every key the code names exists.
 * <p>
 * Every message is a {@link MessageFormat} pattern, with or without arguments (and so Spring reads it too:
 * {@code spring.messages.always-use-message-format}): a single quote is written as two, a brace quoted in single
 * quotes. The arguments are shown as {@link String#valueOf(Object)} shows them, as string concatenation did: a number
 * keeps its digits ({@code 2026}, never {@code 2,026}), an amount is passed already formatted ({@code Money.text}).
 */
public final class Messages {

	public static final String BUNDLE = "messages";

	private static final ResourceBundle MESSAGES = ResourceBundle.getBundle(BUNDLE, Locale.ROOT, Messages.class.getClassLoader(),
			ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));

	private Messages() {
	}

	/** The message of {@code key} with its arguments {0}, {1}, …; throws MissingResourceException for an unknown key. */
	public static String get(String key, Object... args) {
		Object[] texts = new Object[args.length];
		for (int i = 0; i < args.length; i++) {
			texts[i] = String.valueOf(args[i]);
		}
		return new MessageFormat(MESSAGES.getString(key), Locale.ROOT).format(texts);
	}

	/** The messages of several keys without arguments, in order: a row of column headers. */
	public static String[] getAll(String... keys) {
		String[] texts = new String[keys.length];
		for (int i = 0; i < keys.length; i++) {
			texts[i] = get(keys[i]);
		}
		return texts;
	}

}
