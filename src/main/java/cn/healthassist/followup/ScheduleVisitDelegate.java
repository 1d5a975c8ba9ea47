package cn.healthassist.followup;

import static cn.healthassist.followup.FollowupVariables.*;

import java.text.SimpleDateFormat;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

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
 * registry; once the schedule is decided, its inputs (the disease code, the rule's version) are not kept.
 */
@Component("scheduleVisit")
public class ScheduleVisitDelegate implements JavaDelegate {

	private final FollowupVisitMapper visits;

	private final CertificateMapper certificates;

	private final CaseIndex caseIndex;

	public ScheduleVisitDelegate(FollowupVisitMapper visits, CertificateMapper certificates, CaseIndex caseIndex) {
		this.visits = visits;
		this.certificates = certificates;
		this.caseIndex = caseIndex;
	}

	@Override
	public void execute(DelegateExecution execution) {
		@SuppressWarnings("unchecked")
		Map<String, Object> schedule = (Map<String, Object>) execution.getVariable(SCHEDULE);
		Period interval = Period.parse(schedule.get("interval").toString());
		int windowDays = ((Number) schedule.get("windowDays")).intValue();
		int graceDays = ((Number) schedule.get("graceDays")).intValue();
		Date previous = (Date) execution.getVariable(VISIT_DUE);
		Date start = (Date) execution.getVariable(SCHEDULE_START);
		Date now = ClockUtil.getCurrentTime();
		int visitNo = ((Number) execution.getVariable(VISIT_NO)).intValue() + 1;
		if (previous == null) {
			start = now;
			execution.setVariable(SCHEDULE_START, start);
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
		String kind = schedule.get("visitKind").toString();

		execution.setVariable(VISIT_KIND, kind);
		execution.setVariable(VISIT_NO, visitNo);
		execution.setVariable(VISIT_DUE, dueDate);
		execution.setVariable(VISIT_DUE_TEXT, new SimpleDateFormat("yyyy-MM-dd").format(dueDate));
		execution.setVariable(VISIT_OPENS_AT, opens);
		execution.setVariable(VISIT_MISSED_AT, missed);
		// the previous visit's answers are removed, not set to null: the form opens empty, and the first visit's
		// fields take no rows at all in the variable tables and their history
		execution.removeVariables(VISIT_FIELDS);
		execution.removeVariables(List.of(DISEASE_CODE, SCHEDULE_VERSION));
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
