package cn.healthassist.chronic;

import cn.healthassist.web.CsvFiles;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.healthassist.problems.CaseRejectedException;
import cn.healthassist.problems.FieldProblem;
import cn.healthassist.values.IdNumbers;
import cn.healthassist.organisation.OrganisationMapper;
import cn.healthassist.values.Days;
import cn.healthassist.values.Messages;
import cn.healthassist.values.Texts;

/**
 * Imports the medical-insurance system's export of treatment records: CSV with the header
 * {@code idNumber,diseaseCode,hospitalName,visitDate} (web/CsvFiles: quoted fields, BOM, comment lines). The whole file is checked first; a bad line refuses the
 * file with every bad line's number and reason, and nothing is stored. Records already stored are skipped, so
 * importing the same file twice adds nothing.
 */
@Service
public class TreatmentRecordImporter {

	private static final Logger LOG = LoggerFactory.getLogger(TreatmentRecordImporter.class);

	static final List<String> HEADER = List.of("idNumber", "diseaseCode", "hospitalName", "visitDate");

	private static final int MAX_PROBLEMS = 100;

	private final TreatmentRecordMapper mapper;

	private final OrganisationMapper organisation;

	public TreatmentRecordImporter(TreatmentRecordMapper mapper, OrganisationMapper organisation) {
		this.mapper = mapper;
		this.organisation = organisation;
	}

	/** What an import did: lines read, records added, records that were already stored. */
	public record Result(int lines, int inserted, int alreadyStored) {
	}

	@Transactional
	public Result importCsv(String csv) {
		List<TreatmentRecord> records = parse(csv);
		java.util.Date now = ClockUtil.getCurrentTime();
		int inserted = 0;
		for (TreatmentRecord r : new LinkedHashSet<>(records)) {
			inserted += mapper.insertIfAbsent(r, now);
		}
		Result result = new Result(records.size(), inserted, records.size() - inserted);
		LOG.info("Treatment records imported: {}", result);
		return result;
	}

	List<TreatmentRecord> parse(String csv) {
		List<TreatmentRecord> records = new ArrayList<>();
		List<FieldProblem> problems = new ArrayList<>();
		Set<String> diseases = new LinkedHashSet<>();
		organisation.selectDiseases().forEach(d -> diseases.add(d.code()));
		LocalDate today = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), java.time.ZoneId.systemDefault());
		CsvFiles.read(csv, HEADER, problems, MAX_PROBLEMS, row -> {
			TreatmentRecord r = record(row, diseases, today, problems);
			if (r != null) {
				records.add(r);
			}
		});
		if (!problems.isEmpty()) {
			throw CaseRejectedException.badInput(problems);
		}
		if (records.isEmpty()) {
			throw CaseRejectedException.badInput("line 2", Messages.get("chronic.records.none"));
		}
		return records;
	}

	private static TreatmentRecord record(CsvFiles.Row row, Set<String> diseases, LocalDate today,
			List<FieldProblem> problems) {
		long number = row.line();
		String id = IdNumbers.normalize(row.get("idNumber"));
		String idProblem = IdNumbers.problem(id);
		if (idProblem != null) {
			problems.add(problem(number, idProblem));
			return null;
		}
		String disease = row.get("diseaseCode");
		if (!diseases.contains(disease)) {
			problems.add(problem(number, Messages.get("chronic.unknownDisease", disease)));
			return null;
		}
		String hospital = row.get("hospitalName");
		if (hospital.isEmpty() || hospital.length() > 128 || Texts.hidden(hospital)
				|| hospital.contains("<")) {
			problems.add(problem(number, Messages.get("chronic.records.hospital")));
			return null;
		}
		LocalDate date;
		try {
			date = LocalDate.parse(row.get("visitDate"));
			if (!Days.plausibleYear(date.getYear())) {
				throw new DateTimeParseException("not a year of a visit", row.get("visitDate"), 0);
			}
		}
		catch (DateTimeParseException e) {
			problems.add(problem(number, Messages.get("chronic.records.visitDateInvalid", row.get("visitDate"))));
			return null;
		}
		if (date.isAfter(today)) {
			problems.add(problem(number, Messages.get("chronic.records.visitDateFuture", date)));
			return null;
		}
		return new TreatmentRecord(id, disease, hospital, date);
	}

	private static FieldProblem problem(long line, String message) {
		return CsvFiles.problem(line, message);
	}

}
