package cn.healthassist.documents;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.springframework.stereotype.Service;

import cn.healthassist.audit.AuditEntry;
import cn.healthassist.audit.AuditLog;
import cn.healthassist.audit.CaseRecords;
import cn.healthassist.cases.CaseRecord;
import cn.healthassist.charity.CharityActivities;
import cn.healthassist.charity.CharityVariables;
import cn.healthassist.charity.Grant;
import cn.healthassist.charity.GrantMapper;
import cn.healthassist.chronic.Certificate;
import cn.healthassist.chronic.CertificateMapper;
import cn.healthassist.config.HealthAssistProperties;
import cn.healthassist.documents.CaseDocument.Row;
import cn.healthassist.engine.SystemCalls;
import cn.healthassist.organisation.CodeName;
import cn.healthassist.organisation.Hospital;
import cn.healthassist.organisation.OrganisationMapper;
import cn.healthassist.organisation.Village;
import cn.healthassist.privacy.PersonalDataCipher;
import cn.healthassist.processes.ProcessKeys;
import cn.healthassist.referral.Referral;
import cn.healthassist.referral.ReferralMapper;
import cn.healthassist.values.IdNumbers;
import cn.healthassist.values.Messages;
import cn.healthassist.values.Money;

/**
 * The documents of a case (docs/product.md 4.1), each from the record the product's rules wrote: the certificate
 * registry for 慢性病证, the referral registry for 转诊单, the approvals of the audit log for 救助审批表 (once the case
 * waits for payment or is paid), the grant registry for 救助金发放通知. A follow-up case hands over the certificate it
 * follows. People are named, units and categories by name, times in the county's time zone; the ID number (and a
 * referral's diagnosis) is masked unless the reader's jurisdiction holds the case.
 */
@Service
public class CaseDocuments {

	private final CertificateMapper certificates;

	private final ReferralMapper referrals;

	private final GrantMapper grants;

	private final OrganisationMapper organisation;

	private final AuditLog auditLog;

	private final HistoryService historyService;

	private final IdentityService identityService;

	private final ZoneId zone;

	private final CaseRecords caseRecords;

	private final RepositoryService repositoryService;

	public CaseDocuments(CertificateMapper certificates, ReferralMapper referrals, GrantMapper grants,
			OrganisationMapper organisation, AuditLog auditLog, HistoryService historyService,
			IdentityService identityService, HealthAssistProperties properties, CaseRecords caseRecords,
			RepositoryService repositoryService) {
		this.caseRecords = caseRecords;
		this.repositoryService = repositoryService;
		this.certificates = certificates;
		this.referrals = referrals;
		this.grants = grants;
		this.organisation = organisation;
		this.auditLog = auditLog;
		this.historyService = historyService;
		this.identityService = identityService;
		this.zone = properties.getTimeZone();
	}

	/** The documents the case has now, in the order they were made. */
	public List<CaseDocument> of(CaseRecord c, boolean unmask) {
		List<CaseDocument> found = new ArrayList<>();
		for (DocumentKind kind : DocumentKind.values()) {
			of(c, kind, unmask).ifPresent(found::add);
		}
		return found;
	}

	/** One document of the case; empty when the case has none of that kind (yet). */
	public Optional<CaseDocument> of(CaseRecord c, DocumentKind kind, boolean unmask) {
		return Optional.ofNullable(switch (kind) {
			case CERTIFICATE -> certificate(c, unmask);
			case REFERRAL_SLIP -> referralSlip(c, unmask);
			case RELIEF_APPROVAL -> reliefApproval(c, unmask);
			case PAYMENT_NOTICE -> paymentNotice(c, unmask);
		});
	}

	private CaseDocument certificate(CaseRecord c, boolean unmask) {
		Certificate cert = switch (c.processKey()) {
			case ProcessKeys.CHRONIC_CERTIFICATE -> certificates.findByBusinessKey(c.businessKey());
			case ProcessKeys.CHRONIC_FOLLOWUP -> c.subject() == null ? null : certificates.findByNumber(c.subject());
			default -> null;
		};
		if (cert == null) {
			return null;
		}
		String validity = cert.validTo() == null ? Messages.get("documents.certificate.validFrom", date(cert.validFrom()))
				: Messages.get("documents.certificate.validFromTo", date(cert.validFrom()), date(cert.validTo()));
		String status = "valid".equals(cert.status()) ? Messages.get("documents.certificate.valid")
				: Messages.get("documents.certificate.revoked", date(cert.revokedAt()), nz(cert.revokeReason()));
		List<Row> rows = List.of(row("label.name", cert.applicantName()), row("label.idNumber", id(cert.idNumber(), unmask)),
				row("label.disease", name(organisation.findDisease(cert.diseaseCode()), cert.diseaseCode())),
				row("documents.label.village", village(cert.villageCode())),
				row("documents.label.validity", validity), row("label.status", status),
				row("label.caseNo", cert.businessKey()));
		List<Row> signatures = List.of(row("documents.label.issuer", Messages.get("documents.certificate.issuer", county(c))),
				row("documents.label.approver", person(cert.issuedBy())), row("documents.label.issuedOn", date(cert.issuedAt())));
		return new CaseDocument(DocumentKind.CERTIFICATE, cert.businessKey(), DocumentKind.CERTIFICATE.title(),
				cert.certificateNo(), cert.applicantName(), rows, signatures, Messages.get("documents.certificate.note"),
				cert.issuedAt());
	}

	private CaseDocument referralSlip(CaseRecord c, boolean unmask) {
		if (!ProcessKeys.COUNTY_REFERRAL.equals(c.processKey())) {
			return null;
		}
		Referral r = referrals.find(c.businessKey());
		if (r == null || r.referralNo() == null) {
			return null;
		}
		Hospital from = organisation.findHospital(r.hospitalCode());
		Hospital to = organisation.findDestination(r.destinationCode());
		boolean emergency = "emergency".equals(r.urgency());
		List<Row> rows = List.of(row("documents.label.patient", r.patientName()), row("label.idNumber", id(r.idNumber(), unmask)),
				row("label.householdCategory", name(organisation.findHouseholdCategory(r.householdCategory()), r.householdCategory())),
				row("documents.label.fromHospital", from == null ? r.hospitalCode() : from.name()),
				row("documents.label.toHospital", to == null ? r.destinationCode() : to.name()),
				// outside the jurisdiction the diagnosis is masked as in the trail (CaseTrailService)
				row("documents.label.diagnosis", unmask ? r.diagnosis() : PersonalDataCipher.masked("diagnosis", r.diagnosis())),
				row("documents.label.reason", r.reason()),
				row("label.urgency", Messages.get(emergency ? "referral.urgency.emergency" : "referral.urgency.normal")),
				row("label.caseNo", r.businessKey()));
		String head = r.headUser() == null ? Messages.get("documents.referral.headPending")
				: Messages.get("documents.signedAt", person(r.headUser()), time(r.headDecidedAt()));
		List<Row> signatures = List.of(
				row("documents.label.requestedBy", Messages.get("documents.signedAt", person(r.requestedBy()), time(r.requestedAt()))),
				row("documents.label.unitHead", head), row("documents.label.issuedOn", time(r.issuedAt())));
		return new CaseDocument(DocumentKind.REFERRAL_SLIP, r.businessKey(), DocumentKind.REFERRAL_SLIP.title(),
				r.referralNo(), r.patientName(), rows, signatures,
				Messages.get(emergency ? "documents.referral.noteEmergency" : "documents.referral.note"), r.issuedAt());
	}

	private CaseDocument reliefApproval(CaseRecord c, boolean unmask) {
		if (!ProcessKeys.CHARITY_RELIEF.equals(c.processKey())) {
			return null;
		}
		// approved: the case waits for its payment or is paid (the rejections end before 登记支付)
		boolean approved = grants.find(c.businessKey()) != null || SystemCalls.run(identityService,
				() -> historyService.createHistoricActivityInstanceQuery().processInstanceId(c.processInstanceId())
					.activityId(CharityActivities.RECORD_PAYMENT).count() > 0);
		if (!approved) {
			return null;
		}
		Map<String, Object> v = facts(c);
		Map<String, AuditEntry> steps = completedSteps(c.businessKey());
		AuditEntry verification = steps.get(CharityActivities.VERIFICATION);
		AuditEntry federation = steps.get(CharityActivities.FEDERATION_APPROVAL);
		AuditEntry second = steps.get(CharityActivities.SECOND_APPROVAL);
		List<Row> rows = new ArrayList<>(List.of(row("label.applicant", text(v.get(CharityVariables.APPLICANT_NAME))),
				row("label.idNumber", id(text(v.get(CharityVariables.ID_NUMBER)), unmask)),
				row("documents.label.village", village(c.villageCode())),
				row("label.householdCategory", text(v.get(CharityVariables.HOUSEHOLD_CATEGORY_NAME))),
				row("label.hospital", text(v.get(CharityVariables.HOSPITAL_NAME))),
				row("documents.label.stay", Messages.get("documents.range", date(v.get(CharityVariables.ADMISSION_DATE)),
						date(v.get(CharityVariables.DISCHARGE_DATE)))),
				row("documents.label.totalCost", money(v.get(CharityVariables.TOTAL_COST))),
				row("documents.label.basicInsurancePaid", money(v.get(CharityVariables.BASIC_INSURANCE_PAID))),
				row("documents.label.seriousIllnessInsurancePaid", money(v.get(CharityVariables.SERIOUS_ILLNESS_INSURANCE_PAID))),
				row("documents.label.medicalAssistancePaid", money(v.get(CharityVariables.MEDICAL_ASSISTANCE_PAID))),
				row("documents.label.otherReliefPaid", money(v.get(CharityVariables.OTHER_RELIEF_PAID))),
				row("documents.label.remainingSelfPaid", money(v.get(CharityVariables.REMAINING_SELF_PAID))),
				row("documents.label.rate", percent(v.get(CharityVariables.RATE_PERCENT))),
				row("documents.label.calculatedRelief", money(v.get(CharityVariables.CALCULATED_RELIEF))),
				row("documents.label.approvedAmount", money(v.get(CharityVariables.APPROVED_AMOUNT)))));
		if (v.get(CharityVariables.LOWER_REASON) != null && !text(v.get(CharityVariables.LOWER_REASON)).isBlank()) {
			rows.add(row("documents.label.lowerReason", text(v.get(CharityVariables.LOWER_REASON))));
		}
		rows.add(row("label.caseNo", c.businessKey()));
		List<Row> signatures = new ArrayList<>();
		signatures.add(row("documents.label.verification", signed(verification)));
		signatures.add(row("documents.label.federationApproval", signed(federation)));
		if (second != null) {
			signatures.add(row("documents.label.secondApproval", signed(second)));
		}
		AuditEntry last = second != null ? second : federation;
		String applicant = text(v.get(CharityVariables.APPLICANT_NAME));
		return new CaseDocument(DocumentKind.RELIEF_APPROVAL, c.businessKey(), DocumentKind.RELIEF_APPROVAL.title(),
				c.businessKey(), applicant, rows, signatures, Messages.get("documents.relief.note"),
				last == null ? null : last.occurredAt());
	}

	private CaseDocument paymentNotice(CaseRecord c, boolean unmask) {
		if (!ProcessKeys.CHARITY_RELIEF.equals(c.processKey())) {
			return null;
		}
		Grant g = grants.find(c.businessKey());
		if (g == null) {
			return null;
		}
		List<Row> rows = List.of(row("label.applicant", g.applicantName()), row("label.idNumber", id(g.idNumber(), unmask)),
				row("documents.label.village", village(g.villageCode())), row("label.hospital", g.hospitalName()),
				row("documents.label.approvedAmount", money(g.approvedAmount())),
				row("documents.label.paidAmount", money(g.paidAmount())), row("documents.label.paidOn", date(g.paidOn())),
				row("documents.label.voucherNo", g.voucherNo()), row("label.caseNo", g.businessKey()));
		List<Row> signatures = List.of(row("documents.label.payer", Messages.get("documents.payment.issuer", county(c))),
				row("documents.label.paidBy", Messages.get("documents.signedAt", person(g.paidBy()), time(g.recordedAt()))));
		return new CaseDocument(DocumentKind.PAYMENT_NOTICE, g.businessKey(), DocumentKind.PAYMENT_NOTICE.title(),
				g.voucherNo(), g.applicantName(), rows, signatures,
				Messages.get("documents.payment.note", g.applicantName(), money(g.paidAmount())), g.recordedAt());
	}

	/** The last completion of each step, from the audit log: who really did it, when, the decision and opinion. */
	private Map<String, AuditEntry> completedSteps(String businessKey) {
		Map<String, AuditEntry> steps = new HashMap<>();
		for (AuditEntry e : auditLog.entries(businessKey)) {
			if (AuditEntry.TASK_COMPLETED.equals(e.eventType()) && e.activityId() != null) {
				steps.put(e.activityId(), e);
			}
		}
		return steps;
	}

	/** What the approval table shows: the application, the calculation and the approval, as the case record holds them. */
	private Map<String, Object> facts(CaseRecord c) {
		return caseRecords.of(historyService, repositoryService, identityService, c.businessKey(), c.processInstanceId())
			.values();
	}

	private String signed(AuditEntry e) {
		if (e == null) {
			return null;
		}
		String signed = Messages.get("documents.signedAt", person(e.userId()), time(e.occurredAt()));
		return e.opinion() == null || e.opinion().isBlank() ? signed
				: Messages.get("documents.signedWithOpinion", signed, e.opinion());
	}

	private String person(String userId) {
		return SystemCalls.userName(identityService, userId);
	}

	private String village(String code) {
		Village v = code == null ? null : organisation.findVillage(code);
		return v == null ? code : v.townshipName() + " " + v.name();
	}

	private String county(CaseRecord c) {
		String name = c.countyCode() == null ? null : organisation.findCountyName(c.countyCode());
		return name == null ? "" : name;
	}

	private String id(String idNumber, boolean unmask) {
		return idNumber == null || unmask ? idNumber : IdNumbers.mask(idNumber);
	}

	private static Row row(String labelKey, String value) {
		return new Row(Messages.get(labelKey), value);
	}

	private static String name(CodeName found, String code) {
		return found == null ? code : found.name();
	}

	private static String text(Object value) {
		return value == null ? null : value.toString();
	}

	private static String nz(String value) {
		return value == null ? "" : value;
	}

	private static String money(Object amount) {
		if (amount == null || amount.toString().isBlank()) {
			return null;
		}
		BigDecimal value = amount instanceof BigDecimal b ? b : new BigDecimal(amount.toString().strip());
		return Messages.get("documents.yuan", Money.text(value.setScale(2, java.math.RoundingMode.HALF_UP)));
	}

	/** The rate as the calculation wrote it ("60%"). */
	private static String percent(Object value) {
		return value == null ? null : value.toString();
	}

	private String date(Object value) {
		if (value == null) {
			return null;
		}
		DateTimeFormatter f = DateTimeFormatter.ofPattern(Messages.get("documents.dateFormat"));
		if (value instanceof LocalDate d) {
			return f.format(d);
		}
		if (value instanceof Date d) {
			return f.format(d.toInstant().atZone(zone));
		}
		String s = value.toString();
		try {
			return f.format(LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s));
		}
		catch (java.time.format.DateTimeParseException e) {
			return s;
		}
	}

	private String time(Date value) {
		return value == null ? null
				: DateTimeFormatter.ofPattern(Messages.get("documents.timeFormat")).format(value.toInstant().atZone(zone));
	}

}
