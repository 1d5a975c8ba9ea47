package cn.healthassist.chronic;


import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.healthassist.problems.CaseRejectedException;
import cn.healthassist.web.CsvUploads;
import cn.healthassist.config.HealthAssistProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import cn.healthassist.security.CurrentUser;
import cn.healthassist.security.CurrentUsers;
import cn.healthassist.security.Groups;
import cn.healthassist.values.Messages;

/** Import of the medical-insurance system's treatment records (docs/product.md 2.1 step 2). */
@RestController
class TreatmentRecordController {

	private final TreatmentRecordImporter importer;

	private final HealthAssistProperties properties;

	TreatmentRecordController(TreatmentRecordImporter importer, HealthAssistProperties properties) {
		this.importer = importer;
		this.properties = properties;
	}

	@PostMapping(path = "/api/treatment-records", consumes = "text/csv")
	TreatmentRecordImporter.Result importRecords(HttpServletRequest request) throws IOException {
		CurrentUser user = CurrentUsers.require();
		if (!user.isMember(Groups.COUNTY_INSURANCE) && !user.isAdmin()) {
			throw CaseRejectedException.forbidden(Messages.get("chronic.records.importersOnly"));
		}
		return importer.importCsv(CsvUploads.read(request, properties.getImportMaxBytes()));
	}

}
