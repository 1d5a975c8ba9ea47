// 县外转诊 through Tasklist: hdoctor-h01 requests → hhead-h01 approves → commission audits, with the mistakes people make.
import { as, startForm, fill, select, radio, submitStart, notification, openGroupTask, completeTask, screenshot, api, trailWhen,
  waitFor, assert, idNumber, personName, portal, postJson, doStep } from '../lib.mjs';

export const name = 'county-referral';

export async function run(ctx) {
  const id = idNumber();
  const patient = personName('钱');

  // the treating doctor requests a referral; an ID number one digit short is caught by the form
  const doctor = await as('hdoctor-h01');
  await startForm(doctor, '县外转诊');
  await fill(doctor, 'patientName', patient);
  await fill(doctor, 'idNumber', id.slice(0, 17));
  await select(doctor, 'householdCategory', '低保人员');
  await fill(doctor, 'diagnosis', '急性心肌梗死后心功能不全');
  await fill(doctor, 'reason', '需冠状动脉介入治疗，县内无导管室');
  await select(doctor, 'destinationHospitalCode', '省立医院');
  await radio(doctor, '普通：单位负责人审批后转诊');
  assert(await submitStart(doctor) === 'invalid', 'a short ID number stops the start');
  const idError = await doctor.locator('.fjs-form-field-error').first().innerText();
  assert(idError.includes('格式不正确') && !idError.includes('Field must'), 'an ID number one digit short shows 格式不正确, got ' + idError);
  await screenshot(doctor, name, 'start-form-error');
  await fill(doctor, 'idNumber', id);
  await screenshot(doctor, name, 'start-form');
  assert(await submitStart(doctor) === 'sent', 'the corrected form is sent');
  await notification(doctor, '已发起');
  const search = await waitFor(async () => {
    const r = await api('hdoctor-h01', `/api/cases?idNumber=${id}`);
    return r.json && r.json.items && r.json.items.length ? r.json : null;
  }, 'the referral in the case search');
  const caseNo = search.items[0].businessKey;
  ctx.referralCase = { id, caseNo, person: patient };
  assert(/^RF-\d{4}-\d{6}$/.test(caseNo), 'the referral has a case number, got ' + caseNo);
  await doctor.context().close();

  // the head of 县人民医院: the opinion is required, then approves
  const head = await as('hhead-h01');
  await openGroupTask(head, '单位负责人审批', patient);
  await radio(head, '同意转诊');
  assert(await completeTask(head) === 'invalid', 'the approval is not sent without an opinion');
  const required = await head.locator('.fjs-form-field-error').first().innerText();
  assert(required.includes('此项为必填项'), 'a missing opinion shows 此项为必填项, got ' + required);
  await fill(head, 'headOpinion', '病情需要，同意转省立医院');
  await screenshot(head, name, 'head-approval-form');
  assert(await completeTask(head) === 'completed', 'the unit head approves');
  await head.context().close();

  // a head of another hospital does not see the task
  const otherHead = await api('hhead-h02', `/engine-rest/task?processInstanceBusinessKey=${caseNo}`);
  assert(otherHead.status === 200 && otherHead.json.length === 0, '县中医院 sees no task of 县人民医院');

  // the health commission's list for auditing many referrals at once names the hospitals
  const batch = await portal('commission', '/portal/referral-audit.html');
  const listed = batch.locator('#rows tr', { hasText: patient });
  await listed.waitFor();
  const listedText = await listed.innerText();
  assert(listedText.includes('县人民医院') && !listedText.includes('H01'), 'the batch list names the hospitals, got ' + listedText);
  await batch.context().close();

  // the health commission audits it as compliant
  const commission = await as('commission');
  await openGroupTask(commission, '县卫健委审核', patient);
  await commission.getByText('单位负责人意见').first().waitFor();
  assert(!(await commission.getByText('单位负责人补签时不同意').isVisible()), 'a referral its head approved shows no warning');
  await radio(commission, '合规');
  await fill(commission, 'auditOpinion', '转诊指征明确，手续齐全');
  await screenshot(commission, name, 'commission-audit-form');
  assert(await completeTask(commission) === 'completed', 'the commission audits');
  await commission.context().close();

  // an emergency referral is issued at once; when its head then refuses, the commission's audit form says so first
  const emergencyPatient = personName('周');
  const started = await postJson('hdoctor-h01', '/api/referrals', { patientName: emergencyPatient, idNumber: idNumber(),
    householdCategory: 'dibao', hospitalCode: 'H01', diagnosis: '主动脉夹层', reason: '需急诊大血管手术，县内无条件',
    destinationHospitalCode: 'P01', urgency: 'emergency' });
  assert(started.status === 201, 'the emergency referral starts, got ' + started.status + ' ' + started.text);
  await doStep('hhead-h01', started.json.businessKey, 'Task_ConfirmEmergencyReferral',
    { headDecision: 'reject', headOpinion: '本院可以诊治' });
  const reviewer = await as('commission');
  await openGroupTask(reviewer, '县卫健委审核', emergencyPatient);
  await reviewer.getByText('单位负责人补签时不同意').waitFor();
  await screenshot(reviewer, name, 'commission-audit-emergency-refused');
  await radio(reviewer, '不合规');
  await fill(reviewer, 'auditOpinion', '急诊指征不足，负责人补签不同意');
  assert(await completeTask(reviewer) === 'completed', 'the commission audits the refused emergency');
  await reviewer.context().close();

  const trail = await trailWhen(caseNo, (t) => t.status === 'audited-compliant', 'the referral to be audited as compliant');
  assert(trail.chainVerified, 'the audit chain verifies');
  const approval = trail.steps.find((s) => s.name === '单位负责人审批');
  assert(approval && approval.userId === 'hhead-h01' && approval.opinion === '病情需要，同意转省立医院',
    'the trail shows the unit head and the opinion');
  const referrals = await api('commission', `/api/cases?processKey=county-referral&idNumber=${id}`);
  assert(referrals.json.items[0].status === 'audited-compliant', 'the case search shows the outcome');
  // the number issued is in the case record, which the trail shows (Camunda keeps no variable history)
  assert(/^ZZ-C01-\d{4}-\d{6}$/.test(trail.outcome && trail.outcome.referralNo),
    'the referral number was issued, got ' + JSON.stringify(trail.outcome));

  // the referral report: the health commission sees 县人民医院's month with this referral, enters the month's
  // admissions, and the in-county treatment rate appears (admissions ÷ (admissions + referrals issued))
  const report = await portal('commission', '/portal/referral-report.html');
  const row = report.locator('#rows tr', { hasText: '县人民医院' }).first();
  await row.waitFor();
  let cells = await row.locator('td').allInnerTexts();
  const [requested, approved, issued, compliant] = [cells[2], cells[3], cells[7], cells[8]].map(Number);
  assert(requested >= 1 && approved >= 1 && issued >= 1 && compliant >= 1,
    'the report counts the referral, its approval, its form and its audit, got ' + cells.join(' | '));
  await report.selectOption('#hospital', 'H01');
  await report.fill('#month', cells[1]);
  await report.fill('#total', '180');
  await report.click('#admissions-form button[type=submit]');
  await report.locator('#admissions-message', { hasText: '已保存' }).waitFor();
  await row.locator('td', { hasText: '180' }).waitFor();
  cells = await row.locator('td').allInnerTexts();
  const expected = Math.round(180 * 1000 / (180 + issued)) / 10;
  assert(Math.abs(parseFloat(cells[11]) - expected) <= 0.1, `the in-county rate is 180 ÷ (180 + ${issued}) ≈ ${expected}%, got ` + cells[11]);
  assert(await row.locator('.badge.good').count() === 1, 'a rate of 90% or more is shown as met');
  await report.context().close();
  return `${caseNo} (${trail.outcome.referralNo}) audited compliant, in-county rate ${cells[11]}`;
}
