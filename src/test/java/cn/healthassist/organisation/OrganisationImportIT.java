package cn.healthassist.organisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.healthassist.problems.CaseRejectedException;
import cn.healthassist.support.Http;
import cn.healthassist.support.IntegrationTest;

/** A county's organisation is imported from a file: good, twice, and broken files. */
class OrganisationImportIT extends IntegrationTest {

	@Autowired
	OrganisationImporter importer;

	private static String csv(String text) {
		return text;
	}

	private int units() {
		return count("SELECT COUNT(*) FROM ha_county") + count("SELECT COUNT(*) FROM ha_township")
				+ count("SELECT COUNT(*) FROM ha_village") + count("SELECT COUNT(*) FROM ha_hospital")
				+ count("SELECT COUNT(*) FROM ha_destination_hospital");
	}

	@Test
	void importsACountyAndCreatesItsGroups_andTheSameFileTwiceChangesNothing() {
		String file = """
				type,code,name,parent
				county,C91,测试县,
				township,T91,南湖镇,C91
				village,T91V01,杏花村,T91
				hospital,H91,测试县医院,C91
				""";
		OrganisationImporter.ImportResult first = importer.importCsv(csv(file));
		assertThat(first.inserted()).isEqualTo(4);
		assertThat(first.groupsCreated()).isEqualTo(6);
		assertThat(identityService.createGroupQuery().groupId("village-doctor-T91V01").singleResult().getName())
			.isEqualTo("杏花村 村医");
		assertThat(identityService.createGroupQuery().groupId("township-civil-T91").count()).isOne();
		assertThat(identityService.createGroupQuery().groupId("hospital-head-H91").count()).isOne();
		int before = units();

		OrganisationImporter.ImportResult second = importer.importCsv(csv(file));
		assertThat(second).isEqualTo(new OrganisationImporter.ImportResult(0, 0, 4, 0));
		assertThat(units()).isEqualTo(before);
	}

	@Test
	void anUnknownTownshipIsRefusedWithItsLine_andNothingIsWritten() {
		int before = units();
		assertThatThrownBy(() -> importer.importCsv(csv("""
				type,code,name,parent
				county,C92,某县,
				village,T92V01,某村,T99
				""")))
			.isInstanceOf(CaseRejectedException.class)
			.hasMessage("第3行：未知的上级乡镇 T99");
		assertThat(units()).isEqualTo(before);
		assertThat(count("SELECT COUNT(*) FROM ha_county WHERE code = 'C92'")).isZero();
		assertThat(identityService.createGroupQuery().groupId("village-doctor-T92V01").count()).isZero();
	}

	@Test
	void aDuplicateCodeIsRefusedWithBothLines() {
		assertThatThrownBy(() -> importer.importCsv(csv("""
				type,code,name,parent
				county,C93,某县,
				township,T93,甲镇,C93
				township,T93,乙镇,C93
				""")))
			.isInstanceOf(CaseRejectedException.class)
			.hasMessage("第4行：代码 T93 重复（第3行已有）");
		assertThat(count("SELECT COUNT(*) FROM ha_county WHERE code = 'C93'")).isZero();
	}

	@Test
	void aMissingColumnIsRefusedAtTheHeader() {
		assertThatThrownBy(() -> importer.importCsv(csv("""
				type,code,name
				county,C94,某县
				""")))
			.isInstanceOf(CaseRejectedException.class)
			.hasMessage("第1行：表头缺少列 parent（表头应为 type,code,name,parent）");
		assertThat(count("SELECT COUNT(*) FROM ha_county WHERE code = 'C94'")).isZero();
	}

	@Test
	void aBrokenLineAfterGoodOnesLeavesTheDatabaseAsItWas() {
		int before = units();
		assertThatThrownBy(() -> importer.importCsv(csv("""
				type,code,name,parent
				county,C95,某县,
				township,T95,甲镇,C95
				village,T95V01,甲村,T95
				hamlet,T95V02,乙村,T95
				village,T95-V03,丙村,T95
				""")))
			.isInstanceOf(CaseRejectedException.class)
			.hasMessageContaining("第5行：未知的类型 \"hamlet\"")
			.hasMessageContaining("第6行：代码 \"T95-V03\" 无效");
		assertThat(units()).isEqualTo(before);
	}

	/** The system administrator imports (SPEC 3: organisation data is theirs); the other two administrators do not. */
	@Test
	void theSystemAdministratorImports_theOtherAdministratorsDoNot() {
		String file = "type,code,name,parent\ncounty,C97,测试县,\ntownship,T97,北湖镇,C97\nvillage,T97V01,梨花村,T97\n";
		for (String other : java.util.List.of("secadmin", "auditadmin", "auditor")) {
			assertThat(http(other).post("/api/organisation", "text/csv", file).status()).as(other).isEqualTo(403);
		}
		assertThat(count("SELECT COUNT(*) FROM ha_county WHERE code = 'C97'")).isZero();

		Http.Response r = http("sysadmin").post("/api/organisation", "text/csv", file);
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		assertThat(r.json().path("inserted").asInt()).isEqualTo(3);
		assertThat(identityService.createGroupQuery().groupId("village-doctor-T97V01").count()).isOne();
		assertThat(engine.getAuthorizationService().createAuthorizationQuery().groupIdIn("village-doctor-T97V01")
			.resourceType(org.camunda.bpm.engine.authorization.Resources.APPLICATION).resourceId("tasklist").count())
			.as("the group's grants, made by the product's rule").isOne();
	}

	/** Forms show a unit's name inside their Markdown text: a name is letters, digits and a few marks, nothing a page reads. */
	@Test
	void aNameWithMarkupOrInvisibleCharacters_isRefusedWithItsLine() {
		int before = units();
		assertThatThrownBy(() -> importer.importCsv("""
				type,code,name,parent
				county,C98,某县,
				township,T98,"<img src=x onerror=alert(1)>",C98
				village,T98V01,[点此核验](https://evil.example/),T98
				village,T98V02,桃‮园村,T98
				village,T98V03,**加粗**村,T98
				"""))
			.isInstanceOf(CaseRejectedException.class)
			.hasMessageContaining("第3行：名称")
			.hasMessageContaining("第4行：名称")
			.hasMessageContaining("第5行：名称")
			.hasMessageContaining("第6行：名称");
		assertThat(units()).isEqualTo(before);
		assertThat(importer.importCsv("type,code,name,parent\ncounty,C98,某县,\nhospital,H98,县人民医院（东院）·急救-中心,C98\n")
			.inserted()).isEqualTo(2);
	}

	@Test
	void throughTheApi_onlyAdministratorsImport_andErrorsNameTheLine() {
		String broken = "type,code,name,parent\nvillage,T96V01,某村,T96\n";
		assertThat(http("doctor-t01v01").post("/api/organisation", "text/csv", broken).status()).isEqualTo(403);
		Http.Response r = http("admin").post("/api/organisation", "text/csv", broken);
		assertThat(r.status()).isEqualTo(400);
		assertThat(r.contentType()).startsWith("application/problem+json");
		assertThat(r.json().path("errors").get(0).path("field").asText()).isEqualTo("line 2");
		assertThat(r.json().path("errors").get(0).path("message").asText()).isEqualTo("第2行：未知的上级乡镇 T96");
	}

}
