package cn.healthassist.organisation;

import java.util.List;

import org.springframework.stereotype.Component;

import cn.healthassist.problems.FieldProblem;
import cn.healthassist.values.IdNumbers;
import cn.healthassist.values.Texts;
import cn.healthassist.values.Messages;

/**
 * The checks every application makes of the person it is for: a name, a valid ID number (normalised: upper-case
 * check letter, no spaces) and a household category from the catalogue. Each problem is added to the list under
 * the request's field name; the values that passed are returned (null where a check failed).
 */
@Component
public class Applicants {

	private final OrganisationMapper organisation;

	public Applicants(OrganisationMapper organisation) {
		this.organisation = organisation;
	}

	/** The person's name, ID number and household category, as far as they passed. */
	public record Applicant(String name, String idNumber, CodeName householdCategory) {
	}

	/**
	 * @param nameField the request's field of the name ({@code applicantName}, {@code patientName})
	 * @param nameLabel how the form calls it (申请人姓名, 患者姓名)
	 */
	public Applicant check(List<FieldProblem> problems, String nameField, String nameLabel, String name,
			String idNumber, String householdCategory) {
		String checkedName = Texts.line(problems, nameField, nameLabel, name, true, 32);
		String id = IdNumbers.normalize(idNumber);
		String idProblem = IdNumbers.problem(id);
		if (idProblem != null) {
			problems.add(new FieldProblem("idNumber", idProblem));
		}
		CodeName category = null;
		String categoryCode = Texts.line(problems, "householdCategory", Messages.get("label.householdCategory"),
				householdCategory, true, 32);
		if (categoryCode != null) {
			category = organisation.findHouseholdCategory(categoryCode);
			if (category == null) {
				problems.add(new FieldProblem("householdCategory",
						Messages.get("organisation.unknownHouseholdCategory", categoryCode)));
			}
		}
		return new Applicant(checkedName, id, category);
	}

	/**
	 * The applicant's village: the code sent, or the starter's own village when they serve only one; null (and a
	 * problem) when missing or unknown. Whether the starter serves it is the validator's question.
	 */
	public Village village(List<FieldProblem> problems, String requested, java.util.Collection<String> ownVillages) {
		String code = Texts.codeOrOwn(problems, "villageCode", Messages.get("label.villageCode"), requested, ownVillages,
				Messages.get("organisation.village.codeMissing"));
		if (code == null) {
			return null;
		}
		Village village = organisation.findVillage(code);
		if (village == null) {
			problems.add(new FieldProblem("villageCode", Messages.get("organisation.village.unknown", code)));
		}
		return village;
	}

}
