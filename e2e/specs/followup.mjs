// 慢病随访 through Tasklist: a certificate of the spec's own (made through the API) starts a follow-up; the visit
// window opens (an administrator runs the timer job now instead of waiting a quarter); doctor-t01v01 records the visit,
// on a form whose certificate, ID number and disease come from the case record.
import { as, fill, radio, openGroupTask, completeTask, screenshot, api, trailWhen, waitFor, assert, portal,
  certifiedPatient } from '../lib.mjs';

export const name = 'chronic-followup';

export async function run(ctx) {
  const { id, person } = await certifiedPatient('钱');

  const followup = await waitFor(async () => {
    const r = await api('doctor-t01v01', `/api/cases?process=chronic-followup&idNumber=${id}`);
    return r.json && r.json.items && r.json.items.find((c) => c.businessKey.startsWith('FU-'));
  }, 'the follow-up to start with the certificate');
  const caseNo = followup.businessKey;
  ctx.followupCase = { id, caseNo, person };
  const instance = (await api('auditor', `/engine-rest/process-instance?businessKey=${caseNo}`)).json[0];

  // the first visit of a hypertension patient is due in a quarter; the window timer waits for it
  const definition = (await api('admin',
    `/engine-rest/job-definition?processDefinitionId=${instance.definitionId}&activityIdIn=Event_VisitWindowOpens`)).json[0];
  const timers = await api('admin', `/engine-rest/job?processInstanceId=${instance.id}&jobDefinitionId=${definition.id}`);
  assert(timers.json.length === 1, 'the follow-up waits on the visit window timer, got ' + timers.text);
  const windowTimer = timers.json[0];
  const dueIn = new Date(windowTimer.dueDate) - Date.now();
  assert(dueIn > 30 * 86400000, `the first visit window opens weeks from now (${Math.round(dueIn / 86400000)} days)`);
  const fired = await api('admin', `/engine-rest/job/${windowTimer.id}/execute`, { method: 'POST' });
  assert(fired.status === 204, 'the administrator runs the timer job now, got ' + fired.status + ' ' + fired.text);

  // the village doctor finds the visit, mistypes the blood pressure, corrects it
  const doctor = await as('doctor-t01v01');
  await openGroupTask(doctor, '高血压随访', person);
  // the form's text: the certificate, the ID number and the disease come from the case record, not the engine
  const heading = doctor.locator('.fjs-container').first();
  await waitFor(async () => /MB-[A-Z0-9]+-\d{4}-\d{6}/.test(await heading.innerText()), 'the certificate number in the form');
  const headingText = await heading.innerText();
  assert(headingText.includes(id) && headingText.includes('高血压') && headingText.includes('第 1 次随访'),
    'the visit form shows the full ID number, the disease and the visit, got ' + headingText);
  await fill(doctor, 'systolic', '1450');
  await fill(doctor, 'diastolic', '92');
  await radio(doctor, '规律服药');
  const tooHigh = await doctor.locator('.fjs-form-field-error').first().innerText();
  assert(tooHigh.includes('不能大于 260'), 'a systolic pressure of 1450 shows 不能大于 260, got ' + tooHigh);
  await screenshot(doctor, name, 'visit-form-error');
  assert(await completeTask(doctor) === 'invalid', 'the visit is not sent with an impossible blood pressure');
  await fill(doctor, 'systolic', '145');
  await fill(doctor, 'visitNote', '血压控制欠佳，嘱低盐饮食，两周后复测');
  await screenshot(doctor, name, 'visit-form');
  assert(await completeTask(doctor) === 'completed', 'the visit is recorded');
  await doctor.context().close();

  // the visit is in the trail, and the next one is planned a quarter after the first was due
  const trail = await trailWhen(caseNo, (t) => t.steps.some((s) => s.name === '高血压随访' && s.endTime), 'the visit in the trail');
  const visit = trail.steps.find((s) => s.name === '高血压随访' && s.endTime);
  assert(visit.userId === 'doctor-t01v01', 'the visit was recorded by doctor-t01v01');
  assert(Number(visit.data.systolic) === 145 && Number(visit.data.diastolic) === 92, 'the blood pressure 145/92 is stored, got '
    + JSON.stringify(visit.data));
  const next = await api('admin', `/engine-rest/job?processInstanceId=${instance.id}&jobDefinitionId=${definition.id}`);
  assert(next.json.length === 1 && next.json[0].id !== windowTimer.id, 'a new window timer waits for the next visit');
  const nextDue = next.json.map((j) => new Date(j.dueDate)).sort((a, b) => a - b)[0];
  assert(nextDue - new Date(windowTimer.dueDate) > 60 * 86400000, 'the next visit window opens about a quarter later');

  // the compliance report for the year the visit was due: 桃园村's hypertension visit done on time
  const year = new Date(visit.due).getFullYear();
  const report = await portal('commission', '/portal/followup-report.html');
  await report.locator('#rows tr').first().waitFor();
  await report.fill('#year', String(year));
  await report.click('#filter button[type=submit]');
  const row = report.locator('#rows tr', { hasText: '桃园村' }).filter({ hasText: '高血压' }).first();
  await row.waitFor();
  const cells = await row.locator('td').allInnerTexts();
  assert(Number(cells[3]) >= 1 && Number(cells[4]) >= 1, `the ${year} report counts the visit as due and done on time, got ` + cells.join(' | '));
  await report.context().close();
  return `${caseNo} visit recorded, next window ${nextDue.toISOString().slice(0, 10)}, in the ${year} report`;
}
