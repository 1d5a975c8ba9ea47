package cn.healthassist.securitylog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** When a person's refusals raise the alarm: the count within the window, once a window, per person. */
class RefusalWatchTest {

	private static final long MINUTE = 60_000;

	private final RefusalWatch watch = new RefusalWatch(5, Duration.ofMinutes(10));

	@Test
	void theCountWithinTheWindow_raisesOneAlarm_namingTheStatusesAndTheLastRequest() {
		for (int i = 0; i < 4; i++) {
			assertThat(watch.refused("doctor-t01v01", i < 3 ? 403 : 404, "GET /api/cases/CC-2026-000001/trail", i * MINUTE)).isNull();
		}

		String alarm = watch.refused("doctor-t01v01", 409, "POST /api/chronic-certificate-applications", 4 * MINUTE);

		assertThat(alarm).isEqualTo(
				"5 refusals within 10 min (403 ×3, 404 ×1, 409 ×1); the last: POST /api/chronic-certificate-applications");
		// more refusals in the same window: no second alarm
		assertThat(watch.refused("doctor-t01v01", 403, "GET /api/x", 5 * MINUTE)).isNull();
		assertThat(watch.refused("doctor-t01v01", 403, "GET /api/x", 13 * MINUTE)).isNull();
	}

	@Test
	void refusalsSpreadWiderThanTheWindow_raiseNothing() {
		for (int i = 0; i < 20; i++) {
			assertThat(watch.refused("doctor-t01v01", 403, "GET /api/x", i * 3 * MINUTE)).as("refusal %d", i).isNull();
		}
	}

	@Test
	void eachPersonIsCountedAlone() {
		for (int i = 0; i < 4; i++) {
			watch.refused("doctor-t01v01", 403, "GET /api/x", i);
			watch.refused("doctor-t01v02", 403, "GET /api/x", i);
		}
		assertThat(watch.refused("doctor-t02v01", 403, "GET /api/x", 5)).isNull();
		assertThat(watch.refused("doctor-t01v02", 403, "GET /api/x", 5)).startsWith("5 refusals");
	}

	@Test
	void aWindowAfterTheAlarm_theCountRaisesItAgain() {
		for (int i = 0; i < 5; i++) {
			watch.refused("doctor-t01v01", 403, "GET /api/x", i);
		}
		long later = 11 * MINUTE;
		for (int i = 0; i < 4; i++) {
			assertThat(watch.refused("doctor-t01v01", 403, "GET /api/x", later + i)).isNull();
		}
		assertThat(watch.refused("doctor-t01v01", 403, "GET /api/x", later + 4)).startsWith("5 refusals within 10 min");
	}

	@Test
	void aCountBelowTwoOrAnEmptyWindow_isRefusedAtTheStart() {
		assertThatThrownBy(() -> new RefusalWatch(1, Duration.ofMinutes(10))).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new RefusalWatch(5, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
	}

}
