package cn.healthassist.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.util.ResourceTypeUtil;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import jakarta.servlet.http.HttpServletRequest;

/**
 * What an administrator's request changed, in words, for its security-log event (securitylog/SecurityEventFilter):
 * the account or group created or changed, the grant made, changed or revoked, with its grantee, resource and
 * permissions. The route alone (POST /engine-rest/user/create) names none of them. Kept on the request, so only the
 * request whose commands did it carries it.
 */
public final class CommandDetails {

	private static final String ATTRIBUTE = CommandDetails.class.getName();

	private CommandDetails() {
	}

	/** Adds what a command of the current request changed; nothing outside a request. */
	static void add(String detail) {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request == null) {
			return;
		}
		@SuppressWarnings("unchecked")
		List<String> details = (List<String>) request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
		if (details == null) {
			details = new ArrayList<>();
			request.setAttribute(ATTRIBUTE, details, RequestAttributes.SCOPE_REQUEST);
		}
		details.add(detail);
	}

	/** What the request's commands changed, in the order they ran; empty when nothing was said. */
	public static List<String> of(HttpServletRequest request) {
		@SuppressWarnings("unchecked")
		List<String> details = (List<String>) request.getAttribute(ATTRIBUTE);
		return details == null ? List.of() : details;
	}

	/** A grant in words: allow or deny, whom, on what, which permissions. */
	static String grant(Authorization a) {
		String kind = switch (a.getAuthorizationType()) {
			case Authorization.AUTH_TYPE_GLOBAL -> "global";
			case Authorization.AUTH_TYPE_REVOKE -> "revoke";
			default -> "grant";
		};
		String whom = a.getUserId() != null ? "user " + a.getUserId()
				: a.getGroupId() != null ? "group " + a.getGroupId() : "everyone";
		String resource = String.valueOf(a.getResourceType());
		for (Resources r : Resources.values()) {
			if (r.resourceType() == a.getResourceType()) {
				resource = r.resourceName().toLowerCase(Locale.ROOT);
			}
		}
		List<String> permissions = new ArrayList<>();
		try {
			Permission[] known = ResourceTypeUtil.getPermissionsByResourceType(a.getResourceType());
			for (Permission p : a.getPermissions(known)) {
				// NONE, which every grant "has"; ALL, which a revocation "has" once any permission is revoked
				boolean all = p.getValue() == Integer.MAX_VALUE;
				if (p.getValue() != 0 && !(all && a.getAuthorizationType() == Authorization.AUTH_TYPE_REVOKE
						&& !a.isEveryPermissionRevoked())) {
					permissions.add(p.getName());
				}
			}
		}
		catch (RuntimeException e) {
			// a resource or permission Camunda cannot name: the mask, rather than no event
			permissions.add("mask " + (a instanceof org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity entity
					? String.valueOf(entity.getPermissions()) : "?"));
		}
		return kind + " " + whom + " " + resource + ":" + a.getResourceId() + " " + permissions;
	}

}
