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
			return Keys.of(ProcessKeys.COUNTY_REFERRAL, idNumber);
		}

	}

	public Valid validate(ReferralApplication in, CurrentUser starter) {
		List<FieldProblem> problems = new ArrayList<>();
		Applicants.Applicant patient = applicants.check(problems, "patientName", "患者姓名", in.patientName(),
				in.idNumber(), in.householdCategory());
		String id = patient.idNumber();
		String diagnosis = Texts.line(problems, "diagnosis", "诊断", in.diagnosis(), true, 200);
		String reason = Texts.text(problems, "reason", "县内无法诊治的原因", in.reason(), true, 500);
		Hospital destination = null;
		String destinationCode = Texts.line(problems, "destinationHospitalCode", "转往医院", in.destinationHospitalCode(),
				true, 16);
		if (destinationCode != null) {
			destination = organisation.findDestination(destinationCode);
			if (destination == null) {
				problems.add(new FieldProblem("destinationHospitalCode",
						"转往医院 " + destinationCode + " 不是定点转诊医院（可选：" + destinations() + "）"));
			}
		}
		String urgency = Texts.oneOf(problems, "urgency", "紧急程度", in.urgency(), URGENCIES);
		Hospital hospital = hospital(problems, in.hospitalCode(), starter);
		if (!problems.isEmpty()) {
			throw CaseRejectedException.badInput(problems);
		}
		if (starter != null && !starter.doctorHospitals().contains(hospital.code())) {
			throw CaseRejectedException.forbidden("hospitalCode",
					"医院 " + hospital.code() + "（" + hospital.name() + "）不是您所在的医院，只能为本院患者申请转诊");
		}
		if (caseIndex.hasActive(Valid.activeKey(id))) {
			throw CaseRejectedException.conflict("idNumber", "该患者已有办理中的县外转诊，请勿重复申请");
		}
		String county = organisation.findHospitalCounty(hospital.code());
		return new Valid(patient.name(), id, patient.householdCategory(), hospital, county, destination, diagnosis, reason, urgency);
	}

	private String destinations() {
		return String.join("、", organisation.selectDestinations().stream().map(h -> h.code() + " " + h.name()).toList());
	}

	private Hospital hospital(List<FieldProblem> problems, String requested, CurrentUser starter) {
		String code = Texts.codeOrOwn(problems, "hospitalCode", "转出医院代码", requested,
				starter == null ? null : starter.doctorHospitals(), "请填写转出医院的代码");
		if (code == null) {
			return null;
		}
		Hospital hospital = organisation.findHospital(code);
		if (hospital == null) {
			problems.add(new FieldProblem("hospitalCode", "未知的医院代码 " + code));
		}
		return hospital;
	}

}
