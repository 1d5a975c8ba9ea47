// The script of index.html, kept apart from the page so that the portal's CSP allows scripts of this site only
// (script-src 'self'): an injected inline script does not run. Like the page, it needs a login.
import { api, header, esc, fmtTime } from '/portal/assets/portal.js';
const me = await header('index');
const tiles = [];
if (me.canUseTasklist) tiles.push(['/camunda/app/tasklist/default/', '任务列表', '办理待办任务、发起申请']);
if (me.canAudit) tiles.push(['/portal/audit.html', '案件查询与审计', '按身份证号、姓名、状态查询案件，查看全过程留痕']);
else if (me.canSearchCases) tiles.push(['/portal/audit.html', '案件查询', '按业务编号、身份证号、姓名查询本辖区的案件，查看办理过程']);
if (me.canSeeReferralReport) tiles.push(['/portal/referral-report.html', '县外转诊统计', '按医院和月份统计转诊、审批、审核与县域内就诊率']);
if (me.canBatchAudit) tiles.push(['/portal/referral-audit.html', '转诊批量审核', '县卫健委一次审核多份转诊']);
if (me.canSeeFollowupReport) tiles.push(['/portal/followup-report.html', '慢病随访统计', '按乡镇和村统计随访完成情况']);
if (me.canUseCockpit) tiles.push(['/camunda/app/cockpit/default/', '流程监控（Cockpit）', '运行中的流程实例']);
if (me.canUseAdmin) tiles.push(['/camunda/app/admin/default/', '系统管理', '用户、组与授权']);
// anyone may add an authenticator app to the password (administrators must: the gate leads them there)
tiles.push(['/portal/totp.html', '两步验证（可选）', '登录时在密码之后再输入手机身份验证器的验证码']);
document.getElementById('tiles').innerHTML = tiles.map(([href, label, note]) =>
  `<a href="${href}">${esc(label)}<small>${esc(note)}</small></a>`).join('');
const message = (text) => { document.getElementById('mine-message').textContent = text; };
const outcomeText = (o) => !o ? '' : o.certificateNo ? '证号 ' + o.certificateNo : o.referralNo ? '转诊单 ' + o.referralNo
  : o.approvedAmount ? '核准 ' + o.approvedAmount + ' 元' : '';
const stepText = (s) => !s ? '已办结' : s.name + (s.assigneeName || s.unitName ? `（${s.assigneeName || s.unitName}）` : '') +
  (s.due ? `，期限 ${fmtTime(s.due)}` : '') + (s.due && new Date(s.due) < new Date() ? '，已逾期' : '');
function action(label, run) {
  const button = document.createElement('button');
  button.className = 'secondary';
  button.textContent = label;
  button.addEventListener('click', async () => {
    try { message(await run()); } catch (e) { message(e.message); }
  });
  return button;
}
async function show(role) {
  for (const r of ['started', 'handled']) {
    document.getElementById('tab-' + r).setAttribute('aria-selected', String(r === role));
  }
  const page = await api(`/api/my/cases?role=${role}&size=50`);
  const rows = document.getElementById('mine-rows');
  rows.innerHTML = page.items.length ? '' : `<tr><td colspan="7" class="muted">${role === 'started' ? '没有您发起的申请' : '没有您办理过的案件'}</td></tr>`;
  for (const c of page.items) {
    const tr = document.createElement('tr');
    tr.innerHTML = `<td>${esc(c.businessKey)}</td><td>${esc(c.processName)}</td><td>${esc(c.applicantName)}</td>
      <td>${esc(c.statusText)}</td><td>${esc(stepText(c.currentStep))}</td><td>${esc(outcomeText(c.outcome))}</td><td></td>`;
    const cell = tr.lastElementChild;
    const step = c.currentStep;
    if (role === 'started' && step && step.due && new Date(step.due) < new Date()) {
      cell.appendChild(action('催办', async () => {
        const sent = await api(`/api/cases/${encodeURIComponent(c.businessKey)}/reminders`, { method: 'POST' });
        return `已催办 ${c.businessKey}：${sent.taskName}（${sent.holder}）`;
      }));
    }
    if (c.outcome) {
      // the case's documents (慢性病证, 转诊单, 救助审批表, 救助金发放通知): print page and PDF
      api(`/api/cases/${encodeURIComponent(c.businessKey)}/documents`).then((docs) => {
        for (const d of docs) {
          const link = document.createElement('a');
          link.href = d.printUrl;
          link.target = '_blank';
          link.textContent = d.title;
          link.title = `${d.title} ${d.number}（可打印，页面上可下载 PDF）`;
          link.className = 'document-link';
          cell.appendChild(link);
        }
      }).catch(() => {});
    }
    // 公示异议: a charity case waiting for its public notice (no task) takes an objection heard in the village; the
    // server checks that the notice runs and that the person is of the case's village, township or the federation
    if (step && step.stepKey === 'Event_NoticePeriodOver' && c.processKey === 'charity-relief') {
      cell.appendChild(action('登记异议', async () => {
        const reason = window.prompt('请填写公示期间收到的异议（内容、提出人）；登记后案件退回乡镇民政办重新核实');
        if (!reason) return '';
        await api(`/api/charity-relief-applications/${encodeURIComponent(c.businessKey)}/objections`, {
          method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ reason }) });
        show(role);
        return `已登记 ${c.businessKey} 的公示异议，案件退回乡镇民政办核实`;
      }));
    }
    // 撤回 while the materials are collected or the township has not claimed its review (the server checks it again)
    if (role === 'started' && step && c.processKey === 'chronic-certificate'
        && (step.stepKey === 'Task_CollectMaterials' || (step.stepKey === 'Task_TownshipReview' && !step.assigneeName))) {
      cell.appendChild(action('撤回', async () => {
        const reason = window.prompt('请填写撤回原因');
        if (!reason) return '';
        await api(`/api/chronic-certificate-applications/${encodeURIComponent(c.businessKey)}/withdraw`, {
          method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ reason }) });
        tr.remove();
        return c.businessKey + ' 已撤回';
      }));
    }
    rows.appendChild(tr);
  }
}
if (me.canUseTasklist || me.startsCases) {
  document.getElementById('mine').hidden = false;
  document.getElementById('tab-started').addEventListener('click', () => show('started'));
  document.getElementById('tab-handled').addEventListener('click', () => show('handled'));
  await show(me.startsCases ? 'started' : 'handled');
}
