package cn.healthassist.securitylog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.apache.commons.codec.digest.DigestUtils;

import org.flywaydb.core.Flyway;
import org.mybatis.spring.SqlSessionTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import cn.healthassist.audit.AuditLog;
import cn.healthassist.audit.AuditLogKeying;
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
	AuditLogKeying caseChainsKeying;

	@Autowired
	AuditLog auditLog;

	@Autowired
	SecurityLog securityLog;

	@Autowired
	SecurityEventMapper mapper;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	SecurityLogKeying keying;

	@Autowired
	Flyway flyway;

	@Autowired
	SqlSessionTemplate sqlSession;

	@BeforeEach
	void createUser() {
		createPerson(user, "安全审计", PASSWORD_OK, "county-insurance");
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
	void theKeying_refusesAnotherIndexKey_beforeTheMigrationChangesAnything() throws InterruptedException {
		onALogOfItsOwn(() -> {
			java.sql.Connection c = DataSourceUtils.getConnection(jdbc.getDataSource());
			keying.checkTheIndexKey(c);
			String fingerprint = jdbc.queryForObject(
					"SELECT fingerprint FROM ha_data_key_state WHERE name = 'personal-data'", String.class);
			String other = fingerprint.substring(0, fingerprint.lastIndexOf('/') + 1) + "0123456789abcdef";
			jdbc.update("UPDATE ha_data_key_state SET fingerprint = ? WHERE name = 'personal-data'", other);
			org.assertj.core.api.Assertions.assertThatThrownBy(() -> keying.checkTheIndexKey(c))
				.isInstanceOf(IllegalStateException.class).hasMessageContaining("index-key is not the key");
		});
	}

	@Test
	void theKeying_isOneOfFlywaysCallbacks() {
		assertThat(flyway.getConfiguration().getCallbacks()).anySatisfy(c -> assertThat(c).isSameAs(keying));
		assertThat(flyway.getConfiguration().getCallbacks()).anySatisfy(c -> assertThat(c).isSameAs(caseChainsKeying));
	}

	/**
	 * The case audit log's keying (V24) made to run again on this database, whose chains are keyed: it seals nothing,
	 * and says so in a keyed event of the security log.
	 */
	@Test
	void theCaseChainsKeyingRunAgain_isRefused_andInTheKeyedLog() throws InterruptedException {
		auditLog.append("SL-" + UUID.randomUUID().toString().substring(0, 20), "pi", "case-started", null, null, null,
				"doctor-t01v01", new Date(), null, null, "{}");
		onALogOfItsOwn(() -> {
			org.flywaydb.core.api.callback.Context context = org.mockito.Mockito
				.mock(org.flywaydb.core.api.callback.Context.class);
			org.mockito.Mockito.when(context.getConnection()).thenReturn(DataSourceUtils.getConnection(jdbc.getDataSource()));
			Integer seals = jdbc.queryForObject("SELECT COUNT(*) FROM ha_audit_seal", Integer.class);
			caseChainsKeying.handle(org.flywaydb.core.api.callback.Event.AFTER_EACH_MIGRATE, context);

			SecurityEvent recorded = written(mapper.last());
			assertThat(recorded.type()).isEqualTo(SecurityEvent.CASE_CHAINS_KEYED);
			assertThat(recorded.keyed()).isTrue();
			assertThat(recorded.detail()).startsWith("refused: the audit log holds keyed chains");
			assertThat(securityLog.verify()).isEqualTo(new SecurityLog.ChainCheck(true, 1, null));
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ha_audit_seal", Integer.class)).isEqualTo(seals);
			// as the audit administrator finds it
			assertThat(SecurityEventController.TYPES).contains(SecurityEvent.CASE_CHAINS_KEYED);
		});
		// on a log whose newest event is unkeyed (V23 run without its callback): nothing appended, which would break it
		onALogOfItsOwn(() -> {
			unkeyedChain(SecurityLog.GENESIS, 1, "doctor-t01v01", "health-t01").forEach(mapper::insert);
			SecurityLog.ChainCheck before = securityLog.verify();
			org.flywaydb.core.api.callback.Context context = org.mockito.Mockito
				.mock(org.flywaydb.core.api.callback.Context.class);
			org.mockito.Mockito.when(context.getConnection()).thenReturn(DataSourceUtils.getConnection(jdbc.getDataSource()));
			caseChainsKeying.handle(org.flywaydb.core.api.callback.Event.AFTER_EACH_MIGRATE, context);
			assertThat(written(mapper.last()).seq()).isEqualTo(2L);
			assertThat(securityLog.verify()).isEqualTo(before);
		});
	}

	/** The events of earlier requests, written after their answers, all written: none chains onto a log a test makes. */
	private void quiet() throws InterruptedException {
		for (long last = -1, now = newest(); now != last; last = now, now = newest()) {
			Thread.sleep(300);
		}
	}

	/** Runs the steps on a log of their own, in a transaction rolled back: the log as it was afterwards. */
	private void onALogOfItsOwn(ThrowingRunnable steps) throws InterruptedException {
		quiet();
		new TransactionTemplate(transactions).executeWithoutResult(tx -> {
			tx.setRollbackOnly();
			written(jdbc.update("DELETE FROM ha_security_event"));
			try {
				steps.run();
			}
			catch (java.sql.SQLException e) {
				throw new IllegalStateException(e);
			}
		});
		assertThat(securityLog.verify().verified()).isTrue();
	}

	/**
	 * What a write past MyBatis returned, with MyBatis's cache of this transaction's reads emptied: the mapper reads the
	 * rows as the database now has them, not as it read them before the write.
	 */
	private <T> T written(T result) {
		sqlSession.clearCache();
		return result;
	}

	interface ThrowingRunnable {
		void run() throws java.sql.SQLException;
	}

	@Test
	void anEarlierVersionsLog_isSealedOnceByTheMigration_andCannotBeHashedAgainWithoutTheKey() throws InterruptedException {
		onALogOfItsOwn(() -> {
			// an earlier version's log whose retention had removed its first two events
			List<SecurityEvent> earlier = unkeyedChain("f".repeat(64), 3, "doctor-t01v01", "health-t01", "insurance");
			earlier.forEach(mapper::insert);
			assertThat(securityLog.verify()).as("no keyed event yet: anyone could have written it")
				.isEqualTo(new SecurityLog.ChainCheck(false, 1, 3L));
			securityLog.alarmIfTheNewestIsUnkeyed();
			assertThat(newest()).as("a start writes nothing on an unkeyed log").isEqualTo(5L);

			assertThat(written(keying.seal(DataSourceUtils.getConnection(jdbc.getDataSource())))).isTrue();

			SecurityEvent sealed = mapper.last();
			assertThat(sealed.type()).isEqualTo(SecurityEvent.LOG_KEYED);
			assertThat(sealed.keyed()).isTrue();
			assertThat(sealed.prevHash()).isEqualTo(earlier.get(2).hash());
			assertThat(SecurityLog.keptFrom(sealed)).isEqualTo(3L);
			assertThat(securityLog.verify()).isEqualTo(new SecurityLog.ChainCheck(true, 4, null));
			assertThat(written(keying.seal(DataSourceUtils.getConnection(jdbc.getDataSource())))).as("once").isFalse();

			// an earlier event changed, and it and the next hashed again with SHA-256: the keyed event's link shows it
			written(jdbc.update("DELETE FROM ha_security_event WHERE seq IN (4, 5)"));
			unkeyedChain(earlier.get(0).hash(), 4, "someone-else", "insurance").forEach(mapper::insert);
			assertThat(securityLog.verify().brokenAtSeq()).isEqualTo(6L);

			// the whole log hashed again without the key, the keyed event as an old one: its newest is unkeyed, and no
			// start seals it
			written(jdbc.update("DELETE FROM ha_security_event"));
			unkeyedChain(SecurityLog.GENESIS, 1, "doctor-t01v01", "someone-else", "insurance", "auditadmin")
				.forEach(mapper::insert);
			assertThat(securityLog.verify()).isEqualTo(new SecurityLog.ChainCheck(false, 4, 4L));
			securityLog.alarmIfTheNewestIsUnkeyed();
			assertThat(securityLog.verify()).isEqualTo(new SecurityLog.ChainCheck(false, 4, 4L));
			// nor by the next event chained onto it: only the migration's LOG_KEYED follows unkeyed events
			SecurityEvent next = securityLog.append(SecurityEvent.EXPORT, "auditor", null, "success", "GET /api/cases.xlsx");
			assertThat(securityLog.verify()).isEqualTo(new SecurityLog.ChainCheck(false, 5, next.seq()));
		});
	}

	@Test
	void theRetentionSaysWhereTheLogStarts_soEventsRemovedAtItsBeginningShow() throws InterruptedException {
		onALogOfItsOwn(() -> {
			// whole seconds, as MySQL without fractional seconds keeps them
			Date old = new Date((System.currentTimeMillis() - java.time.Duration.ofDays(400).toMillis()) / 1000 * 1000);
			keyedChain(SecurityLog.GENESIS, 1, old, "doctor-t01v01", "health-t01").forEach(mapper::insert);
			keyedChain(mapper.last().hash(), 3, new Date(System.currentTimeMillis() / 1000 * 1000), "insurance",
					"auditadmin").forEach(mapper::insert);
			assertThat(securityLog.verify()).isEqualTo(new SecurityLog.ChainCheck(true, 4, null));

			// without the retention, the first events removed: the log should start at 1
			written(jdbc.update("DELETE FROM ha_security_event WHERE seq = 1"));
			assertThat(securityLog.verify().brokenAtSeq()).isEqualTo(2L);
			written(jdbc.update("DELETE FROM ha_security_event"));
			keyedChain(SecurityLog.GENESIS, 1, old, "doctor-t01v01", "health-t01").forEach(mapper::insert);
			keyedChain(mapper.last().hash(), 3, new Date(System.currentTimeMillis() / 1000 * 1000), "insurance",
					"auditadmin").forEach(mapper::insert);

			assertThat(securityLog.trim(new Date(System.currentTimeMillis() - java.time.Duration.ofDays(180).toMillis())))
				.isEqualTo(2);

			SecurityEvent trimmed = mapper.last();
			assertThat(trimmed.type()).isEqualTo(SecurityEvent.LOG_TRIMMED);
			assertThat(trimmed.detail()).isEqualTo("events before 3 removed after 180 days; the log starts at 3");
			assertThat(securityLog.verify()).isEqualTo(new SecurityLog.ChainCheck(true, 3, null));
			// one more removed at the beginning than the retention said
			written(jdbc.update("DELETE FROM ha_security_event WHERE seq = 3"));
			assertThat(securityLog.verify().brokenAtSeq()).isEqualTo(4L);

			// recent events made old in the database, for the retention to take them away: it removes nothing
			written(jdbc.update("DELETE FROM ha_security_event"));
			keyedChain(SecurityLog.GENESIS, 1, old, "doctor-t01v01", "health-t01").forEach(mapper::insert);
			keyedChain(mapper.last().hash(), 3, new Date(System.currentTimeMillis() / 1000 * 1000), "insurance",
					"auditadmin").forEach(mapper::insert);
			written(jdbc.update("UPDATE ha_security_event SET occurred_at = ? WHERE seq = 3", old));
			assertThat(securityLog.trim(new Date(System.currentTimeMillis() - java.time.Duration.ofDays(180).toMillis())))
				.isZero();
			assertThat(mapper.last().type()).isEqualTo(SecurityEvent.LOGIN_SUCCESS);
			assertThat(securityLog.verify().brokenAtSeq()).isEqualTo(3L);
		});
	}

	@Test
	void anEventBeforeTheFirst_isNoPartOfTheChain() throws InterruptedException {
		onALogOfItsOwn(() -> {
			keyedChain(SecurityLog.GENESIS, 1, new Date(System.currentTimeMillis() / 1000 * 1000), "insurance")
				.forEach(mapper::insert);
			assertThat(securityLog.verify().verified()).isTrue();
			// a row slipped in before the log's first, where the search shows it but a chain from 1 would not look
			mapper.insert(new SecurityEvent(-5, SecurityEvent.LOGIN_SUCCESS, "someone-else", "10.0.0.1", new Date(),
					"success", "POST /login", SecurityLog.GENESIS, "0".repeat(64), true));
			assertThat(securityLog.verify().brokenAtSeq()).isEqualTo(-5L);
		});
	}

	/** Events as this version writes them: keyed, one login a user from seq on, at the time given. */
	private List<SecurityEvent> keyedChain(String prev, long seq, Date time, String... users) {
		List<SecurityEvent> chain = new ArrayList<>();
		for (String u : users) {
			SecurityEvent draft = new SecurityEvent(seq, SecurityEvent.LOGIN_SUCCESS, u, "10.0.0.1", time, "success",
					"POST /login", prev, null, true);
			prev = securityLog.hash(draft);
			chain.add(new SecurityEvent(seq++, draft.type(), u, draft.clientIp(), time, draft.outcome(), draft.detail(),
					draft.prevHash(), prev, true));
		}
		return chain;
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
