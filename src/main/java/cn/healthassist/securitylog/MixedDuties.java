package cn.healthassist.securitylog;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import cn.healthassist.security.Groups;
import cn.healthassist.values.Messages;

/**
 * The accounts that mix duties (三员分立): an administrator's account in an office's group, or in two administrators'
 * groups. The engine refuses such memberships since they were forbidden (engine/PersonCommandGuard); memberships made
 * before, or written into the database directly, stay until they are removed (an office's group by the system
 * administrator, an administrators' group by the security administrator). Each start reports them in the log and in
 * the security log ({@link SecurityEvent#DUTIES_MIXED}), for the audit administrator to pass on.
 */
@Component
public class MixedDuties {

	private static final Logger LOG = LoggerFactory.getLogger(MixedDuties.class);

	private final IdentityService identityService;

	private final SecurityLog securityLog;

	MixedDuties(IdentityService identityService, SecurityLog securityLog) {
		this.identityService = identityService;
		this.securityLog = securityLog;
	}

	/** Reports every account that mixes duties: its id and its groups, by account. */
	public Map<String, List<String>> report() {
		Map<String, List<String>> mixed = new TreeMap<>();
		for (String administrators : Groups.ADMINISTRATORS) {
			for (User user : identityService.createUserQuery().memberOfGroup(administrators).list()) {
				List<String> groups = identityService.createGroupQuery().groupMember(user.getId()).list().stream()
					.map(Group::getId)
					.sorted()
					.toList();
				long duties = groups.stream().filter(Groups.ADMINISTRATORS::contains).count();
				if (duties > 1 || duties < groups.size()) {
					mixed.put(user.getId(), groups);
				}
			}
		}
		mixed.forEach((user, groups) -> {
			String detail = Messages.get("securitylog.dutiesMixed", String.join("、", groups));
			LOG.warn("Account {} mixes duties (三员分立): groups {}", user, groups);
			securityLog.record(SecurityEvent.DUTIES_MIXED, user, null, "found", detail);
		});
		return mixed;
	}

}
