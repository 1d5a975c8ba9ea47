// The auditor's page: login required, search by ID number, the case's trail with the diagram highlighted, Excel export,
// on a paid charity case of its own (made through the API); then the diagram of every case the other tests of the run
// finished, when they ran before it (the pictures of the README).
import fs from 'node:fs';
import { portal, screenshot, assert, BASE, paidCharityCase } from '../lib.mjs';

export const name = 'audit';

async function openCase(page, businessKey) {
  await page.goto(`${BASE}/portal/audit.html?businessKey=${encodeURIComponent(businessKey)}`);
  await page.locator('#case-title', { hasText: businessKey }).waitFor();
  await page.locator('#diagram[data-highlighted]').waitFor();
}

export async function run(ctx) {
  const own = await paidCharityCase('孙');
  const cases = [['charityCase', own]].concat(['chronicCase', 'referralCase', 'followupCase']
    .filter((k) => ctx[k]).map((k) => [k, ctx[k]]));

  // anonymous, the page sends to the login page; a wrong password is refused there, the right one opens the page
  const page = await portal('auditor', '/portal/audit.html', { wrongPassword: 'not-the-password' });
  assert(page.loginRefusal.includes('用户名或密码错误'), 'a wrong password shows 用户名或密码错误, got ' + page.loginRefusal);

  // search by ID number, once the page has listed the cases: exactly the charity case, with its status
  await page.locator('#count', { hasText: '共' }).waitFor();
  await page.fill('#idNumber', own.id);
  await page.click('#search button[type=submit]');
  await page.locator('#count', { hasText: '共 1 件' }).waitFor();
  const row = page.locator('#results tr', { hasText: own.caseNo });
  assert(await page.locator('#results tr').count() === 1 && await row.count() === 1, 'the ID number finds the one case');
  assert((await row.innerText()).includes('已支付'), 'the row shows the status 已支付, got ' + await row.innerText());
  assert((await row.innerText()).includes('东湖镇') && (await row.innerText()).includes('桃园村'),
    'the row names the township and the village, got ' + await row.innerText());
  await row.click();
  await page.locator('#diagram[data-highlighted]').waitFor();
  const chain = await page.locator('#chain').innerText();
  assert(chain.includes('留痕校验通过'), 'the audit chain verifies on the page, got ' + chain);
  const timeline = await page.locator('#timeline').innerText();
  for (const expected of ['乡镇民政办核实', '慈善总会审批', '登记支付', '办理人：', '核准金额：3600.00', '审批意见', '同意救助']) {
    assert(timeline.includes(expected), `the timeline shows ${expected}`);
  }
  const highlighted = await page.locator('#diagram .highlight-done').count();
  assert(highlighted >= 5, `the diagram highlights the path taken (${highlighted} elements)`);
  await screenshot(page, name, 'auditor-case-charity');

  // the search result as Excel
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
  const file = await download.path();
  const head = fs.readFileSync(file).subarray(0, 2).toString();
  assert(head === 'PK' && download.suggestedFilename().endsWith('.xlsx'), 'the export is an Excel workbook, got ' + download.suggestedFilename());

  // every finished case's diagram, as the README shows them
  for (const [key, c] of cases) {
    await openCase(page, c.caseNo);
    await screenshot(page, name, `diagram-${key}`, page.locator('#diagram'));
  }
  // a case the trail cannot be shown for (unknown here; 410 once its history is removed after ten years) says why
  await page.goto(`${BASE}/portal/audit.html?businessKey=CC-1999-000001`);
  const refusal = await page.locator('#case-summary .error').innerText();
  assert(refusal.includes('未找到案件 CC-1999-000001'), 'the page says the case was not found, got ' + refusal);
  assert((await page.locator('#timeline li').count()) === 0, 'and shows no steps');
  await page.context().close();
  return `${cases.length} cases opened, chain verified, Excel exported, an unknown case explained`;
}
