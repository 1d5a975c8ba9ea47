package cn.healthassist.processes;

/** Process variables the product itself sets in every process, whatever the model. */
public final class ProcessVariables {

	/**
	 * The outcome of a case (issued, not-eligible, withdrawn…), set when the case reaches an end event whose
	 * extension property {@code caseStatus} names it (cases/CaseLifecycleParseListener), recorded by the audit log.
	 */
	public static final String CASE_STATUS = "caseStatus";

	private ProcessVariables() {
	}

}
