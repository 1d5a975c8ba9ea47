package cn.healthassist.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.PasswordPolicyResult;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import cn.healthassist.config.HealthAssistProperties;
import cn.healthassist.config.HealthAssistProperties.FirstAdministrators;
import cn.healthassist.values.Messages;

/**
 * Without demo data, a new installation needs its administrators, and no superuser (三员分立): when no member of the
 * administrators' groups exists yet, the first start creates the system, security and audit administrators
 * ({@code healthassist.first-administrators.*}: ids sysadmin, secadmin, auditadmin by default, passwords from
 * HA_SYSADMIN_PASSWORD, HA_SECADMIN_PASSWORD, HA_AUDITADMIN_PASSWORD), each in its group, each to change the
 * password at the first login. It refuses to start, creating nobody, while a password is missing or fails the policy.
 */
@Service
public class AdminBootstrap {

	private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);

	private final IdentityService identityService;

	private final HealthAssistProperties properties;

	private final Accounts accounts;

	public AdminBootstrap(IdentityService identityService, HealthAssistProperties properties, Accounts accounts) {
		this.identityService = identityService;
		this.properties = properties;
		this.accounts = accounts;
	}

	private record First(String id, String password, String group, String idVariable, String passwordVariable,
			String firstName, String lastName) {
	}

	public void ensureAdministrators() {
		for (String group : Groups.ADMINISTRATORS) {
			if (identityService.createUserQuery().memberOfGroup(group).count() > 0) {
				return;
			}
		}
		FirstAdministrators config = properties.getFirstAdministrators();
		List<First> firsts = List.of(
				new First(config.getSystemId(), config.getSystemPassword(), Groups.SYSTEM_ADMIN, "HA_SYSADMIN_ID",
						"HA_SYSADMIN_PASSWORD", Messages.get("security.admin.systemName"), Messages.get("security.admin.systemTitle")),
				new First(config.getSecurityId(), config.getSecurityPassword(), Groups.SECURITY_ADMIN, "HA_SECADMIN_ID",
						"HA_SECADMIN_PASSWORD", Messages.get("security.admin.securityName"), Messages.get("security.admin.securityTitle")),
				new First(config.getAuditId(), config.getAuditPassword(), Groups.AUDIT_ADMIN, "HA_AUDITADMIN_ID",
						"HA_AUDITADMIN_PASSWORD", Messages.get("security.admin.auditName"), Messages.get("security.admin.auditTitle")));
		List<String> problems = new ArrayList<>();
		List<User> users = new ArrayList<>();
		LinkedHashSet<String> ids = new LinkedHashSet<>();
		for (First first : firsts) {
			if (first.id() == null || first.id().isBlank()) {
				problems.add(first.idVariable() + " is empty");
				continue;
			}
			if (!ids.add(first.id().trim())) {
				problems.add(first.idVariable() + " names an account another administrator has: " + first.id().trim());
			}
			if (first.password() == null || first.password().isBlank()) {
				problems.add(first.passwordVariable() + " is not set");
				continue;
			}
			User user = identityService.newUser(first.id().trim());
			user.setFirstName(first.firstName());
			user.setLastName(first.lastName());
			user.setPassword(first.password());
			PasswordPolicyResult policy = identityService.checkPasswordAgainstPolicy(first.password(), user);
			if (!policy.isValid()) {
				problems.add(first.passwordVariable() + " does not pass the password policy (at least 8 characters of at least "
						+ "3 kinds: lower case, upper case, digits, other characters; not containing the user id or name): "
						+ policy.getViolatedRules().stream().map(r -> r.getPlaceholder()).toList());
			}
			users.add(user);
		}
		if (!problems.isEmpty()) {
			throw new IllegalStateException("No administrator exists and no demo data is loaded: the first start creates the "
					+ "system, security and audit administrators (三员分立) and needs a strong first password for each, "
					+ "which each changes at the first login. Set HA_SYSADMIN_PASSWORD, HA_SECADMIN_PASSWORD and "
					+ "HA_AUDITADMIN_PASSWORD (the ids: HA_SYSADMIN_ID, HA_SECADMIN_ID, HA_AUDITADMIN_ID). "
					+ String.join("; ", problems));
		}
		for (int i = 0; i < users.size(); i++) {
			User user = users.get(i);
			identityService.saveUser(user);
			identityService.createMembership(user.getId(), firsts.get(i).group());
			accounts.requireChange(user.getId());
			LOG.info("Created the administrator '{}' ({}); the password must be changed at the first login", user.getId(),
					firsts.get(i).group());
		}
	}

}
