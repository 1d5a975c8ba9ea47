package cn.healthassist.chronic;

import java.time.LocalDate;

/** A treatment record from the medical-insurance system (农合系统) export. */
public record TreatmentRecord(String idNumber, String diseaseCode, String hospitalName, LocalDate visitDate) {
}
