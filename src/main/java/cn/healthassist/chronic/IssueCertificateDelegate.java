package cn.healthassist.chronic;

import static cn.healthassist.chronic.ChronicVariables.*;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import cn.healthassist.audit.CaseFacts;
import cn.healthassist.audit.CaseRecords;
import cn.healthassist.values.Keys;
import cn.healthassist.values.Messages;
import cn.healthassist.numbering.Sequences;

/**
 * Issues the certificate (docs/product.md 2.1 step 6): a number {@code MB-{county}-{year}-{sequence}} that never repeats,
 * valid from today, stored in the certificate registry; and starts the patient's follow-up.
 */
@Component("issueCertificate")
public class IssueCertificateDelegate implements JavaDelegate {

	private final Sequences sequences;

	private final CertificateMapper certificates;

	private final ApplicationEventPublisher events;

	private final CaseRecords caseRecords;

	public IssueCertificateDelegate(Sequences sequences, CertificateMapper certificates, ApplicationEventPublisher events, CaseRecords caseRecords) {
		this.caseRecords = caseRecords;
		this.sequences = sequences;
		this.certificates = certificates;
		this.events = events;
	}

	@Override
	public void execute(DelegateExecution execution) {
		CaseFacts facts = caseRecords.of(execution);
		// whatever path a model takes to this step: a certificate only for a case its record shows passed by the
		// township and approved by the county, by a named approver (the job fails, an incident for the administrator)
		if (!"pass".equals(facts.text(TOWNSHIP_DECISION)) || !"approve".equals(facts.text(COUNTY_DECISION))
				|| facts.text(COUNTY_APPROVER) == null) {
			throw new ProcessEngineException(Messages.get("chronic.certificate.notApproved",
					execution.getProcessBusinessKey()));
		}
		LocalDate today = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneId.systemDefault());
		String prefix = "MB-" + facts.text(COUNTY_CODE) + "-" + today.getYear();
		String number = String.format("%s-%06d", prefix, sequences.next(prefix));
		String idNumber = facts.text(ID_NUMBER);
		String disease = facts.text(DISEASE_CODE);
		Certificate certificate = new Certificate(number, execution.getProcessBusinessKey(), idNumber,
				facts.text(APPLICANT_NAME), disease, facts.text(VILLAGE_CODE), facts.text(TOWNSHIP_CODE),
				facts.flag(ZERO_MATERIAL), today, null, "valid", facts.text(COUNTY_APPROVER), ClockUtil.getCurrentTime(),
				null, null, Keys.validCertificate(idNumber, disease));
		certificates.insert(certificate);
		Map<String, Object> issued = new LinkedHashMap<>();
		issued.put(CERTIFICATE_NO, number);
		issued.put(CERTIFICATE_VALID_FROM, today.toString());
		caseRecords.establish(execution, issued);
		// the family doctor's follow-up of the certified patient (docs/product.md 2.4) starts now, in this transaction
		events.publishEvent(new CertificateIssued(certificate, facts.text(HOUSEHOLD_CATEGORY)));
	}

}
