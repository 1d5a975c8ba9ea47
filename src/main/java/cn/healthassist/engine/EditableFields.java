package cn.healthassist.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The keys a person may submit through a Camunda Form: its input fields (text, number, select, radio, checkbox,
 * checklist, tag list, date), wherever they are nested, less those marked read-only or disabled. Text and HTML
 * components, images and buttons submit nothing.
 */
public final class EditableFields {

	static final List<String> INPUTS = List.of("textfield", "textarea", "number", "select", "radio", "checkbox",
			"checklist", "taglist", "datetime");

	private EditableFields() {
	}

	public static Set<String> of(ObjectMapper json, InputStream formJson) {
		try (formJson) {
			Set<String> keys = new LinkedHashSet<>();
			collect(json.readTree(formJson).path("components"), keys);
			return keys;
		}
		catch (IOException e) {
			throw new IllegalStateException("a deployed form is not JSON", e);
		}
	}

	private static void collect(JsonNode components, Set<String> keys) {
		for (JsonNode c : components) {
			String type = c.path("type").asText();
			String key = c.path("key").asText(null);
			boolean locked = c.path("readonly").asBoolean(false) || c.path("disabled").asBoolean(false);
			if (INPUTS.contains(type) && key != null && !key.isBlank() && !locked) {
				keys.add(key);
			}
			collect(c.path("components"), keys);
		}
	}

}
