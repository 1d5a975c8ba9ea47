package cn.healthassist.organisation;

import cn.healthassist.web.CsvFiles;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.healthassist.problems.CaseRejectedException;
import cn.healthassist.problems.FieldProblem;
import cn.healthassist.values.Messages;

/**
 * Imports a county's organisation from a CSV file with the header {@code type,code,name,parent}. The whole
 * file is checked before anything is written; a file with a bad line is refused with every bad line's number
 * and reason, and the database stays as it was. Importing the same file again changes nothing. The Camunda
 * groups of the villages, townships and hospitals are created in the same transaction.
 */
@Service
public class OrganisationImporter {

	private static final Logger LOG = LoggerFactory.getLogger(OrganisationImporter.class);

	static final List<String> HEADER = List.of("type", "code", "name", "parent");

	private static final Pattern CODE = Pattern.compile("[A-Za-z0-9]{1,16}");

	/**
	 * A unit's name: Chinese and other letters, digits, spaces and the marks names use (·、-, brackets). The forms show
	 * names inside their Markdown text, so no mark that Markdown or HTML reads (* _ [ ] ` # ! | < > …), and no control or
	 * invisible character.
	 */
	private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} ·、()（）\\-]{1,64}");

	private static final Set<String> TYPES = Set.of(OrgUnit.COUNTY, OrgUnit.TOWNSHIP, OrgUnit.VILLAGE, OrgUnit.HOSPITAL,
			OrgUnit.DESTINATION);

	private static final Set<String> LEVELS = Set.of("provincial", "city");

	private static final int MAX_PROBLEMS = 50;

	private final OrganisationMapper mapper;

	private final IdentitySync identitySync;

	public OrganisationImporter(OrganisationMapper mapper, IdentitySync identitySync) {
		this.mapper = mapper;
		this.identitySync = identitySync;
	}

	/** What an import changed. */
	public record ImportResult(int inserted, int updated, int unchanged, int groupsCreated) {
	}

	/** A parsed line and its number in the file. */
	record Line(int number, OrgUnit unit) {
	}

	@Transactional
	public ImportResult importCsv(String csv) {
		List<Line> lines = parse(csv);
		Map<String, OrgUnit> existing = new HashMap<>();
		for (OrgUnit u : mapper.selectAllUnits()) {
			existing.put(u.code(), u);
		}
		List<FieldProblem> problems = check(lines, existing);
		if (!problems.isEmpty()) {
			throw CaseRejectedException.badInput(problems);
		}
		int inserted = 0;
		int updated = 0;
		int unchanged = 0;
		List<OrgUnit> units = lines.stream().map(Line::unit).toList();
		for (OrgUnit unit : units) {
			OrgUnit old = existing.get(unit.code());
			if (old == null) {
				mapper.insertUnit(unit);
				inserted++;
			}
			else if (old.equals(unit)) {
				unchanged++;
			}
			else {
				mapper.updateUnit(unit);
				updated++;
			}
		}
		int groups = identitySync.syncJurisdictionGroups(units);
		ImportResult result = new ImportResult(inserted, updated, unchanged, groups);
		LOG.info("Organisation imported: {}", result);
		return result;
	}

	List<Line> parse(String csv) {
		List<Line> lines = new ArrayList<>();
		List<FieldProblem> problems = new ArrayList<>();
		CsvFiles.read(csv, HEADER, problems, MAX_PROBLEMS, row -> {
			String parent = row.get("parent");
			lines.add(new Line((int) row.line(),
					new OrgUnit(row.get("type"), row.get("code"), row.get("name"), parent.isEmpty() ? null : parent)));
		});
		if (!problems.isEmpty()) {
			throw CaseRejectedException.badInput(problems);
		}
		if (lines.isEmpty()) {
			throw CaseRejectedException.badInput("line 2", Messages.get("organisation.import.noUnits"));
		}
		return lines;
	}

	private List<FieldProblem> check(List<Line> lines, Map<String, OrgUnit> existing) {
		List<FieldProblem> problems = new ArrayList<>();
		Map<String, Line> inFile = new HashMap<>();
		for (Line line : lines) {
			OrgUnit u = line.unit();
			if (inFile.containsKey(u.code())) {
				problems.add(problem(line.number(), Messages.get("organisation.import.duplicateCode", u.code(),
						inFile.get(u.code()).number())));
				continue;
			}
			inFile.put(u.code(), line);
		}
		for (Line line : lines) {
			OrgUnit u = line.unit();
			int n = line.number();
			if (!TYPES.contains(u.type())) {
				problems.add(problem(n, Messages.get("organisation.import.unknownType", u.type())));
				continue;
			}
			if (!CODE.matcher(u.code()).matches()) {
				problems.add(problem(n, Messages.get("organisation.import.invalidCode", u.code())));
			}
			if (!NAME.matcher(u.name()).matches()) {
				problems.add(problem(n, Messages.get("organisation.import.name")));
			}
			OrgUnit old = existing.get(u.code());
			if (old != null && !old.type().equals(u.type())) {
				problems.add(problem(n, Messages.get("organisation.import.typeChanged", u.code(), typeName(old.type()),
						typeName(u.type()))));
			}
			String parentType = switch (u.type()) {
				case OrgUnit.TOWNSHIP, OrgUnit.HOSPITAL -> OrgUnit.COUNTY;
				case OrgUnit.VILLAGE -> OrgUnit.TOWNSHIP;
				default -> null;
			};
			if (u.type().equals(OrgUnit.COUNTY) && u.parent() != null) {
				problems.add(problem(n, Messages.get("organisation.import.countyParent")));
			}
			else if (u.type().equals(OrgUnit.DESTINATION) && !LEVELS.contains(String.valueOf(u.parent()))) {
				problems.add(problem(n, Messages.get("organisation.import.destinationLevel")));
			}
			else if (parentType != null) {
				OrgUnit parent = inFile.containsKey(String.valueOf(u.parent())) ? inFile.get(u.parent()).unit()
						: existing.get(String.valueOf(u.parent()));
				if (u.parent() == null) {
					problems.add(problem(n, Messages.get("organisation.import.parentMissing", typeName(u.type()),
							u.code(), typeName(parentType))));
				}
				else if (parent == null || !parent.type().equals(parentType)) {
					problems.add(problem(n, Messages.get("organisation.import.unknownParent", typeName(parentType),
							u.parent())));
				}
			}
			if (problems.size() >= MAX_PROBLEMS) {
				break;
			}
		}
		return problems;
	}

	private static FieldProblem problem(int line, String message) {
		return CsvFiles.problem(line, message);
	}

	private static String typeName(String type) {
		return switch (type) {
			case OrgUnit.COUNTY -> Messages.get("organisation.type.county");
			case OrgUnit.TOWNSHIP -> Messages.get("organisation.type.township");
			case OrgUnit.VILLAGE -> Messages.get("organisation.type.village");
			case OrgUnit.HOSPITAL -> Messages.get("organisation.type.hospital");
			case OrgUnit.DESTINATION -> Messages.get("organisation.type.destination");
			default -> type;
		};
	}

}
