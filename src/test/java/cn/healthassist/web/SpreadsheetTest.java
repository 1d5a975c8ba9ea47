package cn.healthassist.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

class SpreadsheetTest {

	private static Sheet written(ZoneId zone) throws IOException {
		byte[] bytes;
		try (Spreadsheet book = new Spreadsheet(zone)) {
			book.sheet("办理过程")
				.bold("业务编号", "时间", "金额", "备注")
				.row("CC-2026-000003", Date.from(Instant.parse("2026-12-05T16:30:00Z")), 3600, null);
			bytes = book.toBytes();
		}
		return new XSSFWorkbook(new ByteArrayInputStream(bytes)).getSheet("办理过程");
	}

	@Test
	void timesAreWrittenInTheCountysZone_notTheServers() throws IOException {
		// 16:30 UTC is half past midnight of the next day in Asia/Shanghai
		assertThat(written(ZoneId.of("Asia/Shanghai")).getRow(1).getCell(1).getStringCellValue())
			.isEqualTo("2026-12-06 00:30");
		assertThat(written(ZoneId.of("UTC")).getRow(1).getCell(1).getStringCellValue()).isEqualTo("2026-12-05 16:30");
	}

	@Test
	void numbersAreNumbers_nullIsAnEmptyCell_headersBold() throws IOException {
		Sheet sheet = written(ZoneId.of("Asia/Shanghai"));
		assertThat(sheet.getRow(1).getCell(2).getCellType()).isEqualTo(CellType.NUMERIC);
		assertThat(sheet.getRow(1).getCell(2).getNumericCellValue()).isEqualTo(3600.0);
		assertThat(sheet.getRow(1).getCell(3).getStringCellValue()).isEmpty();
		assertThat(sheet.getWorkbook().getFontAt(sheet.getRow(0).getCell(0).getCellStyle().getFontIndex()).getBold())
			.isTrue();
		assertThat(sheet.getWorkbook().getFontAt(sheet.getRow(1).getCell(0).getCellStyle().getFontIndex()).getBold())
			.isFalse();
	}

	@Test
	void theDownloadNamesTheFileInChinese() {
		ResponseEntity<byte[]> answer = Spreadsheet.download(new byte[] { 1 }, "案件查询结果.xlsx");
		assertThat(answer.getHeaders().getContentType()).isEqualTo(Spreadsheet.XLSX);
		assertThat(answer.getHeaders().getContentDisposition().getFilename()).isEqualTo("案件查询结果.xlsx");
		assertThat(answer.getHeaders().getFirst("Content-Disposition")).contains("filename*=UTF-8''");
	}

}
