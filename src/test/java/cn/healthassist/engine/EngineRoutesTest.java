package cn.healthassist.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import cn.healthassist.engine.EngineRoutes.Role;

/** The route allow-list as shipped (security/engine-routes.txt). */
class EngineRoutesTest {

	private static EngineRoutes shipped() throws IOException {
		try (InputStream in = EngineRoutesTest.class.getResourceAsStream("/security/engine-routes.txt")) {
			return EngineRoutes.load(in);
		}
	}

	@ParameterizedTest(name = "{0} {1} {2} -> {3}")
	@CsvSource({ "STAFF,POST,/task/1/submit-form,true", "STAFF,POST,/task/1/claim,true",
			"STAFF,POST,/process-definition/key/chronic-certificate/start,true", "STAFF,PUT,/task/1,false",
			"STAFF,POST,/task/1/variables,false", "STAFF,GET,/task/1/attachment,false",
			"STAFF,GET,/process-definition/statistics,false", "OWNER,GET,/process-definition/statistics,true",
			"STAFF,GET,/process-definition/abc,true", "STAFF,POST,/identity/verify,false",
			"AUDITOR,POST,/task/1/complete,false", "AUDITOR,POST,/task/1/comment/create,false",
			"OWNER,POST,/deployment/create,true", "STAFF,POST,/deployment/create,false",
			"OWNER,GET,/history/variable-instance,false", "STAFF,GET,/history/process-instance,true",
			"STAFF,GET,/history/cleanup/jobs,false", "STAFF,GET,/history/cleanup/configuration,false",
			"AUDITOR,GET,/history/cleanup/jobs,true", "STAFF,GET,/history/task/report/,false",
			"STAFF,GET,/history/cleanup/jobs/,false", "STAFF,GET,/task/count/,true", "ADMIN,PUT,/user/x/profile,true",
			"STAFF,PUT,/user/x/profile,false", "STAFF,POST,/job/1/execute,false", "ADMIN,POST,/job/1/execute,true",
			"STAFF,POST,/signal,false", "STAFF,HEAD,/task/count,true", "ANYONE,GET,/task/count,false",
			"ANYONE,POST,/camunda/api/admin/auth/user/default/logout,true",
			"ANYONE,POST,/camunda/api/admin/auth/user/default/login/tasklist,true" })
	void decides(Role role, String method, String path, boolean allowed) throws IOException {
		Set<Role> roles = role == Role.ANYONE ? EnumSet.of(Role.ANYONE) : EnumSet.of(Role.ANYONE, Role.EVERYONE, role);
		assertThat(shipped().allows(roles, method, path)).isEqualTo(allowed);
	}

	@Test
	void aBrokenLine_stopsTheStart_withItsNumber() {
		InputStream in = new ByteArrayInputStream("# ok\nstaff GET\n".getBytes(StandardCharsets.UTF_8));
		assertThatThrownBy(() -> EngineRoutes.load(in)).hasMessageContaining("line 2");
	}

}
