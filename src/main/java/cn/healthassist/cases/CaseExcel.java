package cn.healthassist.cases;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import cn.healthassist.attachments.AttachmentService;
import cn.healthassist.web.Spreadsheet;
import cn.healthassist.values.Messages;

/** Excel files of a case's trail and of a search result. */
final class CaseExcel {

	private CaseExcel() {
	}

	static byte[] trail(CaseTrail t, ZoneId zone) {
		try (Spreadsheet book = new Spreadsheet(zone)) {
			Spreadsheet.Writer sheet = book.sheet(Messages.get("cases.excel.trailSheet"))
				.labelled(Messages.get("label.caseNo"), t.businessKey())
				.labelled(Messages.get("label.subject"),
						Messages.get("cases.excel.processVersion", t.processName(), t.processVersion()))
				.labelled(Messages.get("label.applicant"), t.applicantName())
				.labelled(Messages.get("label.idNumber"), t.idNumber())
				.labelled(Messages.get("label.status"), t.statusName())
				.labelled(Messages.get("label.startTime"), t.startTime())
				.labelled(Messages.get("label.endTime"), t.endTime())
				.labelled(Messages.get("cases.excel.chain"), t.chainVerified()
						? Messages.get("cases.excel.chainVerified", t.chainLength())
						: Messages.get("cases.excel.chainBroken", t.chainBrokenAt()));
			if (t.outcome() != null) {
				// the numbers the case issued, as its documents carry them
				t.outcome().forEach((key, value) -> sheet.labelled(outcomeLabel(key), value));
			}
			sheet.blank()
				.bold((Object[]) Messages.getAll("cases.excel.step.number", "cases.excel.step.name", "cases.excel.step.group",
						"cases.excel.step.user", "cases.excel.step.start", "cases.excel.step.end", "cases.excel.step.minutes",
						"cases.excel.step.due", "cases.excel.step.overdue", "cases.excel.step.decision", "cases.excel.step.opinion",
						"cases.excel.step.fields"));
			int n = 1;
			for (CaseTrail.Step s : t.steps()) {
				// people and units by name, never their ids
				sheet.row(n++, s.name(), s.groupName(), s.userName(),
						s.startTime(), s.endTime(), s.durationMs() == null ? null : Math.round(s.durationMs() / 60000.0),
						s.due(), s.overdue() ? Messages.get("cases.excel.yes") : null,
						s.decisionLabel() != null ? s.decisionLabel() : s.decision(),
						s.opinion(), s.fields().stream().map(f -> f.label() + "：" + nz(f.valueLabel()))
							.collect(Collectors.joining("；")));
			}
			sheet.widths(12, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 40);
			Spreadsheet.Writer files = book.sheet(Messages.get("cases.excel.attachmentsSheet"))
				.bold((Object[]) Messages.getAll("cases.excel.file.name", "cases.excel.file.description",
						"cases.excel.file.uploadedBy", "cases.excel.file.uploadedAt", "cases.excel.file.size",
						"cases.excel.file.sha256", "cases.excel.file.removedBy", "cases.excel.file.removedAt"));
			for (AttachmentService.AttachmentView a : t.attachments()) {
				files.row(a.name(), a.description(), a.userName(), a.time(), a.size(), a.sha256(), a.removedByName(),
						a.removedAt());
			}
			return book.toBytes();
		}
	}

	static String outcomeLabel(String key) {
		return switch (key) {
			case "certificateNo" -> Messages.get("cases.outcome.certificateNo");
			case "referralNo" -> Messages.get("cases.outcome.referralNo");
			case "approvedAmount" -> Messages.get("cases.outcome.approvedAmount");
			case "voucherNo" -> Messages.get("cases.outcome.voucherNo");
			default -> key;
		};
	}

	/** The search result; townships, villages and hospitals as "name（code）" where {@code places} names the code. */
	static byte[] search(List<CaseSearchController.CaseItem> items, Map<String, String> places, ZoneId zone) {
		try (Spreadsheet book = new Spreadsheet(zone)) {
			Spreadsheet.Writer sheet = book.sheet(Messages.get("cases.excel.searchSheet"))
				.bold((Object[]) Messages.getAll("label.caseNo", "label.subject", "label.applicant", "label.idNumber",
						"label.status", "label.township", "label.village", "label.hospital", "label.startTime",
						"label.endTime"));
			for (CaseSearchController.CaseItem c : items) {
				sheet.row(c.businessKey(), c.processName(), c.applicantName(), c.idNumber(), c.statusName(),
						place(c.townshipCode(), places), place(c.villageCode(), places), place(c.hospitalCode(), places),
						c.startTime(), c.endTime());
			}
			sheet.widths(10, 18);
			return book.toBytes();
		}
	}

	private static String place(String code, Map<String, String> places) {
		if (code == null || code.isEmpty()) {
			return "";
		}
		String name = places.get(code);
		return name == null ? code : name + "（" + code + "）";
	}

	private static String nz(String s) {
		return s == null ? "" : s;
	}

}
