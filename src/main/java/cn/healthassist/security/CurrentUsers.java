package cn.healthassist.security;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import cn.healthassist.problems.CaseRejectedException;
import cn.healthassist.values.Messages;

/** The user of the current web request, as {@link ApiAuthenticationFilter} authenticated them. */
public final class CurrentUsers {

	private CurrentUsers() {
	}

	public static CurrentUser require() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		Object user = attributes == null ? null
				: attributes.getAttribute(ApiAuthenticationFilter.CURRENT_USER, RequestAttributes.SCOPE_REQUEST);
		if (user == null) {
			throw new CaseRejectedException(org.springframework.http.HttpStatus.UNAUTHORIZED, null,
					Messages.get("security.loginFirst"));
		}
		return (CurrentUser) user;
	}

}
