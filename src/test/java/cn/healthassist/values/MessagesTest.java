package cn.healthassist.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The people-facing texts in {@code messages.properties}: every key the code names is in the bundle, every key in
 * the bundle is named by the code, and every message formats to exactly what the file says (quotes and braces
 * escaped, arguments shown as given).
 */
class MessagesTest {

	private static final Path SOURCES = Path.of("src/main/java");

	private static final Path BUNDLE = Path.of("src/main/resources/messages.properties");

	/** A string literal shaped like a key: lower-case first segment, then dotted segments. */
	private static final Pattern KEY_SHAPE = Pattern.compile("[a-z][A-Za-z0-9]*(\\.[A-Za-z0-9]+)+");

	/** A key made by concatenation, which neither this test nor a person's grep can find. */
	private static final Pattern BUILT_KEY = Pattern.compile("Messages\\.get\\(\\s*(\"[^\"]*\"\\s*\\+|[^\")\\s][^,)]*\\+)");

	private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)\\}");

	private static Map<String, String> bundle;

	private static Map<Path, Code> sources;

	@BeforeAll
	static void read() throws IOException {
		bundle = load(BUNDLE);
		sources = new LinkedHashMap<>();
		try (Stream<Path> files = Files.walk(SOURCES)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
				sources.put(file, Code.of(Files.readString(file)));
			}
		}
	}

	@Test
	void everyKeyTheCodeNamesIsInTheBundle() {
		Set<String> sections = new TreeSet<>();
		bundle.keySet().forEach(k -> sections.add(k.substring(0, k.indexOf('.'))));
		List<String> missing = new ArrayList<>();
		List<String> built = new ArrayList<>();
		int named = 0;
		for (Map.Entry<Path, Code> file : sources.entrySet()) {
			for (String literal : file.getValue().literals()) {
				if (KEY_SHAPE.matcher(literal).matches() && sections.contains(literal.substring(0, literal.indexOf('.')))) {
					named++;
					if (!bundle.containsKey(literal)) {
						missing.add(file.getKey() + ": " + literal);
					}
				}
			}
			Matcher m = BUILT_KEY.matcher(file.getValue().code());
			while (m.find()) {
				built.add(file.getKey() + ": " + m.group());
			}
		}
		assertThat(named).as("keys named in the code").isGreaterThan(100);
		assertThat(missing).as("keys the code names that messages.properties lacks").isEmpty();
		assertThat(built).as("keys are whole string literals, never built by concatenation").isEmpty();
	}

	@Test
	void everyKeyInTheBundleIsUsed() {
		Set<String> literals = new TreeSet<>();
		sources.values().forEach(c -> literals.addAll(c.literals()));
		List<String> unused = bundle.keySet().stream().filter(k -> !literals.contains(k)).toList();
		assertThat(unused).as("messages no code uses (dead sentences)").isEmpty();
	}

	@Test
	void theBundleHasNoKeyTwiceAndIsReadAsUtf8() throws IOException {
		assertThat(bundle).isNotEmpty();
		assertThat(Messages.get("values.idNumber.badCheckDigit")).isEqualTo("身份证号码校验位不正确，请核对");
		List<URL> copies = Collections.list(MessagesTest.class.getClassLoader().getResources("messages.properties"));
		assertThat(copies).as("one messages.properties on the class path").hasSize(1);
	}

	@Test
	void everyMessageFormatsToWhatTheFileSays() {
		for (Map.Entry<String, String> e : bundle.entrySet()) {
			String key = e.getKey();
			String pattern = e.getValue();
			String plain = pattern.replace("''", "").replace("'{'", "").replace("'}'", "");
			assertThat(plain).as(key + ": a single quote is written ''").doesNotContain("'");
			assertThat(ARGUMENT.matcher(plain).replaceAll("")).as(key + ": a brace is written '{' or '}'")
				.doesNotContain("{")
				.doesNotContain("}");
			int count = new MessageFormat(pattern, Locale.ROOT).getFormatsByArgumentIndex().length;
			for (int i = 0; i < count; i++) {
				assertThat(pattern).as(key + ": arguments are numbered from 0 without a gap").contains("{" + i + "}");
			}
			Object[] args = IntStream.range(0, count).mapToObj(i -> "«" + i + "»").toArray();
			String expected = ARGUMENT.matcher(pattern)
				.replaceAll("«$1»")
				.replace("'{'", "{")
				.replace("'}'", "}")
				.replace("''", "'");
			assertThat(Messages.get(key, args)).as(key).isEqualTo(expected);
		}
	}

	@Test
	void numbersKeepTheirDigits() {
		assertThat(Messages.get("values.text.tooLong", "随访记录", 50000)).isEqualTo("随访记录不能超过50000个字");
		assertThat(Messages.get("values.idNumber.length", 17)).isEqualTo("身份证号码应为18位（当前17位）");
		assertThat(Messages.get("web.csv.line", 12345L, "缺少列")).isEqualTo("第12345行：缺少列");
		assertThat(Messages.get("values.text.notAllowed", "年份", new BigDecimal("2026.50")))
			.isEqualTo("年份的取值无效（可选：2026.50）");
		assertThat(Messages.get("values.text.notAllowed", "金额", Money.text(new BigDecimal("50000"))))
			.isEqualTo("金额的取值无效（可选：50000.00）");
		assertThat(Messages.get("values.text.notAllowed", "说明", (Object) null)).isEqualTo("说明的取值无效（可选：null）");
	}

	@Test
	void anUnknownKeyFailsLoudly() {
		assertThatThrownBy(() -> Messages.get("values.noSuchMessage")).isInstanceOf(MissingResourceException.class)
			.hasMessageContaining("values.noSuchMessage");
	}

	@Test
	void springReadsTheSameBundleAlike() {
		// as Spring Boot configures it: basename messages, UTF-8, and (application.yaml) always a MessageFormat
		ResourceBundleMessageSource spring = new ResourceBundleMessageSource();
		spring.setBasename(Messages.BUNDLE);
		spring.setDefaultEncoding("UTF-8");
		spring.setAlwaysUseMessageFormat(true);
		for (Map.Entry<String, String> e : bundle.entrySet()) {
			int count = new MessageFormat(e.getValue(), Locale.ROOT).getFormatsByArgumentIndex().length;
			Object[] args = IntStream.range(0, count).mapToObj(i -> "x" + i).toArray();
			assertThat(spring.getMessage(e.getKey(), args, Locale.SIMPLIFIED_CHINESE)).as(e.getKey())
				.isEqualTo(Messages.get(e.getKey(), args));
		}
	}

	/** The bundle's entries in file order; a key twice fails. */
	private static Map<String, String> load(Path file) throws IOException {
		Map<String, String> entries = new LinkedHashMap<>();
		List<String> twice = new ArrayList<>();
		Properties properties = new Properties() {

			private static final long serialVersionUID = 1L;

			@Override
			public synchronized Object put(Object key, Object value) {
				if (entries.put((String) key, (String) value) != null) {
					twice.add((String) key);
				}
				return super.put(key, value);
			}

		};
		try (InputStream in = Files.newInputStream(file); Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		assertThat(twice).as("keys given twice in " + file).isEmpty();
		return entries;
	}

	/** A Java source: its code without comments, and its string literals. */
	private record Code(String code, List<String> literals) {

		static Code of(String src) {
			StringBuilder code = new StringBuilder();
			List<String> literals = new ArrayList<>();
			int i = 0;
			while (i < src.length()) {
				if (src.startsWith("//", i)) {
					int end = src.indexOf('\n', i);
					i = end < 0 ? src.length() : end;
				}
				else if (src.startsWith("/*", i)) {
					i = src.indexOf("*/", i + 2) + 2;
				}
				else if (src.startsWith("\"\"\"", i)) {
					int end = src.indexOf("\"\"\"", i + 3);
					literals.add(src.substring(i + 3, end));
					code.append(src, i, end + 3);
					i = end + 3;
				}
				else if (src.charAt(i) == '"' || src.charAt(i) == '\'') {
					char quote = src.charAt(i);
					StringBuilder literal = new StringBuilder();
					int j = i + 1;
					while (src.charAt(j) != quote) {
						if (src.charAt(j) == '\\') {
							j++;
						}
						literal.append(src.charAt(j++));
					}
					if (quote == '"') {
						literals.add(literal.toString());
					}
					code.append(src, i, j + 1);
					i = j + 1;
				}
				else {
					code.append(src.charAt(i++));
				}
			}
			return new Code(code.toString(), literals);
		}

	}

}
