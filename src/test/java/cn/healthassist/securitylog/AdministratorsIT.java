package cn.healthassist.securitylog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cn.healthassist.support.Http;
import cn.healthassist.support.IntegrationTest;

/**
 * 三员分立 (docs/security.md): the system administrator manages users and groups, the security administrator
 * authorizations, unlocking and the administrators' memberships, the audit administrator reads the security log; none
 * can do another's job, through Admin's API or the product's, and nothing is changed by a refused request.
 */
class AdministratorsIT extends IntegrationTest {

	private final String user = "dut-" + UUID.randomUUID().toString().substring(0, 8);

	@AfterEach
	void removeUser() {
		identityService.deleteUser(user);
		authorizationService.createAuthorizationQuery().userIdIn(user).list()
			.forEach(a -> authorizationService.deleteAuthorization(a.getId()));
	}

	@org.springframework.beans.factory.annotation.Autowired
	org.camunda.bpm.engine.AuthorizationService authorizationService;

	private Map<String, Object> newUser() {
		return Map.of("profile", Map.of("id", user, "firstName", "测试", "lastName", "三员分立"), "credentials",
				Map.of("password", "Strong-pass-2026!"));
	}

	private boolean exists(String userId) {
		return identityService.createUserQuery().userId(userId).count() == 1;
	}

	@Test
	void onlyTheSystemAdministratorCreatesUsers() {
		assertThat(http("secadmin").postJson("/engine-rest/user/create", newUser()).status()).isEqualTo(403);
		assertThat(http("auditadmin").postJson("/engine-rest/user/create", newUser()).status()).isEqualTo(403);
		assertThat(exists(user)).as("nothing created by a refused request").isFalse();
		assertThat(http("sysadmin").postJson("/engine-rest/user/create", newUser()).status()).isEqualTo(204);
		assertThat(exists(user)).isTrue();
		String created = "POST /engine-rest/user/create | account created: " + user + " (password set)";
		assertThat(lastDetail("USER_CHANGED", "sysadmin", created)).as("the event names the account")
			.isEqualTo(created);
	}

	/** The detail of a user's latest event of a type, once it is the one expected or after two seconds. */
	private String lastDetail(String type, String userId, String expected) {
		return onceWritten(expected, () -> jdbc.queryForObject("SELECT detail FROM ha_security_event WHERE event_type = ? "
				+ "AND user_id = ? ORDER BY seq DESC LIMIT 1", String.class, type, userId));
	}

	/**
	 * Creating an account of an id in use answers the same whatever password was sent (it told a right guess of that
	 * account's password by the password history's answer); an account without a password, with an id longer than
	 * the database's column or with a name that hides text is refused with 400 and nothing is created; a membership
	 * held already is a 409, and an account's id is not changed through its profile.
	 */
	@Test
	void creatingAnAccountTellsNothingOfAnothersPassword_andTakesOnlyAnAccountThatCanBeUsed() {
		Http sysadmin = http("sysadmin");
		for (String taken : List.of("doctor-t01v01", "auditor")) {
			Http.Response right = sysadmin.postJson("/engine-rest/user/create", Map.of("profile",
					Map.of("id", taken, "firstName", "甲", "lastName", "乙"), "credentials", Map.of("password", "demo")));
			Http.Response wrong = sysadmin.postJson("/engine-rest/user/create", Map.of("profile",
					Map.of("id", taken, "firstName", "甲", "lastName", "乙"), "credentials",
					Map.of("password", "Wrong-guess-2026!")));
			assertThat(right.status()).as(right.body()).isEqualTo(409);
			assertThat(wrong.status()).isEqualTo(409);
			assertThat(right.json().path("message").asText()).isEqualTo(wrong.json().path("message").asText())
				.contains(taken).contains("已存在");
		}
		assertThat(http("doctor-t01v01").get("/api/me").status()).as("the account is as it was").isEqualTo(200);

		Http.Response noPassword = sysadmin.postJson("/engine-rest/user/create",
				Map.of("profile", Map.of("id", user, "firstName", "测试", "lastName", "无密码")));
		assertThat(noPassword.status()).as(noPassword.body()).isEqualTo(400);
		assertThat(noPassword.body()).contains("初始密码");
		String longId = "a".repeat(300);
		Http.Response tooLong = sysadmin.postJson("/engine-rest/user/create", Map.of("profile",
				Map.of("id", longId, "firstName", "测试", "lastName", "长"), "credentials",
				Map.of("password", "Strong-pass-2026!")));
		assertThat(tooLong.status()).as(tooLong.body()).isEqualTo(400);
		Http.Response groupTooLong = sysadmin.postJson("/engine-rest/group/create",
				Map.of("id", "g".repeat(300), "name", "长", "type", "WORKFLOW"));
		assertThat(groupTooLong.status()).as(groupTooLong.body()).isEqualTo(400);
		Http.Response hiding = sysadmin.postJson("/engine-rest/user/create", Map.of("profile",
				Map.of("id", user, "firstName", "甲\u202e", "lastName", "乙"), "credentials",
				Map.of("password", "Strong-pass-2026!")));
		assertThat(hiding.status()).as(hiding.body()).isEqualTo(400);
		assertThat(hiding.body()).contains("普通文字");
		assertThat(exists(user)).as("nothing created by a refused request").isFalse();
		assertThat(identityService.createUserQuery().userId(longId).count()).isZero();

		assertThat(sysadmin.postJson("/engine-rest/user/create", newUser()).status()).isEqualTo(204);
		assertThat(sysadmin.putJson("/engine-rest/group/county-insurance/members/" + user, Map.of()).status())
			.isEqualTo(204);
		Http.Response again = sysadmin.putJson("/engine-rest/group/county-insurance/members/" + user, Map.of());
		assertThat(again.status()).as(again.body()).isEqualTo(409);
		assertThat(again.body()).contains("已是组 county-insurance 的成员");

		Http.Response renamed = sysadmin.putJson("/engine-rest/user/" + user + "/profile",
				Map.of("id", user + "x", "firstName", "测试", "lastName", "改名"));
		assertThat(renamed.status()).as(renamed.body()).isEqualTo(400);
		assertThat(renamed.body()).contains("账号名不能修改").doesNotContain("案件");
		assertThat(exists(user)).isTrue();
		assertThat(exists(user + "x")).isFalse();
		// a deletion of nothing is a 404, not a deletion the security log would record as done
		String nobody = "nobody-" + user;
		Http.Response noUser = sysadmin.delete("/engine-rest/user/" + nobody);
		assertThat(noUser.status()).as(noUser.body()).isEqualTo(404);
		assertThat(sysadmin.delete("/engine-rest/group/" + nobody).status()).isEqualTo(404);
		assertThat(count("SELECT COUNT(*) FROM ha_security_event WHERE event_type = 'USER_CHANGED' AND detail LIKE ?",
				"%" + nobody + "%")).isZero();
		Http.Response group = sysadmin.putJson("/engine-rest/group/county-insurance",
				Map.of("id", "county-insurance2", "name", "县医保局", "type", "WORKFLOW"));
		assertThat(group.status()).as(group.body()).isEqualTo(400);
		assertThat(identityService.createGroupQuery().groupId("county-insurance2").count()).isZero();
	}

	@Test
	void onlyTheSecurityAdministratorGrants() {
		Map<String, Object> grant = Map.of("type", 1, "permissions", List.of("ACCESS"), "userId", user, "resourceType", 0,
				"resourceId", "tasklist");
		assertThat(http("sysadmin").postJson("/engine-rest/authorization/create", grant).status()).isEqualTo(403);
		assertThat(http("auditadmin").postJson("/engine-rest/authorization/create", grant).status()).isEqualTo(403);
		assertThat(authorizationService.createAuthorizationQuery().userIdIn(user).count()).isZero();
		assertThat(http("secadmin").postJson("/engine-rest/authorization/create", grant).status()).isEqualTo(200);
		assertThat(authorizationService.createAuthorizationQuery().userIdIn(user).count()).isEqualTo(1);
		String granted = "POST /engine-rest/authorization/create | created: grant user " + user
				+ " application:tasklist [ACCESS]";
		assertThat(lastDetail("AUTHORIZATION_CHANGED", "secadmin", granted))
			.as("the event names whom, on what, which permissions").isEqualTo(granted);
		String id = authorizationService.createAuthorizationQuery().userIdIn(user).singleResult().getId();
		assertThat(http("secadmin").delete("/engine-rest/authorization/" + id).status()).isEqualTo(204);
		String deleted = "DELETE /engine-rest/authorization/" + id + " | deleted " + id + ": grant user " + user
					+ " application:tasklist [ACCESS]";
		assertThat(lastDetail("AUTHORIZATION_CHANGED", "secadmin", deleted)).isEqualTo(deleted);
		// a revocation names what it takes away, not ALL
		Map<String, Object> revoke = Map.of("type", 2, "permissions", List.of("ACCESS"), "userId", user,
				"resourceType", 0, "resourceId", "cockpit");
		assertThat(http("secadmin").postJson("/engine-rest/authorization/create", revoke).status()).isEqualTo(200);
		String revoked = "POST /engine-rest/authorization/create | created: revoke user " + user
				+ " application:cockpit [ACCESS]";
		assertThat(lastDetail("AUTHORIZATION_CHANGED", "secadmin", revoked)).isEqualTo(revoked);
	}

	@Test
	void theAdministratorsGroupsAreTheSecurityAdministratorsToFill_ordinaryGroupsTheSystemAdministrators() {
		http("sysadmin").postJson("/engine-rest/user/create", newUser());
		assertThat(http("sysadmin").putJson("/engine-rest/group/security-admin/members/" + user, Map.of()).status())
			.as("the system administrator cannot make anyone a security administrator").isEqualTo(403);
		assertThat(http("sysadmin").putJson("/engine-rest/group/audit-admin/members/sysadmin", Map.of()).status())
			.as("nor give themselves the audit administrator's powers").isEqualTo(403);
		assertThat(identityService.createUserQuery().memberOfGroup("security-admin").userId(user).count()).isZero();
		assertThat(identityService.createUserQuery().memberOfGroup("audit-admin").userId("sysadmin").count()).isZero();
		assertThat(http("secadmin").putJson("/engine-rest/group/county-insurance/members/" + user, Map.of()).status())
			.as("the security administrator fills no ordinary group").isEqualTo(403);
		assertThat(http("secadmin").putJson("/engine-rest/group/audit-admin/members/" + user, Map.of()).status())
			.isEqualTo(204);
		assertThat(identityService.createUserQuery().memberOfGroup("audit-admin").userId(user).count()).isEqualTo(1);
		// an administrator's account joins no office's group, so no administrator puts another to an office's work
		Http.Response intoOffice = http("sysadmin").putJson("/engine-rest/group/county-insurance/members/" + user, Map.of());
		assertThat(intoOffice.status()).as(intoOffice.body()).isEqualTo(403);
		assertThat(intoOffice.body()).contains("三员分立");
		assertThat(http("sysadmin").putJson("/engine-rest/group/village-doctor-T02V02/members/secadmin", Map.of()).status())
			.isEqualTo(403);
		assertThat(identityService.createUserQuery().memberOfGroup("county-insurance").userId(user).count()).isZero();
		assertThat(identityService.createUserQuery().memberOfGroup("village-doctor-T02V02").userId("secadmin").count())
			.isZero();
	}

	/** The security administrator grants others, never themselves nor their own group. */
	@Test
	void theSecurityAdministratorGrantsNothingToThemselves() {
		long own = authorizationService.createAuthorizationQuery().userIdIn("secadmin").count();
		long everyone = authorizationService.createAuthorizationQuery().userIdIn("*").count();
		long group = authorizationService.createAuthorizationQuery().groupIdIn("security-admin").count();
		for (Map<String, Object> grant : List.of(
				Map.of("type", 1, "permissions", List.of("ALL"), "userId", "secadmin", "resourceType", 8, "resourceId", "*"),
				Map.of("type", 1, "permissions", List.of("ALL"), "groupId", "security-admin", "resourceType", 8,
						"resourceId", "*"),
				Map.of("type", 0, "permissions", List.of("ALL"), "userId", "*", "resourceType", 7, "resourceId", "*"))) {
			Http.Response r = http("secadmin").postJson("/engine-rest/authorization/create", grant);
			assertThat(r.status()).as(r.body()).isEqualTo(403);
		}
		assertThat(authorizationService.createAuthorizationQuery().userIdIn("secadmin").count()).isEqualTo(own);
		assertThat(authorizationService.createAuthorizationQuery().userIdIn("*").count()).isEqualTo(everyone);
		assertThat(authorizationService.createAuthorizationQuery().groupIdIn("security-admin").count()).isEqualTo(group);
	}

	/** One account, one administrator's duty: the security administrator cannot give one administrator two of them. */
	@Test
	void anAdministratorHoldsOneDutyOnly() {
		for (String group : List.of("security-admin", "audit-admin")) {
			Http.Response r = http("secadmin").putJson("/engine-rest/group/" + group + "/members/sysadmin", Map.of());
			assertThat(r.status()).as(r.body()).isEqualTo(403);
			assertThat(r.json().path("message").asText()).contains("三员分立");
		}
		assertThat(identityService.createGroupQuery().groupMember("sysadmin").list())
			.extracting(org.camunda.bpm.engine.identity.Group::getId)
			.containsExactly("system-admin");
	}

	@org.springframework.beans.factory.annotation.Autowired
	MixedDuties mixedDuties;

	/** Memberships that mix duties, made before the engine refused them (here written directly), are reported. */
	@Test
	void accountsThatMixDuties_areReportedToTheSecurityLog() {
		User u = identityService.newUser(user);
		u.setFirstName("测试");
		u.setLastName("混岗");
		u.setPassword("Strong-pass-2026!");
		identityService.saveUser(u);
		identityService.createMembership(user, "system-admin");
		identityService.createMembership(user, "village-doctor-T01V01");

		Map<String, List<String>> mixed = mixedDuties.report();

		assertThat(mixed).containsEntry(user, List.of("system-admin", "village-doctor-T01V01"));
		assertThat(mixed).as("the demo's administrators each hold one duty").doesNotContainKeys("admin", "sysadmin",
				"secadmin", "auditadmin");
		com.fasterxml.jackson.databind.JsonNode items = http("auditadmin")
			.get("/api/security-events?type=DUTIES_MIXED&user=" + user).json().path("items");
		assertThat(items).isNotEmpty();
		assertThat(items.get(0).path("detail").asText()).contains("system-admin", "village-doctor-T01V01");
	}

	/**
	 * Who sees a case is its jurisdiction's, granted by the product's rules: the security administrator grants models,
	 * applications and filters, never cases, their tasks or their history, and may take rights away.
	 */
	@Test
	void theSecurityAdministratorOpensNoCasesToAnyone() {
		http("sysadmin").postJson("/engine-rest/user/create", newUser());
		// Camunda's own grant of the new account's profile to its owner
		long own = authorizationService.createAuthorizationQuery().userIdIn(user).count();
		// the village's start right (CREATE on every case), the product's
		long village = authorizationService.createAuthorizationQuery().groupIdIn("village-doctor-T01V01")
			.resourceType(org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE).count();
		Http secadmin = http("secadmin");
		for (Map<String, Object> grant : List.of(
				Map.of("type", 1, "permissions", List.of("READ"), "userId", user, "resourceType", 8, "resourceId", "*"),
				Map.of("type", 1, "permissions", List.of("READ"), "userId", user, "resourceType", 7, "resourceId", "*"),
				Map.of("type", 1, "permissions", List.of("READ_INSTANCE"), "userId", user, "resourceType", 6,
						"resourceId", "*"),
				Map.of("type", 1, "permissions", List.of("ALL"), "userId", user, "resourceType", 6, "resourceId",
						"chronic-certificate"),
				Map.of("type", 1, "permissions", List.of("READ_HISTORY"), "userId", user, "resourceType", 10,
						"resourceId", "*"),
				Map.of("type", 1, "permissions", List.of("READ"), "userId", user, "resourceType", 19, "resourceId", "*"),
				Map.of("type", 1, "permissions", List.of("READ"), "userId", user, "resourceType", 20, "resourceId", "*"),
				Map.of("type", 1, "permissions", List.of("READ"), "groupId", "village-doctor-T01V01", "resourceType", 8,
						"resourceId", "*"))) {
			Http.Response r = secadmin.postJson("/engine-rest/authorization/create", grant);
			assertThat(r.status()).as(grant + ": " + r.body()).isEqualTo(403);
			assertThat(r.json().path("message").asText()).contains("按辖区");
		}
		assertThat(authorizationService.createAuthorizationQuery().userIdIn(user).count()).isEqualTo(own);
		assertThat(authorizationService.createAuthorizationQuery().groupIdIn("village-doctor-T01V01")
			.resourceType(org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE).count()).isEqualTo(village);

		// a model to see, and a right taken away, pass; the same grant twice is a conflict, not a server error
		Map<String, Object> model = Map.of("type", 1, "permissions", List.of("READ"), "userId", user, "resourceType", 6,
				"resourceId", "chronic-certificate");
		Http.Response made = secadmin.postJson("/engine-rest/authorization/create", model);
		assertThat(made.status()).as(made.body()).isEqualTo(200);
		Map<String, Object> widened = new java.util.HashMap<>(model);
		widened.put("permissions", List.of("ALL"));
		assertThat(secadmin.putJson("/engine-rest/authorization/" + made.json().path("id").asText(), widened).status())
			.as("nor widened afterwards").isEqualTo(403);
		assertThat(authorizationService.createAuthorizationQuery().userIdIn(user)
			.resourceType(org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION).singleResult()
			.isPermissionGranted(org.camunda.bpm.engine.authorization.Permissions.READ_INSTANCE)).isFalse();
		Http.Response again = secadmin.postJson("/engine-rest/authorization/create", model);
		assertThat(again.status()).as(again.body()).isEqualTo(409);
		assertThat(again.json().path("message").asText()).contains("已有同类授权");
		assertThat(secadmin.postJson("/engine-rest/authorization/create", Map.of("type", 2, "permissions", List.of("READ"),
				"userId", user, "resourceType", 8, "resourceId", "*")).status()).isEqualTo(200);
		assertThat(authorizationService.createAuthorizationQuery().userIdIn(user).count()).isEqualTo(own + 2);
	}

	@Test
	void theSystemAdministratorCannotTakeOverAnotherAdministratorsAccount() {
		Http sysadmin = http("sysadmin");
		Http.Response r = sysadmin.putJson("/engine-rest/user/secadmin/credentials",
				Map.of("password", "Taken-over-2026!", "authenticatedUserPassword", PASSWORD));
		assertThat(r.status()).isEqualTo(403);
		assertThat(identityService.checkPassword("secadmin", PASSWORD)).as("the password is unchanged").isTrue();
		assertThat(sysadmin.delete("/engine-rest/user/auditadmin").status()).isEqualTo(403);
		assertThat(exists("auditadmin")).isTrue();
	}

	@Test
	void theSecurityAdministratorUnlocksAnAccountEarly_noOneElse() {
		User u = identityService.newUser(user);
		u.setFirstName("测试");
		u.setLastName("解锁");
		u.setPassword("Strong-pass-2026!");
		identityService.saveUser(u);
		for (int i = 0; i < 5; i++) {
			assertThat(identityService.checkPassword(user, "wrong")).isFalse();
		}
		assertThat(identityService.checkPassword(user, "Strong-pass-2026!")).as("locked for 15 minutes").isFalse();
		assertThat(http("sysadmin").postJson("/api/users/" + user + "/unlock", Map.of()).status()).isEqualTo(403);
		assertThat(http("auditadmin").postJson("/api/users/" + user + "/unlock", Map.of()).status()).isEqualTo(403);
		assertThat(http("secadmin").postJson("/api/users/nobody-" + user + "/unlock", Map.of()).status()).isEqualTo(404);
		assertThat(http("secadmin").postJson("/api/users/" + user + "/unlock", Map.of()).status()).isEqualTo(204);
		assertThat(identityService.checkPassword(user, "Strong-pass-2026!")).as("unlocked").isTrue();
	}

	@Test
	void theSecurityLogIsTheAuditAdministratorsAlone() {
		for (String other : List.of("admin", "sysadmin", "secadmin", "auditor", "doctor-t01v01")) {
			assertThat(http(other).get("/api/security-events").status()).as(other).isEqualTo(403);
			assertThat(http(other).get("/api/security-events.xlsx").status()).as(other).isEqualTo(403);
		}
		Http.Response r = http("auditadmin").get("/api/security-events?size=5");
		assertThat(r.status()).isEqualTo(200);
		assertThat(r.json().path("size").asInt()).isEqualTo(5);
		assertThat(http("auditadmin").get("/api/security-events?type=NOT_A_TYPE").status()).isEqualTo(400);
		assertThat(http("auditadmin").get("/api/security-events?from=2026/12/01").status()).isEqualTo(400);
		assertThat(http("auditadmin").get("/engine-rest/task").status()).as("and nothing of the cases").isEqualTo(403);
	}

}
