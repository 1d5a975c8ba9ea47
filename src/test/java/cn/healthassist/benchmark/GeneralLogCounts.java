package cn.healthassist.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Counts the statements in a MariaDB/MySQL general query log ({@code -Dbench.sqlLog}): how many a case, and of which
 * kind (the statement's verb and first table), most frequent first. An entry may span several lines; only
 * {@code Query} and {@code Execute} entries are statements, and the benchmark's own switching of the log is left out.
 */
final class GeneralLogCounts {

	/** The start of an entry: an optional date and time, the connection's id, the kind of entry, a tab, its text. */
	private static final Pattern ENTRY = Pattern
		.compile("^(?:\\d{6}\\s+\\d{1,2}:\\d{2}:\\d{2})?\\s+\\d+\\s+(Query|Execute|Prepare|Connect|Quit|Close stmt|Init DB|Reset stmt|Long Data|Field List|Statistics|Ping)\\t(.*)$");

	private static final Pattern FROM = Pattern.compile("\\bFROM\\s+([A-Z_][A-Z0-9_]*)");

	private static final Pattern INTO = Pattern.compile("\\bINTO\\s+([A-Z_][A-Z0-9_]*)");

	private static final Pattern UPDATE = Pattern.compile("^UPDATE\\s+([A-Z_][A-Z0-9_]*)");

	private final Map<String, Integer> kinds = new LinkedHashMap<>();

	private int statements;

	static GeneralLogCounts read(Path file) throws IOException {
		GeneralLogCounts counts = new GeneralLogCounts();
		try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			StringBuilder entry = null;
			for (String line; (line = in.readLine()) != null;) {
				Matcher m = ENTRY.matcher(line);
				if (m.matches()) {
					counts.add(entry);
					entry = m.group(1).equals("Query") || m.group(1).equals("Execute") ? new StringBuilder(m.group(2)) : null;
				}
				else if (entry != null) {
					entry.append(' ').append(line.strip());
				}
			}
			counts.add(entry);
		}
		return counts;
	}

	private void add(StringBuilder entry) {
		if (entry == null) {
			return;
		}
		String sql = entry.toString().strip().replaceAll("\\s+", " ");
		if (sql.startsWith("SET GLOBAL general_log")) {
			return; // the benchmark switching the log
		}
		statements++;
		kinds.merge(kind(sql), 1, Integer::sum);
	}

	/** "select ACT_RU_TASK", "insert ACT_HI_ACTINST", "COMMIT", …: the verb and the first table it names. */
	static String kind(String sql) {
		String upper = sql.toUpperCase(Locale.ROOT).replaceFirst("^SET STATEMENT .*? FOR ", "");
		String verb = upper.split("[\\s(]", 2)[0];
		Matcher table = switch (verb) {
			case "SELECT", "DELETE" -> FROM.matcher(upper);
			case "INSERT" -> INTO.matcher(upper);
			case "UPDATE" -> UPDATE.matcher(upper);
			default -> null;
		};
		if (table == null) {
			return upper.length() > 40 ? upper.substring(0, 40) : upper;
		}
		return verb.toLowerCase(Locale.ROOT) + " " + (table.find() ? table.group(1) : "?");
	}

	int statements() {
		return statements;
	}

	/** Statements a case, then the {@code top} most frequent kinds a case. */
	String summary(int cases, int top) {
		String most = kinds.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.limit(top)
			.map(e -> String.format(Locale.ROOT, "%.1f %s", (double) e.getValue() / cases, e.getKey()))
			.collect(Collectors.joining(", "));
		return String.format(Locale.ROOT, "%.1f statements a case; most frequent: %s", (double) statements / cases, most);
	}

}
