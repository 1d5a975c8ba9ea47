package cn.healthassist.documents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import cn.healthassist.config.HealthAssistProperties;
import cn.healthassist.values.Messages;

/**
 * A document as an A4 PDF made with Apache PDFBox: the text is text (selectable, searchable), written in Noto Sans SC
 * (SIL Open Font License, {@code fonts/}), of which the characters used are embedded, so it prints the same on any
 * computer. A character the font lacks prints as □ rather than failing the document.
 */
@Component
public class DocumentPdf {

	static final String FONT = "fonts/NotoSansSC-Regular.ttf";

	private static final float MARGIN = 56;

	private static final float LABEL_WIDTH = 130;

	private static final float BODY = 11.5f;

	private static final float LEADING = 1.45f;

	private final ZoneId zone;

	private volatile byte[] font;

	public DocumentPdf(HealthAssistProperties properties) {
		this.zone = properties.getTimeZone();
	}

	public byte[] render(CaseDocument d, Date printedAt) {
		try (PDDocument pdf = new PDDocument()) {
			Writer w = new Writer(pdf, PDType0Font.load(pdf, new RandomAccessReadBuffer(font()), true, false));
			PDDocumentInformation info = pdf.getDocumentInformation();
			info.setTitle(d.title() + " " + d.number());
			info.setSubject(d.businessKey());
			info.setCreator(Messages.get("documents.creator"));
			Calendar created = GregorianCalendar.from(printedAt.toInstant().atZone(zone));
			info.setCreationDate(created);
			w.centred(d.title(), 24);
			w.gap(6);
			w.right(Messages.get("documents.numberLine", d.number()), 11);
			w.gap(10);
			w.table(d.rows());
			w.gap(16);
			w.table(d.signatures());
			if (d.note() != null) {
				w.gap(14);
				w.paragraph(d.note(), 10.5f);
			}
			w.gap(20);
			w.paragraph(Messages.get("documents.footer",
					DateTimeFormatter.ofPattern(Messages.get("documents.timeFormat")).format(printedAt.toInstant().atZone(zone)),
					d.businessKey()), 9);
			w.close();
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			pdf.save(out);
			return out.toByteArray();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private byte[] font() throws IOException {
		byte[] loaded = font;
		if (loaded == null) {
			try (InputStream in = new ClassPathResource(FONT).getInputStream()) {
				loaded = in.readAllBytes();
			}
			font = loaded;
		}
		return loaded;
	}

	/** Writes lines top to bottom, starting a new page when the page is full. */
	private static final class Writer {

		private final PDDocument pdf;

		private final PDType0Font font;

		private final Map<Integer, Boolean> known = new HashMap<>();

		private final float width = PDRectangle.A4.getWidth() - 2 * MARGIN;

		private PDPageContentStream page;

		private float y;

		Writer(PDDocument pdf, PDType0Font font) throws IOException {
			this.pdf = pdf;
			this.font = font;
			newPage();
		}

		private void newPage() throws IOException {
			if (page != null) {
				page.close();
			}
			PDPage p = new PDPage(PDRectangle.A4);
			pdf.addPage(p);
			page = new PDPageContentStream(pdf, p);
			y = PDRectangle.A4.getHeight() - MARGIN;
		}

		void close() throws IOException {
			page.close();
		}

		void gap(float points) {
			y -= points;
		}

		void centred(String text, float size) throws IOException {
			String t = printable(text);
			room(size * LEADING);
			y -= size;
			write(t, MARGIN + (width - width(t, size)) / 2, y, size);
			y -= size * (LEADING - 1);
		}

		void right(String text, float size) throws IOException {
			String t = printable(text);
			room(size * LEADING);
			y -= size;
			write(t, MARGIN + width - width(t, size), y, size);
			y -= size * (LEADING - 1);
		}

		void paragraph(String text, float size) throws IOException {
			for (String line : wrap(printable(text), width, size)) {
				room(size * LEADING);
				y -= size;
				write(line, MARGIN, y, size);
				y -= size * (LEADING - 1);
			}
		}

		/** Two columns with ruled cells: the label, and its value wrapped to the cell. */
		void table(List<CaseDocument.Row> rows) throws IOException {
			float padding = 5;
			float valueWidth = width - LABEL_WIDTH - 2 * padding;
			for (CaseDocument.Row row : rows) {
				String value = row.value() == null || row.value().isBlank() ? "—" : row.value();
				List<String> labelLines = wrap(printable(row.label()), LABEL_WIDTH - 2 * padding, BODY);
				List<String> valueLines = wrap(printable(value), valueWidth, BODY);
				int lines = Math.max(labelLines.size(), valueLines.size());
				float height = lines * BODY * LEADING + 2 * padding;
				room(height);
				float top = y;
				page.setLineWidth(0.6f);
				page.addRect(MARGIN, top - height, LABEL_WIDTH, height);
				page.addRect(MARGIN + LABEL_WIDTH, top - height, width - LABEL_WIDTH, height);
				page.stroke();
				float line = top - padding - BODY;
				for (int i = 0; i < lines; i++) {
					if (i < labelLines.size()) {
						write(labelLines.get(i), MARGIN + padding, line, BODY);
					}
					if (i < valueLines.size()) {
						write(valueLines.get(i), MARGIN + LABEL_WIDTH + padding, line, BODY);
					}
					line -= BODY * LEADING;
				}
				y = top - height;
			}
		}

		private void room(float height) throws IOException {
			if (y - height < MARGIN) {
				newPage();
			}
		}

		private void write(String text, float x, float baseline, float size) throws IOException {
			page.beginText();
			page.setFont(font, size);
			page.newLineAtOffset(x, baseline);
			page.showText(text);
			page.endText();
		}

		private float width(String text, float size) throws IOException {
			return font.getStringWidth(text) / 1000 * size;
		}

		/** Lines of at most {@code max} points, broken at any character (Chinese has no spaces to break at). */
		private List<String> wrap(String text, float max, float size) throws IOException {
			List<String> lines = new ArrayList<>();
			for (String paragraph : text.split("\n", -1)) {
				StringBuilder line = new StringBuilder();
				for (int i = 0; i < paragraph.length();) {
					int cp = paragraph.codePointAt(i);
					String c = new String(Character.toChars(cp));
					if (line.length() > 0 && width(line + c, size) > max) {
						lines.add(line.toString());
						line.setLength(0);
					}
					line.append(c);
					i += Character.charCount(cp);
				}
				lines.add(line.toString());
			}
			return lines;
		}

		/** The text with what the font cannot draw (control characters, characters it lacks) replaced. */
		private String printable(String text) {
			StringBuilder out = new StringBuilder();
			text.codePoints().forEach(cp -> {
				if (cp == '\n') {
					out.append('\n');
				}
				else if (Character.isISOControl(cp)) {
					out.append(' ');
				}
				else if (known.computeIfAbsent(cp, this::drawable)) {
					out.appendCodePoint(cp);
				}
				else {
					out.append('□');
				}
			});
			return out.toString();
		}

		private boolean drawable(int cp) {
			try {
				font.encode(new String(Character.toChars(cp)));
				return true;
			}
			catch (IllegalArgumentException | IOException e) {
				return false;
			}
		}

	}

}
