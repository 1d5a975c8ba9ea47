package cn.healthassist.securitylog;

import java.time.Duration;
import java.util.Date;
import java.util.List;

import org.apache.commons.codec.digest.DigestUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import cn.healthassist.config.HealthAssistProperties;
import cn.healthassist.privacy.PersonalDataCipher;
import cn.healthassist.values.IdNumbers;

/**
 * Appends to the security log, one hash chain for the whole log, each event in a transaction of its own (a refused
 * request rolls its own work back, not the record of its refusal); verifies the chain; removes events older than
 * the retention period, never younger than 180 days.
 * <p>
 * Each event's hash is keyed: HMAC-SM3 under a key derived from the personal-data index key
 * ({@link PersonalDataCipher#chainMac}), which lives in the application's configuration, not in the database. So
 * whoever can write the database but has not the keys (a database account, a restored copy edited) can neither change
 * an event and compute its hash and the hashes after it again, nor write an event of their own: the chain shows it.
 * Events an earlier version wrote keep their plain SHA-256 ({@code keyed} false); they verify as before, but only as
 * the log's beginning: an unkeyed event after a keyed one breaks the chain, and so does a log whose newest event is
 * unkeyed (its keyed end removed, or every event hashed again without the key). The migration that added the key
 * wrote the first keyed event, LOG_KEYED, once ({@link SecurityLogKeying}); its keyed link to the last unkeyed event
 * covers those. No start writes one again: a start that finds the newest event unkeyed says so in the application
 * log as a security alarm and changes nothing.
 * <p>
 * The oldest kept event anchors the chain: the first (seq 1, chained to zeros) or the one the latest LOG_TRIMMED
 * (the keyed event the retention writes when it removes the oldest events) or LOG_KEYED names; so events removed at
 * the log's beginning show too. What the chain does not show is its newest events removed; a copy of the log kept elsewhere
 * (the application log's "Security alarm" lines, the database's backups) is what shows that.
 */
@Service
public class SecurityLog {

	private static final Logger LOG = LoggerFactory.getLogger(SecurityLog.class);

	static final String GENESIS = "0".repeat(64);

	/** The least retention a level-3 assessment accepts (GB/T 22239-2019 8.1.4.3 asks for six months). */
	public static final int MIN_RETENTION_DAYS = 180;

	private static final int ATTEMPTS = 8;

	private final SecurityEventMapper mapper;

	private final TransactionTemplate ownTransaction;

	private final int retentionDays;

	private final PersonalDataCipher cipher;

	public SecurityLog(SecurityEventMapper mapper, PlatformTransactionManager transactions,
			HealthAssistProperties properties, PersonalDataCipher cipher) {
		this.mapper = mapper;
		this.cipher = cipher;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.retentionDays = properties.getSecurityLog().getRetentionDays();
		if (retentionDays < MIN_RETENTION_DAYS) {
			throw new IllegalStateException("healthassist.security-log.retention-days is " + retentionDays
					+ ": the security log must be kept at least " + MIN_RETENTION_DAYS + " days");
		}
	}

	/**
	 * Records an event; a detail is cut to 1000 characters, anything shaped like an ID number is masked and control
	 * characters are written as their codes.
	 */
	public SecurityEvent record(String type, String userId, String clientIp, String outcome, String detail) {
		String safeDetail = detail == null ? null : cut(IdNumbers.maskAll(detail), 1000);
		// a user name is what was typed at the login: someone may type their ID number there
		String safeUser = userId == null ? null : cut(IdNumbers.maskAll(userId), 64);
		for (int attempt = 1;; attempt++) {
			try {
				return ownTransaction.execute(status -> append(type, safeUser, clientIp, outcome, safeDetail));
			}
			catch (DuplicateKeyException e) {
				// another node or thread took the same sequence number: chain onto its event instead
				if (attempt == ATTEMPTS) {
					throw e;
				}
			}
		}
	}

	/** Appends one keyed event in the caller's transaction. */
	SecurityEvent append(String type, String userId, String clientIp, String outcome, String detail) {
		SecurityEvent last = mapper.last();
		if (last != null && !last.keyed()) {
			// chained onto, it stays an unkeyed event after a keyed one: the chain will not verify from it on
			LOG.warn("Security alarm: the security log's newest event ({}) has no keyed hash", last.seq());
		}
		long seq = last == null ? 1 : last.seq() + 1;
		String prev = last == null ? GENESIS : last.hash();
		// whole milliseconds as the database keeps them (DATETIME(3)); MySQL without fractional seconds: seconds
		Date time = new Date(System.currentTimeMillis() / 1000 * 1000);
		SecurityEvent draft = new SecurityEvent(seq, type, userId, clientIp, time, outcome, detail, prev, null, true);
		SecurityEvent event = new SecurityEvent(seq, type, userId, clientIp, time, outcome, detail, prev, hash(draft),
				true);
		mapper.insert(event);
		return event;
	}

	/** The hash an event must carry: keyed (HMAC-SM3) or, for an event of an earlier version, SHA-256. */
	String hash(SecurityEvent e) {
		return hash(cipher, e);
	}

	static String hash(PersonalDataCipher cipher, SecurityEvent e) {
		return e.keyed() ? cipher.chainMac(hashed(e)) : DigestUtils.sha256Hex(hashed(e));
	}

	/** What an event's hash covers: its link to the event before it and every field. */
	static String hashed(SecurityEvent e) {
		return String.join("\u001F", e.prevHash(), String.valueOf(e.seq()), e.type(), nz(e.userId()), nz(e.clientIp()),
				String.valueOf(e.time().getTime()), e.outcome(), nz(e.detail()));
	}

	/**
	 * At each start: a newest event without a key is a security alarm (a node of an earlier version wrote it after the
	 * upgrade, or the log was changed in the database). Nothing is written: sealing it would make it verify.
	 */
	@EventListener(ApplicationReadyEvent.class)
	public void alarmIfTheNewestIsUnkeyed() {
		SecurityEvent last = mapper.last();
		if (last != null && !last.keyed()) {
			LOG.warn("Security alarm: the security log's newest event ({}) has no keyed hash: a node of an earlier "
					+ "version wrote it, or the log was changed in the database; its chain does not verify", last.seq());
		}
	}

	/** Whether the log's chain verifies from its oldest kept event; when not, the first event that does not. */
	public record ChainCheck(boolean verified, long length, Long brokenAtSeq) {
	}

	public ChainCheck verify() {
		long length = 0;
		String prev = null;
		long expected = -1;
		long from = Long.MIN_VALUE;
		boolean keyed = false;
		// where the log starts: at 1, or where the retention last cut it or the keying found it (a keyed event of the
		// chain, which the loop checks as every other)
		SecurityEvent anchor = mapper.lastAnchor();
		long start = anchor == null ? 1 : keptFrom(anchor);
		while (true) {
			List<SecurityEvent> page = mapper.from(from, 1000);
			for (SecurityEvent e : page) {
				boolean linked = prev == null ? e.seq() == start && (start != 1 || GENESIS.equals(e.prevHash()))
						: e.seq() == expected && prev.equals(e.prevHash());
				// unkeyed events only before the first keyed one, an earlier version's, and that one is the migration's
				// LOG_KEYED: an unkeyed history someone wrote is not taken in by the next event chained onto it
				boolean keyedAfterUnkeyed = prev != null && !keyed && e.keyed();
				if (!linked || (keyed && !e.keyed()) || (keyedAfterUnkeyed && !SecurityEvent.LOG_KEYED.equals(e.type()))
						|| !hash(e).equals(e.hash())) {
					return new ChainCheck(false, length + 1, e.seq());
				}
				keyed = e.keyed();
				prev = e.hash();
				expected = e.seq() + 1;
				length++;
			}
			if (page.size() < 1000) {
				// the newest event is keyed, whatever came before (SecurityLogKeying), or nobody without the keys
				// could hash the whole log again
				return length > 0 && !keyed ? new ChainCheck(false, length, expected - 1)
						: new ChainCheck(true, length, null);
			}
			from = expected;
		}
	}

	public List<SecurityEvent> search(SecurityEventQuery query, long offset, int limit) {
		return mapper.search(query, offset, limit);
	}

	public long count(SecurityEventQuery query) {
		return mapper.count(query);
	}

	/**
	 * Removes the events older than the retention period, every night, as one block from the log's beginning (up to the
	 * first event of the period), and records where the log now starts in a keyed LOG_TRIMMED event, in the same
	 * transaction: the chain then starts there, and only there.
	 */
	@Scheduled(cron = "${healthassist.security-log.retention-cron:0 40 1 * * *}")
	public int removeExpired() {
		Date before = new Date(System.currentTimeMillis() - Duration.ofDays(retentionDays).toMillis());
		int removed = 0;
		for (int attempt = 1;; attempt++) {
			try {
				removed = ownTransaction.execute(status -> trim(before));
				break;
			}
			catch (DuplicateKeyException e) {
				// an event of another node took LOG_TRIMMED's number: all of it again, after that event
				if (attempt == ATTEMPTS) {
					throw e;
				}
			}
		}
		if (removed > 0) {
			LOG.info("Security log: {} events older than {} days removed", removed, retentionDays);
		}
		return removed;
	}

	/**
	 * The events before the first one at or after the moment removed, and LOG_TRIMMED appended, in this transaction;
	 * nothing removed from a log whose chain does not verify (an event's time changed would let the retention take
	 * away the events it wants gone), which is a security alarm.
	 */
	int trim(Date before) {
		SecurityEvent last = mapper.last();
		if (last == null) {
			return 0;
		}
		ChainCheck check = verify();
		if (!check.verified()) {
			LOG.warn("Security alarm: the security log's chain does not verify at event {}; the retention removes nothing "
					+ "until it does", check.brokenAtSeq());
			return 0;
		}
		// a time after tomorrow is a clock that was wrong: it does not hold the retention back for good
		Long firstKept = mapper.firstSeqFrom(before, new Date(System.currentTimeMillis() + Duration.ofDays(1).toMillis()));
		long keep = firstKept == null ? last.seq() : firstKept;
		int removed = mapper.deleteBelow(keep);
		if (removed > 0) {
			append(SecurityEvent.LOG_TRIMMED, null, null, "success", "events before " + keep + " removed after "
					+ retentionDays + " days; " + startsAt(keep));
		}
		return removed;
	}

	private static final java.util.regex.Pattern KEPT_FROM = java.util.regex.Pattern.compile("the log starts at (\\d+)$");

	/** How a LOG_TRIMMED or LOG_KEYED event's detail ends: where the log starts, as {@link #keptFrom} reads it. */
	static String startsAt(long seq) {
		return "the log starts at " + seq;
	}

	/** The seq a LOG_TRIMMED or LOG_KEYED event says the log starts at; none for another type. */
	static long keptFrom(SecurityEvent anchor) {
		if (!SecurityEvent.LOG_TRIMMED.equals(anchor.type()) && !SecurityEvent.LOG_KEYED.equals(anchor.type())) {
			return Long.MIN_VALUE;
		}
		java.util.regex.Matcher m = KEPT_FROM.matcher(anchor.detail() == null ? "" : anchor.detail());
		return m.find() ? Long.parseLong(m.group(1)) : Long.MIN_VALUE;
	}

	/**
	 * At most max characters, each control or format character (a line break, an escape, a change of writing
	 * direction) written as its code (a line break as the six characters \\u000A): typed in a user name or an
	 * address, it cannot fake a line or hide text in the log's page, its Excel or a terminal.
	 */
	static String cut(String s, int max) {
		StringBuilder shown = new StringBuilder(Math.min(s.length(), max));
		for (int i = 0; i < s.length() && shown.length() < max; i++) {
			char c = s.charAt(i);
			int type = Character.getType(c);
			if (type == Character.CONTROL || type == Character.FORMAT || c == '\u2028' || c == '\u2029') {
				shown.append(String.format("\\u%04X", (int) c));
			}
			else {
				shown.append(c);
			}
		}
		return shown.length() <= max ? shown.toString() : shown.substring(0, max);
	}

	private static String nz(String s) {
		return s == null ? "" : s;
	}

}
