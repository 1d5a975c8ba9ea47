package cn.healthassist.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.PasswordPolicyResult;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import cn.healthassist.config.HealthAssistProperties;
import cn.healthassist.values.Messages;

/**
 * Without demo data, an installation needs a first administrator: taken from HA_ADMIN_ID and HA_ADMIN_PASSWORD
 * ({@code healthassist.admin.*}) when no member of {@code camunda-admin} exists yet. Refuses to start without
 * them, and the password must pass Camunda's password policy.
 */
@Service
public class AdminBootstrap {

	private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);

	private final IdentityService identityService;

	private final HealthAssistProperties properties;

	public AdminBootstrap(IdentityService identityService, HealthAssistProperties properties) {
		this.identityService = identityService;
		this.properties = properties;
	}

	public void ensureAdministrator() {
		if (identityService.createUserQuery().memberOfGroup(Groups.ADMIN).count() > 0) {
			return;
		}
		String id = properties.getAdmin().getId();
		String password = properties.getAdmin().getPassword();
		if (id == null || id.isBlank() || password == null || password.isBlank()) {
			throw new IllegalStateException("No administrator exists and no demo data is loaded: set HA_ADMIN_ID and "
					+ "HA_ADMIN_PASSWORD to create the first administrator (group camunda-admin).");
		}
		User user = identityService.newUser(id.trim());
		user.setFirstName(Messages.get("security.admin.firstName"));
		user.setLastName(Messages.get("security.admin.lastName"));
		user.setPassword(password);
		PasswordPolicyResult policy = identityService.checkPasswordAgainstPolicy(password, user);
		if (!policy.isValid()) {
			throw new IllegalStateException("HA_ADMIN_PASSWORD does not pass the password policy (at least 8 characters "
					+ "of at least 3 kinds: lower case, upper case, digits, other characters; not containing the user id): "
					+ policy.getViolatedRules().stream().map(r -> r.getPlaceholder()).toList());
		}
		identityService.saveUser(user);
		identityService.createMembership(user.getId(), Groups.ADMIN);
		LOG.info("Created the first administrator '{}'", user.getId());
	}

}
