package cn.healthassist.followup;

import static cn.healthassist.followup.FollowupVariables.*;

import java.text.SimpleDateFormat;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import cn.healthassist.audit.CaseFacts;
import cn.healthassist.audit.CaseRecords;
import cn.healthassist.cases.CaseIndex;
import cn.healthassist.cases.CaseRecord;
import cn.healthassist.chronic.Certificate;
import cn.healthassist.chronic.CertificateMapper;

/**
 * Plans the next visit from the schedule (DMN {@code chronic-followup-schedule}): visit n is due n intervals after the
 * schedule began (the certificate's issue), shown to the family doctor {@code windowDays} before, missed when not
 * recorded {@code graceDays} after. Keeps the cadence: a late visit does not shift the next, and a quarterly schedule
 * begun on 31 August stays at the month's end (30 November, 28 February, 31 May), not at the 28th after February.
 * The certificate and the township come from the case index, the person and the disease from the certificate
 * registry; once the schedule is decided, its inputs (the disease code, the rule's version) are not kept. The schedule
 * (interval, window, grace, kind), when it began, and each visit's number and due day are the case record's; the
 * engine keeps the visit's kind (the gateway) and its due, opening and missing times (the model's due date and timers).
 */
@Component("scheduleVisit")
public class ScheduleVisitDelegate implements JavaDelegate {

	// the schedule's names (FollowupVariables): the rule's facts, which no step's form may set (engine/ProductForms)
	static final String SCHEDULE_INTERVAL = FollowupVariables.SCHEDULE_INTERVAL;

	static final String WINDOW_DAYS = FollowupVariables.WINDOW_DAYS;

	static final String GRACE_DAYS = FollowupVariables.GRACE_DAYS;

	/**
	 * What a follow-up begun before the case record kept its schedule has as variables; each is the record's from the
	 * next visit planned on. The engine keeps what the model's timers, due dates and gateway read.
	 */
	static final List<String> RECORD_ONLY = List.of(SCHEDULE, SCHEDULE_START, VISIT_NO, VISIT_DUE_TEXT);

	private final FollowupVisitMapper visits;

	private final CertificateMapper certificates;

	private final CaseIndex caseIndex;

	private final CaseRecords caseRecords;

	public ScheduleVisitDelegate(FollowupVisitMapper visits, CertificateMapper certificates, CaseIndex caseIndex,
			CaseRecords caseRecords) {
		this.visits = visits;
		this.certificates = certificates;
		this.caseIndex = caseIndex;
		this.caseRecords = caseRecords;
	}

	@Override
	public void execute(DelegateExecution execution) {
		CaseFacts facts = caseRecords.of(execution);
		Map<String, Object> kept = new LinkedHashMap<>();
		// the decision's result on the first visit (or a follow-up begun before the record kept it), the record's later
		@SuppressWarnings("unchecked")
		Map<String, Object> decided = (Map<String, Object>) execution.getVariable(SCHEDULE);
		if (decided != null) {
			kept.put(SCHEDULE_INTERVAL, decided.get("interval").toString());
			kept.put(WINDOW_DAYS, ((Number) decided.get("windowDays")).intValue());
			kept.put(GRACE_DAYS, ((Number) decided.get("graceDays")).intValue());
			kept.put(VISIT_KIND, decided.get("visitKind").toString());
		}
		CaseFacts schedule = decided != null ? new CaseFacts(execution.getProcessBusinessKey(), kept) : facts;
		Period interval = Period.parse(schedule.text(SCHEDULE_INTERVAL));
		int windowDays = schedule.number(WINDOW_DAYS, 0);
		int graceDays = schedule.number(GRACE_DAYS, 0);
		String kind = schedule.text(VISIT_KIND);
		Date previous = (Date) execution.getVariable(VISIT_DUE);
		Date start = execution.getVariable(SCHEDULE_START) instanceof Date d ? d
				: facts.text(SCHEDULE_START) == null ? null : Date.from(Instant.parse(facts.text(SCHEDULE_START)));
		Date now = ClockUtil.getCurrentTime();
		int visitNo = (execution.getVariable(VISIT_NO) instanceof Number n ? n.intValue() : facts.number(VISIT_NO, 0)) + 1;
		if (previous == null) {
			start = now;
		}
		if (start != null && facts.text(SCHEDULE_START) == null) {
			kept.put(SCHEDULE_START, start);
		}
		ZonedDateTime due = start != null
				? ZonedDateTime.ofInstant(start.toInstant(), ZoneId.systemDefault()).plus(interval.multipliedBy(visitNo))
				// a follow-up begun before the schedule's start was kept: one interval after the previous visit
				: ZonedDateTime.ofInstant(previous.toInstant(), ZoneId.systemDefault()).plus(interval);
		Date dueDate = Date.from(due.toInstant());
		Date opens = Date.from(due.minusDays(windowDays).toInstant());
		if (opens.before(now)) {
			opens = now;
		}
		Date missed = Date.from(due.plusDays(graceDays).toInstant());

		// the visit's number and due day, as the visit form shows them, are the record's
		kept.put(VISIT_NO, visitNo);
		kept.put(VISIT_DUE_TEXT, new SimpleDateFormat("yyyy-MM-dd").format(dueDate));
		caseRecords.keep(execution, kept);
		execution.setVariable(VISIT_KIND, kind);
		execution.setVariable(VISIT_DUE, dueDate);
		execution.setVariable(VISIT_OPENS_AT, opens);
		execution.setVariable(VISIT_MISSED_AT, missed);
		// the previous visit's answers are removed, not set to null: the form opens empty, and the first visit's
		// fields take no rows at all in the variable tables and their history
		execution.removeVariables(VISIT_FIELDS);
		execution.removeVariables(List.of(DISEASE_CODE, SCHEDULE_VERSION));
		execution.removeVariables(RECORD_ONLY);
		// the follow-up's certificate and township as the case index holds them, the person and the disease as the
		// certificate registry does
		CaseRecord followup = caseIndex.find(execution.getProcessBusinessKey());
		String certificateNo = followup.subject();
		Certificate certificate = certificates.findByNumber(certificateNo);
		visits.plan(new FollowupVisitMapper.Visit(execution.getProcessBusinessKey(), certificateNo,
				certificate.idNumber(), (String) execution.getVariable(VILLAGE_CODE), followup.townshipCode(),
				certificate.diseaseCode(), kind, visitNo, dueDate, opens, missed, "planned", null, null, null));
	}

}
