// The script of document.html, kept apart from the page so that the portal's CSP allows scripts of this site only
// (script-src 'self'): an injected inline script does not run. Like the page, it needs a login.
import { api, esc, fmtTime } from '/portal/assets/portal.js';
const params = new URLSearchParams(window.location.search);
const key = params.get('businessKey') || '';
const kind = params.get('kind') || '';
const path = `/api/cases/${encodeURIComponent(key)}/documents/${encodeURIComponent(kind)}`;
document.getElementById('print').addEventListener('click', () => window.print());
document.getElementById('pdf').href = path + '.pdf';
const rows = (list) => list.map((r) => `<tr><th>${esc(r.label)}</th><td>${esc(r.value === null || r.value === '' ? '—' : r.value)}</td></tr>`).join('');
try {
  const d = await api(path);
  document.title = `${d.title} ${d.number}`;
  document.getElementById('title').textContent = d.title;
  document.getElementById('number').textContent = '编号：' + d.number;
  document.getElementById('rows').innerHTML = rows(d.rows);
  document.getElementById('signatures').innerHTML = rows(d.signatures);
  document.getElementById('note').textContent = d.note || '';
  document.getElementById('printed').textContent = `打印时间：${fmtTime(new Date())}。本文书由健康扶贫业务协同系统生成，可凭业务编号 ${d.businessKey} 在系统中核验。`;
} catch (e) {
  document.getElementById('title').textContent = e.message;
  document.getElementById('pdf').hidden = true;
}
