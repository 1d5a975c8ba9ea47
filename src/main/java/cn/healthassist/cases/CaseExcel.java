package cn.healthassist.cases;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import cn.healthassist.attachments.AttachmentService;
import cn.healthassist.web.Spreadsheet;

/** Excel files of a case's trail and of a search result. */
final class CaseExcel {

	private CaseExcel() {
	}

	static byte[] trail(CaseTrail t, ZoneId zone) {
		try (Spreadsheet book = new Spreadsheet(zone)) {
			Spreadsheet.Writer sheet = book.sheet("办理过程")
				.labelled("业务编号", t.businessKey())
				.labelled("事项", t.processName() + "（第" + t.processVersion() + "版）")
				.labelled("申请人", t.applicantName())
				.labelled("身份证号", t.idNumber())
				.labelled("状态", t.statusName())
				.labelled("发起时间", t.startTime())
				.labelled("办结时间", t.endTime())
				.labelled("留痕校验", t.chainVerified() ? "通过（" + t.chainLength() + "条记录）"
						: "未通过：第" + t.chainBrokenAt() + "条记录被改动")
				.blank()
				.bold("序号", "环节", "办理组", "办理人", "开始时间", "结束时间", "用时（分钟）", "办理期限", "是否逾期", "结论", "意见", "填写内容");
			int n = 1;
			for (CaseTrail.Step s : t.steps()) {
				sheet.row(n++, s.name(), s.group(), s.userName() == null ? null : s.userName() + "（" + s.userId() + "）",
						s.startTime(), s.endTime(), s.durationMs() == null ? null : Math.round(s.durationMs() / 60000.0),
						s.due(), s.overdue() ? "是" : null, s.decisionLabel() != null ? s.decisionLabel() : s.decision(),
						s.opinion(), s.fields().stream().map(f -> f.label() + "：" + nz(f.valueLabel()))
							.collect(Collectors.joining("；")));
			}
			sheet.widths(12, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 40);
			Spreadsheet.Writer files = book.sheet("附件")
				.bold("文件名", "说明", "上传人", "上传时间", "大小（字节）", "SHA-256", "删除人", "删除时间");
			for (AttachmentService.AttachmentView a : t.attachments()) {
				files.row(a.name(), a.description(), a.userName(), a.time(), a.size(), a.sha256(), a.removedByName(),
						a.removedAt());
			}
			return book.toBytes();
		}
	}

	/** The search result; townships, villages and hospitals as "name（code）" where {@code places} names the code. */
	static byte[] search(List<CaseSearchController.CaseItem> items, Map<String, String> places, ZoneId zone) {
		try (Spreadsheet book = new Spreadsheet(zone)) {
			Spreadsheet.Writer sheet = book.sheet("案件查询结果")
				.bold("业务编号", "事项", "申请人", "身份证号", "状态", "乡镇", "村", "医院", "发起时间", "办结时间");
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
