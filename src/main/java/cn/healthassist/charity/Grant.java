package cn.healthassist.charity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Date;

/** A paid relief in the grant registry ({@code ha_grant}). */
public record Grant(String businessKey, String processInstanceId, String idNumber, String applicantName,
		String villageCode, String townshipCode, String householdCategory, String hospitalName, LocalDate admissionDate,
		LocalDate dischargeDate, BigDecimal totalCost, BigDecimal insuredCost, BigDecimal basicInsurancePaid,
		BigDecimal seriousIllnessInsurancePaid, BigDecimal medicalAssistancePaid, BigDecimal otherReliefPaid,
		BigDecimal remainingSelfPaid, BigDecimal rate, BigDecimal calculatedRelief, BigDecimal approvedAmount,
		BigDecimal paidAmount, int grantYear, String voucherNo, LocalDate paidOn, String approvedBy,
		String secondApprovedBy, String paidBy, Date recordedAt) {
}
