package cn.healthassist.organisation;

import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.healthassist.problems.CaseRejectedException;
import cn.healthassist.web.CsvUploads;
import cn.healthassist.config.HealthAssistProperties;
import jakarta.servlet.http.HttpServletRequest;
import cn.healthassist.security.CurrentUser;
import cn.healthassist.security.CurrentUsers;
import cn.healthassist.values.Messages;

/** The organisation (import by administrators) and the reference data every logged-in user may read. */
@RestController
class OrganisationController {

	private final OrganisationImporter importer;

	private final OrganisationMapper mapper;

	private final HealthAssistProperties properties;

	OrganisationController(OrganisationImporter importer, OrganisationMapper mapper, HealthAssistProperties properties) {
		this.importer = importer;
		this.mapper = mapper;
		this.properties = properties;
	}

	@PostMapping(path = "/api/organisation", consumes = "text/csv")
	OrganisationImporter.ImportResult importOrganisation(HttpServletRequest request) throws java.io.IOException {
		CurrentUser user = CurrentUsers.require();
		if (!user.isSystemAdmin()) {
			throw CaseRejectedException.forbidden(Messages.get("organisation.import.adminOnly"));
		}
		String csv = CsvUploads.read(request, properties.getImportMaxBytes());
		return importer.importCsv(csv);
	}

	@GetMapping("/api/reference-data")
	Map<String, List<?>> referenceData() {
		CurrentUsers.require();
		return Map.of("townships", mapper.selectTownships(), "villages", mapper.selectVillages(), "hospitals",
				mapper.selectHospitals(), "destinationHospitals", mapper.selectDestinations(), "householdCategories",
				mapper.selectHouseholdCategories(), "diseases", mapper.selectDiseases());
	}

}
