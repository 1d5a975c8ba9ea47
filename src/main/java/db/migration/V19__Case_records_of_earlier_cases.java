package db.migration;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.healthassist.audit.AuditEntry;
import cn.healthassist.audit.AuditLog;

/**
 * The case records (CaseRecords) of the cases started before them. Until this version the rules read the facts they
 * established — the start's codes and names, amounts calculated, numbers issued, approvers — from the process
 * variables; now they read them from the case's audit log, where each rule appends them as a {@code rule-applied}
 * entry. This migration appends one such entry to every case of the three application processes that has none,
 * with the values those facts have in the engine (the running variables, or the history's once the case ended), and
 * chains it like every entry. The start form's fields and each step's fields are in the audit log already.
 * Cases whose history the cleanup removed get nothing: they ended long ago and no rule reads them again.
 */
public class V19__Case_records_of_earlier_cases extends BaseJavaMigration {

	/** The facts the rules of each process established, by the names they had as variables (frozen here). */
	static final Map<String, List<String>> FACTS = Map.of(
			"chronic-certificate", List.of("caseNo", "applicantName", "idNumber", "villageCode", "villageName",
					"townshipCode", "townshipName", "countyCode", "householdCategory", "householdCategoryName",
					"diseaseCode", "diseaseName", "subjectName", "phone", "returnCount", "zeroMaterial",
					"treatmentRecordCount", "treatmentRecordSummary", "countyApprover", "certificateNo",
					"certificateValidFrom"),
			"county-referral", List.of("caseNo", "patientName", "applicantName", "idNumber", "householdCategory",
					"householdCategoryName", "hospitalCode", "hospitalName", "countyCode", "diagnosis", "reason",
					"destinationHospitalCode", "destinationHospitalName", "urgency", "urgencyName", "subjectName",
					"headDecisionName", "referralNo"),
			"charity-relief", List.of("caseNo", "applicantName", "idNumber", "villageCode", "villageName",
					"townshipCode", "townshipName", "countyCode", "householdCategory", "householdCategoryName",
					"hospitalName", "admissionDate", "dischargeDate", "totalCost", "insuredCost", "basicInsurancePaid",
					"seriousIllnessInsurancePaid", "medicalAssistancePaid", "otherReliefPaid", "remainingSelfPaid",
					"subjectName", "reliefRateVersion", "secondApprovalVersion", "noticeDays", "objectionCount", "rate",
					"ratePercent", "calculatedRelief", "yearTotalBefore", "yearlyCap", "calculation", "reliefAmount",
					"eligible", "ineligibleReason", "noticeFrom", "noticeUntil", "federationApprover",
					"federationApproverName", "approvedAmount", "secondApprover", "paidBy"));

	@Override
	public void migrate(Context context) throws Exception {
		recordEarlierCases(context.getConnection(), new Date(), null);
	}

	/**
	 * Appends the record of every earlier case that has none (or of the one case named, for a test); answers how many
	 * cases got one.
	 */
	public static int recordEarlierCases(Connection connection, Date now, String onlyBusinessKey)
			throws SQLException, JsonProcessingException {
		if (!tableExists(connection, "ACT_RU_VARIABLE")) {
			return 0; // a new database: the engine makes its tables after the migrations, and there are no cases
		}
		List<String[]> cases = new ArrayList<>();
		String sql = """
				SELECT c.business_key, c.process_key, c.process_instance_id FROM ha_case c
				WHERE NOT EXISTS (SELECT 1 FROM ha_audit_log a WHERE a.business_key = c.business_key
				  AND a.event_type = 'rule-applied')""" + (onlyBusinessKey == null ? "" : " AND c.business_key = ?")
				+ " ORDER BY c.business_key";
		try (PreparedStatement select = connection.prepareStatement(sql)) {
			if (onlyBusinessKey != null) {
				select.setString(1, onlyBusinessKey);
			}
			try (ResultSet rs = select.executeQuery()) {
				while (rs.next()) {
					if (FACTS.containsKey(rs.getString(2))) {
						cases.add(new String[] { rs.getString(1), rs.getString(2), rs.getString(3) });
					}
				}
			}
		}
		ObjectMapper json = new ObjectMapper();
		int recorded = 0;
		for (String[] c : cases) {
			Map<String, Object> facts = facts(connection, c[2], FACTS.get(c[1]));
			if (facts.isEmpty()) {
				continue;
			}
			append(connection, c[0], c[2], json.writeValueAsString(facts), now);
			recorded++;
		}
		return recorded;
	}

	/** The named variables of the process instance: running ones, or the history's once it ended. */
	private static Map<String, Object> facts(Connection connection, String processInstanceId, List<String> names)
			throws SQLException {
		Map<String, Object> found = read(connection, """
				SELECT NAME_, TYPE_, TEXT_, LONG_, DOUBLE_ FROM ACT_RU_VARIABLE
				WHERE PROC_INST_ID_ = ? AND EXECUTION_ID_ = PROC_INST_ID_ AND TASK_ID_ IS NULL""", processInstanceId);
		if (found.isEmpty()) {
			found = read(connection, """
					SELECT NAME_, VAR_TYPE_, TEXT_, LONG_, DOUBLE_ FROM ACT_HI_VARINST
					WHERE PROC_INST_ID_ = ? AND EXECUTION_ID_ = PROC_INST_ID_ AND TASK_ID_ IS NULL
					AND (STATE_ IS NULL OR STATE_ <> 'DELETED')""", processInstanceId);
		}
		Map<String, Object> facts = new LinkedHashMap<>();
		for (String name : names) {
			if (found.containsKey(name)) {
				facts.put(name, found.get(name));
			}
		}
		return facts;
	}

	private static Map<String, Object> read(Connection connection, String sql, String processInstanceId)
			throws SQLException {
		Map<String, Object> values = new LinkedHashMap<>();
		try (PreparedStatement select = connection.prepareStatement(sql)) {
			select.setString(1, processInstanceId);
			try (ResultSet rs = select.executeQuery()) {
				while (rs.next()) {
					String type = rs.getString(2);
					long number = rs.getLong(4);
					boolean noNumber = rs.wasNull();
					Object value = switch (type == null ? "" : type) {
						case "string" -> rs.getString(3);
						case "boolean" -> noNumber ? null : number == 1;
						case "integer", "long", "short" -> noNumber ? null : number;
						case "double" -> rs.getObject(5) == null ? null : rs.getDouble(5);
						case "date" -> noNumber ? null : Instant.ofEpochMilli(number).toString();
						case "null" -> null;
						default -> Skip.VALUE;
					};
					if (value != Skip.VALUE) {
						values.put(rs.getString(1), value);
					}
				}
			}
		}
		return values;
	}

	/** A value the record does not take (serialized objects: the DMN results, read by the rules that follow them). */
	private enum Skip {
		VALUE
	}

	private static void append(Connection connection, String businessKey, String processInstanceId, String data,
			Date now) throws SQLException {
		int seq = 0;
		String prev = AuditLog.GENESIS;
		try (PreparedStatement last = connection.prepareStatement(
				"SELECT seq, hash FROM ha_audit_log WHERE business_key = ? ORDER BY seq DESC")) {
			last.setString(1, businessKey);
			last.setMaxRows(1);
			try (ResultSet rs = last.executeQuery()) {
				if (rs.next()) {
					seq = rs.getInt(1);
					prev = rs.getString(2);
				}
			}
		}
		Date at = new Date(now.getTime() / 1000 * 1000);
		AuditEntry entry = new AuditEntry(null, businessKey, seq + 1, processInstanceId, AuditEntry.RULE_APPLIED, null,
				null, null, null, at, null, null, data, prev, null, null);
		try (PreparedStatement insert = connection.prepareStatement("""
				INSERT INTO ha_audit_log (business_key, seq, process_instance_id, event_type, activity_id, activity_name,
				  task_id, user_id, occurred_at, decision, opinion, data, prev_hash, hash)
				VALUES (?, ?, ?, ?, NULL, NULL, NULL, NULL, ?, NULL, NULL, ?, ?, ?)""")) {
			insert.setString(1, businessKey);
			insert.setInt(2, seq + 1);
			insert.setString(3, processInstanceId);
			insert.setString(4, AuditEntry.RULE_APPLIED);
			insert.setTimestamp(5, new Timestamp(at.getTime()));
			insert.setString(6, data);
			insert.setString(7, prev);
			insert.setString(8, AuditLog.hash(entry));
			insert.executeUpdate();
		}
	}

	private static boolean tableExists(Connection connection, String table) throws SQLException {
		DatabaseMetaData meta = connection.getMetaData();
		for (String name : List.of(table, table.toLowerCase())) {
			try (ResultSet rs = meta.getTables(connection.getCatalog(), null, name, new String[] { "TABLE" })) {
				if (rs.next()) {
					return true;
				}
			}
		}
		return false;
	}

}
