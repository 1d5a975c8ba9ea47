package cn.healthassist.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

import cn.healthassist.organisation.OrganisationImporter;
import cn.healthassist.security.AdminBootstrap;
import cn.healthassist.security.DemoData;
import cn.healthassist.security.IdentitySync;
import cn.healthassist.security.TaskFilters;

/**
 * At start: the county-wide groups, the organisation file (when one is configured), the demo users (only with
 * demo data) or else the first administrator, and the Tasklist filters. Every step is idempotent.
 */
@Component
@Order(0)
class StartupData implements ApplicationRunner {

	private final HealthAssistProperties properties;

	private final IdentitySync identitySync;

	private final OrganisationImporter organisationImporter;

	private final DemoData demoData;

	private final AdminBootstrap adminBootstrap;

	private final TaskFilters taskFilters;

	StartupData(HealthAssistProperties properties, IdentitySync identitySync, OrganisationImporter organisationImporter,
			DemoData demoData, AdminBootstrap adminBootstrap, TaskFilters taskFilters) {
		this.properties = properties;
		this.identitySync = identitySync;
		this.organisationImporter = organisationImporter;
		this.demoData = demoData;
		this.adminBootstrap = adminBootstrap;
		this.taskFilters = taskFilters;
	}

	@Override
	public void run(ApplicationArguments args) {
		identitySync.syncCountyGroups();
		Resource file = properties.getOrganisation().getFile();
		if (file != null) {
			try (InputStream in = file.getInputStream()) {
				organisationImporter.importCsv(in);
			}
			catch (IOException e) {
				throw new UncheckedIOException("Cannot read the organisation file " + file, e);
			}
		}
		if (properties.getDemo().isEnabled()) {
			demoData.load();
		}
		adminBootstrap.ensureAdministrator();
		taskFilters.ensureFilters();
	}

}
