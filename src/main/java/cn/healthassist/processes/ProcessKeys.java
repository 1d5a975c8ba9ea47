package cn.healthassist.processes;

/** The process and decision keys fixed by docs/product.md section 2 (each process is declared in security/CaseProcess). */
public final class ProcessKeys {

	public static final String CHRONIC_CERTIFICATE = "chronic-certificate";

	public static final String COUNTY_REFERRAL = "county-referral";

	public static final String CHARITY_RELIEF = "charity-relief";

	public static final String CHRONIC_FOLLOWUP = "chronic-followup";

	/**
	 * A certificate's revocation in the record of its {@code chronic-certificate} case, which has ended: no element of
	 * the case's model, a step of its trail (followup/FollowupController records it, cases/CaseTrailService shows it).
	 */
	public static final String CERTIFICATE_REVOKED = "Event_CertificateRevoked";

	public static final String CHARITY_RELIEF_RATE = "charity-relief-rate";

	private ProcessKeys() {
	}

}
