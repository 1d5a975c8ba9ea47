package cn.healthassist.followup;

import static cn.healthassist.followup.FollowupVariables.*;

import java.util.List;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

import cn.healthassist.chronic.Certificate;
import cn.healthassist.chronic.CertificateIssued;
import cn.healthassist.chronic.CertificateMapper;
import cn.healthassist.processes.ProcessKeys;
import cn.healthassist.organisation.CodeName;
import cn.healthassist.organisation.OrganisationMapper;
import cn.healthassist.organisation.Village;

/** Starts the follow-up of a certificate: when it is issued, and once for certificates issued before follow-ups. */
@Service
public class FollowupStarter {

	private final RuntimeService runtimeService;

	private final OrganisationMapper organisation;

	private final CertificateMapper certificates;

	public FollowupStarter(RuntimeService runtimeService, OrganisationMapper organisation, CertificateMapper certificates) {
		this.runtimeService = runtimeService;
		this.organisation = organisation;
		this.certificates = certificates;
	}

	/** A certificate was issued: its follow-up starts in the same transaction (a failure undoes both). */
	@EventListener
	public void certificateIssued(CertificateIssued issued) {
		start(issued.certificate(), issued.householdCategory());
	}

	public ProcessInstance start(Certificate c, String householdCategory) {
		Village village = organisation.findVillage(c.villageCode());
		CodeName disease = organisation.findDisease(c.diseaseCode());
		return runtimeService.createProcessInstanceByKey(ProcessKeys.CHRONIC_FOLLOWUP)
			.setVariables(Variables.createVariables()
				.putValue(CERTIFICATE_NO, c.certificateNo())
				.putValue(APPLICANT_NAME, c.applicantName())
				.putValue(ID_NUMBER, c.idNumber())
				.putValue(VILLAGE_CODE, c.villageCode())
				.putValue(VILLAGE_NAME, village == null ? c.villageCode() : village.name())
				.putValue(TOWNSHIP_CODE, c.townshipCode())
				.putValue(COUNTY_CODE, village == null ? null : village.countyCode())
				.putValue(DISEASE_CODE, c.diseaseCode())
				.putValue(DISEASE_NAME, disease == null ? c.diseaseCode() : disease.name())
				.putValue(HOUSEHOLD_CATEGORY, householdCategory))
			.execute();
	}

	/** Valid certificates that have no follow-up yet (issued before this process existed). */
	public List<Certificate> withoutFollowup() {
		return certificates.validWithoutFollowup();
	}

}
