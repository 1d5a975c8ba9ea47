package cn.healthassist.organisation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.healthassist.security.ApiAuthenticationFilter;
import cn.healthassist.security.CurrentUser;
import cn.healthassist.security.EngineUsers;
import cn.healthassist.web.JsonAnswers;

/**
 * Selects that offer names and store codes, from the organisation data (docs/product.md 5): a select of a Camunda Form
 * whose custom property {@code options} is {@code villages}, {@code hospitals} or {@code destinations} gets its
 * choices when Tasklist (or any client) fetches the deployed form — the person's own villages or hospitals by name
 * (桃园村, 县人民医院), or the designated destination hospitals — so a form never holds organisation data and an
 * imported change shows at once. The deployed form itself is unchanged: the rules still check every code sent.
 */
@Configuration(proxyBeanMethods = false)
class FormOptions {

	static final String PROPERTY = "options";

	private static final Pattern DEPLOYED_FORM = Pattern
		.compile(".*/(process-definition/(key/)?[^/]+/deployed-start-form|task/[^/]+/deployed-form)");

	record Option(String label, String value) {
	}

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> formOptionsFilter(OrganisationMapper organisation,
			IdentityService identityService, ObjectMapper json) {
		return JsonAnswers.filter("form-options", Ordered.HIGHEST_PRECEDENCE + 21, DEPLOYED_FORM, json,
				(request, route, form) -> {
					CurrentUser user = ApiAuthenticationFilter.session(request)
						.orElseGet(() -> EngineUsers.current(identityService));
					return fill(form, name -> options(organisation, user, name));
				});
	}

	/** Puts the choices into every select that names its options; true when the form changed. */
	static boolean fill(JsonNode form, Function<String, List<Option>> options) {
		boolean changed = false;
		for (JsonNode c : form.path("components")) {
			String name = c.path("properties").path(PROPERTY).asText(null);
			if (name != null && c instanceof ObjectNode component) {
				ArrayNode values = component.putArray("values");
				for (Option o : options.apply(name)) {
					values.addObject().put("label", o.label()).put("value", o.value());
				}
				changed = true;
			}
			if (c.has("components")) {
				changed |= fill(c, options);
			}
		}
		return changed;
	}

	/** The choices of a list for the person: their own villages or hospitals (all of them for a county office). */
	static List<Option> options(OrganisationMapper organisation, CurrentUser user, String name) {
		List<Option> found = new ArrayList<>();
		switch (name) {
			case "villages" -> {
				Set<String> own = user == null ? Set.of() : new LinkedHashSet<>(user.villages());
				for (Village v : organisation.selectVillages()) {
					if (own.isEmpty() || own.contains(v.code())) {
						found.add(new Option(v.townshipName() + " " + v.name(), v.code()));
					}
				}
			}
			case "hospitals" -> {
				Set<String> own = user == null ? Set.of() : user.hospitals();
				for (Hospital h : organisation.selectHospitals()) {
					if (own.isEmpty() || own.contains(h.code())) {
						found.add(new Option(h.name(), h.code()));
					}
				}
			}
			case "destinations" -> organisation.selectDestinations().forEach(h -> found.add(new Option(h.name(), h.code())));
			default -> {
			}
		}
		return found;
	}

}
