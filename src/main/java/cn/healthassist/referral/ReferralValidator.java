package cn.healthassist.referral;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import cn.healthassist.cases.CaseIndex;
import cn.healthassist.problems.CaseRejectedException;
import cn.healthassist.problems.FieldProblem;
import cn.healthassist.values.Keys;
import cn.healthassist.processes.ProcessKeys;
import cn.healthassist.values.Texts;
import cn.healthassist.organisation.Applicants;
import cn.healthassist.organisation.CodeName;
import cn.healthassist.organisation.Hospital;
import cn.healthassist.organisation.OrganisationMapper;
import cn.healthassist.security.CurrentUser;
import cn.healthassist.values.Messages;

/**
 * The rules of a referral request (docs/product.md 2.2 step 1), the same from Tasklist and the API: a valid ID number, a
 * household category, the treating doctor's own hospital, a designated destination hospital from the reference
 * data, a diagnosis and a reason, an urgency; and no other running referral for the patient.
 */
@Component
public class ReferralValidator {

	static final List<String> URGENCIES = List.of("normal", "emergency");

	private final OrganisationMapper organisation;

	private final Applicants applicants;

	private final CaseIndex caseIndex;

	public ReferralValidator(OrganisationMapper organisation, Applicants applicants, CaseIndex caseIndex) {
		this.organisation = organisation;
		this.applicants = applicants;
		this.caseIndex = caseIndex;
	}

	/** A request that passed every rule, normalised, with the names the forms show. */
	public record Valid(String patientName, String idNumber, CodeName householdCategory, Hospital hospital,
			String countyCode, Hospital destination, String diagnosis, String reason, String urgency) {

		public String activeKey() {
			return activeKey(idNumber);
		}

		static String activeKey(String idNumber) {
			return Keys.activeKey(ProcessKeys.COUNTY_REFERRAL, idNumber, null);
		}

	}

	public Valid validate(ReferralApplication in, CurrentUser starter) {
		List<FieldProblem> problems = new ArrayList<>();
		Applicants.Applicant patient = applicants.check(problems, "patientName", Messages.get("label.patientName"),
				in.patientName(), in.idNumber(), in.householdCategory());
		String id = patient.idNumber();
		String diagnosis = Texts.line(problems, "diagnosis", Messages.get("label.diagnosis"), in.diagnosis(), true, 200);
		String reason = Texts.text(problems, "reason", Messages.get("label.referralReason"), in.reason(), true, 500);
		Hospital destination = null;
		String destinationCode = Texts.line(problems, "destinationHospitalCode", Messages.get("label.destinationHospital"),
				in.destinationHospitalCode(), true, 16);
		if (destinationCode != null) {
			destination = organisation.findDestination(destinationCode);
			if (destination == null) {
				problems.add(new FieldProblem("destinationHospitalCode",
						Messages.get("referral.notDestination", destinationCode, destinations())));
			}
		}
		String urgency = Texts.oneOf(problems, "urgency", Messages.get("label.urgency"), in.urgency(), URGENCIES);
		Hospital hospital = hospital(problems, in.hospitalCode(), starter);
		if (!problems.isEmpty()) {
			throw CaseRejectedException.badInput(problems);
		}
		if (starter != null && !starter.doctorHospitals().contains(hospital.code())) {
			throw CaseRejectedException.forbidden("hospitalCode",
					Messages.get("referral.otherHospital", hospital.code(), hospital.name()));
		}
		if (caseIndex.hasActive(Valid.activeKey(id))) {
			throw CaseRejectedException.conflict("idNumber", Messages.get("referral.alreadyReferring"));
		}
		String county = organisation.findHospitalCounty(hospital.code());
		return new Valid(patient.name(), id, patient.householdCategory(), hospital, county, destination, diagnosis, reason, urgency);
	}

	private String destinations() {
		return String.join("、", organisation.selectDestinations().stream().map(h -> h.code() + " " + h.name()).toList());
	}

	private Hospital hospital(List<FieldProblem> problems, String requested, CurrentUser starter) {
		String code = Texts.codeOrOwn(problems, "hospitalCode", Messages.get("label.hospitalCode"), requested,
				starter == null ? null : starter.doctorHospitals(), Messages.get("referral.hospitalCodeMissing"));
		if (code == null) {
			return null;
		}
		Hospital hospital = organisation.findHospital(code);
		if (hospital == null) {
			problems.add(new FieldProblem("hospitalCode", Messages.get("referral.unknownHospital", code)));
		}
		return hospital;
	}

}
