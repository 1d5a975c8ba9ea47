package cn.healthassist.cases;

import java.util.Date;

/**
 * One case of any process in the project's case index ({@code ha_case}): what the case search reads, with the
 * jurisdiction codes that decide who may see it. {@code activeKey} is set while the case runs and guards, in the
 * database, against a second running case for the same person and subject.
 */
public record CaseRecord(String businessKey, String processKey, String processInstanceId, String applicantName,
		String idNumber, String householdCategory, String countyCode, String townshipCode, String villageCode,
		String hospitalCode, String subject, String status, String startedBy, Date startTime, Date endTime,
		String activeKey) {

	public static final String RUNNING = "running";

	public static final String CANCELLED = "cancelled";

}
