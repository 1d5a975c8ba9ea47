package cn.healthassist.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/** The project's settings ({@code healthassist.*} in application.yaml). */
@ConfigurationProperties("healthassist")
public class HealthAssistProperties {

	private final Demo demo = new Demo();

	private final Organisation organisation = new Organisation();

	private final FirstAdministrators firstAdministrators = new FirstAdministrators();

	/** Due periods of human steps by step name (ISO-8601, e.g. township-review: P5D). */
	private final Map<String, Duration> due = new LinkedHashMap<>();

	private final Attachments attachments = new Attachments();

	private final Charity charity = new Charity();

	private final Password password = new Password();

	/** Passwords over time: how many last ones a new one may not repeat, how old one may get (security/Accounts). */
	public Password getPassword() {
		return password;
	}

	public static class Password {

		private int history = 5;

		private Duration maxAge = Duration.ofDays(90);

		public int getHistory() {
			return history;
		}

		public void setHistory(int history) {
			this.history = history;
		}

		public Duration getMaxAge() {
			return maxAge;
		}

		public void setMaxAge(Duration maxAge) {
			this.maxAge = maxAge;
		}

	}

	private final Totp totp = new Totp();

	/** The second factor (security/Totp): whether administrators must have one, and the key its secrets are kept with. */
	public Totp getTotp() {
		return totp;
	}

	public static class Totp {

		/** The administrators' groups log in with a TOTP code after the password (demo accounts exempt). */
		private boolean requiredForAdmins = true;

		/** AES-256 key (base64 of 32 bytes) the authenticators' secrets are encrypted with (HA_TOTP_KEY in production). */
		private String key;

		public boolean isRequiredForAdmins() {
			return requiredForAdmins;
		}

		public void setRequiredForAdmins(boolean requiredForAdmins) {
			this.requiredForAdmins = requiredForAdmins;
		}

		public String getKey() {
			return key;
		}

		public void setKey(String key) {
			this.key = key;
		}

	}

	private final DataProtection dataProtection = new DataProtection();

	/** Personal data at rest (privacy/PersonalDataCipher): the cipher, its keys and the search index's key. */
	public DataProtection getDataProtection() {
		return dataProtection;
	}

	public static class DataProtection {

		/** {@code SM4-GCM} (GB/T 39786, through Bouncy Castle) or {@code AES-GCM}. */
		private String algorithm = "SM4-GCM";

		/** The id of the key new values are sealed with ({@link #key}). */
		private String currentKey;

		/** The current key, base64 (SM4: 16 bytes; AES: 16, 24 or 32). */
		private String key;

		/** Earlier keys by id, kept to open what they sealed until it is sealed again (rotation). */
		private Map<String, String> keys = new LinkedHashMap<>();

		/** The HMAC-SM3 key of the ID-number search index, base64 of at least 32 bytes. */
		private String indexKey;

		/**
		 * A file outside the database with the keys instead ({@code current-key=}, {@code key.<id>=},
		 * {@code index-key=}); it wins over the settings above.
		 */
		private String keyFile;

		/** The form fields (and facts) sealed in the audit log and masked in the engine's variables. */
		private List<String> fields = new ArrayList<>(List.of("idNumber", "phone", "diagnosis"));

		public String getAlgorithm() {
			return algorithm;
		}

		public void setAlgorithm(String algorithm) {
			this.algorithm = algorithm;
		}

		public String getCurrentKey() {
			return currentKey;
		}

		public void setCurrentKey(String currentKey) {
			this.currentKey = currentKey;
		}

		public String getKey() {
			return key;
		}

		public void setKey(String key) {
			this.key = key;
		}

		public Map<String, String> getKeys() {
			return keys;
		}

		public void setKeys(Map<String, String> keys) {
			this.keys = keys;
		}

		public String getIndexKey() {
			return indexKey;
		}

		public void setIndexKey(String indexKey) {
			this.indexKey = indexKey;
		}

		public String getKeyFile() {
			return keyFile;
		}

		public void setKeyFile(String keyFile) {
			this.keyFile = keyFile;
		}

		public List<String> getFields() {
			return fields;
		}

		public void setFields(List<String> fields) {
			this.fields = fields;
		}

	}

	private final LoginLock loginLock = new LoginLock();

	/** Wrong passwords in a row that lock an account, and for how long (engine/LoginLocks). */
	public LoginLock getLoginLock() {
		return loginLock;
	}

	public static class LoginLock {

		private int maxFailures = 5;

		private Duration duration = Duration.ofMinutes(15);

		public int getMaxFailures() {
			return maxFailures;
		}

		public void setMaxFailures(int maxFailures) {
			this.maxFailures = maxFailures;
		}

		public Duration getDuration() {
			return duration;
		}

		public void setDuration(Duration duration) {
			this.duration = duration;
		}

	}

	/**
	 * The county's time zone: times in Excel files and documents are written in it, whatever the server's zone
	 * (a server in UTC once wrote times 8 hours off the page).
	 */
	private java.time.ZoneId timeZone = java.time.ZoneId.of("Asia/Shanghai");

	public java.time.ZoneId getTimeZone() {
		return timeZone;
	}

	public void setTimeZone(java.time.ZoneId timeZone) {
		this.timeZone = timeZone;
	}

	/** The largest CSV file an import takes (treatment records, organisation), in bytes; larger ones answer 413. */
	private long importMaxBytes = 20L * 1024 * 1024;

	public long getImportMaxBytes() {
		return importMaxBytes;
	}

	public void setImportMaxBytes(long importMaxBytes) {
		this.importMaxBytes = importMaxBytes;
	}

	public Demo getDemo() {
		return demo;
	}

	public Organisation getOrganisation() {
		return organisation;
	}

	public FirstAdministrators getFirstAdministrators() {
		return firstAdministrators;
	}

	public Map<String, Duration> getDue() {
		return due;
	}

	private final SecurityLog securityLog = new SecurityLog();

	/** The longest a login session lasts, however busy (the idle timeout is server.servlet.session.timeout). */
	private java.time.Duration sessionMaxLifetime = java.time.Duration.ofHours(12);

	public java.time.Duration getSessionMaxLifetime() {
		return sessionMaxLifetime;
	}

	public void setSessionMaxLifetime(java.time.Duration sessionMaxLifetime) {
		this.sessionMaxLifetime = sessionMaxLifetime;
	}

	/** The most logged-in sessions one account holds at once on a node (0: no limit; security/ConcurrentSessions). */
	private int sessionMaxConcurrent = 3;

	public int getSessionMaxConcurrent() {
		return sessionMaxConcurrent;
	}

	public void setSessionMaxConcurrent(int sessionMaxConcurrent) {
		this.sessionMaxConcurrent = sessionMaxConcurrent;
	}

	private final LoginLimit loginLimit = new LoginLimit();

	/** Wrong passwords from one client address, across accounts: how many within how long lock the address. */
	public LoginLimit getLoginLimit() {
		return loginLimit;
	}

	public static class LoginLimit {

		private int maxFailures = 20;

		private java.time.Duration window = java.time.Duration.ofMinutes(15);

		public int getMaxFailures() {
			return maxFailures;
		}

		public void setMaxFailures(int maxFailures) {
			this.maxFailures = maxFailures;
		}

		public java.time.Duration getWindow() {
			return window;
		}

		public void setWindow(java.time.Duration window) {
			this.window = window;
		}

	}

	/** The security log (安全审计): how long it is kept. */
	public SecurityLog getSecurityLog() {
		return securityLog;
	}

	/**
	 * Addresses of the reverse proxies in front of the application (HAProxy, nginx): only from them is the client's
	 * address taken from X-Forwarded-For; from anyone else the header is ignored, as a client could write it.
	 */
	private List<String> trustedProxies = new ArrayList<>(List.of("127.0.0.1", "::1",
			"0:0:0:0:0:0:0:1"));

	public List<String> getTrustedProxies() {
		return trustedProxies;
	}

	public void setTrustedProxies(List<String> trustedProxies) {
		this.trustedProxies = trustedProxies;
	}

	public static class SecurityLog {

		/** Days the security log is kept; at least 180 (the application refuses to start with less). */
		private int retentionDays = 180;

		private final RefusalAlarm refusalAlarm = new RefusalAlarm();

		/** How many refusals of one person within how long raise REFUSALS_REPEATED. */
		public RefusalAlarm getRefusalAlarm() {
			return refusalAlarm;
		}

		public int getRetentionDays() {
			return retentionDays;
		}

		public void setRetentionDays(int retentionDays) {
			this.retentionDays = retentionDays;
		}

	}

	public static class RefusalAlarm {

		private int count = 20;

		private java.time.Duration window = java.time.Duration.ofMinutes(10);

		public int getCount() {
			return count;
		}

		public void setCount(int count) {
			this.count = count;
		}

		public java.time.Duration getWindow() {
			return window;
		}

		public void setWindow(java.time.Duration window) {
			this.window = window;
		}

	}

	public Attachments getAttachments() {
		return attachments;
	}

	public Charity getCharity() {
		return charity;
	}

	/** Charity relief: days of public notice (公示) at the village; 0 skips the notice. */
	public static class Charity {

		private int noticeDays = 7;

		public int getNoticeDays() {
			return noticeDays;
		}

		public void setNoticeDays(int noticeDays) {
			if (noticeDays < 0 || noticeDays > 60) {
				throw new IllegalArgumentException("healthassist.charity.notice-days must be between 0 and 60");
			}
			this.noticeDays = noticeDays;
		}

	}

	/** Demo users (password {@code demo}) and demo treatment records: only where asked for. */
	public static class Demo {

		private boolean enabled;

		/**
		 * Whether the demo's administrator (camunda-admin) may run a timer now, e.g. open a follow-up's visit window
		 * without waiting a quarter: for trying the product and its browser tests. Off by default, and of no effect
		 * without the demo data (no camunda-admin): otherwise a timer that has not failed waits for its time.
		 */
		private boolean adminRunsTimers;

		public boolean isEnabled() {
			return enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isAdminRunsTimers() {
			return adminRunsTimers;
		}

		public void setAdminRunsTimers(boolean adminRunsTimers) {
			this.adminRunsTimers = adminRunsTimers;
		}

	}

	/** The organisation file imported at start (empty: none; import later through the API). */
	public static class Organisation {

		private Resource file;

		public Resource getFile() {
			return file;
		}

		public void setFile(Resource file) {
			this.file = file;
		}

	}

	/**
	 * The three administrators (三员分立) a new installation without demo data starts with: their ids and first passwords
	 * (HA_SYSADMIN_PASSWORD, HA_SECADMIN_PASSWORD, HA_AUDITADMIN_PASSWORD), which each must change at the first login.
	 */
	public static class FirstAdministrators {

		private String systemId = "sysadmin";

		private String systemPassword;

		private String securityId = "secadmin";

		private String securityPassword;

		private String auditId = "auditadmin";

		private String auditPassword;

		public String getSystemId() {
			return systemId;
		}

		public void setSystemId(String systemId) {
			this.systemId = systemId;
		}

		public String getSystemPassword() {
			return systemPassword;
		}

		public void setSystemPassword(String systemPassword) {
			this.systemPassword = systemPassword;
		}

		public String getSecurityId() {
			return securityId;
		}

		public void setSecurityId(String securityId) {
			this.securityId = securityId;
		}

		public String getSecurityPassword() {
			return securityPassword;
		}

		public void setSecurityPassword(String securityPassword) {
			this.securityPassword = securityPassword;
		}

		public String getAuditId() {
			return auditId;
		}

		public void setAuditId(String auditId) {
			this.auditId = auditId;
		}

		public String getAuditPassword() {
			return auditPassword;
		}

		public void setAuditPassword(String auditPassword) {
			this.auditPassword = auditPassword;
		}

	}

	/** Limits on uploaded attachments (申请材料). */
	public static class Attachments {

		private long maxBytes = 10L * 1024 * 1024;

		private String allowedTypes = "application/pdf,image/jpeg,image/png";

		public long getMaxBytes() {
			return maxBytes;
		}

		public void setMaxBytes(long maxBytes) {
			this.maxBytes = maxBytes;
		}

		public String getAllowedTypes() {
			return allowedTypes;
		}

		public void setAllowedTypes(String allowedTypes) {
			this.allowedTypes = allowedTypes;
		}

	}

}
