package cn.healthassist.cases;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import cn.healthassist.attachments.CaseReaders;
import cn.healthassist.problems.CaseRejectedException;
import cn.healthassist.security.CurrentUser;

/**
 * Keeps the case index in step with the engine, in the engine's transaction; tells who may see a case (by
 * {@link CaseScope}) to the attachments.
 */
@Service
public class CaseIndex implements CaseReaders {

	private final CaseMapper mapper;

	public CaseIndex(CaseMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * Registers a new case. A second running case with the same active key is refused by the database's unique
	 * index, even when two starts race: the loser gets a 409 and its transaction rolls back.
	 */
	public void register(CaseRecord record, String duplicateMessage) {
		try {
			mapper.insert(record);
		}
		catch (DuplicateKeyException e) {
			throw CaseRejectedException.conflict(duplicateMessage);
		}
	}

	@Override
	public boolean maySee(String businessKey, CurrentUser user) {
		CaseRecord c = find(businessKey);
		return c != null && CaseScope.of(user).canSee(c);
	}

	public boolean hasActive(String activeKey) {
		return mapper.countActive(activeKey) > 0;
	}

	/** The running case that holds this active key (a certificate's follow-up: Keys.followupOf); null when none. */
	public CaseRecord findActive(String activeKey) {
		return mapper.findActive(activeKey);
	}

	public CaseRecord find(String businessKey) {
		return mapper.findByBusinessKey(businessKey);
	}

	public CaseRecord findByProcessInstance(String processInstanceId) {
		return mapper.findByProcessInstanceId(processInstanceId);
	}

	public void status(String processInstanceId, String status) {
		mapper.updateStatus(processInstanceId, status);
	}

	public void householdCategory(String processInstanceId, String category) {
		mapper.updateHouseholdCategory(processInstanceId, category);
	}

	public void ended(String processInstanceId, String status) {
		mapper.end(processInstanceId, status, ClockUtil.getCurrentTime());
	}

}
