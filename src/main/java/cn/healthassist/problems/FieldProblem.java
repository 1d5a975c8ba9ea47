package cn.healthassist.problems;

/** One rejected input field and why, in words a person can act on. */
public record FieldProblem(String field, String message) {
}
