package cn.healthassist.securitylog;

import java.time.Duration;
import java.util.Date;
import java.util.List;

import org.apache.commons.codec.digest.DigestUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import cn.healthassist.config.HealthAssistProperties;
import cn.healthassist.values.IdNumbers;

/**
 * Appends to the security log, one hash chain for the whole log, each event in a transaction of its own (a refused
 * request rolls its own work back, not the record of its refusal); verifies the chain; removes events older than
 * the retention period, never younger than 180 days.
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

	public SecurityLog(SecurityEventMapper mapper, PlatformTransactionManager transactions,
			HealthAssistProperties properties) {
		this.mapper = mapper;
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

	private SecurityEvent append(String type, String userId, String clientIp, String outcome, String detail) {
		SecurityEvent last = mapper.last();
		long seq = last == null ? 1 : last.seq() + 1;
		String prev = last == null ? GENESIS : last.hash();
		// whole milliseconds as the database keeps them (DATETIME(3)); MySQL without fractional seconds: seconds
		Date time = new Date(System.currentTimeMillis() / 1000 * 1000);
		SecurityEvent draft = new SecurityEvent(seq, type, userId, clientIp, time, outcome, detail, prev, null);
		SecurityEvent event = new SecurityEvent(seq, type, userId, clientIp, time, outcome, detail, prev, hash(draft));
		mapper.insert(event);
		return event;
	}

	static String hash(SecurityEvent e) {
		return DigestUtils.sha256Hex(String.join("\u001F", e.prevHash(), String.valueOf(e.seq()), e.type(), nz(e.userId()),
				nz(e.clientIp()), String.valueOf(e.time().getTime()), e.outcome(), nz(e.detail())));
	}

	/** Whether the log's chain verifies from its oldest kept event; when not, the first event that does not. */
	public record ChainCheck(boolean verified, long length, Long brokenAtSeq) {
	}

	public ChainCheck verify() {
		long length = 0;
		String prev = null;
		long expected = -1;
		long from = 0;
		while (true) {
			List<SecurityEvent> page = mapper.from(from, 1000);
			for (SecurityEvent e : page) {
				// the oldest kept event anchors the chain (older ones are removed by the retention)
				boolean linked = prev == null ? e.seq() == 1 ? GENESIS.equals(e.prevHash()) : true
						: e.seq() == expected && prev.equals(e.prevHash());
				if (!linked || !hash(e).equals(e.hash())) {
					return new ChainCheck(false, length + 1, e.seq());
				}
				prev = e.hash();
				expected = e.seq() + 1;
				length++;
			}
			if (page.size() < 1000) {
				return new ChainCheck(true, length, null);
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

	/** Removes the events older than the retention period, every night; the chain then starts at the oldest kept. */
	@Scheduled(cron = "${healthassist.security-log.retention-cron:0 40 1 * * *}")
	public int removeExpired() {
		Date before = new Date(System.currentTimeMillis() - Duration.ofDays(retentionDays).toMillis());
		int removed = mapper.deleteBefore(before);
		if (removed > 0) {
			LOG.info("Security log: {} events older than {} days removed", removed, retentionDays);
		}
		return removed;
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
