// The script of trail-print.html, kept apart from the page so that the portal's CSP allows scripts of this site only
// (script-src 'self'): an injected inline script does not run. Like the page, it needs a login.
import { api, esc, fmtTime } from '/portal/assets/portal.js';
document.getElementById('print').addEventListener('click', () => window.print());
const key = new URLSearchParams(window.location.search).get('businessKey');
const OUTCOMES = [['certificateNo', '慢性病证号'], ['referralNo', '转诊单号'], ['approvedAmount', '核准救助金额（元）'],
  ['voucherNo', '救助金支付凭证号']];
let t;
try {
  t = await api(`/api/cases/${encodeURIComponent(key)}/trail`);
} catch (e) {
  document.getElementById('title').textContent = `${key}：${e.message}`;
  throw e;
}
document.title = `${t.businessKey} 办理过程`;
document.getElementById('title').textContent = `${t.processName} · ${t.businessKey}`;
document.getElementById('info').innerHTML = [['申请人', t.applicantName], ['身份证号', t.idNumber], ['状态', t.statusName],
  ['流程版本', '第 ' + t.processVersion + ' 版'], ['发起时间', fmtTime(t.startTime)], ['办结时间', fmtTime(t.endTime)],
  ['留痕校验', t.chainVerified ? `通过（${t.chainLength} 条记录）` : `未通过：第 ${t.chainBrokenAt} 条记录被改动`],
  ...OUTCOMES.filter(([k]) => t.outcome && t.outcome[k]).map(([k, label]) => [label, t.outcome[k]])]
  .map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('');
document.getElementById('steps').innerHTML = t.steps.map((s, i) => `<tr><td>${i + 1}</td><td>${esc(s.name)}</td>
  <td>${esc(s.userName || '')}</td><td>${esc(fmtTime(s.startTime))}</td><td>${esc(fmtTime(s.endTime))}</td>
  <td>${esc(s.decisionLabel || s.decision || '')}</td><td>${esc(s.opinion || '')}</td>
  <td>${s.fields.map((f) => `${esc(f.label)}：${esc(f.valueLabel === null || f.valueLabel === '' ? '—' : f.valueLabel)}`).join('<br>')}</td></tr>`).join('');
document.getElementById('files').innerHTML = t.attachments.map((a) => `<li>${esc(a.name)}（${esc(a.userName)}，${esc(fmtTime(a.time))}${a.removedAt ? `；已由 ${esc(a.removedByName || a.removedBy)} 于 ${esc(fmtTime(a.removedAt))} 删除` : ''}）</li>`).join('') || '<li>无</li>';
const documents = await api(`/api/cases/${encodeURIComponent(key)}/documents`);
document.getElementById('documents').innerHTML = documents.map((d) => `<li>${esc(d.title)} ${esc(d.number)}（${esc(fmtTime(d.issuedAt))}）</li>`).join('') || '<li>无</li>';
document.getElementById('printed').textContent = '打印时间：' + fmtTime(new Date());
