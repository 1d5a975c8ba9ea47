package cn.healthassist.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import cn.healthassist.config.HealthAssistProperties;

/** The PDF of a document: selectable Chinese text in an embedded font, long values wrapped, pages added as needed. */
class DocumentPdfTest {

	private final DocumentPdf pdf = pdf("Asia/Shanghai");

	private static DocumentPdf pdf(String zone) {
		HealthAssistProperties properties = new HealthAssistProperties();
		properties.setTimeZone(ZoneId.of(zone));
		return new DocumentPdf(properties);
	}

	private static CaseDocument document(List<CaseDocument.Row> rows) {
		return new CaseDocument(DocumentKind.CERTIFICATE, "CC-2026-000042", "慢性病证", "MB-C01-2026-000007", "王秀兰", rows,
				List.of(new CaseDocument.Row("审批人", "李县医保（2026年12月6日 10:30）")), "请妥善保管。", new Date());
	}

	private static String text(byte[] bytes, List<PDFont> fonts) throws IOException {
		try (PDDocument doc = Loader.loadPDF(bytes)) {
			for (var page : doc.getPages()) {
				for (var name : page.getResources().getFontNames()) {
					fonts.add(page.getResources().getFont(name));
				}
			}
			return new PDFTextStripper().getText(doc);
		}
	}

	@Test
	void theTextIsChineseSelectableText_inTheEmbeddedFont() throws IOException {
		byte[] bytes = pdf.render(document(List.of(new CaseDocument.Row("姓名", "王秀兰"),
				new CaseDocument.Row("疾病", "高血压"), new CaseDocument.Row("所在村", null))), new Date(0));
		List<PDFont> fonts = new ArrayList<>();
		String text = text(bytes, fonts);
		assertThat(text).contains("慢性病证").contains("编号：MB-C01-2026-000007").contains("王秀兰").contains("高血压")
			.contains("—").contains("李县医保").contains("CC-2026-000042");
		assertThat(fonts).isNotEmpty().allSatisfy(f -> {
			assertThat(f.isEmbedded()).isTrue();
			assertThat(f.getName()).contains("NotoSansSC");
		});
		assertThat(bytes.length).as("only the characters used are embedded").isLessThan(200_000);
	}

	@Test
	void thePrintingTime_isTheCountys_whateverTheServersZone() throws IOException {
		// 1970-01-01 00:00 UTC is 08:00 in Shanghai
		String text = text(pdf.render(document(List.of()), new Date(0)), new ArrayList<>());
		assertThat(text).contains("1970年1月1日 08:00");
		assertThat(text(pdf("Asia/Urumqi").render(document(List.of()), new Date(0)), new ArrayList<>()))
			.contains("1970年1月1日 06:00");
	}

	@Test
	void longValuesWrap_manyRowsMakeMorePages_andCharactersTheFontLacksDoNotBreakIt() throws IOException {
		String opinion = "经核实，申请人家庭困难情况属实，".repeat(20);
		List<CaseDocument.Row> rows = new ArrayList<>();
		rows.add(new CaseDocument.Row("审批意见", opinion));
		rows.add(new CaseDocument.Row("备注", "控制字符\u0007与表情\uD83D\uDE00"));
		for (int i = 0; i < 60; i++) {
			rows.add(new CaseDocument.Row("第 " + i + " 行", "内容 " + i));
		}
		byte[] bytes = pdf.render(document(rows), new Date());
		try (PDDocument doc = Loader.loadPDF(bytes)) {
			assertThat(doc.getNumberOfPages()).isGreaterThan(1);
			String text = new PDFTextStripper().getText(doc);
			assertThat(text).contains("第 59 行").contains("控制字符").contains("表情");
			assertThat(text.replaceAll("\\s", "")).contains(opinion.substring(0, 30));
		}
	}

}
