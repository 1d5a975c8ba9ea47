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
 * The Chinese locale files of Tasklist, Cockpit, Admin and the welcome page translate every key of the English files
 * shipped in the Camunda webapp jar on the classpath, and keep their placeholders; each web app opens in Chinese and
 * offers the 中文 / English switch. When Camunda is upgraded and adds keys, or a web app, this test names them.
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

	private static final Set<String> SAME = Set.of("", "<", "<=", ">", ">=", "ID", "ID*", "Camunda", "Optimize", "<null>", "CSV",
			"JSON", "YYYY-MM-DDTHH:mm:ss");

	private static JsonNode read(String app, String locale) throws IOException {
		String path = "META-INF/resources/webjars/camunda/app/" + app + "/locales/" + locale + ".json";
		try (InputStream in = WebappLocalesTest.class.getClassLoader().getResourceAsStream(path)) {
			assertThat(in).as(path).isNotNull();
			byte[] bytes = in.readAllBytes();
			String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
			return JSON.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
		}
	}

	static final List<String> APPS = List.of("tasklist", "cockpit", "admin", "welcome");

	@ParameterizedTest
	@ValueSource(strings = { "tasklist", "cockpit", "admin", "welcome" })
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

	@ParameterizedTest
	@ValueSource(strings = { "tasklist", "cockpit", "admin", "welcome" })
	void datesAreWrittenTheChineseWay(String app) throws IOException {
		JsonNode en = read(app, "en").path("dateLocales");
		JsonNode zh = read(app, "zh").path("dateLocales");
		Set<String> enKeys = new TreeSet<>();
		en.fieldNames().forEachRemaining(enKeys::add);
		Set<String> zhKeys = new TreeSet<>();
		zh.fieldNames().forEachRemaining(zhKeys::add);
		assertThat(zhKeys).as(app + ": the date settings of the English file").isEqualTo(enKeys);
		if (enKeys.isEmpty()) {
			return; // the welcome page shows no dates
		}
		assertThat(zh.path("longDateFormat").path("L").asText()).as(app).isEqualTo("YYYY-MM-DD");
		assertThat(zh.path("months").get(0).asText()).as(app).isEqualTo("一月");
	}

	@ParameterizedTest
	@ValueSource(strings = { "tasklist", "cockpit", "admin", "welcome" })
	void everyWebAppOpensInChineseAndOffersTheSwitch(String app) throws IOException {
		String config = text("META-INF/resources/webjars/camunda/app/" + app + "/scripts/config.js");
		assertThat(config).as(app + ": Chinese unless English was chosen in this browser")
			.contains("'healthassist.locale')) === 'en' ? 'en' : 'zh'")
			.contains("availableLocales: [chosen]");
		String scripts = config + (app.equals("tasklist") ? text(
				"META-INF/resources/webjars/camunda/app/tasklist/healthassist/tasklist-plugins.js") : "");
		assertThat(scripts).as(app + ": the 中文 / English switch").contains("healthassist/language-switch.js");
		assertThat(text("META-INF/resources/webjars/camunda/app/" + app + "/styles/user-styles.css"))
			.as(app + ": no vendor banner").contains(".ce-eol-banner { display: none !important; }");
	}

	@org.junit.jupiter.api.Test
	void everyWebAppOfTheCamundaJarIsCovered() throws IOException {
		// the web apps of the jar, found by their English files: a web app a new Camunda adds fails here
		Set<String> shipped = new TreeSet<>();
		for (org.springframework.core.io.Resource en : new org.springframework.core.io.support.PathMatchingResourcePatternResolver()
			.getResources("classpath*:META-INF/resources/webjars/camunda/app/*/locales/en.json")) {
			String url = en.getURL().toString();
			String app = url.substring(0, url.indexOf("/locales/en.json"));
			shipped.add(app.substring(app.lastIndexOf('/') + 1));
		}
		assertThat(shipped).containsExactlyInAnyOrderElementsOf(APPS);
	}

	private static String text(String path) throws IOException {
		try (InputStream in = WebappLocalesTest.class.getClassLoader().getResourceAsStream(path)) {
			assertThat(in).as(path).isNotNull();
			return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		}
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
