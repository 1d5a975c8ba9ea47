package cn.healthassist.securitylog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.junit.jupiter.api.Test;

/** The chain is keyed right after migration 23, in the migrations' run, and at no other moment. */
class SecurityLogKeyingTest {

	private static Context after(String version) {
		MigrationInfo info = mock(MigrationInfo.class);
		when(info.getVersion()).thenReturn(MigrationVersion.fromVersion(version));
		Context context = mock(Context.class);
		when(context.getMigrationInfo()).thenReturn(info);
		return context;
	}

	@Test
	void onlyAfterMigration23() {
		SecurityLogKeying keying = new SecurityLogKeying(null);
		assertThat(keying.supports(Event.AFTER_EACH_MIGRATE, after("23"))).isTrue();
		assertThat(keying.supports(Event.AFTER_EACH_MIGRATE, after("22"))).isFalse();
		assertThat(keying.supports(Event.AFTER_EACH_MIGRATE, after("24"))).isFalse();
		assertThat(keying.supports(Event.BEFORE_EACH_MIGRATE, after("23"))).as("the index key checked").isTrue();
		assertThat(keying.supports(Event.BEFORE_EACH_MIGRATE, after("22"))).isFalse();
		assertThat(keying.supports(Event.AFTER_MIGRATE, after("23"))).as("every start's end of migrating").isFalse();
		assertThat(keying.supports(Event.AFTER_VALIDATE, after("23"))).isFalse();
		assertThat(keying.supports(Event.AFTER_EACH_MIGRATE, null)).isFalse();
	}

}
