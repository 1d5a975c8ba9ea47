package cn.healthassist.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.junit.jupiter.api.Test;

/** The chains are sealed right after migration 24, in the migrations' run, and at no other moment. */
class AuditLogKeyingTest {

	private static Context after(String version) {
		MigrationInfo info = mock(MigrationInfo.class);
		when(info.getVersion()).thenReturn(MigrationVersion.fromVersion(version));
		Context context = mock(Context.class);
		when(context.getMigrationInfo()).thenReturn(info);
		return context;
	}

	@Test
	void onlyAfterMigration24() {
		AuditLogKeying keying = new AuditLogKeying(null);
		assertThat(keying.supports(Event.AFTER_EACH_MIGRATE, after("24"))).isTrue();
		assertThat(keying.supports(Event.AFTER_EACH_MIGRATE, after("23"))).isFalse();
		assertThat(keying.supports(Event.AFTER_EACH_MIGRATE, after("25"))).isFalse();
		assertThat(keying.supports(Event.BEFORE_EACH_MIGRATE, after("24"))).as("the index key checked").isTrue();
		assertThat(keying.supports(Event.BEFORE_EACH_MIGRATE, after("23"))).isFalse();
		assertThat(keying.supports(Event.AFTER_MIGRATE, after("24"))).as("every start's end of migrating").isFalse();
		assertThat(keying.supports(Event.AFTER_VALIDATE, after("24"))).isFalse();
		assertThat(keying.supports(Event.AFTER_EACH_MIGRATE, null)).isFalse();
	}

}
