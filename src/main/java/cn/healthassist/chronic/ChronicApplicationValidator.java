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
			return Keys.of(ProcessKeys.CHRONIC_CERTIFICATE, idNumber, diseaseCode);
		}

	}

	public Valid validate(ChronicApplication in, CurrentUser starter) {
		List<FieldProblem> problems = new ArrayList<>();
		Applicants.Applicant applicant = applicants.check(problems, "applicantName", "申请人姓名", in.applicantName(),
				in.idNumber(), in.householdCategory());
		String idNumber = applicant.idNumber();
		CodeName disease = null;
		String diseaseCode = Texts.line(problems, "diseaseCode", "病种", in.diseaseCode(), true, 16);
		if (diseaseCode != null) {
			disease = organisation.findDisease(diseaseCode);
			if (disease == null) {
				problems.add(new FieldProblem("diseaseCode", "病种 " + diseaseCode + " 不在慢性病目录中"));
			}
		}
		String phone = Texts.line(problems, "phone", "联系电话", in.phone(), true, 16);
		if (phone != null && !PHONE.matcher(phone).matches()) {
			problems.add(new FieldProblem("phone", "联系电话应为11位手机号或带区号的固定电话"));
		}
		Village village = village(problems, in.villageCode(), starter);
		if (!problems.isEmpty()) {
			throw CaseRejectedException.badInput(problems);
		}
		if (starter != null && !starter.doctorVillages().contains(village.code())) {
			throw CaseRejectedException.forbidden("villageCode",
					"村 " + village.code() + "（" + village.name() + "）不在您的辖区内，只能为本人负责的村发起申请");
		}
		if (certificates.countValid(idNumber, disease.code()) > 0) {
			throw CaseRejectedException.conflict("idNumber", "该申请人已持有有效的" + disease.name() + "慢性病证，无需重复申请");
		}
		if (caseIndex.hasActive(Valid.activeKey(idNumber, disease.code()))) {
			throw CaseRejectedException.conflict("idNumber", "该申请人已有办理中的" + disease.name() + "慢性病证申请");
		}
		return new Valid(applicant.name(), idNumber, village, applicant.householdCategory(), disease, phone);
	}

	private Village village(List<FieldProblem> problems, String requested, CurrentUser starter) {
		String code = Texts.codeOrOwn(problems, "villageCode", "村代码", requested,
				starter == null ? null : starter.doctorVillages(), "请填写申请人所在村的代码");
		if (code == null) {
			return null;
		}
		Village village = organisation.findVillage(code);
		if (village == null) {
			problems.add(new FieldProblem("villageCode", "未知的村代码 " + code));
		}
		return village;
	}


}
