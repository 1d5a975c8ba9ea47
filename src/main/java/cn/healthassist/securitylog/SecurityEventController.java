package cn.healthassist.securitylog;

import cn.healthassist.values.Days;
import cn.healthassist.values.Messages;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import java.util.Set;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.healthassist.config.HealthAssistProperties;
import cn.healthassist.problems.CaseRejectedException;
import cn.healthassist.values.Paging;
import cn.healthassist.security.CurrentUser;
import cn.healthassist.security.CurrentUsers;
import cn.healthassist.web.Spreadsheet;

/**
 * The security log for the audit administrator alone (三员分立; docs/product.md 4.1): searched by event type, user and
 * day, newest first, with whether its hash chain verifies; and as Excel.
 */
@RestController
class SecurityEventController {

	static final Set<String> TYPES = Set.of(SecurityEvent.LOGIN_SUCCESS, SecurityEvent.LOGIN_FAILURE,
			SecurityEvent.ACCOUNT_LOCKED, SecurityEvent.ACCESS_DENIED, SecurityEvent.USER_CHANGED,
			SecurityEvent.AUTHORIZATION_CHANGED, SecurityEvent.DEPLOYMENT, SecurityEvent.EXPORT, SecurityEvent.PASSWORD_CHANGED,
			SecurityEvent.DUTIES_MIXED, SecurityEvent.FOLLOWUPS_STARTED, SecurityEvent.REFUSALS_REPEATED,
			SecurityEvent.SESSION_ENDED, SecurityEvent.LOG_KEYED, SecurityEvent.LOG_TRIMMED,
			SecurityEvent.CASE_CHAINS_KEYED);

	static final int MAX_SIZE = 200;

	static final int MAX_EXPORT = 10000;

	private final SecurityLog log;

	private final HealthAssistProperties properties;

	SecurityEventController(SecurityLog log, HealthAssistProperties properties) {
		this.log = log;
		this.properties = properties;
	}

	record Page(List<SecurityEvent> items, long total, int page, int size, SecurityLog.ChainCheck chain) {
	}

	@GetMapping("/api/security-events")
	Page events(@RequestParam(required = false) String type, @RequestParam(required = false) String user,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		requireAuditAdmin();
		Paging.require(page, size, MAX_SIZE);
		SecurityEventQuery query = query(type, user, from, to);
		return new Page(log.search(query, (long) page * size, size), log.count(query), page, size, log.verify());
	}

	@GetMapping("/api/security-events.xlsx")
	ResponseEntity<byte[]> excel(@RequestParam(required = false) String type, @RequestParam(required = false) String user,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
		requireAuditAdmin();
		List<SecurityEvent> events = log.search(query(type, user, from, to), 0, MAX_EXPORT);
		try (Spreadsheet book = new Spreadsheet(properties.getTimeZone())) {
			Spreadsheet.Writer sheet = book.sheet(Messages.get("securitylog.title")).bold((Object[]) Messages.getAll("label.seq", "label.event",
					"label.user", "label.clientIp", "label.time", "label.outcome", "label.detail"));
			for (SecurityEvent e : events) {
				sheet.row(e.seq(), e.type(), e.userId(), e.clientIp(), e.time(), e.outcome(), e.detail());
			}
			sheet.widths(7, 8, 20, 16, 16, 18, 10, 60);
			return Spreadsheet.download(book.toBytes(), Messages.get("securitylog.title") + ".xlsx");
		}
	}

	private static void requireAuditAdmin() {
		CurrentUser user = CurrentUsers.require();
		if (!user.isAuditAdmin()) {
			throw CaseRejectedException.forbidden(Messages.get("securitylog.auditAdminOnly"));
		}
	}

	private SecurityEventQuery query(String type, String user, String from, String to) {
		if (type != null && !type.isBlank() && !TYPES.contains(type)) {
			throw CaseRejectedException.badInput("type", Messages.get("securitylog.unknownType", type,
					String.join("、", TYPES.stream().sorted().toList())));
		}
		return new SecurityEventQuery(blankToNull(type), blankToNull(user), day(from, "from", 0), day(to, "to", 1));
	}

	/** The start of a day (yyyy-MM-dd) in the county's time zone, or of the day after for {@code to}. */
	private Date day(String value, String field, int plusDays) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Date.from(Days.parse(value.strip()).plusDays(plusDays).atStartOfDay(properties.getTimeZone())
				.toInstant());
		}
		catch (DateTimeParseException e) {
			throw CaseRejectedException.badInput(field, Messages.get("securitylog.badDate"));
		}
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}

}
