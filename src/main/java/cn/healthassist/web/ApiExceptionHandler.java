package cn.healthassist.web;

import cn.healthassist.problems.FieldProblem;
import cn.healthassist.problems.CaseRejectedException;
import cn.healthassist.values.Messages;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error of the project's API as {@code application/problem+json} (RFC 9457) with a message a person can act
 * on and, for bad fields, an {@code errors} list of field and reason. Nothing internal (stack traces, SQL, class
 * names) reaches the client. A browser asking for a page that does not exist gets the Chinese page
 * {@code static/error/404.html} instead (other error pages: {@code static/error/}).
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

	private static final Resource NOT_FOUND_PAGE = new ClassPathResource("static/error/404.html");

	public static ProblemDetail problem(HttpStatusCode status, String detail, List<FieldProblem> errors) {
		ProblemDetail pd = ProblemDetail.forStatusAndDetail(status, detail);
		pd.setTitle(ProblemResponses.title(status.value()));
		if (errors != null && !errors.isEmpty()) {
			pd.setProperty("errors", errors);
		}
		return pd;
	}

	private static ResponseEntity<Object> respond(ProblemDetail pd) {
		return ResponseEntity.status(pd.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(pd);
	}

	@ExceptionHandler(CaseRejectedException.class)
	ResponseEntity<Object> rejected(CaseRejectedException e) {
		return respond(problem(e.getStatus(), e.getMessage(), e.getProblems().stream().filter(p -> p.field() != null).toList()));
	}

	@ExceptionHandler(AuthorizationException.class)
	ResponseEntity<Object> forbidden(AuthorizationException e) {
		LOG.info("Refused by authorization: user {}", e.getUserId());
		return respond(problem(HttpStatus.FORBIDDEN, Messages.get("web.forbidden"), null));
	}

	@ExceptionHandler({ OptimisticLockingException.class, org.camunda.bpm.engine.TaskAlreadyClaimedException.class })
	ResponseEntity<Object> concurrent(ProcessEngineException e) {
		return respond(problem(HttpStatus.CONFLICT, Messages.get("web.changedByOthers"), null));
	}

	@ExceptionHandler(DuplicateKeyException.class)
	ResponseEntity<Object> duplicate(DuplicateKeyException e) {
		return respond(problem(HttpStatus.CONFLICT, Messages.get("web.duplicate"), null));
	}

	@ExceptionHandler({ NotFoundException.class, NullValueException.class })
	ResponseEntity<Object> notFound(ProcessEngineException e) {
		return respond(problem(HttpStatus.NOT_FOUND, Messages.get("web.notFound"), null));
	}

	@ExceptionHandler(BadUserRequestException.class)
	ResponseEntity<Object> badRequest(BadUserRequestException e) {
		return respond(problem(HttpStatus.BAD_REQUEST, Messages.get("web.badRequest"), null));
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
		return respond(problem(HttpStatus.BAD_REQUEST, Messages.get("web.parameterFormat", e.getName()),
				List.of(new FieldProblem(e.getName(), Messages.get("web.format")))));
	}

	/** A multipart body that is not one (no boundary, cut short): the sender's mistake, not the server's. */
	@ExceptionHandler(org.springframework.web.multipart.MultipartException.class)
	ResponseEntity<Object> badMultipart(org.springframework.web.multipart.MultipartException e) {
		LOG.info("Refused a malformed multipart request: {}", e.getMessage());
		return respond(problem(HttpStatus.BAD_REQUEST, Messages.get("web.badMultipart"), null));
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> unexpected(Exception e) {
		LOG.error("Unexpected error in the API", e);
		return respond(problem(HttpStatus.INTERNAL_SERVER_ERROR, Messages.get("web.unexpected"), null));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		Throwable cause = ex.getCause();
		if (cause instanceof UnrecognizedPropertyException u) {
			return respond(problem(HttpStatus.BAD_REQUEST, Messages.get("web.unknownField", u.getPropertyName()),
					List.of(new FieldProblem(u.getPropertyName(), Messages.get("web.fieldNotAccepted")))));
		}
		if (cause instanceof com.fasterxml.jackson.core.exc.InputCoercionException number
				&& number.getProcessor() != null) {
			// a number too large for its field
			String field = currentName(number.getProcessor());
			return respond(problem(HttpStatus.BAD_REQUEST, Messages.get("web.fieldType", field),
					List.of(new FieldProblem(field, Messages.get("web.typeOrFormat")))));
		}
		if (cause instanceof InvalidFormatException || cause instanceof MismatchedInputException
				|| cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
			String field = path((JsonMappingException) cause);
			return respond(problem(HttpStatus.BAD_REQUEST, Messages.get("web.fieldType", field),
					List.of(new FieldProblem(field, Messages.get("web.typeOrFormat")))));
		}
		java.util.regex.Matcher duplicate = cause instanceof com.fasterxml.jackson.core.JsonParseException
				? DUPLICATE_FIELD.matcher(String.valueOf(cause.getMessage())) : null;
		if (duplicate != null && duplicate.find()) {
			String field = duplicate.group(1);
			return respond(problem(HttpStatus.BAD_REQUEST, Messages.get("web.duplicateField", field),
					List.of(new FieldProblem(field, Messages.get("web.fieldTwice")))));
		}
		return respond(problem(HttpStatus.BAD_REQUEST, Messages.get("web.invalidJson"), null));
	}

	private static String currentName(com.fasterxml.jackson.core.JsonParser parser) {
		try {
			String name = parser.currentName();
			return name == null ? "" : name;
		}
		catch (Exception e) {
			return "";
		}
	}

	/** Jackson's words for a field sent twice (spring.jackson.parser.strict-duplicate-detection). */
	private static final java.util.regex.Pattern DUPLICATE_FIELD = java.util.regex.Pattern
		.compile("^Duplicate field '([A-Za-z0-9_]{1,64})'");

	@Override
	protected ResponseEntity<Object> handleMaxUploadSizeExceededException(
			org.springframework.web.multipart.MaxUploadSizeExceededException ex, HttpHeaders headers, HttpStatusCode status,
			WebRequest request) {
		return respond(problem(HttpStatus.BAD_REQUEST, Messages.get("web.fileTooLarge"),
				List.of(new FieldProblem("file", Messages.get("web.fileTooLargeShort")))));
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		List<FieldProblem> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map(f -> new FieldProblem(f.getField(), f.getDefaultMessage()))
			.toList();
		return respond(problem(HttpStatus.BAD_REQUEST, Messages.get("web.invalidFields",
				errors.stream().map(FieldProblem::message)
			.reduce((a, b) -> a + "；" + b)
			.orElse("")), errors));
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (body instanceof ProblemDetail pd) {
			pd.setTitle(ProblemResponses.title(statusCode.value()));
			// Spring's own words for these are English: the person gets the title's
			if (statusCode.value() == 405 || statusCode.value() == 415) {
				pd.setDetail(Messages.get(statusCode.value() == 405 ? "web.methodNotAllowed" : "web.mediaType"));
			}
			return respond(pd);
		}
		return respond(problem(statusCode, ProblemResponses.title(statusCode.value()), null));
	}

	@Override
	protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		if (wantsPage(request)) {
			return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8)).body(NOT_FOUND_PAGE);
		}
		return super.handleNoResourceFoundException(ex, headers, status, request);
	}

	/** A person's browser opening a page; the API answers problem+json whatever it is asked for. */
	private static boolean wantsPage(WebRequest request) {
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		return request instanceof ServletWebRequest r && !r.getRequest().getRequestURI().startsWith("/api/") && accept != null
				&& accept.contains(MediaType.TEXT_HTML_VALUE);
	}

	private static String path(JsonMappingException e) {
		StringBuilder sb = new StringBuilder();
		for (JsonMappingException.Reference ref : e.getPath()) {
			if (ref.getFieldName() != null) {
				if (sb.length() > 0) {
					sb.append('.');
				}
				sb.append(ref.getFieldName());
			}
		}
		return sb.length() == 0 ? "(body)" : sb.toString();
	}

}
