package cn.healthassist.cases;

import java.util.LinkedHashMap;
import java.util.Map;

/** Chinese names of case statuses and processes, as the pages and exports show them. */
public final class CaseStatuses {

	public static final Map<String, String> STATUS = new LinkedHashMap<>();

	public static final Map<String, String> PROCESS = new LinkedHashMap<>();

	static {
		STATUS.put("running", "办理中");
		STATUS.put("issued", "已发证");
		STATUS.put("not-eligible", "不符合条件");
		STATUS.put("withdrawn", "已撤回");
		STATUS.put("rejected", "未通过");
		STATUS.put("audited-compliant", "已审核（合规）");
		STATUS.put("audited-non-compliant", "已审核（不合规）");
		STATUS.put("paid", "已支付");
		STATUS.put("cured", "已治愈");
		STATUS.put("deceased", "患者已故");
		STATUS.put("revoked", "证已撤销");
		STATUS.put("ended", "已结束");
		STATUS.put("cancelled", "已取消");
		PROCESS.put("chronic-certificate", "慢性病证办理");
		PROCESS.put("county-referral", "县外转诊");
		PROCESS.put("charity-relief", "慈善救助");
		PROCESS.put("chronic-followup", "慢病随访");
	}

	private CaseStatuses() {
	}

	public static String statusName(String status) {
		return STATUS.getOrDefault(status, status);
	}

	public static String processName(String processKey) {
		return PROCESS.getOrDefault(processKey, processKey);
	}

}
