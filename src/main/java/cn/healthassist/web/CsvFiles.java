package cn.healthassist.web;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import cn.healthassist.problems.CaseRejectedException;
import cn.healthassist.problems.FieldProblem;
import cn.healthassist.values.Messages;

/**
 * Reads the CSV files people import (organisation, treatment records) and the demo data, with Commons CSV: quoted
 * fields (a hospital name with a comma), a byte-order mark, blank lines and {@code #} comment lines. Problems name
 * the file's line number the way a person counts it in Excel or Notepad ("第3行：…").
 */
public final class CsvFiles {

	private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
		.setHeader()
		.setSkipHeaderRecord(true)
		.setIgnoreEmptyLines(true)
		.setIgnoreSurroundingSpaces(true)
		.setTrim(true)
		.setCommentMarker('#')
		.setAllowMissingColumnNames(true)
		.get();

	private CsvFiles() {
	}

	/** A data row: its line number in the file and its cells by column name. */
	public record Row(long line, Map<String, String> cells) {

		/** The cell of a column, without surrounding blanks; empty when the row has no such cell. */
		public String get(String column) {
			String v = cells.get(column);
			return v == null ? "" : v;
		}

	}

	/**
	 * Reads a file whose header has the given columns (in any order), handing each row to {@code each} in file order.
	 * A missing column refuses the file at its header; a row with another number of cells than the header is reported
	 * in {@code problems} and not handed on; reading stops once {@code maxProblems} problems are collected (by this
	 * method or by {@code each}).
	 *
	 * @param text the file's text, decoded (a leading byte-order mark is left out)
	 */
	public static void read(String text, List<String> columns, List<FieldProblem> problems, int maxProblems,
			Consumer<Row> each) {
		String csv = text.startsWith("\uFEFF") ? text.substring(1) : text;
		String expected = String.join(",", columns);
		int[] lineStarts = lineStarts(csv);
		try (CSVParser parser = FORMAT.parse(new StringReader(csv))) {
			List<String> header = parser.getHeaderNames();
			if (header.isEmpty()) {
				throw CaseRejectedException.badInput("line 1", Messages.get("web.csv.empty", expected));
			}
			List<FieldProblem> missing = new ArrayList<>();
			for (String column : columns) {
				if (!header.contains(column)) {
					missing.add(problem(1, Messages.get("web.csv.missingColumn", column, expected)));
				}
			}
			if (!missing.isEmpty()) {
				throw CaseRejectedException.badInput(missing);
			}
			for (CSVRecord record : parser) {
				long line = lineOf(csv, lineStarts, record.getCharacterPosition());
				if (record.size() != header.size()) {
					problems.add(problem(line, Messages.get("web.csv.cellCount", header.size(), record.size())));
				}
				else {
					each.accept(new Row(line, record.toMap()));
				}
				if (problems.size() >= maxProblems) {
					break;
				}
			}
		}
		catch (UncheckedIOException | IllegalStateException e) {
			// Commons CSV reports a quote that is never closed as an unchecked exception naming the line
			throw CaseRejectedException.badInput("file", Messages.get("web.csv.malformed", plain(e.getMessage())));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public static FieldProblem problem(long line, String message) {
		return new FieldProblem("line " + line, Messages.get("web.csv.line", line, message));
	}

	private static int[] lineStarts(String text) {
		List<Integer> starts = new ArrayList<>();
		starts.add(0);
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) == '\n') {
				starts.add(i + 1);
			}
		}
		return starts.stream().mapToInt(Integer::intValue).toArray();
	}

	/**
	 * The 1-based line on which a record starts: the parser's position is where it began to read, before the blank
	 * and comment lines it skipped.
	 */
	private static long lineOf(String csv, int[] lineStarts, long position) {
		int i = Arrays.binarySearch(lineStarts, (int) position);
		int line = i >= 0 ? i : -i - 2;
		while (line + 1 < lineStarts.length) {
			String text = csv.substring(lineStarts[line], lineStarts[line + 1]).strip();
			if (!text.isEmpty() && !text.startsWith("#")) {
				break;
			}
			line++;
		}
		return line + 1L;
	}

	private static String plain(String message) {
		Matcher m = message == null ? null : Pattern.compile("line (\\d+)").matcher(message);
		return m != null && m.find() ? Messages.get("web.csv.unclosedQuote", m.group(1))
				: Messages.get("web.csv.unreadable");
	}

}
