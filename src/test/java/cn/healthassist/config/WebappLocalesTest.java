package cn.healthassist.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Chinese locale files of Tasklist, Admin and the welcome page translate every key of the English files
 * shipped in the Camunda webapp jar on the classpath, and keep their placeholders. When Camunda is upgraded and
 * adds keys, this test names them.
 */
class WebappLocalesTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*\\w+\\s*}}");

	/** Strings that are the same in Chinese: symbols, names, empty. */
	/**
	 * Keys of the product's own in the Chinese files: the placeholder of engine/PasswordRules' rule of kinds of
	 * characters, which Camunda's English files do not have (an English page shows the key).
	 */
	private static final Set<String> OWN = Set.of("PASSWORD_POLICY_CHARACTER_CLASSES");

	private static final Set<String> SAME = Set.of("", "<", "<=", ">", ">=", "ID", "ID*", "Camunda", "Optimize");

	private static JsonNode read(String app, String locale) throws IOException {
		String path = "META-INF/resources/webjars/camunda/app/" + app + "/locales/" + locale + ".json";
		try (InputStream in = WebappLocalesTest.class.getClassLoader().getResourceAsStream(path)) {
			assertThat(in).as(path).isNotNull();
			byte[] bytes = in.readAllBytes();
			String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
			return JSON.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "tasklist", "admin", "welcome" })
	void everyEnglishKeyHasAChineseTranslation(String app) throws IOException {
		JsonNode en = read(app, "en").path("labels");
		JsonNode zh = read(app, "zh").path("labels");
		Set<String> missing = new TreeSet<>();
		List<String> untranslated = new ArrayList<>();
		List<String> placeholders = new ArrayList<>();
		for (Iterator<Map.Entry<String, JsonNode>> it = en.fields(); it.hasNext();) {
			Map.Entry<String, JsonNode> e = it.next();
			JsonNode translated = zh.get(e.getKey());
			if (translated == null) {
				missing.add(e.getKey());
				continue;
			}
			String english = e.getValue().asText();
			String chinese = translated.asText();
			if (english.equals(chinese) && !SAME.contains(english)) {
				untranslated.add(e.getKey() + "=" + english);
			}
			if (!placeholders(english).equals(placeholders(chinese))) {
				placeholders.add(e.getKey() + ": " + english + " -> " + chinese);
			}
		}
		assertThat(missing).as(app + ": keys without a Chinese translation").isEmpty();
		assertThat(untranslated).as(app + ": values left in English").isEmpty();
		assertThat(placeholders).as(app + ": placeholders lost").isEmpty();
		Set<String> extra = new TreeSet<>();
		zh.fieldNames().forEachRemaining(k -> {
			if (!en.has(k)) {
				extra.add(k);
			}
		});
		assertThat(extra).as(app + ": no keys the English file lacks, but the product's own").isSubsetOf(OWN);
	}

	/**
	 * Admin and the welcome page show the password rules in English too: their English files are Camunda's with the
	 * product's own keys added, nothing else changed (after an upgrade of Camunda, copy its file again and add them).
	 */
	@ParameterizedTest
	@ValueSource(strings = { "admin", "welcome" })
	void theEnglishOverrideIsCamundasFileWithTheProductsKeys(String app) throws IOException {
		String path = "META-INF/resources/webjars/camunda/app/" + app + "/locales/en.json";
		JsonNode camunda = null;
		for (java.net.URL url : java.util.Collections.list(WebappLocalesTest.class.getClassLoader().getResources(path))) {
			if ("jar".equals(url.getProtocol())) {
				try (InputStream in = url.openStream()) {
					String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
					camunda = JSON.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
				}
			}
		}
		assertThat(camunda).as("Camunda's " + path).isNotNull();
		JsonNode own = read(app, "en");
		com.fasterxml.jackson.databind.node.ObjectNode expected = camunda.deepCopy();
		com.fasterxml.jackson.databind.node.ObjectNode labels = (com.fasterxml.jackson.databind.node.ObjectNode) expected.path("labels");
		for (String key : OWN) {
			assertThat(own.path("labels").path(key).asText()).as(app + " en " + key).isNotBlank().doesNotContain(key);
			assertThat(placeholders(own.path("labels").path(key).asText()))
				.isEqualTo(placeholders(read(app, "zh").path("labels").path(key).asText()));
			labels.set(key, own.path("labels").path(key));
		}
		assertThat(own).isEqualTo(expected);
	}

	private static Set<String> placeholders(String s) {
		Set<String> found = new TreeSet<>();
		Matcher m = PLACEHOLDER.matcher(s);
		while (m.find()) {
			found.add(m.group().replace(" ", ""));
		}
		return found;
	}

}
