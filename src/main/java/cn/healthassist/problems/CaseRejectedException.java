package cn.healthassist.problems;

import java.util.List;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.BadUserRequestException;
import org.springframework.http.HttpStatus;

/**
 * A request that the business rules refuse: bad input (400), outside the requester's jurisdiction (403),
 * unknown (404), a duplicate or conflicting change (409), or history removed after its retention period (410). It is a {@link BadUserRequestException}, so
 * when a rule refuses a start from Tasklist the engine's REST API answers with this message and the
 * transaction, with everything it wrote, rolls back.
 */
public class CaseRejectedException extends BadUserRequestException {

	private static final long serialVersionUID = 1L;

	private final HttpStatus status;

	private final transient List<FieldProblem> problems;

	public CaseRejectedException(HttpStatus status, List<FieldProblem> problems) {
		super(problems.stream().map(FieldProblem::message).collect(Collectors.joining("；")));
		this.status = status;
		this.problems = List.copyOf(problems);
		LAST.set(this);
	}

	private static final ThreadLocal<CaseRejectedException> LAST = new ThreadLocal<>();

	/**
	 * The last rejection made on this thread: Camunda's REST API turns an exception thrown inside a command into a
	 * 500, and engine/RejectionResponseFilter answers with this rejection's status and message instead.
	 */
	public static CaseRejectedException lastOnThisThread() {
		return LAST.get();
	}

	/** Forgets the last rejection of this thread (at the start and end of each request). */
	public static void forgetLastOnThisThread() {
		LAST.remove();
	}

	public CaseRejectedException(HttpStatus status, String field, String message) {
		this(status, List.of(new FieldProblem(field, message)));
	}

	public static CaseRejectedException badInput(List<FieldProblem> problems) {
		return new CaseRejectedException(HttpStatus.BAD_REQUEST, problems);
	}

	public static CaseRejectedException badInput(String field, String message) {
		return new CaseRejectedException(HttpStatus.BAD_REQUEST, field, message);
	}

	public static CaseRejectedException forbidden(String message) {
		return new CaseRejectedException(HttpStatus.FORBIDDEN, null, message);
	}

	public static CaseRejectedException forbidden(String field, String message) {
		return new CaseRejectedException(HttpStatus.FORBIDDEN, field, message);
	}

	public static CaseRejectedException notFound(String message) {
		return new CaseRejectedException(HttpStatus.NOT_FOUND, null, message);
	}

	public static CaseRejectedException gone(String message) {
		return new CaseRejectedException(HttpStatus.GONE, null, message);
	}

	public static CaseRejectedException conflict(String message) {
		return new CaseRejectedException(HttpStatus.CONFLICT, null, message);
	}

	public static CaseRejectedException conflict(String field, String message) {
		return new CaseRejectedException(HttpStatus.CONFLICT, field, message);
	}

	public HttpStatus getStatus() {
		return status;
	}

	public List<FieldProblem> getProblems() {
		return problems;
	}

}
