package cn.healthassist.processes;

/** The process and decision keys fixed by docs/product.md section 2. */
public final class ProcessKeys {

	public static final String CHRONIC_CERTIFICATE = "chronic-certificate";

	public static final String COUNTY_REFERRAL = "county-referral";

	public static final String CHARITY_RELIEF = "charity-relief";

	public static final String CHRONIC_FOLLOWUP = "chronic-followup";

	public static final String CHARITY_RELIEF_RATE = "charity-relief-rate";

	private ProcessKeys() {
	}

	/** Business-key prefix of a process (docs/product.md 4: CC-, RF-, CR-). */
	public static String businessKeyPrefix(String processKey) {
		return switch (processKey) {
			case CHRONIC_CERTIFICATE -> "CC";
			case COUNTY_REFERRAL -> "RF";
			case CHARITY_RELIEF -> "CR";
			case CHRONIC_FOLLOWUP -> "FU";
			default -> throw new IllegalArgumentException("no business key prefix for " + processKey);
		};
	}

}
