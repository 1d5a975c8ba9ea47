package cn.healthassist.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The one way the product writes Excel files (Apache POI): sheets of a bold title or header row and rows of texts,
 * numbers and times, times written in the county's time zone whatever the server's, and the download answer with a
 * Chinese file name.
 */
public final class Spreadsheet implements AutoCloseable {

	public static final MediaType XLSX = MediaType
		.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

	private final XSSFWorkbook workbook = new XSSFWorkbook();

	private final CellStyle bold;

	private final DateTimeFormatter times;

	/** @param zone the zone the times are written in (healthassist.time-zone) */
	public Spreadsheet(ZoneId zone) {
		this.times = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
		this.bold = workbook.createCellStyle();
		Font font = workbook.createFont();
		font.setBold(true);
		bold.setFont(font);
	}

	/** A new sheet, its rows written in order. */
	public Writer sheet(String name) {
		return new Writer(workbook.createSheet(name));
	}

	/** The file's bytes. */
	public byte[] toBytes() {
		try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			workbook.write(out);
			return out.toByteArray();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public void close() {
		try {
			workbook.close();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The download of an Excel file named in Chinese ({@code filename*=UTF-8''…}). */
	public static ResponseEntity<byte[]> download(byte[] file, String name) {
		return ResponseEntity.ok()
			.contentType(XLSX)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString())
			.body(file);
	}

	/** Writes the rows of one sheet from the top. */
	public final class Writer {

		private final Sheet sheet;

		private int next;

		private Writer(Sheet sheet) {
			this.sheet = sheet;
		}

		/** A row in bold: a title or the column headers. */
		public Writer bold(Object... cells) {
			Row row = write(cells);
			for (int i = 0; i < cells.length; i++) {
				row.getCell(i).setCellStyle(bold);
			}
			return this;
		}

		/** A label in bold and its value, as in a form's head ("业务编号 | CC-2026-000003"). */
		public Writer labelled(String label, Object value) {
			Row row = write(label, value);
			row.getCell(0).setCellStyle(bold);
			return this;
		}

		/**
		 * A row: texts, numbers (a cell of numbers the spreadsheet can sum) and times ({@link Date}, in the county's
		 * zone); null leaves the cell empty.
		 */
		public Writer row(Object... cells) {
			write(cells);
			return this;
		}

		public Writer blank() {
			next++;
			return this;
		}

		/** Column widths in characters; the last width holds for the columns after it. */
		public Writer widths(int columns, int... characters) {
			for (int i = 0; i < columns; i++) {
				sheet.setColumnWidth(i, characters[Math.min(i, characters.length - 1)] * 256);
			}
			return this;
		}

		private Row write(Object... cells) {
			Row row = sheet.createRow(next++);
			for (int i = 0; i < cells.length; i++) {
				Object v = cells[i];
				if (v instanceof Number n) {
					row.createCell(i).setCellValue(n.doubleValue());
				}
				else if (v instanceof Date d) {
					row.createCell(i).setCellValue(times.format(d.toInstant()));
				}
				else {
					row.createCell(i).setCellValue(v == null ? "" : v.toString());
				}
			}
			return row;
		}

	}

}
