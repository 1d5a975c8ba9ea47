package cn.healthassist.security;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import cn.healthassist.config.HealthAssistProperties;
import cn.healthassist.values.Messages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;

/**
 * At most {@code healthassist.session-max-concurrent} logged-in sessions of one account at once on a node (等保
 * 资源控制: 对单个账户的多重并发会话进行限制; 0 for no limit): a login beyond them ends the account's oldest session on this
 * node, whose next request finds the login page (securitylog/SecurityEventFilter calls {@link #loggedIn} after each
 * successful login, or after the second factor where the account owes one, and records SESSION_ENDED). Sessions live
 * in each node's memory and the load balancer keeps a browser on one node, so the count is per node: on two nodes a
 * person may hold twice as many. It holds at most that many sessions an account (an ended one until the account's
 * next login, or until the container says it is destroyed), and the ids of the last sessions it ended, so that the
 * browser that comes back with one is told why it must log in again ({@link #endedReason}).
 */
@Component
public class ConcurrentSessions implements HttpSessionListener {

	private final int max;

	/** Each account's logged-in sessions on this node, the oldest login first. */
	private final Map<String, Deque<HttpSession>> byUser = new HashMap<>();

	/** The ids of the sessions ended for the limit, the last {@value #ENDED_KEPT}; guarded by {@link #byUser}. */
	private final Map<String, Boolean> endedIds = new LinkedHashMap<>() {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
			return size() > ENDED_KEPT;
		}

	};

	static final int ENDED_KEPT = 10_000;

	public ConcurrentSessions(HealthAssistProperties properties) {
		this.max = properties.getSessionMaxConcurrent();
		if (max < 0) {
			throw new IllegalStateException("healthassist.session-max-concurrent is " + max + ": 0 (no limit) or more");
		}
	}

	/**
	 * The session has just logged its user in: it counts as the user's newest, and the oldest beyond the limit are
	 * ended. Sessions logged out, ended or logged in as someone else since no longer count.
	 *
	 * @return how many sessions of the user were ended
	 */
	public int loggedIn(HttpSession session) {
		String user = userOf(session);
		if (user == null || max == 0) {
			return 0;
		}
		Deque<HttpSession> ended = new ArrayDeque<>();
		synchronized (byUser) {
			Deque<HttpSession> sessions = byUser.computeIfAbsent(user, u -> new ArrayDeque<>());
			sessions.removeIf(s -> s == session || !user.equals(userOf(s)));
			sessions.addLast(session);
			while (sessions.size() > max) {
				HttpSession oldest = sessions.removeFirst();
				ended.add(oldest);
				endedIds.put(oldest.getId(), Boolean.TRUE);
			}
		}
		ended.forEach(ConcurrentSessions::end);
		return ended.size();
	}

	/**
	 * Whether the request comes with a session this node ended because its account logged in once too often: the
	 * login page and the refusal say so, rather than leave the person to guess.
	 */
	private boolean endedForTheLimit(HttpServletRequest request) {
		String id = request.getRequestedSessionId();
		if (id == null || request.isRequestedSessionIdValid()) {
			return false;
		}
		synchronized (byUser) {
			return endedIds.containsKey(id);
		}
	}

	/**
	 * What a 401 says to a request whose session this node ended for the limit (the project's API, the engine's APIs),
	 * in place of a plain "log in first"; empty for any other.
	 */
	public Optional<String> endedReason(HttpServletRequest request) {
		return endedForTheLimit(request) ? Optional.of(Messages.get("security.sessionEndedByLimit", max)) : Optional.empty();
	}

	/** The most sessions an account holds at once on a node; 0 for no limit. */
	public int max() {
		return max;
	}

	/** How many logged-in sessions the user holds on this node. */
	public int count(String user) {
		synchronized (byUser) {
			Deque<HttpSession> sessions = byUser.get(user);
			return sessions == null ? 0 : (int) sessions.stream().filter(s -> user.equals(userOf(s))).count();
		}
	}

	@Override
	public void sessionDestroyed(HttpSessionEvent event) {
		HttpSession gone = event.getSession();
		synchronized (byUser) {
			byUser.values().removeIf(sessions -> {
				sessions.removeIf(s -> s == gone);
				return sessions.isEmpty();
			});
		}
	}

	/** The user a session is logged in as, or null (none, or the session has ended). */
	private static String userOf(HttpSession session) {
		try {
			return ApiAuthenticationFilter.sessionUser(session).map(CurrentUser::userId).orElse(null);
		}
		catch (IllegalStateException ended) {
			return null;
		}
	}

	private static void end(HttpSession session) {
		try {
			session.invalidate();
		}
		catch (IllegalStateException alreadyEnded) {
			// ended meanwhile (logged out, timed out): nothing to do
		}
	}

}
