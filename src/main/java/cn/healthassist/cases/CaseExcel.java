package cn.healthassist.cases;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import cn.healthassist.attachments.AttachmentService;

/** Excel files of a case's trail and of a search result. */
final class CaseExcel {

	private CaseExcel() {
	}

	static byte[] trail(CaseTrail t) {
		try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			CellStyle bold = bold(wb);
			Sheet sheet = wb.createSheet("办理过程");
			String[][] head = { { "业务编号", t.businessKey() }, { "事项", t.processName() + "（第" + t.processVersion() + "版）" },
					{ "申请人", t.applicantName() }, { "身份证号", t.idNumber() }, { "状态", t.statusName() },
					{ "发起时间", time(t.startTime()) }, { "办结时间", time(t.endTime()) },
					{ "留痕校验", t.chainVerified() ? "通过（" + t.chainLength() + "条记录）" : "未通过：第" + t.chainBrokenAt() + "条记录被改动" } };
			int r = 0;
			for (String[] h : head) {
				Row row = sheet.createRow(r++);
				row.createCell(0).setCellValue(h[0]);
				row.getCell(0).setCellStyle(bold);
				row.createCell(1).setCellValue(h[1] == null ? "" : h[1]);
			}
			r++;
			String[] headers = { "序号", "环节", "办理组", "办理人", "开始时间", "结束时间", "用时（分钟）", "办理期限", "是否逾期", "结论", "意见", "填写内容" };
			Row hr = sheet.createRow(r++);
			for (int i = 0; i < headers.length; i++) {
				hr.createCell(i).setCellValue(headers[i]);
				hr.getCell(i).setCellStyle(bold);
			}
			int n = 1;
			for (CaseTrail.Step s : t.steps()) {
				Row row = sheet.createRow(r++);
				row.createCell(0).setCellValue(n++);
				row.createCell(1).setCellValue(nz(s.name()));
				row.createCell(2).setCellValue(nz(s.group()));
				row.createCell(3).setCellValue(s.userName() == null ? "" : s.userName() + "（" + s.userId() + "）");
				row.createCell(4).setCellValue(time(s.startTime()));
				row.createCell(5).setCellValue(time(s.endTime()));
				if (s.durationMs() != null) {
					row.createCell(6).setCellValue(Math.round(s.durationMs() / 60000.0));
				}
				row.createCell(7).setCellValue(time(s.due()));
				row.createCell(8).setCellValue(s.overdue() ? "是" : "");
				row.createCell(9).setCellValue(s.decisionLabel() != null ? s.decisionLabel() : nz(s.decision()));
				row.createCell(10).setCellValue(nz(s.opinion()));
				row.createCell(11).setCellValue(s.fields().stream().map(f -> f.label() + "：" + nz(f.valueLabel()))
					.collect(Collectors.joining("；")));
			}
			for (int i = 0; i < headers.length; i++) {
				sheet.setColumnWidth(i, (i >= 10 ? 40 : 16) * 256);
			}
			Sheet files = wb.createSheet("附件");
			Row fh = files.createRow(0);
			String[] fheaders = { "文件名", "说明", "上传人", "上传时间", "大小（字节）", "SHA-256", "删除人", "删除时间" };
			for (int i = 0; i < fheaders.length; i++) {
				fh.createCell(i).setCellValue(fheaders[i]);
				fh.getCell(i).setCellStyle(bold);
			}
			int fr = 1;
			for (AttachmentService.AttachmentView a : t.attachments()) {
				Row row = files.createRow(fr++);
				row.createCell(0).setCellValue(nz(a.name()));
				row.createCell(1).setCellValue(nz(a.description()));
				row.createCell(2).setCellValue(nz(a.userName()));
				row.createCell(3).setCellValue(time(a.time()));
				row.createCell(4).setCellValue(a.size());
				row.createCell(5).setCellValue(nz(a.sha256()));
				row.createCell(6).setCellValue(nz(a.removedByName()));
				row.createCell(7).setCellValue(time(a.removedAt()));
			}
			wb.write(out);
			return out.toByteArray();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The search result; townships, villages and hospitals as "name（code）" where {@code places} names the code. */
	static byte[] search(List<CaseSearchController.CaseItem> items, java.util.Map<String, String> places) {
		try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			CellStyle bold = bold(wb);
			Sheet sheet = wb.createSheet("案件查询结果");
			String[] headers = { "业务编号", "事项", "申请人", "身份证号", "状态", "乡镇", "村", "医院", "发起时间", "办结时间" };
			Row hr = sheet.createRow(0);
			for (int i = 0; i < headers.length; i++) {
				hr.createCell(i).setCellValue(headers[i]);
				hr.getCell(i).setCellStyle(bold);
			}
			int r = 1;
			for (CaseSearchController.CaseItem c : items) {
				Row row = sheet.createRow(r++);
				row.createCell(0).setCellValue(c.businessKey());
				row.createCell(1).setCellValue(c.processName());
				row.createCell(2).setCellValue(c.applicantName());
				row.createCell(3).setCellValue(c.idNumber());
				row.createCell(4).setCellValue(c.statusName());
				row.createCell(5).setCellValue(place(c.townshipCode(), places));
				row.createCell(6).setCellValue(place(c.villageCode(), places));
				row.createCell(7).setCellValue(place(c.hospitalCode(), places));
				row.createCell(8).setCellValue(time(c.startTime()));
				row.createCell(9).setCellValue(time(c.endTime()));
			}
			for (int i = 0; i < headers.length; i++) {
				sheet.setColumnWidth(i, 18 * 256);
			}
			wb.write(out);
			return out.toByteArray();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static String place(String code, java.util.Map<String, String> places) {
		if (code == null || code.isEmpty()) {
			return "";
		}
		String name = places.get(code);
		return name == null ? code : name + "（" + code + "）";
	}

	private static CellStyle bold(XSSFWorkbook wb) {
		CellStyle style = wb.createCellStyle();
		Font font = wb.createFont();
		font.setBold(true);
		style.setFont(font);
		return style;
	}

	private static String time(Date d) {
		return d == null ? "" : new SimpleDateFormat("yyyy-MM-dd HH:mm").format(d);
	}

	private static String nz(String s) {
		return s == null ? "" : s;
	}

}
