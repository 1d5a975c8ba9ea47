package cn.healthassist.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import cn.healthassist.support.Applications;
import cn.healthassist.support.Http;
import cn.healthassist.support.IntegrationTest;
import cn.healthassist.support.TestIds;

/** The declaration against the running product: its tables exist, and a case's grants are its readers. */
class CaseProcessIT extends IntegrationTest {

	@Test
	void everyDeclaredRecordTableExists() {
		for (CaseProcess p : CaseProcess.values()) {
			for (String table : p.records()) {
				assertThat(count("SELECT COUNT(*) FROM " + table + " WHERE 1 = 0")).as(p + " " + table).isZero();
			}
		}
	}

	@Test
	void aStartedCaseIsReadByTheDeclaredGroups_andItsKeyHasTheDeclaredPrefix() {
		Http.Response started = http("committee-t01v01").postJson("/api/charity-relief-applications",
				Applications.charity(TestIds.newIdNumber()));
		assertThat(started.status()).as(started.body()).isEqualTo(201);
		String pid = started.json().path("processInstanceId").asText();
		assertThat(started.json().path("businessKey").asText()).startsWith(CaseProcess.CHARITY_RELIEF.businessKeyPrefix() + "-");
		assertThat(jdbc.queryForList("SELECT GROUP_ID_ FROM ACT_RU_AUTHORIZATION WHERE RESOURCE_ID_ = ? AND RESOURCE_TYPE_ = 8",
				String.class, pid))
			.containsExactlyInAnyOrderElementsOf(CaseProcess.CHARITY_RELIEF.readers("T01V01", "T01", null));
		assertThat(count("SELECT COUNT(*) FROM ACT_RU_AUTHORIZATION WHERE RESOURCE_ID_ = ?", pid)).isEqualTo(6);
	}

}
