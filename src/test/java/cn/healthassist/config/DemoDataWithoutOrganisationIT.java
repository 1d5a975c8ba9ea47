package cn.healthassist.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A training installation started with demo data (HA_DEMO=true) and no organisation file (HA_ORGANISATION_FILE
 * unset), as the README's "Run on MySQL or MariaDB" allows: the demo county is imported, so the demo users find
 * their groups and the application starts. (Before, it stopped at start: no group "village-doctor-T01V01".) On its
 * own in-memory database, so that no other test has imported the organisation before (and once: not in the MySQL run).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:demo-without-organisation;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE",
		"healthassist.demo.enabled=true", "healthassist.organisation.file=", "camunda.bpm.job-execution.enabled=false" })
class DemoDataWithoutOrganisationIT {

	@Autowired
	IdentityService identityService;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void demoDataBringsTheDemoCounty_andEveryDemoUserIsInTheirGroup() {
		assertThat(jdbc.queryForObject("SELECT name FROM ha_village WHERE code = 'T01V01'", String.class)).isEqualTo("桃园村");
		assertThat(identityService.createUserQuery().userId("doctor-t01v01").memberOfGroup("village-doctor-T01V01").count()).isEqualTo(1);
		assertThat(identityService.createUserQuery().userId("health-t02").memberOfGroup("township-health-T02").count()).isEqualTo(1);
		assertThat(identityService.createUserQuery().userId("hhead-h02").memberOfGroup("hospital-head-H02").count()).isEqualTo(1);
	}

}
