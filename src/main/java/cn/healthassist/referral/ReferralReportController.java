package cn.healthassist.referral;

import cn.healthassist.web.Spreadsheet;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.healthassist.problems.CaseRejectedException;
import cn.healthassist.security.CurrentUser;
import cn.healthassist.security.CurrentUsers;
import cn.healthassist.security.Groups;
import cn.healthassist.values.Days;
import cn.healthassist.values.Messages;

/**
 * The referral report as JSON (for the page's table and chart) and as an Excel file. The health commission,
 * auditors and administrators see every hospital; a unit head sees their own hospital.
 */
@RestController
class ReferralReportController {

	private final ReferralReportService reports;

	ReferralReportController(ReferralReportService reports) {
		this.reports = reports;
	}

	@GetMapping("/api/referral-report")
	Map<String, Object> report(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
		CurrentUser user = CurrentUsers.require();
		YearMonth[] range = range(from, to);
		List<ReferralReportService.Line> lines = reports.report(range[0], range[1], hospitals(user));
		return Map.of("from", range[0].toString(), "to", range[1].toString(), "lines", lines);
	}

	@GetMapping("/api/referral-report.xlsx")
	ResponseEntity<byte[]> excel(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
		CurrentUser user = CurrentUsers.require();
		YearMonth[] range = range(from, to);
		byte[] file = reports.excel(reports.report(range[0], range[1], hospitals(user)), range[0], range[1]);
		return Spreadsheet.download(file, Messages.get("referral.report.file", range[0], range[1]));
	}

	/** Admissions of assisted patients of a hospital in a month. */
	record AdmissionsEntry(String hospitalCode, String month, Integer totalAdmissions) {
	}

	@PutMapping("/api/referral-report/admissions")
	Map<String, Object> enterAdmissions(@RequestBody AdmissionsEntry entry) {
		CurrentUser user = CurrentUsers.require();
		// the commission's figures, not an administrator's
		if (!user.isMember(Groups.HEALTH_COMMISSION)) {
			throw CaseRejectedException.forbidden(Messages.get("referral.report.admissionsCommissionOnly"));
		}
		if (entry.hospitalCode() == null || reports.hospital(entry.hospitalCode()) == null) {
			throw CaseRejectedException.badInput("hospitalCode", Messages.get("referral.report.unknownHospital"));
		}
		YearMonth month = month("month", entry.month());
		if (month == null) {
			throw CaseRejectedException.badInput("month", Messages.get("referral.report.monthMissing"));
		}
		if (entry.totalAdmissions() == null || entry.totalAdmissions() < 0 || entry.totalAdmissions() > 1_000_000) {
			throw CaseRejectedException.badInput("totalAdmissions", Messages.get("referral.report.admissions"));
		}
		reports.enterAdmissions(entry.hospitalCode(), month, entry.totalAdmissions(), user.userId());
		return Map.of("hospitalCode", entry.hospitalCode(), "month", month.toString(), "totalAdmissions",
				entry.totalAdmissions());
	}

	private static Collection<String> hospitals(CurrentUser user) {
		if (user.isMember(Groups.HEALTH_COMMISSION) || user.isAuditor() || user.isAdmin()) {
			return null;
		}
		if (!user.headHospitals().isEmpty()) {
			return user.headHospitals();
		}
		throw CaseRejectedException.forbidden(Messages.get("referral.report.viewers"));
	}

	/** The most months one report counts, both ends included. */
	static final int MAX_MONTHS = 60;

	static YearMonth[] range(String from, String to) {
		YearMonth now = YearMonth.now();
		YearMonth f = month("from", from);
		YearMonth t = month("to", to);
		if (t == null) {
			t = now;
		}
		if (f == null) {
			f = t.minusMonths(11);
		}
		if (f.isAfter(t)) {
			throw CaseRejectedException.badInput("from", Messages.get("referral.report.fromAfterTo"));
		}
		if (f.plusMonths(MAX_MONTHS - 1).isBefore(t)) {
			throw CaseRejectedException.badInput("from", Messages.get("referral.report.tooManyMonths"));
		}
		return new YearMonth[] { f, t };
	}

	private static YearMonth month(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			YearMonth month = YearMonth.parse(value.strip());
			if (!Days.plausibleYear(month.getYear())) {
				throw new DateTimeParseException("not a year of a report", value, 0);
			}
			return month;
		}
		catch (DateTimeParseException e) {
			throw CaseRejectedException.badInput(field, Messages.get("referral.report.monthFormat"));
		}
	}

}
