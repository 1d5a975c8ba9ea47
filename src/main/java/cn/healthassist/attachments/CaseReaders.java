package cn.healthassist.attachments;

import cn.healthassist.security.CurrentUser;

/**
 * Who may see a case, by its business key: the rule of cases/CaseScope (its jurisdiction, its starter, auditors and
 * administrators), asked by the attachments without depending on the cases' package, which lists them in the trail.
 */
public interface CaseReaders {

	/** Whether the person may see the case; false for a case the product does not know. */
	boolean maySee(String businessKey, CurrentUser user);

}
