package cn.healthassist.cases;

import cn.healthassist.values.Days;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.healthassist.problems.CaseRejectedException;
import cn.healthassist.values.Paging;
import cn.healthassist.problems.FieldProblem;
import cn.healthassist.values.IdNumbers;
import cn.healthassist.values.Texts;
import cn.healthassist.security.CurrentUser;
import cn.healthassist.security.CurrentUsers;
import cn.healthassist.values.Messages;

/** {@code GET /api/cases} (docs/product.md 4): find cases, within the searcher's jurisdiction, paged. */
@RestController
class CaseSearchController {

	static final int MAX_SIZE = 200;

	/** A business number: CC-2026-000123 (the prefixes of docs/product.md 4). */
	private static final java.util.regex.Pattern BUSINESS_KEY = java.util.regex.Pattern.compile("[A-Z]{2}-\\d{4}-\\d{6}");

	private final CaseSearchMapper mapper;

	CaseSearchController(CaseSearchMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * One case in a search result; its process instance too, so that Tasklist's 查找 finds the case's tasks by it (the
	 * engine holds the ID number masked).
	 */
	record CaseItem(String businessKey, String processKey, String processName, String applicantName, String idNumber,
			String status, String statusName, String townshipCode, String villageCode, String hospitalCode, String subject,
			Date startTime, Date endTime, String processInstanceId) {
	}

	/** A page of results. */
	record CasePage(List<CaseItem> items, long total, int page, int size) {
	}

	@GetMapping("/api/cases")
	CasePage search(@RequestParam(required = false) String idNumber, @RequestParam(required = false) String name,
			@RequestParam(required = false) String process, @RequestParam(required = false) String status,
			@RequestParam(required = false) String township, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) Boolean mine,
			@RequestParam(required = false) String businessKey, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		CurrentUser user = CurrentUsers.require();
		CaseQuery query = query(CaseScope.of(user), idNumber, name, process, status, township, from, to,
				Boolean.TRUE.equals(mine), page, size, businessKey);
		List<CaseItem> items = mapper.search(query).stream().map(c -> item(c, query.scope())).toList();
		return new CasePage(items, mapper.count(query), page, size);
	}

	static CaseQuery query(CaseScope scope, String idNumber, String name, String process, String status, String township,
			String from, String to, boolean mine, int page, int size, String businessKey) {
		List<FieldProblem> problems = new ArrayList<>();
		String key = blankToNull(businessKey);
		if (key != null) {
			key = key.strip().toUpperCase(java.util.Locale.ROOT);
			if (!BUSINESS_KEY.matcher(key).matches()) {
				problems.add(new FieldProblem("businessKey", Messages.get("cases.search.businessKey")));
			}
		}
		String id = blankToNull(idNumber);
		if (id != null) {
			id = IdNumbers.normalize(id);
			if (!id.matches("[0-9]{17}[0-9X]")) {
				problems.add(new FieldProblem("idNumber", Messages.get("cases.search.idNumber")));
			}
		}
		String applicant = Texts.line(problems, "name", Messages.get("label.name"), blankToNull(name), false, 32);
		String processKey = blankToNull(process);
		if (processKey != null && !CaseScope.processes().contains(processKey)) {
			problems.add(new FieldProblem("process", Messages.get("cases.search.unknownProcess",
					processKey.substring(0, Math.min(40, processKey.length())))));
		}
		String st = blankToNull(status);
		if (st != null && !CaseStatuses.STATUS.containsKey(st)) {
			problems.add(new FieldProblem("status", Messages.get("cases.search.unknownStatus",
					String.join("、", CaseStatuses.STATUS.keySet()))));
		}
		String t = blankToNull(township);
		if (t != null && !t.matches("[A-Za-z0-9]{1,16}")) {
			problems.add(new FieldProblem("township", Messages.get("cases.search.township")));
		}
		Date fromDate = date(problems, "from", from, 0);
		Date toDate = date(problems, "to", to, 1);
		problems.addAll(Paging.problems(page, size, MAX_SIZE));
		if (!problems.isEmpty()) {
			throw CaseRejectedException.badInput(problems);
		}
		return new CaseQuery(scope, id, applicant, processKey, st, t, fromDate, toDate, mine, page * size, size, key);
	}

	static CaseItem item(CaseRecord c, CaseScope scope) {
		String id = scope.isOwnJurisdiction(c) ? c.idNumber() : IdNumbers.mask(c.idNumber());
		return new CaseItem(c.businessKey(), c.processKey(), CaseStatuses.processName(c.processKey()), c.applicantName(), id,
				c.status(), CaseStatuses.statusName(c.status()), c.townshipCode(), c.villageCode(), c.hospitalCode(),
				c.subject(), c.startTime(), c.endTime(), c.processInstanceId());
	}

	private static Date date(List<FieldProblem> problems, String field, String value, int plusDays) {
		String v = blankToNull(value);
		if (v == null) {
			return null;
		}
		try {
			LocalDate d = Days.parse(v);
			return Date.from(d.plusDays(plusDays).atStartOfDay(ZoneId.systemDefault()).toInstant());
		}
		catch (DateTimeParseException e) {
			problems.add(new FieldProblem(field, Messages.get("cases.search.date")));
			return null;
		}
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}

}
