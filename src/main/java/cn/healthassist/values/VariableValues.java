package cn.healthassist.values;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.camunda.spin.json.SpinJsonNode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reading form values that Tasklist submits in different shapes (a checklist arrives as a JSON variable). */
public final class VariableValues {

	private static final ObjectMapper JSON = new ObjectMapper();

	private VariableValues() {
	}

	/** The values of a checklist: a Java collection, a Spin JSON array or a JSON array text. */
	public static List<String> stringList(Object value) {
		List<String> out = new ArrayList<>();
		if (value == null) {
			return out;
		}
		if (value instanceof Collection<?> c) {
			c.forEach(v -> out.add(String.valueOf(v)));
		}
		else if (value instanceof SpinJsonNode node && node.isArray()) {
			node.elements().forEach(e -> out.add(e.isString() ? e.stringValue() : e.toString()));
		}
		else {
			String s = value.toString().strip();
			if (s.startsWith("[")) {
				try {
					JsonNode node = JSON.readTree(s);
					node.forEach(e -> out.add(e.asText()));
				}
				catch (JsonProcessingException e) {
					out.add(s);
				}
			}
			else if (!s.isEmpty()) {
				out.add(s);
			}
		}
		return out;
	}

}
