package cn.healthassist.cases;

import cn.healthassist.config.HealthAssistProperties;
import cn.healthassist.web.Spreadsheet;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.EventBasedGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.healthassist.engine.SystemCalls;
import cn.healthassist.organisation.OrganisationMapper;
import cn.healthassist.security.CurrentUser;
import cn.healthassist.security.CurrentUsers;
import cn.healthassist.values.Messages;

/**
 * A case's trail (docs/product.md 4) as JSON and Excel, its diagram with the path taken, and a search result as Excel.
 */
@RestController
class CaseTrailController {

	static final MediaType XLSX = MediaType
		.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

	static final int MAX_EXPORT = 5000;

	/** The kinds of organisation unit a case names (township, village, hospital), by name in the search's workbook. */

	private final CaseTrailService trails;

	private final CaseSearchMapper search;

	private final HistoryService historyService;

	private final RepositoryService repositoryService;

	private final IdentityService identityService;

	private final OrganisationMapper organisation;

	private final HealthAssistProperties properties;

	CaseTrailController(CaseTrailService trails, CaseSearchMapper search, HistoryService historyService,
			RepositoryService repositoryService, IdentityService identityService, OrganisationMapper organisation,
			HealthAssistProperties properties) {
		this.trails = trails;
		this.search = search;
		this.historyService = historyService;
		this.repositoryService = repositoryService;
		this.identityService = identityService;
		this.organisation = organisation;
		this.properties = properties;
	}

	@GetMapping("/api/cases/{businessKey}/trail")
	CaseTrail trail(@PathVariable String businessKey) {
		return trails.trail(businessKey, CurrentUsers.require());
	}

	@GetMapping("/api/cases/{businessKey}/trail.xlsx")
	ResponseEntity<byte[]> trailExcel(@PathVariable String businessKey) {
		CaseTrail trail = trails.trail(businessKey, CurrentUsers.require());
		return Spreadsheet.download(CaseExcel.trail(trail, properties.getTimeZone()),
				Messages.get("cases.excel.trailFile", businessKey));
	}

	/** The flows taken into an activity instance, in order, from the activity instance at {@code from}. */
	record Taken(List<SequenceFlow> flows, int from) {
	}

	/**
	 * How the path came into the node at position {@code at}: the incoming flow whose source was reached last before it,
	 * or, where that source is a gateway the history does not record, the flows through it from the activity reached last
	 * before; null for the first activity.
	 */
	static Taken taken(FlowNode node, List<HistoricActivityInstance> instances, int at, Set<String> through) {
		Taken best = null;
		for (SequenceFlow incoming : node.getIncoming()) {
			FlowNode source = incoming.getSource();
			Taken candidate = null;
			for (int j = at - 1; j >= 0; j--) {
				if (instances.get(j).getActivityId().equals(source.getId())) {
					candidate = new Taken(List.of(incoming), j);
					break;
				}
			}
			if (candidate == null && source instanceof Gateway && !(source instanceof EventBasedGateway)
					&& through.add(source.getId())) {
				Taken before = taken(source, instances, at, through);
				through.remove(source.getId());
				if (before != null) {
					List<SequenceFlow> path = new ArrayList<>(before.flows());
					path.add(incoming);
					candidate = new Taken(path, before.from());
				}
			}
			if (candidate != null && (best == null || candidate.from() > best.from())) {
				best = candidate;
			}
		}
		return best;
	}

	/** The BPMN of the exact version the case ran on, and what to highlight. */
	record Diagram(String processDefinitionId, String xml, List<String> passed, List<String> active,
			List<String> flows) {
	}

	@GetMapping("/api/cases/{businessKey}/diagram")
	Diagram diagram(@PathVariable String businessKey) {
		CaseRecord c = trails.visibleCase(businessKey, CurrentUsers.require());
		return SystemCalls.run(identityService, () -> {
			HistoricProcessInstance hpi = trails.history(c);
			String xml;
			try (var in = repositoryService.getProcessModel(hpi.getProcessDefinitionId())) {
				xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			catch (java.io.IOException e) {
				throw new java.io.UncheckedIOException(e);
			}
			Set<String> passed = new LinkedHashSet<>();
			Set<String> active = new LinkedHashSet<>();
			List<HistoricActivityInstance> instances = historyService.createHistoricActivityInstanceQuery()
				.processInstanceId(c.processInstanceId())
				.orderPartiallyByOccurrence()
				.asc()
				.list();
			for (HistoricActivityInstance a : instances) {
				(a.getEndTime() == null ? active : passed).add(a.getActivityId());
			}
			// a flow was taken into an activity instance from the source that was last reached before it; the history
			// records no gateway (EngineHistory), so a flow may come through gateways from that source
			BpmnModelInstance model = repositoryService.getBpmnModelInstance(hpi.getProcessDefinitionId());
			Set<String> flows = new LinkedHashSet<>();
			for (int i = 0; i < instances.size(); i++) {
				if (model.getModelElementById(instances.get(i).getActivityId()) instanceof FlowNode node) {
					Taken taken = taken(node, instances, i, new HashSet<>());
					if (taken != null) {
						taken.flows().forEach(f -> flows.add(f.getId()));
						taken.flows().forEach(f -> {
							if (f.getSource() instanceof Gateway) {
								passed.add(f.getSource().getId());
							}
						});
					}
				}
			}
			return new Diagram(hpi.getProcessDefinitionId(), xml, List.copyOf(passed), List.copyOf(active), List.copyOf(flows));
		});
	}
	@GetMapping("/api/cases.xlsx")
	ResponseEntity<byte[]> searchExcel(@RequestParam(required = false) String idNumber,
			@RequestParam(required = false) String name, @RequestParam(required = false) String process,
			@RequestParam(required = false) String status, @RequestParam(required = false) String township,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String businessKey) {
		CurrentUser user = CurrentUsers.require();
		CaseQuery q = CaseSearchController.query(CaseScope.of(user), idNumber, name, process, status, township, from, to,
				false, 0, 1, businessKey);
		CaseQuery all = new CaseQuery(q.scope(), q.idNumber(), q.applicantName(), q.processKey(), q.status(),
				q.townshipCode(), q.from(), q.to(), false, 0, MAX_EXPORT, q.businessKey());
		List<CaseSearchController.CaseItem> items = search.search(all)
			.stream()
			.map(c -> CaseSearchController.item(c, all.scope()))
			.toList();
		// townships, villages and hospitals by name, with their code, as the organisation data has them now
		return Spreadsheet.download(CaseExcel.search(items, new PlaceNames(organisation).all(), properties.getTimeZone()),
				Messages.get("cases.excel.searchFile"));
	}

}
