package cn.healthassist.charity;

import cn.healthassist.values.Days;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import cn.healthassist.cases.CaseIndex;
import cn.healthassist.problems.CaseRejectedException;
import cn.healthassist.problems.FieldProblem;
import cn.healthassist.values.Keys;
import cn.healthassist.values.Money;
import cn.healthassist.processes.ProcessKeys;
import cn.healthassist.engine.SystemCalls;
import cn.healthassist.values.Texts;
import cn.healthassist.organisation.Applicants;
import cn.healthassist.organisation.CodeName;
import cn.healthassist.organisation.OrganisationMapper;
import cn.healthassist.organisation.Village;
import cn.healthassist.security.CurrentUser;
import cn.healthassist.values.Messages;

/**
 * The rules of a charity relief request (docs/product.md 2.3 step 1), the same from Tasklist and the API: amounts in yuan,
 * not negative, at most two decimals; insured costs within the total; what was paid within the insured costs;
 * admission before discharge and not in the future; a household category the federation's rule (DMN) relieves; a
 * village of the committee's own; and no other running request of the person.
 */
@Component
public class CharityValidator {

	private final OrganisationMapper organisation;

	private final Applicants applicants;

	private final CaseIndex caseIndex;

	private final DecisionService decisionService;

	private final IdentityService identityService;

	public CharityValidator(OrganisationMapper organisation, Applicants applicants, CaseIndex caseIndex, DecisionService decisionService,
			IdentityService identityService) {
		this.organisation = organisation;
		this.applicants = applicants;
		this.caseIndex = caseIndex;
		this.decisionService = decisionService;
		this.identityService = identityService;
	}

	/** The request as typed: amounts still as sent (string, number). */
	public record Raw(String applicantName, String idNumber, String villageCode, String householdCategory,
			String hospitalName, String admissionDate, String dischargeDate, Map<String, Object> amounts) {
	}

	/** A request that passed every rule. */
	public record Valid(String applicantName, String idNumber, Village village, CodeName householdCategory,
			String hospitalName, LocalDate admissionDate, LocalDate dischargeDate, Map<String, BigDecimal> amounts,
			BigDecimal remainingSelfPaid) {

		public String activeKey() {
			return activeKey(idNumber);
		}

		static String activeKey(String idNumber) {
			return Keys.activeKey(ProcessKeys.CHARITY_RELIEF, idNumber, null);
		}

	}

	private static final Map<String, String> LABELS = Map.of(CharityVariables.TOTAL_COST, Messages.get("label.totalCost"),
			CharityVariables.INSURED_COST, Messages.get("label.insuredCost"), CharityVariables.BASIC_INSURANCE_PAID,
			Messages.get("label.basicInsurancePaid"), CharityVariables.SERIOUS_ILLNESS_INSURANCE_PAID,
			Messages.get("label.seriousIllnessInsurancePaid"), CharityVariables.MEDICAL_ASSISTANCE_PAID,
			Messages.get("label.medicalAssistancePaid"), CharityVariables.OTHER_RELIEF_PAID, Messages.get("label.otherReliefPaid"));

	public Valid validate(Raw in, CurrentUser starter) {
		List<FieldProblem> problems = new ArrayList<>();
		Applicants.Applicant applicant = applicants.check(problems, "applicantName", Messages.get("label.applicantName"),
				in.applicantName(), in.idNumber(), in.householdCategory());
		String name = applicant.name();
		String id = applicant.idNumber();
		CodeName category = applicant.householdCategory();
		String reason = category == null ? null : ineligibleReason(category.code());
		if (reason != null) {
			problems.add(new FieldProblem("householdCategory", Messages.get("charity.categoryNotRelieved",
					category.name(), reason)));
		}
		String hospital = Texts.line(problems, "hospitalName", Messages.get("label.hospitalName"), in.hospitalName(),
				true, 64);
		LocalDate today = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneId.systemDefault());
		LocalDate admission = date(problems, "admissionDate", Messages.get("label.admissionDate"), in.admissionDate(), today);
		LocalDate discharge = date(problems, "dischargeDate", Messages.get("label.dischargeDate"), in.dischargeDate(), today);
		if (admission != null && discharge != null && discharge.isBefore(admission)) {
			problems.add(new FieldProblem("dischargeDate", Messages.get("charity.dischargeBeforeAdmission")));
		}
		Map<String, BigDecimal> amounts = new java.util.LinkedHashMap<>();
		for (String field : CharityVariables.AMOUNTS) {
			BigDecimal amount = Money.parse(problems, field, LABELS.get(field), in.amounts().get(field), true);
			if (amount != null) {
				amounts.put(field, amount);
			}
		}
		BigDecimal remaining = null;
		if (amounts.size() == CharityVariables.AMOUNTS.size()) {
			BigDecimal total = amounts.get(CharityVariables.TOTAL_COST);
			BigDecimal insured = amounts.get(CharityVariables.INSURED_COST);
			BigDecimal paid = amounts.get(CharityVariables.BASIC_INSURANCE_PAID)
				.add(amounts.get(CharityVariables.SERIOUS_ILLNESS_INSURANCE_PAID))
				.add(amounts.get(CharityVariables.MEDICAL_ASSISTANCE_PAID))
				.add(amounts.get(CharityVariables.OTHER_RELIEF_PAID));
			if (insured.compareTo(total) > 0) {
				problems.add(new FieldProblem(CharityVariables.INSURED_COST,
						Messages.get("charity.insuredAboveTotal", insured, total)));
			}
			else if (paid.compareTo(insured) > 0) {
				problems.add(new FieldProblem(CharityVariables.BASIC_INSURANCE_PAID,
						Messages.get("charity.paidAboveInsured", paid, insured)));
			}
			remaining = insured.subtract(paid);
		}
		Village village = applicants.village(problems, in.villageCode(),
				starter == null ? null : starter.committeeVillages());
		if (!problems.isEmpty()) {
			throw CaseRejectedException.badInput(problems);
		}
		if (starter != null && !starter.committeeVillages().contains(village.code())) {
			throw CaseRejectedException.forbidden("villageCode",
					Messages.get("charity.outsideVillages", village.code(), village.name()));
		}
		if (caseIndex.hasActive(Valid.activeKey(id))) {
			throw CaseRejectedException.conflict("idNumber", Messages.get("charity.alreadyApplying"));
		}
		return new Valid(name, id, village, category, hospital, admission, discharge, amounts, remaining);
	}

	/** The federation's rule (latest DMN version) on a household category: null when it relieves it. */
	String ineligibleReason(String category) {
		DmnDecisionResult result = SystemCalls.run(identityService, () -> decisionService
			.evaluateDecisionByKey(CharityActivities.RATE_DECISION)
			.variables(Variables.createVariables().putValue("householdCategory", category))
			.evaluate());
		Map<String, Object> rule = result.getSingleResult().getEntryMap();
		if (Boolean.TRUE.equals(rule.get("eligible"))) {
			return null;
		}
		Object reason = rule.get("ineligibleReason");
		return reason == null || reason.toString().isBlank() ? Messages.get("charity.notEligible") : reason.toString();
	}

	private static LocalDate date(List<FieldProblem> problems, String field, String label, String value, LocalDate today) {
		if (value == null || value.isBlank()) {
			problems.add(new FieldProblem(field, Messages.get("values.fillIn", label)));
			return null;
		}
		try {
			LocalDate date = Days.parse(value);
			if (date.isAfter(today)) {
				problems.add(new FieldProblem(field, Messages.get("charity.dateInFuture", label)));
				return null;
			}
			return date;
		}
		catch (DateTimeParseException e) {
			problems.add(new FieldProblem(field, Messages.get("charity.dateFormat", label)));
			return null;
		}
	}


}
