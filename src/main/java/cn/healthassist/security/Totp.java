package cn.healthassist.security;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Date;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.healthassist.config.HealthAssistProperties;
import cn.healthassist.values.Messages;
import dev.samstevens.totp.code.CodeGenerator;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.exceptions.QrGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import dev.samstevens.totp.util.Utils;

/**
 * The second factor (等保 身份鉴别, two kinds of authentication for administrators): a TOTP authenticator app (RFC 6238:
 * SHA-1, 6 digits, 30 seconds; the codes and secrets of the library dev.samstevens.totp). Required for the
 * administrators' groups when healthassist.totp.required-for-admins (demo accounts exempt, so the demo keeps
 * working); anyone else may enrol, and once enrolled needs it too. A code is accepted one step (30 seconds) either
 * side of the engine's clock, and each time step of an account only once, on whichever node (replay). The secrets
 * are kept encrypted (TotpCipher, healthassist.totp.key). Neither secrets nor codes are ever logged.
 */
@Service
public class Totp {

	/** What an enrolment shows: the otpauth:// URI, its secret (to type in) and the URI as a QR code (data: URI). */
	public record Enrolment(String uri, String secret, String qrCode) {
	}

	/** How a code was taken. */
	public enum Outcome {
		ACCEPTED, WRONG, REPLAYED, NOT_ENROLLED
	}

	static final int PERIOD = 30;

	private static final int DIGITS = 6;

	private static final int WINDOW = 1;

	private final TotpMapper mapper;

	private final Accounts accounts;

	private final LoginFailures failures;

	private final boolean requiredForAdmins;

	private final int maxFailures;

	private final TotpCipher cipher;

	private final CodeGenerator codes = new DefaultCodeGenerator(HashingAlgorithm.SHA1, DIGITS);

	public Totp(TotpMapper mapper, Accounts accounts, LoginFailures failures,
			HealthAssistProperties properties) {
		this.mapper = mapper;
		this.accounts = accounts;
		this.failures = failures;
		this.requiredForAdmins = properties.getTotp().isRequiredForAdmins();
		this.maxFailures = properties.getLoginLock().getMaxFailures();
		String key = properties.getTotp().getKey();
		if ((key == null || key.isBlank()) && requiredForAdmins) {
			throw new IllegalStateException("Set HA_TOTP_KEY (healthassist.totp.key): the administrators' second factor "
					+ "needs a key to keep the authenticators' secrets with, base64 of 32 random bytes "
					+ "(openssl rand -base64 32), the same on every node");
		}
		this.cipher = key == null || key.isBlank() ? null : new TotpCipher(key);
	}

	/** Whether the person must give a code after the password: an enrolled account, or a (non-demo) administrator. */
	public boolean required(CurrentUser user) {
		return enrolled(user.userId()) || mandatory(user);
	}

	/** Whether the person must have an authenticator: an administrator, unless not required or a demo account. */
	public boolean mandatory(CurrentUser user) {
		return requiredForAdmins && administrator(user) && !accounts.isDemo(user.userId());
	}

	static boolean administrator(CurrentUser user) {
		return user.groupIds().stream().anyMatch(Groups.ADMINISTRATORS::contains);
	}

	/** Whether the account has a confirmed authenticator. */
	public boolean enrolled(String userId) {
		TotpMapper.Authenticator a = mapper.find(userId);
		return a != null && a.confirmed();
	}

	/** Starts (or starts again) an enrolment: a new pending secret, to be confirmed with its first code. */
	@Transactional
	public Enrolment start(String userId) {
		if (cipher == null) {
			throw new IllegalStateException("healthassist.totp.key is not set");
		}
		if (enrolled(userId)) {
			return null;
		}
		String secret = new DefaultSecretGenerator(32).generate();
		mapper.deletePending(userId);
		try {
			mapper.insertPending(userId, cipher.encrypt(userId, secret), ClockUtil.getCurrentTime());
		}
		catch (DuplicateKeyException e) {
			return null; // confirmed already
		}
		QrData data = new QrData.Builder().label(userId)
			.secret(secret)
			.issuer(Messages.get("security.totp.issuer"))
			.algorithm(HashingAlgorithm.SHA1)
			.digits(DIGITS)
			.period(PERIOD)
			.build();
		String qr;
		try {
			ZxingPngQrGenerator generator = new ZxingPngQrGenerator();
			qr = Utils.getDataUriForImage(generator.generate(data), generator.getImageMimeType());
		}
		catch (QrGenerationException e) {
			qr = null; // the URI and the secret still let the person enrol
		}
		return new Enrolment(data.getUri(), secret, qr);
	}

	/** Confirms the pending enrolment with a code of its secret; the code's time step counts as used. */
	@Transactional
	public Outcome confirm(String userId, String code) {
		TotpMapper.Authenticator a = mapper.find(userId);
		if (a == null || a.confirmed()) {
			return Outcome.NOT_ENROLLED;
		}
		Long step = matchingStep(userId, a, code);
		if (step == null) {
			return Outcome.WRONG;
		}
		return mapper.confirm(userId, step) == 1 ? Outcome.ACCEPTED : Outcome.NOT_ENROLLED;
	}

	/**
	 * Checks the code of a login (the session's second step): a wrong one counts toward the account's lock; a right one
	 * only if its time step was not used yet.
	 */
	public Outcome verify(String userId, String code) {
		TotpMapper.Authenticator a = mapper.find(userId);
		if (a == null || !a.confirmed()) {
			return Outcome.NOT_ENROLLED;
		}
		Long step = matchingStep(userId, a, code);
		if (step == null) {
			failed(a);
			return Outcome.WRONG;
		}
		if (mapper.use(userId, step) != 1) {
			return Outcome.REPLAYED;
		}
		succeeded(a);
		return Outcome.ACCEPTED;
	}

	/**
	 * Checks the code an HTTP Basic request carries (X-TOTP): a script sends the current code with each request, so
	 * the same code serves the requests of its 30 seconds; a wrong one counts toward the account's lock.
	 */
	public Outcome check(String userId, String code) {
		TotpMapper.Authenticator a = mapper.find(userId);
		if (a == null || !a.confirmed()) {
			return Outcome.NOT_ENROLLED;
		}
		if (matchingStep(userId, a, code) == null) {
			failed(a);
			return Outcome.WRONG;
		}
		succeeded(a);
		return Outcome.ACCEPTED;
	}

	/**
	 * A wrong code: counted in a row here, as the right password each attempt needs first resets the engine's count;
	 * at the limit the account is locked (engine/LoginLocks). After a lock ran out the count starts afresh.
	 */
	private void failed(TotpMapper.Authenticator a) {
		int inARow = a.failures() >= maxFailures ? 1 : a.failures() + 1;
		mapper.failures(a.userId(), inARow);
		failures.failed(a.userId(), inARow >= maxFailures);
	}

	private void succeeded(TotpMapper.Authenticator a) {
		if (a.failures() > 0) {
			mapper.failures(a.userId(), 0);
		}
	}

	/** The security administrator removes a lost authenticator: the account enrols afresh at its next login. */
	public boolean reset(String userId) {
		return mapper.delete(userId) > 0;
	}

	/** Until when wrong passwords or codes lock the account now, or null. */
	public Date lockedUntil(String userId) {
		return failures.lockedUntil(userId);
	}

	/** The time step (of the engine's clock, ± one) whose code this is, or null. */
	private Long matchingStep(String userId, TotpMapper.Authenticator a, String code) {
		if (code == null || !code.trim().matches("\\d{" + DIGITS + "}")) {
			return null;
		}
		if (cipher == null) {
			throw new IllegalStateException("healthassist.totp.key is not set");
		}
		byte[] given = code.trim().getBytes(StandardCharsets.US_ASCII);
		String secret = cipher.decrypt(userId, a.secret());
		long now = Math.floorDiv(ClockUtil.getCurrentTime().getTime(), PERIOD * 1000L);
		for (long step = now - WINDOW; step <= now + WINDOW; step++) {
			try {
				if (MessageDigest.isEqual(given, codes.generate(secret, step).getBytes(StandardCharsets.US_ASCII))) {
					return step;
				}
			}
			catch (CodeGenerationException e) {
				throw new IllegalStateException("TOTP code not computable", e);
			}
		}
		return null;
	}

}
