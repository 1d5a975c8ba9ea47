package cn.healthassist.values;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;


/** Reading form values that Tasklist submits in different shapes (a checklist arrives as a JSON variable). */
public final class VariableValues {

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
					// the engine's own JSON (Camunda Spin), as the checklist's variable was written
					Spin.JSON(s).elements().forEach(e -> out.add(e.isString() ? e.stringValue() : e.toString()));
				}
				catch (RuntimeException e) {
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
