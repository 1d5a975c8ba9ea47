// The script of followup-report.html, kept apart from the page so that the portal's CSP allows scripts of this site only
// (script-src 'self'): an injected inline script does not run. Like the page, it needs a login.
import { api, header, esc } from '/portal/assets/portal.js';
await header('followup-report');
const yearInput = document.getElementById('year');
yearInput.value = new Date().getFullYear();
const chart = echarts.init(document.getElementById('chart'));
const pct = (a, b) => (b ? Math.round(a * 1000 / b) / 10 + '%' : '—');
async function load() {
  const message = document.getElementById('message');
  message.textContent = '';
  try {
    const r = await api('/api/followup-report?year=' + encodeURIComponent(yearInput.value));
    document.getElementById('rows').innerHTML = r.lines.length ? r.lines.map((l) => `<tr><td>${esc(l.townshipName)}</td>
      <td>${esc(l.villageName)}</td><td>${esc(l.diseaseGroupName)}</td><td>${l.due}</td><td>${l.onTime}</td><td>${l.late}</td>
      <td>${l.missed ? `<span class="badge bad">${l.missed}</span>` : 0}</td><td>${l.overdue ? `<span class="badge overdue">${l.overdue}</span>` : 0}</td>
      <td>${pct(l.onTime, l.due)}</td></tr>`).join('') : '<tr><td colspan="9" class="muted">该年没有随访</td></tr>';
    document.getElementById('four').innerHTML = r.fourVisitRule.length ? r.fourVisitRule.map((f) => `<tr><td>${esc(f.villageName)}</td>
      <td>${f.patients}</td><td>${f.meeting}</td><td>${pct(f.meeting, f.patients)}</td></tr>`).join('') : '<tr><td colspan="4" class="muted">无</td></tr>';
    const villages = [...new Set(r.lines.map((l) => l.villageName))];
    const sum = (v, k) => r.lines.filter((l) => l.villageName === v).reduce((a, l) => a + l[k], 0);
    chart.setOption({
      tooltip: { trigger: 'axis' }, legend: { top: 0 },
      xAxis: { type: 'category', data: villages }, yAxis: { type: 'value', minInterval: 1, name: '次' },
      series: [['onTime', '按时'], ['late', '逾期完成'], ['missed', '未随访'], ['overdue', '已逾期待办']]
        .map(([k, name]) => ({ name, type: 'bar', stack: 'visits', data: villages.map((v) => sum(v, k)) }))
    }, true);
  } catch (e) {
    message.textContent = e.message;
    message.className = 'error';
  }
}
document.getElementById('filter').addEventListener('submit', (e) => { e.preventDefault(); load(); });
document.getElementById('excel').addEventListener('click', () => { window.location.href = '/api/followup-report.xlsx?year=' + encodeURIComponent(yearInput.value); });
load();
