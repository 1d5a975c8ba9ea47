// The script of referral-report.html, kept apart from the page so that the portal's CSP allows scripts of this site only
// (script-src 'self'): an injected inline script does not run. Like the page, it needs a login.
import { api, header, esc } from '/portal/assets/portal.js';
const me = await header('referral-report');
const now = new Date();
const ym = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
document.getElementById('to').value = ym(now);
document.getElementById('from').value = ym(new Date(now.getFullYear(), now.getMonth() - 11, 1));
document.getElementById('month').value = ym(now);
const chart = echarts.init(document.getElementById('chart'));

async function load() {
  const from = document.getElementById('from').value;
  const to = document.getElementById('to').value;
  const message = document.getElementById('message');
  message.textContent = '';
  try {
    const report = await api(`/api/referral-report?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
    const rows = document.getElementById('rows');
    rows.innerHTML = report.lines.length ? '' : '<tr><td colspan="12" class="muted">所选月份没有转诊</td></tr>';
    for (const l of report.lines) {
      const rate = l.inCountyRate === null ? '—' :
        `<span class="badge ${l.inCountyRate >= 90 ? 'good' : 'bad'}">${esc(l.inCountyRate)}%</span>`;
      rows.insertAdjacentHTML('beforeend', `<tr><td>${esc(l.hospitalName)}</td><td>${esc(l.month)}</td><td>${l.referrals}</td>
        <td>${l.approved}</td><td>${l.rejected}</td><td>${l.emergency}</td><td>${l.escalated}</td><td>${l.issued}</td>
        <td>${l.auditedCompliant}</td><td>${l.auditedNonCompliant}</td><td>${l.admissions === null ? '—' : l.admissions}</td><td>${rate}</td></tr>`);
    }
    const months = [...new Set(report.lines.map((l) => l.month))].sort();
    const hospitals = [...new Set(report.lines.map((l) => l.hospitalName))];
    const series = hospitals.map((h) => ({
      name: h + ' 转诊', type: 'bar', stack: 'referrals',
      data: months.map((m) => (report.lines.find((l) => l.month === m && l.hospitalName === h) || {}).referrals || 0)
    }));
    hospitals.forEach((h) => series.push({
      name: h + ' 县域内就诊率', type: 'line', yAxisIndex: 1, connectNulls: true,
      data: months.map((m) => { const l = report.lines.find((x) => x.month === m && x.hospitalName === h); return l ? l.inCountyRate : null; })
    }));
    chart.setOption({
      tooltip: { trigger: 'axis' }, legend: { top: 0 },
      xAxis: { type: 'category', data: months },
      yAxis: [{ type: 'value', name: '转诊申请（份）', minInterval: 1 }, { type: 'value', name: '就诊率（%）', min: 0, max: 100 }],
      series
    }, true);
  } catch (e) {
    message.textContent = e.message;
    message.className = 'error';
  }
}

document.getElementById('filter').addEventListener('submit', (e) => { e.preventDefault(); load(); });
document.getElementById('excel').addEventListener('click', () => {
  const from = document.getElementById('from').value;
  const to = document.getElementById('to').value;
  window.location.href = `/api/referral-report.xlsx?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
});

if (me.canBatchAudit || me.canUseAdmin) {
  document.getElementById('admissions').hidden = false;
  const data = await api('/api/reference-data');
  document.getElementById('hospital').innerHTML = data.hospitals.map((h) => `<option value="${esc(h.code)}">${esc(h.name)}</option>`).join('');
  document.getElementById('admissions-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const out = document.getElementById('admissions-message');
    try {
      await api('/api/referral-report/admissions', {
        method: 'PUT', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ hospitalCode: document.getElementById('hospital').value, month: document.getElementById('month').value,
          totalAdmissions: Number(document.getElementById('total').value) })
      });
      out.textContent = '已保存';
      out.className = 'ok';
      load();
    } catch (err) {
      out.textContent = err.message;
      out.className = 'error';
    }
  });
}
load();
