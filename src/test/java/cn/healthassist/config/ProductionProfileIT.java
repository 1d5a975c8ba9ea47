package cn.healthassist.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import cn.healthassist.support.AppJvm;
import cn.healthassist.support.Http;

/**
 * The production profile ({@code mysql}) as an operator starts it, in a JVM of its own (on an in-memory database
 * here): no demo user exists and no superuser; without the three administrators' passwords (HA_SYSADMIN_PASSWORD,
 * HA_SECADMIN_PASSWORD, HA_AUDITADMIN_PASSWORD) it refuses to start, as with a weak one; with them it creates exactly
 * the three administrators, each in its group, each to change the password at the first login.
 */
class ProductionProfileIT {

	private static final String TOTP_KEY = Base64.getEncoder().encodeToString(new byte[32]);

	private static final String DATA_KEY = Base64.getEncoder().encodeToString(new byte[16]);

	private static final String DATA_INDEX_KEY = Base64.getEncoder().encodeToString(new byte[32]);

	private static AppJvm start(Map<String, String> env, int port) throws IOException {
		return AppJvm.start(List.of("--spring.profiles.active=mysql", "--server.port=" + port,
				"--spring.datasource.url=jdbc:h2:mem:production-check;DB_CLOSE_DELAY=-1", "--spring.datasource.username=sa",
				"--spring.datasource.driver-class-name=org.h2.Driver", "--camunda.bpm.database.type=h2",
				"--camunda.bpm.job-execution.enabled=false"), environment -> {
					for (String name : List.of("HA_SYSADMIN_ID", "HA_SYSADMIN_PASSWORD", "HA_SECADMIN_ID",
							"HA_SECADMIN_PASSWORD", "HA_AUDITADMIN_ID", "HA_AUDITADMIN_PASSWORD")) {
						environment.remove(name);
					}
					environment.remove("HA_DEMO");
					environment.remove("HA_ORGANISATION_FILE");
					// the second factor's key, as an operator sets it (a test of its own goes without)
					environment.put("HA_TOTP_KEY", TOTP_KEY);
					// the keys personal data is sealed with (a test of its own goes without)
					environment.put("HA_DATA_KEY", DATA_KEY);
					environment.put("HA_DATA_INDEX_KEY", DATA_INDEX_KEY);
					environment.putAll(env);
				});
	}

	@Test
	void withoutAnAdministratorItRefusesToStart() throws Exception {
		AppJvm run = start(Map.of(), AppJvm.freePort());
		assertThat(run.process().waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(run.process().exitValue()).isNotZero();
		assertThat(run.output()).contains("Set HA_SYSADMIN_PASSWORD, HA_SECADMIN_PASSWORD and HA_AUDITADMIN_PASSWORD")
			.contains("HA_SYSADMIN_PASSWORD is not set");
	}

	@Test
	void withoutTheKeysOfPersonalDataItRefusesToStart() throws Exception {
		AppJvm run = start(Map.of("HA_DATA_KEY", "", "HA_SYSADMIN_PASSWORD", "Hx7#plateau-North", "HA_SECADMIN_PASSWORD",
				"Wm5$harbour-East", "HA_AUDITADMIN_PASSWORD", "Qz4!river-South"), AppJvm.freePort());
		assertThat(run.process().waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(run.process().exitValue()).isNotZero();
		assertThat(run.output()).contains("Set HA_DATA_KEY and HA_DATA_INDEX_KEY");
	}

	@Test
	void withoutTheSecondFactorsKeyItRefusesToStart() throws Exception {
		AppJvm run = start(Map.of("HA_TOTP_KEY", "", "HA_SYSADMIN_PASSWORD", "Hx7#plateau-North", "HA_SECADMIN_PASSWORD",
				"Wm5$harbour-East", "HA_AUDITADMIN_PASSWORD", "Qz4!river-South"), AppJvm.freePort());
		assertThat(run.process().waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(run.process().exitValue()).isNotZero();
		assertThat(run.output()).contains("Set HA_TOTP_KEY");
	}

	@Test
	void aWeakAdministratorPasswordIsRefused() throws Exception {
		AppJvm run = start(Map.of("HA_SYSADMIN_PASSWORD", "Hx7#plateau-North", "HA_SECADMIN_PASSWORD", "demo",
				"HA_AUDITADMIN_PASSWORD", "Qz4!river-South"), AppJvm.freePort());
		assertThat(run.process().waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(run.process().exitValue()).isNotZero();
		assertThat(run.output()).contains("HA_SECADMIN_PASSWORD does not pass the password policy")
			.doesNotContain("HA_SYSADMIN_PASSWORD does not pass").doesNotContain("Qz4!river-South");
	}

	/**
	 * A training installation (README, "Run on MySQL or MariaDB"): HA_DEMO=true and no organisation file. The demo
	 * county comes with the demo users, whose groups are its villages and townships (before, the start stopped with
	 * "No group found with id 'village-doctor-T01V01'").
	 */
	@Test
	void withDemoDataAndNoOrganisationFile_itStartsWithTheDemoCounty() throws Exception {
		int port = AppJvm.freePort();
		AppJvm run = start(Map.of("HA_DEMO", "true"), port);
		try {
			run.awaitStarted(120);
			assertThat(run.output()).as(run.output()).contains("Started Application")
				.contains("Demo data without an organisation file: importing the demo county");
			Http doctor = Http.as(port, "doctor-t01v01", "demo");
			assertThat(doctor.get("/engine-rest/group?member=doctor-t01v01").json().findValuesAsText("id"))
				.contains("village-doctor-T01V01");
			Http reviewer = Http.as(port, "health-t02", "demo");
			assertThat(reviewer.get("/engine-rest/group?member=health-t02").json().findValuesAsText("id"))
				.contains("township-health-T02");
		}
		finally {
			run.process().destroy();
			run.process().waitFor(30, TimeUnit.SECONDS);
		}
	}

	@Test
	void withTheThreePasswordsItStarts_withTheThreeAdministratorsAndNoOtherUser() throws Exception {
		int port = AppJvm.freePort();
		AppJvm run = start(Map.of("HA_SYSADMIN_PASSWORD", "Hx7#plateau-North", "HA_SECADMIN_ID", "security-chief",
				"HA_SECADMIN_PASSWORD", "Wm5$harbour-East", "HA_AUDITADMIN_PASSWORD", "Qz4!river-South"), port);
		try {
			run.awaitStarted(120);
			assertThat(run.output()).as(run.output()).contains("Started Application");
			// the administrators exist before the port opens: Camunda's first-administrator page is never offered
			String output = run.output();
			assertThat(output.indexOf("Startup data ready")).as(output).isPositive()
					.isLessThan(output.indexOf("Tomcat started on port"));
			assertThat(output).doesNotContain("Hx7#plateau-North", "Wm5$harbour-East", "Qz4!river-South");
			Http sysadmin = Http.as(port, "sysadmin", "Hx7#plateau-North");
			Http.Response first = sysadmin.get("/engine-rest/user");
			assertThat(first.status()).as("the first password must be changed first").isEqualTo(403);
			assertThat(first.json().path("detail").asText()).contains("请先修改密码");
			assertThat(sysadmin.postJson("/api/me/password", Map.of("currentPassword", "Hx7#plateau-North",
					"newPassword", "Hx8#plateau-West")).status()).isEqualTo(204);
			// then the second factor: the authenticator set up (over HTTP Basic here), its current code with each request
			Http enrolling = Http.as(port, "sysadmin", "Hx8#plateau-West");
			Http.Response enrolFirst = enrolling.get("/engine-rest/user");
			assertThat(enrolFirst.status()).isEqualTo(403);
			assertThat(enrolFirst.json().path("detail").asText()).contains("两步验证");
			String secret = enrolling.postJson("/api/me/totp/enrol", Map.of()).json().path("secret").asText();
			assertThat(enrolling.postJson("/api/me/totp/confirm", Map.of("code", code(secret))).status()).isEqualTo(204);
			assertThat(enrolling.get("/engine-rest/user").status()).as("without X-TOTP").isEqualTo(401);
			Http changed = new Http(port) {
				@Override
				public java.net.http.HttpRequest.Builder request(String path) {
					return enrolling.request(path).header("X-TOTP", code(secret));
				}
			};
			Http.Response users = changed.get("/engine-rest/user");
			assertThat(users.status()).isEqualTo(200);
			assertThat(users.json().findValuesAsText("id")).containsExactlyInAnyOrder("sysadmin", "security-chief", "auditadmin");
			assertThat(changed.get("/engine-rest/user?memberOfGroup=security-admin").json().findValuesAsText("id"))
				.containsExactly("security-chief");
			assertThat(changed.get("/engine-rest/user?memberOfGroup=audit-admin").json().findValuesAsText("id"))
				.containsExactly("auditadmin");
			assertThat(changed.get("/engine-rest/user?memberOfGroup=camunda-admin").json()).as("no superuser").isEmpty();
			assertThat(Http.as(port, "doctor-t01v01", "demo").get("/engine-rest/task").status()).isEqualTo(401);
			assertThat(output).doesNotContain(secret);
		}
		finally {
			run.process().destroy();
			run.process().waitFor(30, TimeUnit.SECONDS);
		}
	}

	/** The authenticator's current code, by the other JVM's clock (the code of the step either side is taken too). */
	private static String code(String secret) {
		try {
			return new dev.samstevens.totp.code.DefaultCodeGenerator().generate(secret, System.currentTimeMillis() / 30_000);
		}
		catch (Exception e) {
			throw new AssertionError(e);
		}
	}

}
