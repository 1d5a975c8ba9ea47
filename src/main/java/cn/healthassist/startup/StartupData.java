package cn.healthassist.startup;

import cn.healthassist.web.CsvUploads;

import cn.healthassist.config.HealthAssistProperties;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

import cn.healthassist.organisation.OrganisationImporter;
import cn.healthassist.security.AdminBootstrap;
import cn.healthassist.organisation.IdentitySync;
import cn.healthassist.security.TaskFilters;
import cn.healthassist.securitylog.MixedDuties;

/**
 * At start: the county-wide groups, the organisation file (when one is configured; with demo data and none
 * configured, the demo county's), the demo users (only with demo data) or else the first administrator, and the
 * Tasklist filters. Every step is idempotent.
 * <p>
 * It runs once every bean is made and before the web server opens its port: while no administrator exists, Camunda's
 * web apps offer anyone the page that creates the first one, so that moment must never be reachable.
 */
@Component
class StartupData implements SmartInitializingSingleton {

	private static final Logger LOG = LoggerFactory.getLogger(StartupData.class);

	/** The organisation the demo users belong to (the default profile's organisation file). */
	static final String DEMO_ORGANISATION = "org/demo-county.csv";

	private final HealthAssistProperties properties;

	private final IdentitySync identitySync;

	private final OrganisationImporter organisationImporter;

	private final DemoData demoData;

	private final AdminBootstrap adminBootstrap;

	private final TaskFilters taskFilters;

	private final MixedDuties mixedDuties;

	StartupData(HealthAssistProperties properties, IdentitySync identitySync, OrganisationImporter organisationImporter,
			DemoData demoData, AdminBootstrap adminBootstrap, TaskFilters taskFilters, MixedDuties mixedDuties) {
		this.mixedDuties = mixedDuties;
		this.properties = properties;
		this.identitySync = identitySync;
		this.organisationImporter = organisationImporter;
		this.demoData = demoData;
		this.adminBootstrap = adminBootstrap;
		this.taskFilters = taskFilters;
	}

	@Override
	public void afterSingletonsInstantiated() {
		identitySync.syncCountyGroups();
		Resource file = properties.getOrganisation().getFile();
		if (file == null && properties.getDemo().isEnabled()) {
			// the demo users belong to the demo county's villages, townships and hospitals
			file = new ClassPathResource(DEMO_ORGANISATION);
			LOG.info("Demo data without an organisation file: importing the demo county ({})", DEMO_ORGANISATION);
		}
		if (file != null) {
			try (InputStream in = file.getInputStream()) {
				organisationImporter.importCsv(CsvUploads.decode(in.readAllBytes()));
			}
			catch (IOException e) {
				throw new UncheckedIOException("Cannot read the organisation file " + file, e);
			}
		}
		if (properties.getDemo().isEnabled()) {
			demoData.load();
		}
		adminBootstrap.ensureAdministrators();
		mixedDuties.report();
		taskFilters.ensureFilters();
		LOG.info("Startup data ready: groups, users and Tasklist filters");
	}

}
