package cn.healthassist.values;

import java.util.List;

import cn.healthassist.problems.CaseRejectedException;
import cn.healthassist.problems.FieldProblem;

/**
 * The bounds of every page the product's API answers ({@code page} from 0, {@code size} from 1 up to the route's
 * most), and how far paging reaches: a list that needs more is narrowed instead (docs/security.md, "Clear answers").
 */
public final class Paging {

	/** The most rows before a page's first ({@code page × size}). */
	public static final int MAX_OFFSET = 1_000_000;

	private Paging() {
	}

	/** The problems of a page, each naming its field; empty when it may be read. */
	public static List<FieldProblem> problems(int page, int size, int maxSize) {
		java.util.ArrayList<FieldProblem> problems = new java.util.ArrayList<>();
		if (page < 0) {
			problems.add(new FieldProblem("page", Messages.get("cases.search.pageFromZero")));
		}
		else if ((long) page * Math.max(size, 1) > MAX_OFFSET) {
			problems.add(new FieldProblem("page", Messages.get("cases.search.pageTooFar", MAX_OFFSET)));
		}
		if (size < 1 || size > maxSize) {
			problems.add(new FieldProblem("size", Messages.get("cases.search.size", maxSize)));
		}
		return problems;
	}

	/** Refuses a page out of bounds with 400, naming each field. */
	public static void require(int page, int size, int maxSize) {
		List<FieldProblem> problems = problems(page, size, maxSize);
		if (!problems.isEmpty()) {
			throw CaseRejectedException.badInput(problems);
		}
	}

}
