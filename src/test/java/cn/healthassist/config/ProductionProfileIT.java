package cn.healthassist.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import cn.healthassist.support.AppJvm;
import cn.healthassist.support.Http;

/**
 * The production profile ({@code mysql}) as an operator starts it, in a JVM of its own (on an in-memory database
 * here): no demo user exists, and without HA_ADMIN_ID / HA_ADMIN_PASSWORD it refuses to start; a weak password is
 * refused by Camunda's password policy; with both it creates exactly that administrator.
 */
class ProductionProfileIT {

	private static AppJvm start(Map<String, String> env, int port) throws IOException {
		return AppJvm.start(List.of("--spring.profiles.active=mysql", "--server.port=" + port,
				"--spring.datasource.url=jdbc:h2:mem:production-check;DB_CLOSE_DELAY=-1", "--spring.datasource.username=sa",
				"--spring.datasource.driver-class-name=org.h2.Driver", "--camunda.bpm.database.type=h2",
				"--camunda.bpm.job-execution.enabled=false"), environment -> {
					environment.remove("HA_ADMIN_ID");
					environment.remove("HA_ADMIN_PASSWORD");
					environment.remove("HA_DEMO");
					environment.remove("HA_ORGANISATION_FILE");
					environment.putAll(env);
				});
	}

	@Test
	void withoutAnAdministratorItRefusesToStart() throws Exception {
		AppJvm run = start(Map.of(), AppJvm.freePort());
		assertThat(run.process().waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(run.process().exitValue()).isNotZero();
		assertThat(run.output()).contains("set HA_ADMIN_ID and HA_ADMIN_PASSWORD");
	}

	@Test
	void aWeakAdministratorPasswordIsRefused() throws Exception {
		AppJvm run = start(Map.of("HA_ADMIN_ID", "chief", "HA_ADMIN_PASSWORD", "demo"), AppJvm.freePort());
		assertThat(run.process().waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(run.process().exitValue()).isNotZero();
		assertThat(run.output()).contains("HA_ADMIN_PASSWORD does not pass the password policy");
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
	void withAnAdministratorItStarts_andNoDemoUserExists() throws Exception {
		int port = AppJvm.freePort();
		AppJvm run = start(Map.of("HA_ADMIN_ID", "chief", "HA_ADMIN_PASSWORD", "Hx7#plateau-North"), port);
		try {
			run.awaitStarted(120);
			assertThat(run.output()).as(run.output()).contains("Started Application");
			// the administrator exists before the port opens: Camunda's first-administrator page is never offered
			String output = run.output();
			assertThat(output.indexOf("Startup data ready")).as(output).isPositive()
					.isLessThan(output.indexOf("Tomcat started on port"));
			Http chief = Http.as(port, "chief", "Hx7#plateau-North");
			Http.Response users = chief.get("/engine-rest/user");
			assertThat(users.status()).isEqualTo(200);
			assertThat(users.json().findValuesAsText("id")).containsExactly("chief");
			assertThat(Http.as(port, "doctor-t01v01", "demo").get("/engine-rest/task").status()).isEqualTo(401);
			assertThat(chief.get("/engine-rest/group?id=camunda-admin").json()).hasSize(1);
		}
		finally {
			run.process().destroy();
			run.process().waitFor(30, TimeUnit.SECONDS);
		}
	}

}
