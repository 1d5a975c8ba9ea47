package cn.healthassist.chronic;

import static cn.healthassist.chronic.ChronicVariables.*;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;
import cn.healthassist.audit.CaseFacts;
import cn.healthassist.audit.CaseRecords;

/**
 * Looks up the applicant's treatment records of the disease in the last 24 months (docs/product.md 2.1 step 2). Records
 * found: the certificate needs no materials from the patient (零材料办理, {@code zeroMaterial = true}).
 */
@Component("lookUpTreatmentRecords")
public class LookUpTreatmentRecordsDelegate implements JavaDelegate {

	static final int MONTHS = 24;

	private static final int SHOWN = 10;

	private final TreatmentRecordMapper records;

	private final CaseRecords caseRecords;

	public LookUpTreatmentRecordsDelegate(TreatmentRecordMapper records, CaseRecords caseRecords) {
		this.caseRecords = caseRecords;
		this.records = records;
	}

	@Override
	public void execute(DelegateExecution execution) {
		CaseFacts facts = caseRecords.of(execution);
		LocalDate today = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneId.systemDefault());
		List<TreatmentRecord> found = records.findSince(facts.text(ID_NUMBER), facts.text(DISEASE_CODE),
				today.minusMonths(MONTHS));
		Map<String, Object> result = new LinkedHashMap<>();
		result.put(ZERO_MATERIAL, !found.isEmpty());
		result.put(TREATMENT_RECORD_COUNT, found.size());
		result.put(TREATMENT_RECORD_SUMMARY, found.stream()
			.limit(SHOWN)
			.map(r -> r.visitDate() + " " + r.hospitalName())
			.collect(Collectors.joining("；")));
		caseRecords.establish(execution, result);
	}

}
