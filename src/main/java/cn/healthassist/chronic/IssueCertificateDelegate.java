package cn.healthassist.chronic;

import static cn.healthassist.chronic.ChronicVariables.*;

import java.time.LocalDate;
import java.time.ZoneId;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import cn.healthassist.values.Keys;
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

	public IssueCertificateDelegate(Sequences sequences, CertificateMapper certificates, ApplicationEventPublisher events) {
		this.sequences = sequences;
		this.certificates = certificates;
		this.events = events;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String county = (String) execution.getVariable(COUNTY_CODE);
		LocalDate today = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneId.systemDefault());
		String prefix = "MB-" + county + "-" + today.getYear();
		String number = String.format("%s-%06d", prefix, sequences.next(prefix));
		String idNumber = (String) execution.getVariable(ID_NUMBER);
		String disease = (String) execution.getVariable(DISEASE_CODE);
		Certificate certificate = new Certificate(number, execution.getProcessBusinessKey(), idNumber,
				(String) execution.getVariable(APPLICANT_NAME), disease, (String) execution.getVariable(VILLAGE_CODE),
				(String) execution.getVariable(TOWNSHIP_CODE), Boolean.TRUE.equals(execution.getVariable(ZERO_MATERIAL)),
				today, null, "valid", lastApprover(execution), ClockUtil.getCurrentTime(), null, null,
				Keys.validCertificate(idNumber, disease));
		certificates.insert(certificate);
		execution.setVariable(CERTIFICATE_NO, number);
		// the family doctor's follow-up of the certified patient (docs/product.md 2.4) starts now, in this transaction
		events.publishEvent(new CertificateIssued(certificate, (String) execution.getVariable(HOUSEHOLD_CATEGORY)));
		execution.setVariable(CERTIFICATE_VALID_FROM, today.toString());
	}

	private static String lastApprover(DelegateExecution execution) {
		Object approver = execution.getVariable(COUNTY_APPROVER);
		return approver == null ? null : approver.toString();
	}

}
