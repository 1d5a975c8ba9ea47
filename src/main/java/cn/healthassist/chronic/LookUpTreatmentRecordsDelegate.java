package cn.healthassist.chronic;

import static cn.healthassist.chronic.ChronicVariables.*;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Looks up the applicant's treatment records of the disease in the last 24 months (docs/product.md 2.1 step 2). Records
 * found: the certificate needs no materials from the patient (零材料办理, {@code zeroMaterial = true}).
 */
@Component("lookUpTreatmentRecords")
public class LookUpTreatmentRecordsDelegate implements JavaDelegate {

	static final int MONTHS = 24;

	private static final int SHOWN = 10;

	private final TreatmentRecordMapper records;

	public LookUpTreatmentRecordsDelegate(TreatmentRecordMapper records) {
		this.records = records;
	}

	@Override
	public void execute(DelegateExecution execution) {
		LocalDate today = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneId.systemDefault());
		List<TreatmentRecord> found = records.findSince((String) execution.getVariable(ID_NUMBER),
				(String) execution.getVariable(DISEASE_CODE), today.minusMonths(MONTHS));
		execution.setVariable(ZERO_MATERIAL, !found.isEmpty());
		execution.setVariable(TREATMENT_RECORD_COUNT, found.size());
		execution.setVariable(TREATMENT_RECORD_SUMMARY, found.stream()
			.limit(SHOWN)
			.map(r -> r.visitDate() + " " + r.hospitalName())
			.collect(Collectors.joining("；")));
	}

}
