package cn.healthassist.followup;

import cn.healthassist.web.Spreadsheet;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.healthassist.audit.CaseRecords;
import cn.healthassist.cases.CaseIndex;
import cn.healthassist.cases.CaseRecord;
import cn.healthassist.chronic.Certificate;
import cn.healthassist.chronic.CertificateMapper;
import cn.healthassist.problems.CaseRejectedException;
import cn.healthassist.problems.FieldProblem;
import cn.healthassist.processes.ProcessKeys;
import cn.healthassist.engine.SystemCalls;
import cn.healthassist.values.Texts;
import cn.healthassist.organisation.OrganisationMapper;
import cn.healthassist.security.CurrentUser;
import cn.healthassist.security.CurrentUsers;
import cn.healthassist.security.Groups;
import cn.healthassist.values.Keys;
import cn.healthassist.values.Messages;

/** Certificate revocation, the one-off start of missing follow-ups, and the follow-up compliance report. */
@RestController
class FollowupController {

	static final Map<String, String> GROUPS = Map.of("key", Messages.get("followup.group.key"), "tuberculosis",
			Messages.get("followup.group.tuberculosis"), "common", Messages.get("followup.group.common"), "general",
			Messages.get("followup.group.general"));

	private final CertificateMapper certificates;

	private final RuntimeService runtimeService;

	private final IdentityService identityService;

	private final FollowupStarter starter;

	private final FollowupReportMapper reports;

	private final OrganisationMapper organisation;

	private final CaseIndex caseIndex;

	private final CaseRecords caseRecords;

	/** The follow-up's event its revocation ends it by (chronic-followup.bpmn). */
	static final String FOLLOWUP_REVOKED = "StartEvent_CertificateRevoked";

	FollowupController(CertificateMapper certificates, RuntimeService runtimeService, IdentityService identityService,
			FollowupStarter starter, FollowupReportMapper reports, OrganisationMapper organisation, CaseIndex caseIndex,
			CaseRecords caseRecords) {
		this.caseRecords = caseRecords;
		this.certificates = certificates;
		this.runtimeService = runtimeService;
		this.identityService = identityService;
		this.starter = starter;
		this.reports = reports;
		this.organisation = organisation;
		this.caseIndex = caseIndex;
	}

	record Revocation(String reason) {
	}

	/** Revokes a certificate (county insurance bureau); its follow-up ends (message chronic-followup-stop). */
	@PostMapping("/api/certificates/{certificateNo}/revoke")
	@Transactional
	Map<String, Object> revoke(@PathVariable String certificateNo, @RequestBody Revocation revocation) {
		CurrentUser user = CurrentUsers.require();
		// the bureau's decision, not an administrator's (who may read every case but does no office's work)
		if (!user.isMember(Groups.COUNTY_INSURANCE)) {
			throw CaseRejectedException.forbidden(Messages.get("followup.revoke.insuranceOnly"));
		}
		List<FieldProblem> problems = new ArrayList<>();
		String reason = Texts.text(problems, "reason", Messages.get("label.revocationReason"), revocation.reason(),
				true, 500);
		if (!problems.isEmpty()) {
			throw CaseRejectedException.badInput(problems);
		}
		Certificate c = certificates.findByNumber(certificateNo);
		if (c == null) {
			throw CaseRejectedException.notFound(Messages.get("followup.revoke.notFound", certificateNo));
		}
		if (certificates.revoke(certificateNo, reason, ClockUtil.getCurrentTime()) == 0) {
			throw CaseRejectedException.conflict(Messages.get("followup.revoke.alreadyRevoked", certificateNo));
		}
		// who revoked it (the entry's person) and why (its opinion), in the record of the certificate's case and of its
		// follow-up: the trails show them
		Map<String, Object> revoked = Map.of();
		CaseRecord issued = caseIndex.find(c.businessKey());
		if (issued != null) {
			caseRecords.establish(issued.businessKey(), issued.processInstanceId(), ProcessKeys.CERTIFICATE_REVOKED,
					Messages.get("followup.revoke.step"), user.userId(), reason, revoked);
		}
		// the certificate's running follow-up, as the case index knows it (the engine does not keep the certificate)
		CaseRecord followup = caseIndex.findActive(Keys.followupOf(certificateNo));
		if (followup != null) {
			caseRecords.establish(followup.businessKey(), followup.processInstanceId(), FOLLOWUP_REVOKED,
					Messages.get("followup.revoke.step"), user.userId(), reason, revoked);
		}
		int stopped = followup == null ? 0 : SystemCalls.run(identityService, () -> runtimeService
			.createMessageCorrelation("chronic-followup-stop")
			.processInstanceBusinessKey(followup.businessKey())
			.correlateAllWithResult()
			.size());
		return Map.of("certificateNo", certificateNo, "status", "revoked", "followupsEnded", stopped);
	}

	/** Once, when follow-ups are introduced: starts the follow-up of every valid certificate that has none. */
	@PostMapping("/api/followups/start-missing")
	@Transactional
	Map<String, Object> startMissing() {
		CurrentUser user = CurrentUsers.require();
		if (!user.isSystemAdmin()) {
			throw CaseRejectedException.forbidden(Messages.get("followup.backfill.adminOnly"));
		}
		List<String> started = new ArrayList<>();
		SystemCalls.run(identityService, () -> {
			for (Certificate c : starter.withoutFollowup()) {
				starter.start(c, null);
				started.add(c.certificateNo());
			}
			return null;
		});
		return Map.of("started", started.size(), "certificates", started);
	}

	/** One line of the report, with names. */
	record ReportLine(String townshipCode, String townshipName, String villageCode, String villageName, String diseaseGroup,
			String diseaseGroupName, long due, long onTime, long late, long missed, long overdue) {
	}

	record FourVisitLine(String villageCode, String villageName, long patients, long meeting) {
	}

	@GetMapping("/api/followup-report")
	Map<String, Object> report(@RequestParam(required = false) Integer year) {
		CurrentUser user = CurrentUsers.require();
		int y = year(year);
		Scope scope = scope(user);
		return Map.of("year", y, "lines", lines(y, scope), "fourVisitRule", fourVisits(y, scope));
	}

	@GetMapping("/api/followup-report.xlsx")
	ResponseEntity<byte[]> excel(@RequestParam(required = false) Integer year) {
		CurrentUser user = CurrentUsers.require();
		int y = year(year);
		Scope scope = scope(user);
		try (Spreadsheet book = new Spreadsheet(ZoneId.systemDefault())) {
			Spreadsheet.Writer sheet = book.sheet(Messages.get("followup.report.sheet"))
				.bold((Object[]) Messages.getAll("label.township", "label.village", "label.disease", "followup.report.due",
						"followup.report.onTime", "followup.report.late", "followup.report.missed", "followup.report.overdue"));
			for (ReportLine l : lines(y, scope)) {
				sheet.row(l.townshipName(), l.villageName(), l.diseaseGroupName(), l.due(), l.onTime(), l.late(),
						l.missed(), l.overdue());
			}
			Spreadsheet.Writer four = book.sheet(Messages.get("followup.report.fourVisitsSheet"))
				.bold((Object[]) Messages.getAll("label.village", "followup.report.patients", "followup.report.fourVisits",
						"followup.report.fourVisitsRate"));
			for (FourVisitLine l : fourVisits(y, scope)) {
				four.row(l.villageName(), l.patients(), l.meeting(),
						l.patients() == 0 ? 0 : Math.round(l.meeting() * 1000.0 / l.patients()) / 10.0);
			}
			return Spreadsheet.download(book.toBytes(), Messages.get("followup.report.file", y));
		}
	}

	private record Scope(Collection<String> villages, Collection<String> townships) {
	}

	private static Scope scope(CurrentUser user) {
		if (user.isAdmin() || user.isAuditor() || user.isMember(Groups.HEALTH_COMMISSION) || user.isMember(Groups.COUNTY_INSURANCE)) {
			return new Scope(null, null);
		}
		if (!user.healthTownships().isEmpty()) {
			return new Scope(null, user.healthTownships());
		}
		if (!user.doctorVillages().isEmpty()) {
			return new Scope(user.doctorVillages(), null);
		}
		throw CaseRejectedException.forbidden(Messages.get("followup.report.viewers"));
	}

	private List<ReportLine> lines(int year, Scope scope) {
		Map<String, String> villages = new HashMap<>();
		organisation.selectVillages().forEach(v -> villages.put(v.code(), v.name()));
		Map<String, String> townships = new HashMap<>();
		organisation.selectTownships().forEach(t -> townships.put(t.code(), t.name()));
		return reports.compliance(start(year), start(year + 1), ClockUtil.getCurrentTime(), scope.villages(), scope.townships())
			.stream()
			.map(l -> new ReportLine(l.townshipCode(), townships.getOrDefault(l.townshipCode(), l.townshipCode()), l.villageCode(),
					villages.getOrDefault(l.villageCode(), l.villageCode()), l.diseaseGroup(),
					GROUPS.getOrDefault(l.diseaseGroup(), l.diseaseGroup()), l.due(), l.onTime(), l.late(), l.missed(), l.overdue()))
			.toList();
	}

	private List<FourVisitLine> fourVisits(int year, Scope scope) {
		Map<String, String> villages = new HashMap<>();
		organisation.selectVillages().forEach(v -> villages.put(v.code(), v.name()));
		return reports.fourVisitRule(start(year), start(year + 1), scope.villages(), scope.townships())
			.stream()
			.map(l -> new FourVisitLine(l.villageCode(), villages.getOrDefault(l.villageCode(), l.villageCode()), l.patients(),
					l.meeting()))
			.toList();
	}

	private static int year(Integer year) {
		int now = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneId.systemDefault()).getYear();
		if (year == null) {
			return now;
		}
		if (year < 2000 || year > now + 5) {
			throw CaseRejectedException.badInput("year", Messages.get("followup.report.year"));
		}
		return year;
	}

	private static Date start(int year) {
		return Date.from(LocalDate.of(year, 1, 1).atStartOfDay(ZoneId.systemDefault()).toInstant());
	}

}
