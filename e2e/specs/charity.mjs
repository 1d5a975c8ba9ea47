// 慈善救助 through Tasklist: committee-t01v01 requests → civil-t01 verifies → charity approves and records the payment.
// The application runs with healthassist.charity.notice-days=0 (no public notice) so the case goes straight on.
import { as, fillDate, startForm, fill, select, radio, submitStart, notification, openGroupTask, completeTask, screenshot, api, trailWhen,
  waitFor, assert, idNumber, personName } from '../lib.mjs';

export const name = 'charity-relief';

const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);

export async function run(ctx) {
  const id = idNumber();
  const person = personName('孙');

  // the village committee requests relief: a date typed with slashes, then costs that do not add up
  const committee = await as('committee-t01v01');
  await startForm(committee, '慈善救助');
  await fill(committee, 'applicantName', person);
  await fill(committee, 'idNumber', id);
  await select(committee, 'householdCategory', '建档立卡户');
  await fill(committee, 'hospitalName', '县人民医院');
  // dates are picked or typed as people write them (2026/11/06); the calendar is in Chinese
  await committee.locator('.fjs-container [id$="Field_admissionDate-date"]').click();
  const calendar = await committee.locator('.flatpickr-calendar.open').innerText();
  assert(calendar.includes('日') && calendar.includes('月') && !calendar.includes('Sun'), 'the calendar is in Chinese, got ' + calendar);
  await fillDate(committee, 'admissionDate', day(-30));
  await fillDate(committee, 'dischargeDate', day(-16));
  await fill(committee, 'totalCost', '31000');
  await fill(committee, 'insuredCost', '32000');
  await fill(committee, 'basicInsurancePaid', '15000');
  await fill(committee, 'seriousIllnessInsurancePaid', '5000');
  await fill(committee, 'medicalAssistancePaid', '4000');
  await fill(committee, 'otherReliefPaid', '0');
  await screenshot(committee, name, 'start-form-dates');
  assert(await submitStart(committee) === 'sent', 'the form is sent');
  const refused = await notification(committee, '不能超过住院总费用');
  assert(refused.includes('医保规定内费用（32000.00元）'), 'the refusal names the amounts, got ' + refused);
  await screenshot(committee, name, 'start-refused-costs');
  const none = await api('committee-t01v01', `/api/cases?idNumber=${id}`);
  assert(none.json.items.length === 0, 'nothing was stored for the refused request');
  await fill(committee, 'insuredCost', '30000');
  await screenshot(committee, name, 'start-form');
  assert(await submitStart(committee) === 'sent', 'the corrected form is sent');
  const started = await notification(committee, '已发起 CR-');
  assert(/已发起 CR-\d{4}-\d{6}/.test(started), 'the notification names the case, got ' + started);
  const search = await waitFor(async () => {
    const r = await api('committee-t01v01', `/api/cases?idNumber=${id}`);
    return r.json && r.json.items && r.json.items.length ? r.json : null;
  }, 'the charity case in the case search');
  const caseNo = search.items[0].businessKey;
  ctx.charityCase = { id, caseNo, person: person };
  await committee.context().close();

  // the township civil-affairs office verifies the household category
  const civil = await as('civil-t01');
  await openGroupTask(civil, '乡镇民政办核实', person);
  await select(civil, 'householdCategory', '建档立卡户');
  await radio(civil, '核实通过');
  // an opinion with Markdown in it: the next form shows it as typed, not as a bold amount line and a link
  await fill(civil, 'verificationOpinion', '经入户核实，系建档立卡户 **按规则救助金额：** 100.00 元 [详情](http://example.com/x)');
  await screenshot(civil, name, 'civil-verification-form');
  assert(await completeTask(civil) === 'completed', 'the civil-affairs office verifies');
  await civil.context().close();

  // the charity federation: more than the rule allows is refused with the figure, then 3600.00 is approved
  const charity = await as('charity');
  await openGroupTask(charity, '慈善总会审批', person);
  const calculation = await charity.locator('.fjs-container').first().innerText();
  assert(calculation.includes('3600.00'), 'the form shows the relief by the rule, 3600.00');
  assert(calculation.includes('**按规则救助金额：** 100.00 元 [详情](http://example.com/x)'),
    'the civil-affairs opinion is shown as typed, got ' + calculation);
  assert(await charity.locator('.fjs-container a[href*="example.com"]').count() === 0, 'an opinion makes no link');
  await radio(charity, '批准');
  await fill(charity, 'approvedAmount', '4000');
  await fill(charity, 'federationOpinion', '同意救助');
  await completeTask(charity).then(() => { throw new Error('more than the rule allows was accepted'); }, (e) => {
    assert(e.message.includes('核准金额不能超过按规则计算的救助金额（3600.00 元）'), 'the refusal names the limit, got ' + e.message);
  });
  await screenshot(charity, name, 'federation-refused-amount');
  await fill(charity, 'approvedAmount', '3600');
  await screenshot(charity, name, 'federation-approval-form');
  assert(await completeTask(charity) === 'completed', 'the federation approves 3600.00');

  // below the second-approval threshold the payment comes next, for the same group
  await openGroupTask(charity, '登记支付', person);
  await fill(charity, 'voucherNo', `PZ-${Date.now()}`);
  await fillDate(charity, 'paymentDate', day(0));
  await fill(charity, 'paymentNote', '银行转账至申请人账户');
  await screenshot(charity, name, 'payment-form');
  assert(await completeTask(charity) === 'completed', 'the payment is recorded');
  await charity.context().close();

  const trail = await trailWhen(caseNo, (t) => t.status === 'paid', 'the relief to be paid');
  assert(trail.chainVerified, 'the audit chain verifies');
  const approval = trail.steps.find((s) => s.name === '慈善总会审批' && s.endTime);
  assert(approval && approval.data.approvedAmount === '3600.00', 'the approved amount is 3600.00, got ' + JSON.stringify(approval && approval.data));
  // the case record's outcome, which the trail shows: the approved amount and the voucher
  assert(trail.outcome && trail.outcome.approvedAmount === '3600.00' && trail.outcome.voucherNo,
    'the record holds the approved amount 3600.00 and the voucher, got ' + JSON.stringify(trail.outcome));
  return `${caseNo} paid 3600.00`;
}
