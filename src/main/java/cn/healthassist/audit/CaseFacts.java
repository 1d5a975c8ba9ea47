package cn.healthassist.audit;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;

import cn.healthassist.values.Money;

/** The facts of one case as its record holds them (CaseRecords): the latest value of each name. */
public record CaseFacts(String businessKey, Map<String, Object> values) {

	public CaseFacts {
		values = Collections.unmodifiableMap(values);
	}

	public Object get(String name) {
		return values.get(name);
	}

	/** The fact as text; null when the record has none. */
	public String text(String name) {
		Object v = values.get(name);
		return v == null ? null : v.toString();
	}

	/** An amount of the record ("1234.50"); a case without it is a broken record, not a zero. */
	public BigDecimal money(String name) {
		Object v = values.get(name);
		if (v == null) {
			throw new IllegalStateException("the record of " + businessKey + " has no amount " + name);
		}
		return Money.of(v);
	}

	public boolean flag(String name) {
		Object v = values.get(name);
		return v instanceof Boolean b ? b : v != null && Boolean.parseBoolean(v.toString());
	}

	public int number(String name, int otherwise) {
		Object v = values.get(name);
		return v instanceof Number n ? n.intValue() : v == null ? otherwise : Integer.parseInt(v.toString().strip());
	}

}
