package cn.healthassist.chronic;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import cn.healthassist.cases.CaseIndex;
import cn.healthassist.problems.CaseRejectedException;
import cn.healthassist.problems.FieldProblem;
import cn.healthassist.values.Keys;
import cn.healthassist.processes.ProcessKeys;
import cn.healthassist.values.Texts;
import cn.healthassist.organisation.Applicants;
import cn.healthassist.organisation.CodeName;
import cn.healthassist.organisation.OrganisationMapper;
import cn.healthassist.organisation.Village;
import cn.healthassist.security.CurrentUser;
import cn.healthassist.values.Messages;

/**
 * The rules a chronic-certificate application must pass before anything is stored (docs/product.md 2.1 step 1), the same
 * for a start from Tasklist and from the API: a valid ID number, a known village within the starter's own
 * villages, a household category and disease from the catalogues, a phone number, and no valid certificate or
 * running application for that person and disease.
 */
@Component
public class ChronicApplicationValidator {

	static final Pattern PHONE = Pattern.compile("1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8}");

	private final OrganisationMapper organisation;

	private final Applicants applicants;

	private final CertificateMapper certificates;

	private final CaseIndex caseIndex;

	public ChronicApplicationValidator(OrganisationMapper organisation, Applicants applicants, CertificateMapper certificates,
			CaseIndex caseIndex) {
		this.organisation = organisation;
		this.applicants = applicants;
		this.certificates = certificates;
		this.caseIndex = caseIndex;
	}

	/** An application that passed every rule, normalised, with the names the forms show. */
	public record Valid(String applicantName, String idNumber, Village village, CodeName householdCategory,
			CodeName disease, String phone) {

		public String activeKey() {
			return activeKey(idNumber, disease.code());
		}

		public static String activeKey(String idNumber, String diseaseCode) {
			return Keys.activeKey(ProcessKeys.CHRONIC_CERTIFICATE, idNumber, diseaseCode);
		}

	}

	public Valid validate(ChronicApplication in, CurrentUser starter) {
		List<FieldProblem> problems = new ArrayList<>();
		Applicants.Applicant applicant = applicants.check(problems, "applicantName", Messages.get("label.applicantName"),
				in.applicantName(), in.idNumber(), in.householdCategory());
		String idNumber = applicant.idNumber();
		CodeName disease = null;
		String diseaseCode = Texts.line(problems, "diseaseCode", Messages.get("label.disease"), in.diseaseCode(), true, 16);
		if (diseaseCode != null) {
			disease = organisation.findDisease(diseaseCode);
			if (disease == null) {
				problems.add(new FieldProblem("diseaseCode", Messages.get("chronic.unknownDisease", diseaseCode)));
			}
		}
		String phone = Texts.line(problems, "phone", Messages.get("label.phone"), in.phone(), true, 16);
		if (phone != null && !PHONE.matcher(phone).matches()) {
			problems.add(new FieldProblem("phone", Messages.get("chronic.phone")));
		}
		Village village = applicants.village(problems, in.villageCode(), starter == null ? null : starter.doctorVillages());
		if (!problems.isEmpty()) {
			throw CaseRejectedException.badInput(problems);
		}
		if (starter != null && !starter.doctorVillages().contains(village.code())) {
			throw CaseRejectedException.forbidden("villageCode",
					Messages.get("chronic.outsideVillages", village.code(), village.name()));
		}
		if (certificates.countValid(idNumber, disease.code()) > 0) {
			throw CaseRejectedException.conflict("idNumber", Messages.get("chronic.alreadyCertified", disease.name()));
		}
		if (caseIndex.hasActive(Valid.activeKey(idNumber, disease.code()))) {
			throw CaseRejectedException.conflict("idNumber", Messages.get("chronic.alreadyApplying", disease.name()));
		}
		return new Valid(applicant.name(), idNumber, village, applicant.householdCategory(), disease, phone);
	}



}
