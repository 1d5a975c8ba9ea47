package cn.healthassist.startup;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.List;

import cn.healthassist.problems.FieldProblem;
import cn.healthassist.web.CsvFiles;

import cn.healthassist.security.Accounts;
import cn.healthassist.security.UserNames;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.SaveUserCmd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Service;

import cn.healthassist.chronic.TreatmentRecordImporter;

/**
 * The demo data: the demo users of docs/product.md section 3 (password {@code demo}, from {@code demo/demo-users.csv}) and
 * treatment records of some demo people ({@code demo/treatment-records.csv}). Loaded only when the demo data is
 * asked for ({@code healthassist.demo.enabled}); the demo users' weak password is exempt from the password policy
 * on purpose, and only here, and so is their password from expiry and the forced change (security/Accounts).
 */
@Service
public class DemoData {

	private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

	public static final String PASSWORD = "demo";

	private final ProcessEngine engine;

	private final TreatmentRecordImporter treatmentRecords;

	private final Accounts accounts;

	public DemoData(ProcessEngine engine, TreatmentRecordImporter treatmentRecords, Accounts accounts) {
		this.engine = engine;
		this.treatmentRecords = treatmentRecords;
		this.accounts = accounts;
	}

	/** Demo users and the demo treatment records (so both the zero-material and the materials path can be tried). */
	public void load() {
		loadUsers();
		try {
			treatmentRecords.importCsv(new ClassPathResource("demo/treatment-records.csv").getContentAsString(UTF_8));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	int loadUsers() {
		IdentityService identity = engine.getIdentityService();
		ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
		int created = 0;
		List<FieldProblem> problems = new ArrayList<>();
		List<CsvFiles.Row> rows = new ArrayList<>();
		try {
			CsvFiles.read(new ClassPathResource("demo/demo-users.csv").getContentAsString(UTF_8),
					List.of("id", "name", "title", "groups"), problems, 1, rows::add);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		if (!problems.isEmpty()) {
			throw new IllegalStateException("demo/demo-users.csv: " + problems);
		}
		for (CsvFiles.Row row : rows) {
			String id = row.get("id");
			if (identity.createUserQuery().userId(id).count() == 0) {
				User user = identity.newUser(id);
				// Chinese names are not split: 姓名 in firstName, 单位与职务 in lastName (see UserNames)
				user.setFirstName(row.get("name"));
				user.setLastName(row.get("title"));
				user.setEmail(id + "@demo.healthassist.cn");
				user.setPassword(PASSWORD);
				config.getCommandExecutorTxRequired().execute(new SaveUserCmd(user, true));
				created++;
			}
			// the demo's password demo is never to be changed at a login, however old (docs/security.md)
			accounts.markDemo(id);
			for (String group : row.get("groups").split(";")) {
				String groupId = group.trim();
				if (identity.createUserQuery().userId(id).memberOfGroup(groupId).count() == 0) {
					identity.createMembership(id, groupId);
				}
			}
		}
		if (created > 0) {
			LOG.info("Created {} demo users (password '{}'): demo data is on", created, PASSWORD);
		}
		return created;
	}

}
