// The script of audit.html, kept apart from the page so that the portal's CSP allows scripts of this site only
// (script-src 'self'): an injected inline script does not run. Like the page, it needs a login.
import { api, header, esc, namer, fmtTime, fmtDuration } from '/portal/assets/portal.js';
await header('audit');
let page = 0;
const size = 20;
const data = await api('/api/reference-data');
document.getElementById('township').insertAdjacentHTML('beforeend',
  data.townships.map((t) => `<option value="${esc(t.code)}">${esc(t.name)}</option>`).join(''));
// townships, villages and hospitals by their names in the results, the code on hover
const place = namer(data.townships, data.villages, data.hospitals);

function params() {
  const p = new URLSearchParams();
  for (const id of ['businessKey', 'idNumber', 'name', 'process', 'status', 'township', 'from', 'to']) {
    const v = document.getElementById(id).value.trim();
    if (v) p.set(id, v);
  }
  return p;
}

let latest = 0;
async function search() {
  const mine = ++latest; // a slower, older answer must not replace a newer one
  const p = params();
  p.set('page', page);
  p.set('size', size);
  const results = document.getElementById('results');
  try {
    const r = await api('/api/cases?' + p);
    if (mine !== latest) return;
    document.getElementById('count').textContent = `共 ${r.total} 件`;
    document.getElementById('page').textContent = `第 ${page + 1} 页 / 共 ${Math.max(1, Math.ceil(r.total / size))} 页`;
    document.getElementById('prev').disabled = page === 0;
    document.getElementById('next').disabled = (page + 1) * size >= r.total;
    results.innerHTML = r.items.length ? '' : '<tr><td colspan="10" class="muted">没有符合条件的案件</td></tr>';
    for (const c of r.items) {
      const tr = document.createElement('tr');
      tr.className = 'clickable';
      tr.innerHTML = `<td>${esc(c.businessKey)}</td><td>${esc(c.processName)}</td><td>${esc(c.applicantName)}</td>
        <td>${esc(c.idNumber)}</td><td>${esc(c.statusName)}</td><td>${place(c.townshipCode)}</td><td>${place(c.villageCode)}</td>
        <td>${place(c.hospitalCode)}</td><td>${esc(fmtTime(c.startTime))}</td><td>${esc(fmtTime(c.endTime))}</td>`;
      tr.addEventListener('click', () => show(c.businessKey));
      results.appendChild(tr);
    }
  } catch (e) {
    results.innerHTML = `<tr><td colspan="10" class="error">${esc(e.message)}</td></tr>`;
  }
}

async function show(businessKey) {
  const section = document.getElementById('case');
  section.hidden = false;
  let t;
  try {
    t = await api(`/api/cases/${encodeURIComponent(businessKey)}/trail`);
  } catch (e) {
    // say why instead of keeping the last case on screen: e.g. 410, its history removed after the retention period
    document.getElementById('case-title').textContent = businessKey;
    document.getElementById('case-summary').innerHTML = `<span class="error">${esc(e.message)}</span>`;
    for (const id of ['chain', 'timeline', 'files', 'reminders', 'diagram']) document.getElementById(id).innerHTML = '';
    for (const id of ['print', 'trail-excel']) document.getElementById(id).removeAttribute('href');
    section.scrollIntoView();
    return;
  }
  document.getElementById('case-title').textContent = `${t.businessKey} · ${t.processName}（第 ${t.processVersion} 版）· ${t.statusName}`;
  const OUTCOMES = [['certificateNo', '慢性病证号'], ['referralNo', '转诊单号'], ['approvedAmount', '核准救助金额（元）'],
    ['voucherNo', '救助金支付凭证号']];
  document.getElementById('case-summary').innerHTML = `申请人：${esc(t.applicantName)}　身份证号：${esc(t.idNumber)}　发起：${esc(fmtTime(t.startTime))}　办结：${esc(fmtTime(t.endTime) || '—')}`
    + OUTCOMES.filter(([k]) => t.outcome && t.outcome[k]).map(([k, label]) => `　${label}：${esc(t.outcome[k])}`).join('')
    + '<span id="case-documents"></span>';
  // the case's documents (慢性病证, 转诊单, 救助审批表, 救助金发放通知): their print pages
  api(`/api/cases/${encodeURIComponent(t.businessKey)}/documents`).then((docs) => {
    const holder = document.getElementById('case-documents');
    if (holder && docs.length) {
      holder.innerHTML = '　文书：' + docs.map((d) => `<a href="${esc(d.printUrl)}" target="_blank">${esc(d.title)}</a>`).join('、');
    }
  }).catch(() => {});
  document.getElementById('chain').innerHTML = t.chainVerified
    ? `<span class="badge good">留痕校验通过</span> 共 ${t.chainLength} 条记录，未发现改动`
    : `<span class="badge bad">留痕校验未通过</span> 第 ${esc(t.chainBrokenAt)} 条记录在数据库中被改动或删除`;
  document.getElementById('print').href = `/portal/trail-print.html?businessKey=${encodeURIComponent(t.businessKey)}`;
  document.getElementById('trail-excel').href = `/api/cases/${encodeURIComponent(t.businessKey)}/trail.xlsx`;
  document.getElementById('timeline').innerHTML = t.steps.map((s) => `<li>
    <strong>${esc(s.name)}</strong> ${s.overdue ? '<span class="badge overdue">逾期</span>' : ''}
    <span class="muted">${esc(s.groupName || '')}</span><br>
    ${s.userName ? `办理人：<span title="${esc(s.userId)}">${esc(s.userName)}</span>　` : ''}${esc(fmtTime(s.startTime))} → ${esc(fmtTime(s.endTime) || '办理中')}
    ${s.durationMs !== null ? `（用时 ${esc(fmtDuration(s.durationMs))}）` : ''}${s.due ? `　期限 ${esc(fmtTime(s.due))}` : ''}
    ${s.decision ? `<br>结论：<strong>${esc(s.decisionLabel || s.decision)}</strong>` : ''}
    ${s.opinion ? `<br>意见：${esc(s.opinion)}` : ''}
    ${s.fields.length ? `<br><span class="muted">${s.fields.map((f) => `${esc(f.label)}：${esc(f.valueLabel === null || f.valueLabel === '' ? '—' : f.valueLabel)}`).join('；')}</span>` : ''}
  </li>`).join('');
  document.getElementById('files').innerHTML = t.attachments.length ? t.attachments.map((a) => `<tr>
    <td>${a.removedAt ? `<s>${esc(a.name)}</s>` : `<a href="/api/attachments/${encodeURIComponent(a.id)}/content" target="_blank" rel="noopener">${esc(a.name)}</a>`}</td>
    <td>${a.removedAt ? `已由 ${esc(a.removedByName || a.removedBy)} 于 ${esc(fmtTime(a.removedAt))} 删除` : esc(a.description)}</td><td>${esc(a.userName)}</td><td>${esc(fmtTime(a.time))}</td><td><code>${esc((a.sha256 || '').slice(0, 16))}…</code></td></tr>`).join('')
    : '<tr><td colspan="5" class="muted">无附件</td></tr>';
  document.getElementById('reminders').innerHTML = t.reminders.length
    ? t.reminders.map((r) => `<li>${esc(fmtTime(r.createdAt))} ${esc(r.taskName)} 逾期，已催办 ${esc(r.candidateGroup)}</li>`).join('')
    : '<li class="muted">无</li>';
  await diagram(t.businessKey);
  section.scrollIntoView();
}

let viewer;
async function diagram(businessKey) {
  const d = await api(`/api/cases/${encodeURIComponent(businessKey)}/diagram`);
  const container = document.getElementById('diagram');
  if (viewer) viewer.destroy();
  container.innerHTML = '';
  viewer = new BpmnJS({ container });
  await viewer.importXML(d.xml);
  const canvas = viewer.get('canvas');
  const registry = viewer.get('elementRegistry');
  for (const id of d.passed) if (registry.get(id)) canvas.addMarker(id, 'highlight-done');
  for (const id of d.active) if (registry.get(id)) canvas.addMarker(id, 'highlight-active');
  for (const id of d.flows) if (registry.get(id)) canvas.addMarker(id, 'highlight-flow');
  canvas.zoom('fit-viewport');
  container.setAttribute('data-highlighted', String(d.passed.length + d.active.length));
}

document.getElementById('search').addEventListener('submit', (e) => { e.preventDefault(); page = 0; search(); });
document.getElementById('prev').addEventListener('click', () => { page = Math.max(0, page - 1); search(); });
document.getElementById('next').addEventListener('click', () => { page++; search(); });
document.getElementById('export').addEventListener('click', () => { window.location.href = '/api/cases.xlsx?' + params(); });
const initial = new URLSearchParams(window.location.search).get('businessKey');
await search();
if (initial) show(initial);
