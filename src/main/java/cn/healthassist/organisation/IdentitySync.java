package cn.healthassist.organisation;

import cn.healthassist.engine.SystemCalls;
import cn.healthassist.security.CaseAuthorizations;
import cn.healthassist.security.CaseProcess;
import cn.healthassist.security.Groups;
import cn.healthassist.values.Messages;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.Collection;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;


/**
 * Creates the Camunda groups of docs/product.md section 3 from the organisation data, and the authorizations each role
 * needs: who may start which process, who may use which web app, what auditors and process owners may read or
 * change. Case-level authorizations (a case's instance and history for its jurisdiction groups) are granted
 * when the case starts, by {@link CaseAuthorizations}. Idempotent: running it again changes nothing.
 */
@Service
public class IdentitySync {

	private static final Logger LOG = LoggerFactory.getLogger(IdentitySync.class);

	private final IdentityService identityService;

	private final AuthorizationService authorizationService;

	public IdentitySync(IdentityService identityService, AuthorizationService authorizationService) {
		this.identityService = identityService;
		this.authorizationService = authorizationService;
	}

	/** The county-wide groups and their grants. */
	public int syncCountyGroups() {
		int created = 0;
		created += staffGroup(Groups.COUNTY_INSURANCE, Messages.get("organisation.group.countyInsurance"));
		created += staffGroup(Groups.HEALTH_COMMISSION, Messages.get("organisation.group.healthCommission"));
		created += staffGroup(Groups.CHARITY_FEDERATION, Messages.get("organisation.group.charityFederation"));

		String auditor = Groups.AUDITOR;
		created += group(auditor, Messages.get("organisation.group.auditor"));
		grant(auditor, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
		grant(auditor, Resources.PROCESS_DEFINITION, "*", Permissions.READ, Permissions.READ_HISTORY,
				Permissions.READ_INSTANCE, Permissions.READ_TASK);
		grant(auditor, Resources.HISTORIC_PROCESS_INSTANCE, "*", HistoricProcessInstancePermissions.READ);
		grant(auditor, Resources.HISTORIC_TASK, "*", HistoricTaskPermissions.READ);
		grant(auditor, Resources.DECISION_DEFINITION, "*", Permissions.READ, Permissions.READ_HISTORY);
		grant(auditor, Resources.DECISION_REQUIREMENTS_DEFINITION, "*", Permissions.READ);
		grant(auditor, Resources.DEPLOYMENT, "*", Permissions.READ);
		grant(auditor, Resources.USER, "*", Permissions.READ);
		grant(auditor, Resources.GROUP, "*", Permissions.READ);

		String owner = Groups.PROCESS_OWNER;
		created += group(owner, Messages.get("organisation.group.processOwner"));
		grant(owner, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
		grant(owner, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
		grant(owner, Resources.DEPLOYMENT, "*", Permissions.CREATE, Permissions.READ, Permissions.DELETE);
		grant(owner, Resources.PROCESS_DEFINITION, "*", Permissions.READ, Permissions.UPDATE, Permissions.READ_HISTORY);
		grant(owner, Resources.DECISION_DEFINITION, "*", Permissions.READ, Permissions.UPDATE, Permissions.READ_HISTORY);
		grant(owner, Resources.DECISION_REQUIREMENTS_DEFINITION, "*", Permissions.READ);

		// 三员分立 (docs/security.md): each administrator has Admin for their own part only; the product's engine guard
		// (engine/PersonCommandGuard) holds each to their commands whatever Camunda's grants say
		String system = Groups.SYSTEM_ADMIN;
		created += systemGroup(system, Messages.get("organisation.group.systemAdmin"));
		grant(system, Resources.APPLICATION, "admin", Permissions.ACCESS);
		grant(system, Resources.USER, "*", Permissions.ALL);
		grant(system, Resources.GROUP, "*", Permissions.ALL);
		grant(system, Resources.GROUP_MEMBERSHIP, "*", Permissions.ALL);

		String security = Groups.SECURITY_ADMIN;
		created += systemGroup(security, Messages.get("organisation.group.securityAdmin"));
		grant(security, Resources.APPLICATION, "admin", Permissions.ACCESS);
		grant(security, Resources.AUTHORIZATION, "*", Permissions.ALL);
		grant(security, Resources.USER, "*", Permissions.READ);
		grant(security, Resources.GROUP, "*", Permissions.READ);
		grant(security, Resources.GROUP_MEMBERSHIP, "*", Permissions.ALL);

		// the audit administrator reads the security log through the product's API only
		created += systemGroup(Groups.AUDIT_ADMIN, Messages.get("organisation.group.auditAdmin"));

		String admin = Groups.ADMIN;
		created += systemGroup(admin, Messages.get("organisation.group.admin"));
		for (Resource resource : Resources.values()) {
			grant(admin, resource, "*", Permissions.ALL);
		}
		return created;
	}

	/** The jurisdiction groups of the given organisation units (villages, townships, hospitals). */
	public int syncJurisdictionGroups(Collection<OrgUnit> units) {
		// the product's own rule, whoever imported the file: the system administrator who may import it holds no rights
		// on authorizations (三员分立), and the groups' grants are the product's to make
		return SystemCalls.run(identityService, () -> syncGroups(units));
	}

	private int syncGroups(Collection<OrgUnit> units) {
		int created = 0;
		for (OrgUnit unit : units) {
			switch (unit.type()) {
				case OrgUnit.VILLAGE -> {
					String doctor = Groups.villageDoctor(unit.code());
					created += staffGroup(doctor, Messages.get("organisation.group.villageDoctor", unit.name()));
					startRights(doctor, Groups.VILLAGE_DOCTOR);
					String committee = Groups.villageCommittee(unit.code());
					created += staffGroup(committee, Messages.get("organisation.group.villageCommittee", unit.name()));
					startRights(committee, Groups.VILLAGE_COMMITTEE);
				}
				case OrgUnit.TOWNSHIP -> {
					created += staffGroup(Groups.townshipHealth(unit.code()),
							Messages.get("organisation.group.townshipHealth", unit.name()));
					created += staffGroup(Groups.townshipCivil(unit.code()),
							Messages.get("organisation.group.townshipCivil", unit.name()));
				}
				case OrgUnit.HOSPITAL -> {
					String doctor = Groups.hospitalDoctor(unit.code());
					created += staffGroup(doctor, Messages.get("organisation.group.hospitalDoctor", unit.name()));
					startRights(doctor, Groups.HOSPITAL_DOCTOR);
					created += staffGroup(Groups.hospitalHead(unit.code()),
							Messages.get("organisation.group.hospitalHead", unit.name()));
				}
				default -> {
					// counties and destination hospitals have no groups of their own
				}
			}
		}
		return created;
	}

	private int staffGroup(String groupId, String name) {
		int created = group(groupId, name);
		grant(groupId, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
		// every process's definition (names, diagrams, forms in Tasklist)
		for (CaseProcess process : CaseProcess.values()) {
			grant(groupId, Resources.PROCESS_DEFINITION, process.key(), Permissions.READ);
		}
		return created;
	}

	/** The group starts the processes CaseProcess declares for groups of its kind ({@code village-doctor-}). */
	private void startRights(String groupId, String groupPrefix) {
		for (CaseProcess process : CaseProcess.startedBy(groupPrefix)) {
			grant(groupId, Resources.PROCESS_DEFINITION, process.key(), Permissions.READ, Permissions.CREATE_INSTANCE);
			grant(groupId, Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
		}
	}

	private int systemGroup(String groupId, String name) {
		int created = group(groupId, name);
		Group g = identityService.createGroupQuery().groupId(groupId).singleResult();
		if (!org.camunda.bpm.engine.authorization.Groups.GROUP_TYPE_SYSTEM.equals(g.getType())) {
			g.setType(org.camunda.bpm.engine.authorization.Groups.GROUP_TYPE_SYSTEM);
			identityService.saveGroup(g);
		}
		return created;
	}

	private int group(String groupId, String name) {
		Group existing = identityService.createGroupQuery().groupId(groupId).singleResult();
		if (existing == null) {
			Group g = identityService.newGroup(groupId);
			g.setName(name);
			g.setType(org.camunda.bpm.engine.authorization.Groups.GROUP_TYPE_WORKFLOW);
			identityService.saveGroup(g);
			LOG.info("Created group {} ({})", groupId, name);
			return 1;
		}
		if (!name.equals(existing.getName())) {
			existing.setName(name);
			identityService.saveGroup(existing);
		}
		return 0;
	}

	/** Grants the permissions to the group on the resource, adding to an existing grant if there is one. */
	public void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
		Authorization auth = authorizationService.createAuthorizationQuery()
			.authorizationType(AUTH_TYPE_GRANT)
			.groupIdIn(groupId)
			.resourceType(resource)
			.resourceId(resourceId)
			.singleResult();
		boolean changed = false;
		if (auth == null) {
			auth = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
			auth.setGroupId(groupId);
			auth.setResource(resource);
			auth.setResourceId(resourceId);
			changed = true;
		}
		for (Permission p : permissions) {
			if (!auth.isPermissionGranted(p)) {
				auth.addPermission(p);
				changed = true;
			}
		}
		if (changed) {
			authorizationService.saveAuthorization(auth);
		}
	}

}
