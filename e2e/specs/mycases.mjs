// Following a case on the portal: the village doctor's 我的申请 shows where the case stands and who holds it (by name,
// never an id); the township reviewer's 已办 shows the case they did a step of; then the same on a phone, with a start
// in Tasklist. The case is made through the API.
import { portal, screenshot, assert, api, postJson, doStep, idNumber, personName, BASE } from '../lib.mjs';

export const name = 'my-cases';

export async function run() {
  const id = idNumber();
  const person = personName('周');
  const visit = new Date(Date.now() - 60 * 86400000).toISOString().slice(0, 10);
  await api('insurance', '/api/treatment-records', { method: 'POST', headers: { 'Content-Type': 'text/csv' },
    body: `idNumber,diseaseCode,hospitalName,visitDate\n${id},HTN,县人民医院,${visit}\n` });
  const started = await postJson('doctor-t01v01', '/api/chronic-certificate-applications', { applicantName: person,
    idNumber: id, villageCode: 'T01V01', householdCategory: 'registered-poor', diseaseCode: 'HTN', phone: '13912345678' });
  assert(started.status === 201, 'the application starts, got ' + started.status + ' ' + started.text);
  const caseNo = started.json.businessKey;

  // the doctor's 我的申请: the case waits at the township's review, held by 东湖镇卫生院
  const doctor = await portal('doctor-t01v01', '/portal/index.html');
  const row = doctor.locator('#mine-rows tr', { hasText: caseNo });
  await row.waitFor();
  const text = await row.innerText();
  assert(text.includes('乡镇卫生院审核') && text.includes('东湖镇卫生院'), 'the row shows the step and its unit, got ' + text);
  assert(!text.includes('township-health'), 'no group id is shown, got ' + text);
  await screenshot(doctor, name, 'my-applications');
  await doctor.context().close();

  // the township does its step; its 已办 lists the case, now at the county's approval
  await doStep('health-t01', caseNo, 'Task_TownshipReview', { townshipDecision: 'pass', townshipOpinion: '就诊记录属实' });
  const township = await portal('health-t01', '/portal/index.html');
  await township.click('#tab-handled');
  const done = township.locator('#mine-rows tr', { hasText: caseNo });
  await done.waitFor();
  const doneText = await done.innerText();
  assert(doneText.includes('县医保局审批'), 'the case is now at the county, got ' + doneText);
  await screenshot(township, name, 'handled');
  await township.context().close();

  // on a phone (390×844): 我的申请 and the follow-up report fit the screen, rows as cards naming their columns
  const phone = await portal('doctor-t01v01', '/portal/index.html', { viewport: { width: 390, height: 844 }, isMobile: true });
  const step = phone.locator('#mine-rows tr', { hasText: caseNo }).locator('td[data-label="当前环节"]');
  await step.waitFor();
  const stepText = await step.innerText();
  assert(stepText.includes('县医保局审批'), 'the card names its column 当前环节 on a phone, got ' + stepText);
  for (const pagePath of ['/portal/index.html', '/portal/followup-report.html']) {
    await phone.goto(BASE + pagePath);
    await phone.waitForLoadState('networkidle');
    const widths = await phone.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    assert(widths[0] <= widths[1], `${pagePath} fits a phone's width without sideways scrolling, got ${widths[0]} > ${widths[1]}`);
    const menu = await phone.evaluate(() => [...document.querySelectorAll('header nav a')].every((a) => a.getClientRects().length === 1));
    assert(menu, `${pagePath}: every menu item on one line`);
  }
  await screenshot(phone, name, 'phone-followup-report');
  // and the start of an application in Tasklist, by the same login: the menu (☰), 发起流程, a form as wide as the phone
  await phone.goto(BASE + '/camunda/app/tasklist/default/');
  await phone.locator('.navbar-toggle').first().click();
  await phone.getByText('发起流程').click();
  await phone.locator('.modal-body').getByText('慢性病证办理', { exact: true }).first().click();
  await phone.locator('.modal-body .fjs-container').waitFor();
  const startWidths = await phone.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert(startWidths[0] <= startWidths[1], `the start form fits the phone, got ${startWidths[0]} > ${startWidths[1]}`);
  await screenshot(phone, name, 'phone-start-form');
  await phone.context().close();
  return `${caseNo} followed in 我的申请 and 已办`;
}
