package cn.healthassist.security;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import cn.healthassist.config.HealthAssistProperties;
import cn.healthassist.problems.CaseRejectedException;
import cn.healthassist.values.Messages;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The second factor of a login (Totp), the portal's 两步验证 page: set up the authenticator app ({@code enrol}, then
 * {@code confirm} with its first code) and give its code after the password ({@code verify}). The security log
 * records the codes given (securitylog/SecurityEventFilter: LOGIN_SUCCESS or LOGIN_FAILURE, "second factor"); a wrong
 * code counts toward the account's lock like a wrong password.
 */
@RestController
class TotpController {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final Totp totp;

	private final AccountGate gate;

	private final ZoneId zone;

	TotpController(Totp totp, AccountGate gate, HealthAssistProperties properties) {
		this.totp = totp;
		this.gate = gate;
		this.zone = properties.getTimeZone();
	}

	record Status(boolean enrolled, boolean required) {
	}

	record Code(String code) {
	}

	/** Whether the person has an authenticator, and whether they must have one. */
	@GetMapping("/api/me/totp")
	Status status() {
		CurrentUser me = CurrentUsers.require();
		return new Status(totp.enrolled(me.userId()), totp.required(me));
	}

	/** Starts setting up an authenticator: a new secret, shown once, pending until a code of it confirms it. */
	@PostMapping("/api/me/totp/enrol")
	Totp.Enrolment enrol() {
		CurrentUser me = CurrentUsers.require();
		Totp.Enrolment enrolment = totp.start(me.userId());
		if (enrolment == null) {
			throw CaseRejectedException.conflict(Messages.get("security.totp.alreadyEnrolled"));
		}
		return enrolment;
	}

	/** Confirms the authenticator with its first code; this login's second factor is then passed too. */
	@PostMapping("/api/me/totp/confirm")
	ResponseEntity<Void> confirm(@RequestBody Code body, HttpServletRequest request) {
		CurrentUser me = CurrentUsers.require();
		switch (totp.confirm(me.userId(), body.code())) {
			case ACCEPTED -> gate.secondFactorPassed(request, me);
			case NOT_ENROLLED -> throw CaseRejectedException.badInput("code", Messages.get("security.totp.enrolFirst"));
			default -> throw CaseRejectedException.badInput("code", Messages.get("security.totp.wrongCode"));
		}
		return ResponseEntity.noContent().build();
	}

	/** The code after the password: opens this login session. */
	@PostMapping("/api/me/totp/verify")
	ResponseEntity<Void> verify(@RequestBody Code body, HttpServletRequest request) {
		CurrentUser me = CurrentUsers.require();
		Date locked = totp.lockedUntil(me.userId());
		if (locked != null) {
			// locked by wrong codes (or passwords): no code opens this login now, and the next login is refused until then
			throw new CaseRejectedException(HttpStatus.UNAUTHORIZED, "code",
					Messages.get("security.totp.locked", TIME.format(locked.toInstant().atZone(zone))));
		}
		Totp.Outcome outcome = totp.verify(me.userId(), body.code());
		if (outcome == Totp.Outcome.WRONG || outcome == Totp.Outcome.REPLAYED) {
			// a guess at the code: the security log counts it as a failed login (an account without an authenticator
			// asking to verify guesses nothing, and is not counted against its address)
			request.setAttribute(AccountGateFilter.SECOND_FACTOR_FAILED, Boolean.TRUE);
		}
		switch (outcome) {
			case ACCEPTED -> gate.secondFactorPassed(request, me);
			case REPLAYED -> throw CaseRejectedException.badInput("code", Messages.get("security.totp.replayed"));
			case NOT_ENROLLED -> throw CaseRejectedException.badInput("code", Messages.get("security.totp.enrolFirst"));
			case WRONG -> throw CaseRejectedException.badInput("code", Messages.get("security.totp.wrongCode"));
		}
		return ResponseEntity.noContent().build();
	}

}
