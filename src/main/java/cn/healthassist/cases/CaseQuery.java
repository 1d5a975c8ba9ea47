package cn.healthassist.cases;

import java.util.Date;

/** The filters of a case search (all optional), with the searcher's scope. */
public record CaseQuery(CaseScope scope, String idNumber, String applicantName, String processKey, String status,
		String townshipCode, Date from, Date to, boolean mine, int offset, int limit, String businessKey) {

	/** A search without a business number. */
	public CaseQuery(CaseScope scope, String idNumber, String applicantName, String processKey, String status,
			String townshipCode, Date from, Date to, boolean mine, int offset, int limit) {
		this(scope, idNumber, applicantName, processKey, status, townshipCode, from, to, mine, offset, limit, null);
	}

}
