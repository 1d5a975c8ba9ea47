package cn.healthassist.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.healthassist.problems.CaseRejectedException;
import cn.healthassist.problems.FieldProblem;

class CsvFilesTest {

	private static final List<String> COLUMNS = List.of("code", "name");

	private final List<FieldProblem> problems = new ArrayList<>();

	private static List<CsvFiles.Row> read(String csv, List<String> columns, List<FieldProblem> problems, int max) {
		List<CsvFiles.Row> rows = new ArrayList<>();
		CsvFiles.read(csv, columns, problems, max, rows::add);
		return rows;
	}

	@Test
	void problemsAndRowsComeInFileOrder() {
		List<String> seen = new ArrayList<>();
		CsvFiles.read("code,name\nA,x,extra\nB,y\n", COLUMNS, problems, 10, r -> {
			seen.add(r.get("code"));
			problems.add(CsvFiles.problem(r.line(), "row " + r.get("code")));
		});
		assertThat(seen).containsExactly("B");
		assertThat(problems).extracting(FieldProblem::message).containsExactly("第2行：应有2列，实际3列", "第3行：row B");
	}

	@Test
	void aQuotedNameKeepsItsComma_andCellsAreTrimmed() {
		List<CsvFiles.Row> rows = read("code,name\nH09, \"县医院（东院区，急诊）\" \n", COLUMNS, problems, 10);
		assertThat(rows).singleElement().satisfies(r -> {
			assertThat(r.get("code")).isEqualTo("H09");
			assertThat(r.get("name")).isEqualTo("县医院（东院区，急诊）");
			assertThat(r.line()).isEqualTo(2);
		});
		assertThat(problems).isEmpty();
	}

	@Test
	void columnsMayComeInAnyOrder_andAByteOrderMarkIsLeftOut() {
		List<CsvFiles.Row> rows = read("\uFEFFname,code\r\n桃园村,T01V01\r\n", COLUMNS, problems, 10);
		assertThat(rows).singleElement().satisfies(r -> assertThat(r.get("code")).isEqualTo("T01V01"));
	}

	@Test
	void lineNumbersCountBlankLinesCommentsAndLineBreaksInQuotes() {
		String csv = "code,name\n\n# a comment\nA,\"two\nlines\"\nB,x,extra\nC,y\n";
		List<CsvFiles.Row> rows = read(csv, COLUMNS, problems, 10);
		assertThat(rows).extracting(CsvFiles.Row::line).containsExactly(4L, 7L);
		assertThat(problems).extracting(FieldProblem::message).containsExactly("第6行：应有2列，实际3列");
		assertThat(problems).extracting(FieldProblem::field).containsExactly("line 6");
	}

	@Test
	void aMissingColumnRefusesTheFileAtItsHeader() {
		assertThatThrownBy(() -> read("code,title\nA,x\n", COLUMNS, problems, 10))
			.isInstanceOf(CaseRejectedException.class)
			.hasMessage("第1行：表头缺少列 name（表头应为 code,name）");
	}

	@Test
	void anEmptyFileIsRefusedNamingTheHeader() {
		assertThatThrownBy(() -> read("", COLUMNS, problems, 10)).isInstanceOf(CaseRejectedException.class)
			.hasMessage("第1行：文件为空，应以表头 code,name 开始");
	}

	@Test
	void aQuoteNeverClosedIsRefusedWithAPlainMessage() {
		assertThatThrownBy(() -> read("code,name\nA,\"unclosed\nB,y\n", COLUMNS, problems, 10))
			.isInstanceOf(CaseRejectedException.class)
			.hasMessageStartingWith("文件格式不正确：")
			.hasMessageContaining("引号");
	}

	@Test
	void collectingStopsAtTheLimit() {
		read("code,name\na\nb\nc\nd\n", COLUMNS, problems, 2);
		assertThat(problems).hasSize(2);
	}

}
