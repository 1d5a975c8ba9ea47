package cn.healthassist.charity;

import static cn.healthassist.charity.CharityVariables.*;

import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import cn.healthassist.audit.CaseRecords;

/**
 * Starts the public notice (公示) at the village for the configured number of days
 * ({@code healthassist.charity.notice-days}, fixed for the case when it starts). The model's timer waits until
 * {@code noticeUntil}; an objection (message {@code charity-objection}) sends the case back to verification.
 */
@Component("startPublicNotice")
public class StartPublicNoticeDelegate implements JavaDelegate {

	private final CaseRecords caseRecords;

	public StartPublicNoticeDelegate(CaseRecords caseRecords) {
		this.caseRecords = caseRecords;
	}

	@Override
	public void execute(DelegateExecution execution) {
		Date now = ClockUtil.getCurrentTime();
		int days = caseRecords.of(execution).number(NOTICE_DAYS, 0);
		Map<String, Object> notice = new LinkedHashMap<>();
		notice.put(NOTICE_FROM, now);
		notice.put(NOTICE_UNTIL, new Date(now.getTime() + days * 24L * 3600 * 1000));
		// the federation approves what the village has seen: an approval before the notice counts for nothing
		notice.put(FEDERATION_DECISION, null);
		caseRecords.establish(execution, notice);
	}

}
