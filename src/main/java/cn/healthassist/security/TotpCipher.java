package cn.healthassist.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keeps the authenticators' secrets encrypted at rest (等保 数据保密性): AES-256-GCM with the JDK's javax.crypto, a random
 * 12-byte nonce each time, the account id as associated data (a secret copied to another account's row does not
 * decrypt). Stored as {@code v1:} + base64(nonce ‖ ciphertext ‖ tag).
 */
final class TotpCipher {

	private static final String PREFIX = "v1:";

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecretKeySpec key;

	private final SecureRandom random = new SecureRandom();

	/** The key as configured: base64 of 32 bytes. */
	TotpCipher(String base64Key) {
		if (base64Key == null || base64Key.isBlank()) {
			throw new IllegalStateException("healthassist.totp.key is not set");
		}
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(base64Key.trim());
		}
		catch (IllegalArgumentException e) {
			throw new IllegalStateException("healthassist.totp.key is not base64");
		}
		if (bytes.length != 32) {
			throw new IllegalStateException("healthassist.totp.key must be 32 bytes (base64 of them), not " + bytes.length);
		}
		this.key = new SecretKeySpec(bytes, "AES");
		Arrays.fill(bytes, (byte) 0);
	}

	String encrypt(String userId, String secret) {
		byte[] nonce = new byte[NONCE_BYTES];
		random.nextBytes(nonce);
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(userId.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
			byte[] out = new byte[NONCE_BYTES + sealed.length];
			System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
			System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
			return PREFIX + Base64.getEncoder().encodeToString(out);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("AES-GCM not available", e);
		}
	}

	/** The secret, or an exception if it was not encrypted with this key for this account. */
	String decrypt(String userId, String stored) {
		if (stored == null || !stored.startsWith(PREFIX)) {
			throw new IllegalStateException("Unknown form of a stored TOTP secret");
		}
		byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
			cipher.updateAAD(userId.getBytes(StandardCharsets.UTF_8));
			return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("The TOTP secret of an account does not decrypt with healthassist.totp.key");
		}
	}

}
