package cn.healthassist.securitylog;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Refusals one person keeps meeting (入侵防范): a logged-in account that is refused again and again — asked for cases,
 * tasks or files outside its jurisdiction, or told at each start that the person named already holds or is applying for
 * a certificate — is trying doors or finding out about people one by one. Each refusal is in the security log already;
 * this tells the audit administrator when a person's refusals within the window reach the count: one
 * {@link SecurityEvent#REFUSALS_REPEATED} for them, then none until a window has passed since. Counted per node, in
 * memory: behind HAProxy each node counts the requests it answered.
 */
final class RefusalWatch {

	private final int count;

	private final Duration window;

	/** Each person's refusals within the window: when, and the answer's status. */
	private final Map<String, Deque<long[]>> refusals = new HashMap<>();

	/** When each person's last alarm was raised. */
	private final Map<String, Long> alarms = new HashMap<>();

	RefusalWatch(int count, Duration window) {
		if (count < 2 || window.isNegative() || window.isZero()) {
			throw new IllegalArgumentException("the refusal alarm needs a count of at least 2 and a window longer than 0");
		}
		this.count = count;
		this.window = window;
	}

	/**
	 * One refusal of the person at that time (ms); the alarm's detail when this refusal makes the count within the
	 * window and no alarm was raised for them within it, else null.
	 */
	synchronized String refused(String userId, int status, String where, long now) {
		long windowMillis = window.toMillis();
		forgetBefore(now - windowMillis);
		Deque<long[]> theirs = refusals.computeIfAbsent(userId, u -> new ArrayDeque<>());
		theirs.addLast(new long[] { now, status });
		if (theirs.size() < count) {
			return null;
		}
		Long last = alarms.get(userId);
		if (last != null && now - last < windowMillis) {
			return null;
		}
		alarms.put(userId, now);
		Map<Long, Integer> byStatus = new TreeMap<>();
		theirs.forEach(r -> byStatus.merge(r[1], 1, Integer::sum));
		StringBuilder statuses = new StringBuilder();
		byStatus.forEach((s, n) -> statuses.append(statuses.length() == 0 ? "" : ", ").append(s).append(" ×").append(n));
		return String.format("%d refusals within %s (%s); the last: %s", theirs.size(), span(), statuses, where);
	}

	private String span() {
		return window.toSecondsPart() == 0 && window.toMinutes() > 0 ? window.toMinutes() + " min" : window.toSeconds() + " s";
	}

	/** Drops what is older than the window, so that the maps hold only the people refused lately. */
	private void forgetBefore(long oldest) {
		refusals.values().forEach(d -> {
			while (!d.isEmpty() && d.peekFirst()[0] < oldest) {
				d.removeFirst();
			}
		});
		refusals.values().removeIf(Deque::isEmpty);
		alarms.values().removeIf(t -> t < oldest);
	}

}
