package cn.healthassist.privacy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.springframework.stereotype.Component;

import cn.healthassist.config.HealthAssistProperties;
import cn.healthassist.values.IdNumbers;

/**
 * Personal data at rest (等保 数据保密性, GB/T 39786): ID numbers, phones and diagnoses are stored sealed with an
 * authenticated cipher — SM4-GCM through Bouncy Castle by default, AES-GCM as the option — a random 12-byte nonce
 * each time. A sealed value reads {@code enc:sm4:<key id>:<base64 of nonce ‖ ciphertext ‖ tag>}: it names its key, so
 * keys rotate (a new current key seals, the older ones still open, {@link PersonalDataSealing} re-seals old values).
 * An exact search by ID number goes through a keyed index, HMAC-SM3 of the number ({@link #index}), never the
 * number. Keys come from configuration or a key file outside the database ({@code healthassist.data-protection}).
 */
@Component
public class PersonalDataCipher {

	/** A sealed value, as stored. */
	static final Pattern SEALED = Pattern.compile("enc:(sm4|aes):([A-Za-z0-9_-]{1,32}):([A-Za-z0-9+/]{24,}={0,2})");

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final Provider BC = new BouncyCastleProvider();

	/**
	 * What the chain's key is derived from, under the index key: it starts with a NUL, which no index input (an ID
	 * number, trimmed, in capitals) holds, so the chain's key is never an index of anything.
	 */
	private static final String CHAIN_KEY_LABEL = "\u0000healthassist security-log chain";

	/** The label the case audit log's chain key is derived with (audit/AuditLog): a key of its own. */
	private static final String CASE_CHAIN_KEY_LABEL = "\u0000healthassist case-audit chain";

	private final String algorithm;

	private final String currentKey;

	/** Raw key bytes by id: a value names its algorithm and key, and opens with that key whatever is current. */
	private final Map<String, byte[]> keys = new LinkedHashMap<>();

	private final SecretKeySpec indexKey;

	/** The key of the security log's chain, HMAC-SM3 of a label under the index key: as lasting as that key. */
	private final SecretKeySpec chainKey;

	/** The key of the case audit log's chains, derived the same way with a label of its own. */
	private final SecretKeySpec caseChainKey;

	private final Set<String> fields;

	/** A named field's string value in a JSON text: its name, and its content as written (escapes included). */
	private final Pattern fieldPattern;

	private final SecureRandom random = new SecureRandom();

	public PersonalDataCipher(HealthAssistProperties properties) {
		HealthAssistProperties.DataProtection p = properties.getDataProtection();
		Map<String, String> configured = new LinkedHashMap<>(p.getKeys());
		String current = p.getCurrentKey();
		if (current != null && p.getKey() != null && !p.getKey().isBlank()) {
			configured.put(current, p.getKey());
		}
		String index = p.getIndexKey();
		if (p.getKeyFile() != null && !p.getKeyFile().isBlank()) {
			Properties file = readKeyFile(p.getKeyFile());
			for (String name : file.stringPropertyNames()) {
				if (name.startsWith("key.")) {
					configured.put(name.substring(4), file.getProperty(name));
				}
			}
			current = file.getProperty("current-key", current);
			index = file.getProperty("index-key", index);
		}
		this.algorithm = switch (p.getAlgorithm() == null ? "" : p.getAlgorithm().toUpperCase(Locale.ROOT)) {
			case "SM4-GCM" -> "sm4";
			case "AES-GCM" -> "aes";
			default -> throw new IllegalStateException(
					"healthassist.data-protection.algorithm must be SM4-GCM or AES-GCM, not " + p.getAlgorithm());
		};
		configured.forEach((id, base64) -> {
			if (base64 == null || base64.isBlank()) {
				return;
			}
			if (!id.matches("[A-Za-z0-9_-]{1,32}")) {
				throw new IllegalStateException("a data key's id is letters, digits, - or _ (at most 32): " + id);
			}
			byte[] bytes = decode(base64, "healthassist.data-protection.keys." + id);
			int[] lengths = "sm4".equals(algorithm) ? new int[] { 16 } : new int[] { 16, 24, 32 };
			if (java.util.Arrays.stream(lengths).noneMatch(n -> n == bytes.length)) {
				throw new IllegalStateException("the data key " + id + " has " + bytes.length + " bytes; "
						+ p.getAlgorithm() + " takes " + java.util.Arrays.toString(lengths));
			}
			keys.put(id, bytes);
		});
		if (current == null || current.isBlank() || !keys.containsKey(current)) {
			throw new IllegalStateException("Set HA_DATA_KEY and HA_DATA_INDEX_KEY (or HA_DATA_KEY_FILE): personal data "
					+ "is stored sealed, and healthassist.data-protection.current-key (" + current + ") names no configured "
					+ "key (docs/operations.md, \"Keys of personal data\")");
		}
		this.currentKey = current;
		byte[] indexBytes = decode(index, "Set HA_DATA_KEY and HA_DATA_INDEX_KEY (or HA_DATA_KEY_FILE): "
				+ "healthassist.data-protection.index-key");
		if (indexBytes.length < 32) {
			throw new IllegalStateException("healthassist.data-protection.index-key must have at least 32 bytes");
		}
		this.indexKey = new SecretKeySpec(indexBytes, "HMACSM3");
		this.chainKey = new SecretKeySpec(mac(indexKey, CHAIN_KEY_LABEL.getBytes(StandardCharsets.UTF_8)), "HMACSM3");
		this.caseChainKey = new SecretKeySpec(mac(indexKey, CASE_CHAIN_KEY_LABEL.getBytes(StandardCharsets.UTF_8)),
				"HMACSM3");
		this.fields = Set.copyOf(p.getFields());
		this.fieldPattern = Pattern.compile("\"(" + String.join("|", fields.stream().map(Pattern::quote).toList())
				+ ")\":\"((?:[^\"\\\\]|\\\\.)*)\"");
	}

	private static Properties readKeyFile(String path) {
		Properties file = new Properties();
		try (InputStream in = Files.newInputStream(Path.of(path))) {
			file.load(in);
		}
		catch (IOException e) {
			throw new IllegalStateException("the data key file " + path + " cannot be read: " + e.getMessage());
		}
		return file;
	}

	private static byte[] decode(String base64, String setting) {
		if (base64 == null || base64.isBlank()) {
			throw new IllegalStateException(setting + " is not set");
		}
		try {
			return Base64.getDecoder().decode(base64.strip());
		}
		catch (IllegalArgumentException e) {
			throw new IllegalStateException(setting + " is not base64");
		}
	}

	/** SM4-GCM or AES-GCM. */
	public String algorithm() {
		return "sm4".equals(algorithm) ? "SM4-GCM" : "AES-GCM";
	}

	/**
	 * What identifies the keys in use without showing them: the algorithm, the current key's id, and HMAC-SM3
	 * fingerprints of the current key and of the index key (ha_data_key_state).
	 */
	public String fingerprint() {
		return algorithm() + "/" + currentKey + "/" + mac(keys.get(currentKey)).substring(0, 16) + "/"
				+ mac("index-key".getBytes(StandardCharsets.UTF_8)).substring(0, 16);
	}

	private String mac(byte[] data) {
		return HexFormat.of().formatHex(mac(indexKey, data));
	}

	private static byte[] mac(SecretKeySpec key, byte[] data) {
		try {
			Mac mac = Mac.getInstance("HMACSM3", BC);
			mac.init(key);
			return mac.doFinal(data);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("HMAC-SM3 is not available", e);
		}
	}

	/**
	 * The keyed hash of one security-log event (securitylog/SecurityLog): HMAC-SM3, 64 hex digits, under a key of its
	 * own derived from the index key, so that whoever can write the database but has not the keys cannot write an
	 * event the chain accepts.
	 */
	public String chainMac(String text) {
		return HexFormat.of().formatHex(mac(chainKey, text.getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * The keyed hash of one entry of a case's audit log, or of the seal the upgrade to keyed chains put on an earlier
	 * version's chain (audit/AuditLog): HMAC-SM3 as {@link #chainMac}, under a key of its own.
	 */
	public String caseChainMac(String text) {
		return HexFormat.of().formatHex(mac(caseChainKey, text.getBytes(StandardCharsets.UTF_8)));
	}

	/** The current key's id. */
	public String currentKey() {
		return currentKey;
	}

	/** The names of the fields sealed in the audit log and masked in the engine (idNumber, phone, diagnosis). */
	public Set<String> fields() {
		return fields;
	}

	/**
	 * The masked copy the engine keeps of a personal-data field: ID numbers as SPEC 4 shows them (3417**********1234),
	 * phones 139****5678, any other field stars. Masking a masked value changes nothing.
	 */
	public static String masked(String field, String value) {
		if (value == null) {
			return null;
		}
		return switch (field) {
			case "idNumber" -> IdNumbers.mask(value);
			case "phone" -> IdNumbers.maskPhone(value);
			default -> "*".repeat(Math.min(value.length(), 6));
		};
	}

	public static boolean isSealed(String value) {
		return value != null && SEALED.matcher(value).matches();
	}

	/** Whether the value is sealed with the current key and algorithm (nothing to re-seal). */
	public boolean isCurrent(String value) {
		return value != null && value.startsWith("enc:" + algorithm + ":" + currentKey + ":") && isSealed(value);
	}

	/**
	 * The value sealed with the current key; null stays null. Always sealed, even a text that looks sealed already (a
	 * person may type one): opening gives back exactly the text given, never what another value sealed.
	 */
	public String seal(String plain) {
		if (plain == null) {
			return null;
		}
		byte[] nonce = new byte[NONCE_BYTES];
		random.nextBytes(nonce);
		try {
			Cipher cipher = cipher(algorithm);
			cipher.init(Cipher.ENCRYPT_MODE, spec(algorithm, keys.get(currentKey)), new GCMParameterSpec(TAG_BITS, nonce));
			byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
			byte[] out = new byte[NONCE_BYTES + sealed.length];
			System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
			System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
			return "enc:" + algorithm + ":" + currentKey + ":" + Base64.getEncoder().encodeToString(out);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("the data cipher " + algorithm + " is not available", e);
		}
	}

	/**
	 * The plain value of a sealed one; a value not sealed is returned as it is. A sealed value whose key is unknown or
	 * that does not authenticate (changed in the database) is an {@link IllegalStateException}: never a wrong value.
	 */
	public String open(String value) {
		if (value == null) {
			return null;
		}
		Matcher m = SEALED.matcher(value);
		if (!m.matches()) {
			return value;
		}
		byte[] key = keys.get(m.group(2));
		if (key == null) {
			throw new IllegalStateException("a value is sealed with the data key " + m.group(2) + ", which is not configured");
		}
		byte[] in;
		try {
			in = Base64.getDecoder().decode(m.group(3));
		}
		catch (IllegalArgumentException e) {
			throw new IllegalStateException("a sealed value is not base64");
		}
		if (in.length <= NONCE_BYTES) {
			throw new IllegalStateException("a sealed value is too short");
		}
		try {
			Cipher cipher = cipher(m.group(1));
			cipher.init(Cipher.DECRYPT_MODE, spec(m.group(1), key), new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
			return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException | IllegalArgumentException e) {
			throw new IllegalStateException("a sealed value does not open with the data key " + m.group(2)
					+ ": it was changed or sealed with another key");
		}
	}

	/** The search index of an ID number: HMAC-SM3 of it (upper case, trimmed), hex. Null for null. */
	public String index(String idNumber) {
		if (idNumber == null) {
			return null;
		}
		return mac(open(idNumber).strip().toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
	}

	private static SecretKeySpec spec(String algorithm, byte[] key) {
		return new SecretKeySpec(key, "sm4".equals(algorithm) ? "SM4" : "AES");
	}

	private static Cipher cipher(String algorithm) throws GeneralSecurityException {
		return "sm4".equals(algorithm) ? Cipher.getInstance("SM4/GCM/NoPadding", BC)
				: Cipher.getInstance("AES/GCM/NoPadding");
	}

	// ------------------------------------------------------------------------------------------------ JSON texts


	/**
	 * A JSON object's text with the named fields' string values sealed, the rest unchanged. The sealed part is the
	 * value as written in the JSON (escapes included), so that {@link #openJson} gives back the very same text.
	 */
	public String sealJson(String json) {
		if (json == null || fields.isEmpty()) {
			return json;
		}
		return replaceFields(json, content -> content.isEmpty() ? content : seal(content));
	}

	/**
	 * A JSON text with the named fields' sealed values opened: the text as it was before {@link #sealJson}. Only those
	 * fields: a sealed-looking text anywhere else (an opinion a person typed) stays as it is.
	 */
	public String openJson(String json) {
		if (json == null || !json.contains("\"enc:")) {
			return json;
		}
		return replaceFields(json, value -> {
			try {
				return open(value);
			}
			catch (IllegalStateException e) {
				// shown as stored, never as another value; the entry's hash then does not verify
				return value;
			}
		});
	}

	/**
	 * The text the audit log's SHA-256 covered in the versions V20 to V23 (audit/AuditLog verifies their entries with
	 * it): the JSON with the named fields' values replaced by their keyed index (HMAC-SM3), so that the hash stored
	 * beside an entry was no digest of an ID number or phone that could be guessed from it.
	 */
	public String hashableJson(String plainJson) {
		if (plainJson == null) {
			return null;
		}
		return replaceFields(plainJson, content -> content.isEmpty() ? content : "hmac:" + index(content));
	}

	private String replaceFields(String json, java.util.function.UnaryOperator<String> value) {
		Matcher m = fieldPattern.matcher(json);
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			m.appendReplacement(out, Matcher.quoteReplacement("\"" + m.group(1) + "\":\"" + value.apply(m.group(2)) + "\""));
		}
		m.appendTail(out);
		return out.toString();
	}

	/** Whether a JSON text holds a named field's value not sealed with the current key. */
	public boolean needsSealing(String json) {
		if (json == null) {
			return false;
		}
		Matcher m = fieldPattern.matcher(json);
		while (m.find()) {
			if (!m.group(2).isEmpty() && !isCurrent(m.group(2))) {
				return true;
			}
		}
		return false;
	}

	/** Whether a named field of a JSON text holds a sealed value (one {@link #openJson} could not open). */
	public boolean holdsSealed(String json) {
		if (json == null) {
			return false;
		}
		Matcher m = fieldPattern.matcher(json);
		while (m.find()) {
			if (isSealed(m.group(2))) {
				return true;
			}
		}
		return false;
	}

	/** The JSON text sealed again with the current key (rotation): opened, then sealed. */
	public String resealJson(String json) {
		return sealJson(openJson(json));
	}

}
