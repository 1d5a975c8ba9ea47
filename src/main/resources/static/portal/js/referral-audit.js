// The script of referral-audit.html, kept apart from the page so that the portal's CSP allows scripts of this site only
// (script-src 'self'): an injected inline script does not run. Like the page, it needs a login.
import { api, header, esc, namer, fmtTime } from '/portal/assets/portal.js';
await header('referral-audit');
// hospitals by name, the code on hover
const data = await api('/api/reference-data');
const hospital = namer(data.hospitals, data.destinationHospitals);
async function load() {
  const rows = document.getElementById('rows');
  try {
    const list = await api('/api/referrals/awaiting-audit');
    rows.innerHTML = list.length ? '' : '<tr><td colspan="11" class="muted">没有待审核的转诊</td></tr>';
    for (const r of list) {
      const overdue = r.due && new Date(r.due) < new Date();
      rows.insertAdjacentHTML('beforeend', `<tr>
        <td><input type="checkbox" class="pick" value="${esc(r.businessKey)}" aria-label="选择 ${esc(r.businessKey)}"></td>
        <td>${esc(r.businessKey)}</td><td>${esc(r.referralNo)}</td><td>${esc(r.patientName)}</td><td>${hospital(r.hospitalCode)}</td>
        <td>${hospital(r.destinationCode)}</td><td>${esc(r.diagnosis)}</td><td>${esc(r.reason)}</td>
        <td>${r.urgency === 'emergency' ? '<span class="badge bad">急诊</span>' : '普通'}</td>
        <td>${esc(r.headDecision === 'approve' ? '同意' : r.headDecision === 'reject' ? '不同意' : '')} ${esc(r.headOpinion)}</td>
        <td>${overdue ? '<span class="badge overdue">已逾期</span> ' : ''}${esc(fmtTime(r.due))}</td></tr>`);
    }
  } catch (e) {
    rows.innerHTML = `<tr><td colspan="11" class="error">${esc(e.message)}</td></tr>`;
  }
}
document.getElementById('all').addEventListener('change', (e) => {
  document.querySelectorAll('.pick').forEach((c) => { c.checked = e.target.checked; });
});
document.getElementById('audit').addEventListener('submit', async (e) => {
  e.preventDefault();
  const keys = [...document.querySelectorAll('.pick:checked')].map((c) => c.value);
  const results = document.getElementById('results');
  if (!keys.length) { results.innerHTML = '<li class="error">请先勾选要审核的转诊</li>'; return; }
  try {
    const outcome = document.querySelector('input[name=outcome]:checked').value;
    const r = await api('/api/referrals/audits', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ businessKeys: keys, outcome, opinion: document.getElementById('opinion').value }) });
    results.innerHTML = `<li>已审核 ${r.audited} 份，未改动 ${r.skipped} 份</li>` +
      r.results.map((x) => `<li class="${x.audited ? 'ok' : 'error'}">${esc(x.businessKey)}：${esc(x.message)}</li>`).join('');
    load();
  } catch (err) {
    results.innerHTML = `<li class="error">${esc(err.message)}</li>`;
  }
});
load();
