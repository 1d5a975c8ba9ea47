package cn.healthassist.referral;

import cn.healthassist.web.Spreadsheet;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.healthassist.organisation.Hospital;
import cn.healthassist.organisation.OrganisationMapper;
import cn.healthassist.values.Messages;

/**
 * The referral report (docs/product.md 2.2 step 5): per hospital and month, referrals requested, approved and rejected by the
 * unit head, emergencies, overdue emergencies escalated, referrals issued, audit outcomes, and the in-county
 * treatment rate where the month's admissions of assisted patients have been entered:
 * rate = admissions ÷ (admissions + referrals issued out of the county).
 */
@Service
public class ReferralReportService {

	private final ReferralReportMapper mapper;

	private final OrganisationMapper organisation;

	public ReferralReportService(ReferralReportMapper mapper, OrganisationMapper organisation) {
		this.mapper = mapper;
		this.organisation = organisation;
	}

	/** One line of the report. */
	public record Line(String hospitalCode, String hospitalName, String month, long referrals, long approved,
			long rejected, long emergency, long escalated, long issued, long auditedCompliant, long auditedNonCompliant,
			Integer admissions, BigDecimal inCountyRate) {
	}

	public List<Line> report(YearMonth from, YearMonth to, Collection<String> hospitals) {
		Map<String, String> names = new HashMap<>();
		organisation.selectHospitals().forEach(h -> names.put(h.code(), h.name()));
		Map<String, Integer> admissions = new HashMap<>();
		mapper.admissions(from.toString(), to.toString())
			.forEach(a -> admissions.put(a.hospitalCode() + "|" + a.periodMonth(), a.totalAdmissions()));
		List<Line> lines = new ArrayList<>();
		for (ReferralReportMapper.Counts c : mapper.monthly(start(from), start(to.plusMonths(1)), hospitals)) {
			String month = YearMonth.of(c.yearNo(), c.monthNo()).toString();
			Integer admitted = admissions.get(c.hospitalCode() + "|" + month);
			BigDecimal rate = admitted == null || admitted + c.issued() == 0 ? null
					: BigDecimal.valueOf(admitted)
						.multiply(BigDecimal.valueOf(100))
						.divide(BigDecimal.valueOf(admitted + c.issued()), 1, RoundingMode.HALF_UP);
			lines.add(new Line(c.hospitalCode(), names.getOrDefault(c.hospitalCode(), c.hospitalCode()), month,
					c.referrals(), c.approved(), c.rejected(), c.emergency(), c.escalated(), c.issued(), c.auditedCompliant(),
					c.auditedNonCompliant(), admitted, rate));
		}
		return lines;
	}

	@Transactional
	public void enterAdmissions(String hospital, YearMonth month, int total, String user) {
		Date now = ClockUtil.getCurrentTime();
		if (mapper.updateAdmissions(hospital, month.toString(), total, user, now) == 0) {
			mapper.insertAdmissions(hospital, month.toString(), total, user, now);
		}
	}

	public Hospital hospital(String code) {
		return organisation.findHospital(code);
	}

	public byte[] excel(List<Line> lines, YearMonth from, YearMonth to) {
		String[] headers = Messages.getAll("referral.report.hospitalCode", "label.hospital", "referral.report.month",
				"referral.report.referrals", "referral.report.headApproved", "referral.report.headNotApproved",
				"referral.report.emergency", "referral.report.escalated", "referral.report.issued",
				"referral.report.auditedCompliant", "referral.report.auditedNonCompliant", "referral.report.admissionsColumn",
				"referral.report.inCountyRate");
		try (Spreadsheet book = new Spreadsheet(ZoneId.systemDefault())) {
			Spreadsheet.Writer sheet = book.sheet(Messages.get("referral.report.sheet"))
				.bold(Messages.get("referral.report.title", from, to))
				.bold((Object[]) headers);
			for (Line l : lines) {
				sheet.row(l.hospitalCode(), l.hospitalName(), l.month(), l.referrals(), l.approved(), l.rejected(),
						l.emergency(), l.escalated(), l.issued(), l.auditedCompliant(), l.auditedNonCompliant(),
						l.admissions(), l.inCountyRate());
			}
			sheet.blank().row(Messages.get("referral.report.inCountyRateNote")).widths(headers.length, 14);
			return book.toBytes();
		}
	}

	private static Date start(YearMonth month) {
		return Date.from(month.atDay(1).atStartOfDay(ZoneId.systemDefault()).toInstant());
	}

}
