package cn.healthassist.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The allow-list of Camunda's REST routes by role, read from {@code security/engine-routes.txt}: which roles may send
 * which method to which path. A request no line allows is refused.
 */
public final class EngineRoutes {

	/** Who a person is for the allow-list, from their groups. */
	public enum Role {
		ANYONE, EVERYONE, STAFF, AUDITOR, OWNER, ADMIN, SYSADMIN, SECADMIN, AUDITADMIN
	}

	private record Route(Set<Role> roles, String method, PathPattern path, String text) {
	}

	private final List<Route> routes;

	private EngineRoutes(List<Route> routes) {
		this.routes = routes;
	}

	public static EngineRoutes load(InputStream in) throws IOException {
		PathPatternParser parser = new PathPatternParser();
		List<Route> routes = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			String line;
			int number = 0;
			while ((line = reader.readLine()) != null) {
				number++;
				String text = line.strip();
				if (text.isEmpty() || text.startsWith("#")) {
					continue;
				}
				String[] parts = text.split("\\s+");
				if (parts.length != 3 || !Set.of("GET", "POST", "PUT", "DELETE").contains(parts[1])
						|| !parts[2].startsWith("/")) {
					throw new IllegalStateException("engine-routes.txt line " + number + " is not 'roles METHOD /path': " + text);
				}
				EnumSet<Role> roles = EnumSet.noneOf(Role.class);
				Arrays.stream(parts[0].split(",")).map(r -> Role.valueOf(r.toUpperCase(Locale.ROOT))).forEach(roles::add);
				routes.add(new Route(roles, parts[1], parser.parse(parts[2]), text));
			}
		}
		return new EngineRoutes(List.copyOf(routes));
	}

	/**
	 * Whether one of the roles may send the method to the path (HEAD as GET). When several routes match, the most
	 * specific decides ({@code /process-definition/statistics} before {@code /process-definition/{id}}), so a route
	 * listed for some roles is not opened to others by a pattern with a placeholder.
	 */
	public boolean allows(Set<Role> roles, String method, String path) {
		String m = "HEAD".equals(method) ? "GET" : method;
		// Camunda's REST API (JAX-RS) serves /x/ as /x: so is it judged, not by a broader pattern (/history/**)
		String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
		PathContainer container = PathContainer.parsePath(p);
		List<Route> matching = routes.stream()
			.filter(r -> r.method().equals(m) && r.path().matches(container))
			.sorted(java.util.Comparator.comparing(Route::path, PathPattern.SPECIFICITY_COMPARATOR))
			.toList();
		if (matching.isEmpty()) {
			return false;
		}
		PathPattern best = matching.get(0).path();
		return matching.stream()
			.filter(r -> r.path().getPatternString().equals(best.getPatternString()))
			.anyMatch(r -> r.roles().stream().anyMatch(roles::contains));
	}

}
