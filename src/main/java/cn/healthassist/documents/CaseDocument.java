package cn.healthassist.documents;

import java.util.Date;
import java.util.List;

/**
 * One document of a case as a person reads it, the same on the print page and in the PDF: its title and number, the
 * holder's name, rows of label and value, who signed it (and when), and a note.
 *
 * @param issuedAt when the document's fact happened (issued, approved, paid)
 */
public record CaseDocument(DocumentKind kind, String businessKey, String title, String number, String holderName,
		List<Row> rows, List<Row> signatures, String note, Date issuedAt) {

	/** A label and its value, in words; a missing value is shown as a dash. */
	public record Row(String label, String value) {
	}

}
