// Documents to print and hand over: the village doctor opens the 慢性病证 of a certified patient from 我的申请 (a print
// page with a link to its PDF), the PDF is a PDF with the number and the holder's name; the health commission finds
// the 转诊单 of the referral it audits in the task's 文书 tab in Tasklist. The cases are made through the API.
import { as, portal, screenshot, assert, api, postJson, doStep, openGroupTask, certifiedPatient, idNumber, personName,
  waitFor } from '../lib.mjs';

export const name = 'documents';

export async function run() {
  const { caseNo, person } = await certifiedPatient('冯');
  const docs = await waitFor(async () => {
    const r = await api('doctor-t01v01', `/api/cases/${caseNo}/documents`);
    return r.json && r.json.length ? r.json : null;
  }, 'the certificate of ' + caseNo);
  const certificate = docs.find((d) => d.kind === 'certificate');
  assert(certificate && /^MB-/.test(certificate.number), 'the certificate is listed, got ' + JSON.stringify(docs));

  // 我的申请: a link to the certificate's print page
  const doctor = await portal('doctor-t01v01', '/portal/index.html');
  const row = doctor.locator('#mine-rows tr', { hasText: caseNo });
  const link = row.locator('a.document-link', { hasText: '慢性病证' });
  await link.waitFor();
  const [print] = await Promise.all([doctor.context().waitForEvent('page'), link.click()]);
  await print.locator('#title', { hasText: '慢性病证' }).waitFor();
  const shown = await print.locator('main').innerText();
  assert(shown.includes(certificate.number) && shown.includes(person) && shown.includes('桃园村'),
    'the print page shows the number, the holder and the village, got ' + shown);
  assert(!/village-doctor|T01V01/.test(shown), 'no ids or codes on the certificate, got ' + shown);
  // the server runs in UTC (app.sh); the certificate's day is the county's
  const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).split('-').map(Number);
  assert(shown.includes(`${y}年${m}月${d}日`), `the certificate is dated ${y}年${m}月${d}日 (Asia/Shanghai), got ` + shown);
  await screenshot(print, name, 'certificate');
  const pdfHref = await print.locator('#pdf').getAttribute('href');
  const pdf = await print.evaluate(async (href) => {
    const r = await fetch(href, { credentials: 'same-origin' });
    const bytes = new Uint8Array(await r.arrayBuffer());
    return { status: r.status, type: r.headers.get('Content-Type'), head: String.fromCharCode(...bytes.slice(0, 5)), size: bytes.length };
  }, pdfHref);
  assert(pdf.status === 200 && pdf.type.startsWith('application/pdf') && pdf.head === '%PDF-',
    'the PDF downloads from the print page, got ' + JSON.stringify(pdf));
  await doctor.context().close();

  // a referral issued and waiting for the commission's audit: its 转诊单 in the task's 文书 tab
  const started = await postJson('hdoctor-h01', '/api/referrals', { patientName: personName('卫'), idNumber: idNumber(),
    householdCategory: 'registered-poor', hospitalCode: 'H01', diagnosis: '急性心肌梗死', reason: '本院不能开展介入治疗',
    destinationHospitalCode: 'P01', urgency: 'normal' });
  assert(started.status === 201, 'the referral starts, got ' + started.status + ' ' + started.text);
  const referral = started.json.businessKey;
  await doStep('hhead-h01', referral, 'Task_UnitHeadApproval', { headDecision: 'approve', headOpinion: '同意转诊' });
  const slip = await waitFor(async () => {
    const r = await api('commission', `/api/cases/${referral}/documents`);
    return r.json && r.json.length ? r.json[0] : null;
  }, 'the referral slip of ' + referral);
  const commission = await as('commission');
  await openGroupTask(commission, '县卫健委审核', referral);
  await commission.locator('a, li', { hasText: /^\s*文书\s*$/ }).first().click();
  const tab = commission.locator('.healthassist-documents');
  await tab.locator('li', { hasText: slip.number }).waitFor();
  const tabText = await tab.innerText();
  assert(tabText.includes('转诊单') && tabText.includes('打印') && tabText.includes('PDF'),
    'the 文书 tab offers the slip to print and as PDF, got ' + tabText);
  await screenshot(commission, name, 'tasklist-documents-tab');
  await commission.context().close();
  return `${certificate.number} printed from 我的申请, ${slip.number} in Tasklist's 文书 tab`;
}
