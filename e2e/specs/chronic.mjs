// 慢性病证办理 through Tasklist: doctor-t01v01 → health-t01 → insurance, with the mistakes people make.
import { as, startForm, fill, select, check, radio, submitStart, notification, openGroupTask, completeTask, screenshot, api, trailWhen,
  assert, idNumber, wrongCheck, personName } from '../lib.mjs';

export const name = 'chronic-certificate';

export async function run(ctx) {
  const id = idNumber();
  const person = personName('赵');
  // the village doctor starts the application; a wrong check digit is refused with the reason
  const doctor = await as('doctor-t01v01');
  await startForm(doctor, '慢性病证办理');
  await fill(doctor, 'applicantName', person);
  await fill(doctor, 'idNumber', wrongCheck(id));
  // the village is chosen by its name (the doctor's own, from the organisation data); the code is what is stored
  await select(doctor, 'villageCode', '东湖镇 桃园村');
  await select(doctor, 'householdCategory', '建档立卡户');
  await select(doctor, 'diseaseCode', '高血压');
  await fill(doctor, 'phone', '1380000');
  assert(await submitStart(doctor) === 'invalid', 'a malformed phone number stops the start');
  const phoneError = await doctor.locator('.fjs-form-field-error').first().innerText();
  assert(phoneError.includes('格式不正确'), 'a malformed phone number shows 格式不正确, got ' + phoneError);
  await screenshot(doctor, name, 'start-form-error');
  await fill(doctor, 'phone', '13800002222');
  assert(await submitStart(doctor) === 'sent', 'the corrected form is sent');
  const refused = await notification(doctor, '身份证号码校验位不正确');
  assert(refused.includes('流程未能发起'), 'the refusal says the process was not started');
  await screenshot(doctor, name, 'start-refused');
  await fill(doctor, 'idNumber', id);
  await submitStart(doctor);
  await notification(doctor, '已发起');
  const search = await api('doctor-t01v01', `/api/cases?idNumber=${id}`);
  const caseNo = search.json.items[0].businessKey;
  assert(search.json.items[0].villageCode === 'T01V01', 'the village chosen by name is stored as its code');
  ctx.chronicCase = { id, caseNo, person };

  // no treatment records: the doctor collects the materials, uploads them in the 附件 tab
  await openGroupTask(doctor, '收集申请材料', person);
  await doctor.locator('a, li', { hasText: /^\s*附件\s*$/ }).first().click();
  // a wrong file first: its uploader removes it while the step is open, and it stays listed as removed
  await doctor.locator('.healthassist-attachments input[type=file]').setInputFiles({
    name: '传错的文件.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%wrong\n%%EOF\n') });
  await doctor.click('.healthassist-attachments button[type=submit]');
  await doctor.locator('.healthassist-attachments', { hasText: '已上传' }).waitFor();
  await doctor.click('.healthassist-attachments button[aria-label="删除 传错的文件.pdf"]');
  await doctor.locator('.healthassist-attachments button', { hasText: '确认删除' }).click();
  await doctor.locator('.healthassist-attachments', { hasText: '已删除：传错的文件.pdf' }).waitFor();
  await doctor.locator('.healthassist-attachments s', { hasText: '传错的文件.pdf' }).waitFor();
  await doctor.locator('.healthassist-attachments input[type=file]').setInputFiles({
    name: '诊断证明书.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%诊断证明\n%%EOF\n') });
  await doctor.fill('.healthassist-attachments input[name=description]', '县人民医院诊断证明书');
  await doctor.click('.healthassist-attachments button[type=submit]');
  await doctor.locator('.healthassist-attachments', { hasText: '已上传' }).waitFor();
  await screenshot(doctor, name, 'attachments-tab');
  await doctor.locator('a, li', { hasText: /^\s*表单\s*$/ }).first().click();
  await check(doctor, '诊断证明书');
  await check(doctor, '门诊或住院病历');
  await screenshot(doctor, name, 'collect-materials-form');
  assert(await completeTask(doctor) === 'completed', 'the doctor completes 收集申请材料');
  await doctor.context().close();

  // the township health centre: an empty opinion is refused by the form, then passes
  const township = await as('health-t01');
  // found in 本组待办 by its case number, the list's 业务编号 column
  await openGroupTask(township, '乡镇卫生院审核', caseNo, () => screenshot(township, name, 'township-group-list'));
  // the materials the doctor ticked, by their names, not their codes
  const materials = await township.locator('.fjs-form-field-text', { hasText: '村医收集的材料' }).first().innerText();
  assert(materials.includes('诊断证明书') && materials.includes('门诊或住院病历') && !materials.includes('diagnosis'),
    'the township sees the collected materials by name, got ' + materials);
  // the engine keeps the ID number masked; the township's own form shows it in full (cases/FullValuesInForms)
  const shown = await township.locator('.fjs-container').first().innerText();
  assert(shown.includes(id), 'the township sees the full ID number in its form');
  await radio(township, '通过，报县医保局审批');
  assert(await completeTask(township) === 'invalid', 'the form is not sent without an opinion');
  const required = await township.locator('.fjs-form-field-error').first().innerText();
  assert(required.includes('此项为必填项'), 'a missing opinion shows 此项为必填项, got ' + required);
  await screenshot(township, name, 'township-review-required');
  await fill(township, 'townshipOpinion', '诊断证明和病历齐全，同意上报');
  await screenshot(township, name, 'township-review-form');
  assert(await completeTask(township) === 'completed', 'the township completes its review');
  await township.context().close();

  // the county insurance bureau approves; the certificate is issued
  const county = await as('insurance');
  await openGroupTask(county, '县医保局审批', person);
  await radio(county, '批准，发放慢性病证');
  await fill(county, 'countyOpinion', '同意发证');
  await screenshot(county, name, 'county-approval-form');
  assert(await completeTask(county) === 'completed', 'the county approves');
  await county.context().close();

  const trail = await trailWhen(caseNo, (t) => t.status === 'issued', 'the certificate to be issued');
  assert(trail.chainVerified, 'the audit chain verifies');
  assert(trail.steps.some((s) => s.name === '乡镇卫生院审核' && s.userId === 'health-t01' && s.opinion === '诊断证明和病历齐全，同意上报'),
    'the trail shows the township review');
  assert(trail.attachments.filter((a) => !a.removedAt).length === 1, 'the trail lists the attachment');
  assert(trail.attachments.some((a) => a.name === '传错的文件.pdf' && a.removedBy === 'doctor-t01v01'),
    'the trail lists the removed file as removed, by whom');
  return `${caseNo} issued`;
}
