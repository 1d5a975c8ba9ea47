package cn.healthassist.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.stream.Stream;

import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import cn.healthassist.audit.AuditLogKeying;
import cn.healthassist.securitylog.SecurityLogKeying;

/**
 * The keyings of the chains run just before and right after their own migration (the security log's 23, the case
 * audit log's 24), in the migrations' run, and at no other moment: not at a start's end of migrating, not around
 * another migration.
 */
class OneMigrationCallbackTest {

	static Stream<Arguments> keyings() {
		return Stream.of(Arguments.of(new SecurityLogKeying(null), 23), Arguments.of(new AuditLogKeying(null), 24));
	}

	private static Context at(String version) {
		MigrationInfo info = mock(MigrationInfo.class);
		when(info.getVersion()).thenReturn(MigrationVersion.fromVersion(version));
		Context context = mock(Context.class);
		when(context.getMigrationInfo()).thenReturn(info);
		return context;
	}

	@ParameterizedTest
	@MethodSource("keyings")
	void onlyAroundItsOwnMigration(OneMigrationCallback keying, int version) {
		String own = String.valueOf(version);
		assertThat(keying.supports(Event.AFTER_EACH_MIGRATE, at(own))).isTrue();
		assertThat(keying.supports(Event.BEFORE_EACH_MIGRATE, at(own))).as("the index key checked").isTrue();
		assertThat(keying.supports(Event.AFTER_EACH_MIGRATE, at(String.valueOf(version - 1)))).isFalse();
		assertThat(keying.supports(Event.AFTER_EACH_MIGRATE, at(String.valueOf(version + 1)))).isFalse();
		assertThat(keying.supports(Event.BEFORE_EACH_MIGRATE, at(String.valueOf(version - 1)))).isFalse();
		assertThat(keying.supports(Event.AFTER_MIGRATE, at(own))).as("every start's end of migrating").isFalse();
		assertThat(keying.supports(Event.AFTER_VALIDATE, at(own))).isFalse();
		assertThat(keying.supports(Event.AFTER_EACH_MIGRATE, null)).isFalse();
		assertThat(keying.canHandleInTransaction(Event.AFTER_EACH_MIGRATE, at(own))).isTrue();
	}

}
