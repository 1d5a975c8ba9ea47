package cn.healthassist.securitylog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.apache.commons.codec.digest.DigestUtils;

import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import cn.healthassist.support.Http;
import cn.healthassist.support.IntegrationTest;

/**
 * The security log (安全审计, docs/product.md 4.1) records logins, failures, lockouts, refusals, changes and exports
 * with user, client address and time, whatever the door; its keyed chain shows a row edited in the database, even
 * hashed again by someone without the keys.
 */
class SecurityLogIT extends IntegrationTest {

	private static final String PASSWORD_OK = "Strong-pass-2026!";

	private final String user = "log-" + UUID.randomUUID().toString().substring(0, 8);

	@Autowired
	SecurityLog securityLog;

	@Autowired
	SecurityEventMapper mapper;

	@Autowired
	PlatformTransactionManager transactions;

	@BeforeEach
	void createUser() {
		User u = identityService.newUser(user);
		u.setFirstName("测试");
		u.setLastName("安全审计");
		u.setPassword(PASSWORD_OK);
		identityService.saveUser(u);
		identityService.createMembership(user, "county-insurance");
	}

	@AfterEach
	void removeUser() {
		identityService.deleteUser(user);
	}

	private JsonNode events(String type) {
		Http.Response r = http("auditadmin").get("/api/security-events?size=50&user=" + user + "&type=" + type);
		assertThat(r.status()).isEqualTo(200);
		return r.json().path("items");
	}

	@Test
	void aWrongPasswordAtTheLoginPage_isAFailureAndALock_theRightOneASuccess() {
		assertThat(new Http(port).login("tasklist", user, "wrong-password").status()).isEqualTo(401);
		JsonNode failures = events("LOGIN_FAILURE");
		assertThat(failures).hasSize(1);
		assertThat(failures.get(0).path("clientIp").asText()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
		assertThat(failures.get(0).path("time").asText()).isNotBlank();
		assertThat(events("ACCOUNT_LOCKED")).as("one failure does not lock").isEmpty();
		for (int i = 2; i <= 5; i++) {
			assertThat(new Http(port).login("tasklist", user, "wrong-password").status()).isEqualTo(401);
		}
		assertThat(events("ACCOUNT_LOCKED")).as("the fifth failure in a row locks").hasSize(1);
		securityLogUnlock();
		assertThat(new Http(port).login("tasklist", user, PASSWORD_OK).status()).isEqualTo(200);
		assertThat(events("LOGIN_SUCCESS")).hasSize(1);
	}

	private void securityLogUnlock() {
		assertThat(http("secadmin").postJson("/api/users/" + user + "/unlock", java.util.Map.of()).status()).isEqualTo(204);
		JsonNode unlocks = http("auditadmin").get("/api/security-events?size=50&user=secadmin&type=USER_CHANGED").json()
			.path("items");
		assertThat(unlocks).anySatisfy(e -> assertThat(e.path("detail").asText())
			.isEqualTo("POST /api/users/" + user + "/unlock"));
	}

	@Test
	void aWrongPasswordOverHttpBasic_isAFailure() {
		assertThat(Http.as(port, user, "wrong").get("/api/cases").status()).isEqualTo(401);
		assertThat(events("LOGIN_FAILURE")).hasSize(1);
	}

	@Test
	void anIdNumberTypedAsTheUserName_isKeptMasked() {
		String id = cn.healthassist.support.TestIds.newIdNumber();
		assertThat(Http.as(port, id, "wrong").get("/api/cases").status()).isEqualTo(401);
		String masked = cn.healthassist.values.IdNumbers.maskAll(id);
		assertThat(masked).isNotEqualTo(id);
		Http.Response log = http("auditadmin").get("/api/security-events?size=50&type=LOGIN_FAILURE&user=" + masked);
		assertThat(log.json().path("items")).hasSize(1);
		assertThat(log.body()).doesNotContain(id);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ha_security_event WHERE user_id = ?", Integer.class, id))
			.isZero();
	}

	@Test
	void aRefusedRequest_isAnAccessDenied_withTheRoute() {
		assertThat(Http.as(port, user, PASSWORD_OK).postJson("/engine-rest/process-instance/x/variables",
				java.util.Map.of()).status()).isEqualTo(403);
		JsonNode denied = events("ACCESS_DENIED");
		assertThat(denied).hasSize(1);
		assertThat(denied.get(0).path("detail").asText()).isEqualTo("POST /engine-rest/process-instance/x/variables");
		assertThat(denied.get(0).path("outcome").asText()).isEqualTo("403");
	}

	@Test
	void anExcelExportOfCases_isAnExport() {
		assertThat(Http.as(port, user, PASSWORD_OK).get("/api/cases.xlsx?name=nobody").status()).isEqualTo(200);
		assertThat(events("EXPORT")).singleElement()
			.satisfies(e -> assertThat(e.path("detail").asText()).startsWith("GET /api/cases.xlsx"));
	}

	@Test
	void userAndAuthorizationChangesAreLoggedUnderWhoMadeThem() {
		String other = user + "x";
		try {
			Http sysadmin = http("sysadmin");
			assertThat(sysadmin.postJson("/engine-rest/user/create", java.util.Map.of("profile",
					java.util.Map.of("id", other, "firstName", "甲", "lastName", "乙"), "credentials",
					java.util.Map.of("password", PASSWORD_OK))).status()).isEqualTo(204);
			Http.Response log = http("auditadmin").get("/api/security-events?size=5&user=sysadmin&type=USER_CHANGED");
			assertThat(log.json().path("items").get(0).path("detail").asText())
				.isEqualTo("POST /engine-rest/user/create | account created: " + other + " (password set)");
		}
		finally {
			identityService.deleteUser(other);
		}
	}

	@Test
	void anEditedRow_breaksTheChain_atThatRow() {
		assertThat(Http.as(port, user, "wrong").get("/api/cases").status()).isEqualTo(401);
		long seq = events("LOGIN_FAILURE").get(0).path("seq").asLong();
		assertThat(securityLog.verify().verified()).isTrue();
		jdbc.update("UPDATE ha_security_event SET user_id = 'someone-else' WHERE seq = ?", seq);
		try {
			SecurityLog.ChainCheck check = securityLog.verify();
			assertThat(check.verified()).isFalse();
			assertThat(check.brokenAtSeq()).isEqualTo(seq);
			assertThat(http("auditadmin").get("/api/security-events?size=1").json().path("chain").path("verified")
				.asBoolean()).isFalse();
		}
		finally {
			jdbc.update("UPDATE ha_security_event SET user_id = ? WHERE seq = ?", user, seq);
		}
		assertThat(securityLog.verify().verified()).isTrue();
	}

	@Test
	void aRowChangedAndHashedAgainWithoutTheKey_breaksTheChain_atThatRow() {
		assertThat(Http.as(port, user, "wrong").get("/api/cases").status()).isEqualTo(401);
		long seq = events("LOGIN_FAILURE").get(0).path("seq").asLong();
		SecurityEvent kept = mapper.from(seq, 1).get(0);
		assertThat(kept.keyed()).isTrue();
		assertThat(kept.hash()).as("not the plain SHA-256 an earlier version wrote")
			.isNotEqualTo(DigestUtils.sha256Hex(SecurityLog.hashed(kept)));
		SecurityEvent changed = new SecurityEvent(seq, kept.type(), "someone-else", kept.clientIp(), kept.time(),
				kept.outcome(), kept.detail(), kept.prevHash(), null, true);
		String sha256 = DigestUtils.sha256Hex(SecurityLog.hashed(changed));
		try {
			// what someone with the database but not the keys can compute: SHA-256, as a keyed event or as an old one
			jdbc.update("UPDATE ha_security_event SET user_id = 'someone-else', hash = ? WHERE seq = ?", sha256, seq);
			assertThat(securityLog.verify().brokenAtSeq()).isEqualTo(seq);
			jdbc.update("UPDATE ha_security_event SET keyed = FALSE WHERE seq = ?", seq);
			assertThat(securityLog.verify().brokenAtSeq()).as("an unkeyed event after keyed ones").isEqualTo(seq);
		}
		finally {
			jdbc.update("UPDATE ha_security_event SET user_id = ?, hash = ?, keyed = TRUE WHERE seq = ?", user, kept.hash(),
					seq);
		}
		assertThat(securityLog.verify().verified()).isTrue();
	}

	@Test
	void anEarlierVersionsLog_isSealedByTheFirstKeyedEvent_andCannotBeHashedAgainWithoutTheKey() throws InterruptedException {
		// the events of earlier requests, written after their answers, written (none would chain onto the log below)
		for (long last = -1, now = newest(); now != last; last = now, now = newest()) {
			Thread.sleep(300);
		}
		new TransactionTemplate(transactions).executeWithoutResult(tx -> {
			tx.setRollbackOnly(); // the log as it was, whatever this test did
			jdbc.update("DELETE FROM ha_security_event");
			List<SecurityEvent> earlier = unkeyedChain(SecurityLog.GENESIS, 1, "doctor-t01v01", "health-t01", "insurance");
			earlier.forEach(mapper::insert);
			assertThat(securityLog.verify()).as("no keyed event yet: anyone could have written it")
				.isEqualTo(new SecurityLog.ChainCheck(false, 3, 3L));

			SecurityEvent keyedFirst = securityLog.append(SecurityEvent.LOG_KEYED, null, null, "success", "keyed");
			assertThat(keyedFirst.prevHash()).isEqualTo(earlier.get(2).hash());
			assertThat(securityLog.verify()).isEqualTo(new SecurityLog.ChainCheck(true, 4, null));

			// an earlier event changed, and it and the next hashed again with SHA-256: the keyed event's link shows it
			jdbc.update("DELETE FROM ha_security_event WHERE seq IN (2, 3)");
			unkeyedChain(earlier.get(0).hash(), 2, "someone-else", "insurance").forEach(mapper::insert);
			assertThat(securityLog.verify().brokenAtSeq()).isEqualTo(4L);

			// the whole log hashed again without the key, the keyed event as an old one: its newest is unkeyed
			jdbc.update("DELETE FROM ha_security_event");
			unkeyedChain(SecurityLog.GENESIS, 1, "doctor-t01v01", "someone-else", "insurance", "auditadmin")
				.forEach(mapper::insert);
			assertThat(securityLog.verify()).isEqualTo(new SecurityLog.ChainCheck(false, 4, 4L));
		});
		assertThat(securityLog.verify().verified()).isTrue();
	}

	private long newest() {
		SecurityEvent last = mapper.last();
		return last == null ? 0 : last.seq();
	}

	/** Events as an earlier version wrote them: SHA-256, no key, one login a user from seq on. */
	private static List<SecurityEvent> unkeyedChain(String prev, long seq, String... users) {
		List<SecurityEvent> chain = new ArrayList<>();
		for (String u : users) {
			SecurityEvent draft = new SecurityEvent(seq, SecurityEvent.LOGIN_SUCCESS, u, "10.0.0.1",
					new Date(1_780_000_000_000L + seq * 1000), "success", "POST /login", prev, null, false);
			prev = DigestUtils.sha256Hex(SecurityLog.hashed(draft));
			chain.add(new SecurityEvent(seq++, draft.type(), u, draft.clientIp(), draft.time(), draft.outcome(),
					draft.detail(), draft.prevHash(), prev, false));
		}
		return chain;
	}


	@Test
	void aPersonRefusedAgainAndAgain_raisesOneAlarm_withTheirRefusals() {
		Http person = Http.as(port, user, PASSWORD_OK);
		// application.yaml: 20 refusals within 10 minutes; cases that are not there (or not theirs) asked for one by one
		for (int i = 0; i < 19; i++) {
			assertThat(person.get("/api/cases/CC-2026-99999" + (i % 10) + "/trail").status()).isEqualTo(404);
		}
		assertThat(onceWritten(1, () -> events(SecurityEvent.REFUSALS_REPEATED).size())).as("19 refusals").isZero();

		assertThat(person.get("/api/cases/CC-2026-999999/trail").status()).isEqualTo(404);

		assertThat(onceWritten(1, () -> events(SecurityEvent.REFUSALS_REPEATED).size())).isOne();
		JsonNode alarms = events(SecurityEvent.REFUSALS_REPEATED);
		assertThat(alarms.get(0).path("detail").asText())
			.isEqualTo("20 refusals within 10 min (404 ×20); the last: GET /api/cases/CC-2026-999999/trail");
		assertThat(alarms.get(0).path("outcome").asText()).isEqualTo("alarm");
		// refused further within the window: the alarm is not raised again; each refusal stays in the log as it was
		for (int i = 0; i < 5; i++) {
			assertThat(person.get("/api/cases/CC-2026-999998/trail").status()).isEqualTo(404);
		}
		assertThat(onceWritten(2, () -> events(SecurityEvent.REFUSALS_REPEATED).size())).isOne();
	}

}
