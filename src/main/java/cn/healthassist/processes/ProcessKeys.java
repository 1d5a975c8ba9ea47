package cn.healthassist.processes;

/** The process and decision keys fixed by docs/product.md section 2 (each process is declared in security/CaseProcess). */
public final class ProcessKeys {

	public static final String CHRONIC_CERTIFICATE = "chronic-certificate";

	public static final String COUNTY_REFERRAL = "county-referral";

	public static final String CHARITY_RELIEF = "charity-relief";

	public static final String CHRONIC_FOLLOWUP = "chronic-followup";

	public static final String CHARITY_RELIEF_RATE = "charity-relief-rate";

	private ProcessKeys() {
	}

}
