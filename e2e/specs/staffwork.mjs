// Tasklist as staff live in it (tasklist/healthassist/staff-work.js): counts on every filter without a click, opening
// on the list with the person's work, a task of 本组待办 filled in and completed without 认领 (the second person gets a
// clear message), the search box by name, ID number and case number, no 新建任务, and a phone (390×844).
import { as, login, screenshot, assert, waitFor, api, postJson, idNumber, personName, completeTask, notification, BASE } from '../lib.mjs';

export const name = 'staffwork';

/** A chronic application of doctor-t02v02's village through the API, waiting in the doctors' 收集申请材料. */
async function application(surname) {
  const id = idNumber();
  const person = personName(surname);
  const started = await postJson('doctor-t02v02', '/api/chronic-certificate-applications', { applicantName: person, idNumber: id,
    villageCode: 'T02V02', householdCategory: 'registered-poor', diseaseCode: 'HTN', phone: '13912345678' });
  assert(started.status === 201, 'the application starts, got ' + started.status + ' ' + started.text);
  return { id, person, caseNo: started.json.businessKey };
}

/** Another village doctor of 柳河村, made through Admin's API as an administrator would (the demo has one a village). */
async function secondDoctor() {
  const id = 'doctor-t02v02-' + Math.random().toString(36).slice(2, 7);
  const password = 'Demo-2026x';
  const made = await postJson('admin', '/engine-rest/user/create', { profile: { id, firstName: '孙', lastName: '医生', email: `${id}@example.org` },
    credentials: { password } });
  assert(made.status === 204, 'the second doctor is made, got ' + made.status + ' ' + made.text);
  const member = await api('admin', `/engine-rest/group/village-doctor-T02V02/members/${id}`, { method: 'PUT' });
  assert(member.status === 204, 'the second doctor joins the village doctors, got ' + member.status + ' ' + member.text);
  // a password an administrator set is changed by its owner before anything else (等保: docs/security.md)
  const own = 'Own-2026y' + Math.random().toString(36).slice(2, 5);
  const changed = await postJson(id, '/api/me/password', { currentPassword: password, newPassword: own }, password);
  assert(changed.status === 204, 'the second doctor sets their own password, got ' + changed.status + ' ' + changed.text);
  return { id, password: own };
}

/** The counts the filters show, by filter name, once every filter shows one. */
async function shownCounts(page) {
  return waitFor(async () => {
    const counts = await page.evaluate(() => Array.from(document.querySelectorAll('.task-filters .task-filter')).map((item) => {
      const link = item.querySelector('h4.name a');
      const badge = link.querySelector('.healthassist-count');
      const label = Array.from(link.childNodes).filter((n) => n.nodeType === 3).map((n) => n.nodeValue).join('').trim();
      return [label, badge && getComputedStyle(badge).display !== 'none' ? badge.textContent : null];
    }));
    return counts.length >= 3 && counts.every(([, c]) => c !== null) ? Object.fromEntries(counts) : null;
  }, 'a count on every filter', 20000);
}

function activeFilter(page) {
  return page.locator('.task-filters .task-filter.active h4.name a').innerText();
}

async function openFromList(page, caseText) {
  const item = page.locator('ol.tasks-list > li').filter({ hasText: caseText });
  await item.first().waitFor({ timeout: 20000 });
  await item.first().locator('h4 a').first().click();
  await page.locator('.task-details h2.task').waitFor();
}

async function search(page, text) {
  await page.fill('.healthassist-search input', text);
  await page.click('.healthassist-search button[type=submit]');
  await page.waitForTimeout(1500);
  return page.locator('ol.tasks-list > li').allInnerTexts();
}

export async function run() {
  const first = await application('韩');
  const second = await application('韩');

  // a new doctor of 柳河村 has nothing claimed: Tasklist opens on 本组待办, every filter shows its count unclicked
  const me = await secondDoctor();
  const doctor = await as(me.id, me.password);
  const counts = await shownCounts(doctor);
  assert(Number(counts['我的待办']) === 0, '我的待办 shows 0, got ' + JSON.stringify(counts));
  assert(Number(counts['本组待办']) >= 2, '本组待办 shows its tasks unclicked, got ' + JSON.stringify(counts));
  assert('已逾期' in counts, '已逾期 shows a count too');
  await waitFor(async () => (await activeFilter(doctor)).includes('本组待办'), 'Tasklist to open on 本组待办', 15000);
  assert(await doctor.locator('.create-task-action').first().isVisible().catch(() => false) === false, 'no 新建任务');
  assert(!(await doctor.evaluate(() => document.body.innerText)).includes('新建任务'), 'no 新建任务 anywhere');

  // a card: case number, applicant, village by name, and the due date as a date
  const card = doctor.locator('ol.tasks-list > li').filter({ hasText: first.caseNo }).first();
  await card.waitFor();
  const cardText = await card.innerText();
  assert(cardText.includes(first.person) && cardText.includes('柳河村') && !cardText.includes('T02V02'),
    'the card shows the applicant and the village by name, got ' + cardText);
  // an ordinary step's priority (the engine's 50) is not shown as a bare number; a raised one reads 已逾期 or 已催办
  const priority = card.locator('.priority');
  assert(await priority.getAttribute('data-healthassist-priority') === '', 'an ordinary priority has no words');
  assert(await priority.evaluate((n) => getComputedStyle(n).fontSize) === '0px', 'the bare number is not shown');
  await screenshot(doctor, name, 'group-list-counts');

  // search by name, ID number and case number
  let found = await search(doctor, first.person);
  assert(found.length >= 1 && found.every((t) => t.includes(first.person)), `by name finds ${first.person}: ${found.length}`);
  found = await search(doctor, second.id);
  assert(found.length === 1 && found[0].includes(second.caseNo), 'by ID number finds exactly its case');
  found = await search(doctor, first.caseNo);
  assert(found.length === 1 && found[0].includes(first.person), 'by case number finds exactly its case');
  await screenshot(doctor, name, 'search-by-case-number');
  found = await search(doctor, '');
  assert(found.length >= 2, 'an emptied box lists all again');

  // two doctors open the same task of 本组待办; the first fills it in and completes it without 认领
  const other = await secondDoctor();
  const colleague = await as(other.id, other.password);
  await colleague.getByText('本组待办').first().click();
  await openFromList(colleague, first.caseNo);
  await openFromList(doctor, first.caseNo);
  await doctor.locator('.healthassist-claim-hint').waitFor();
  await screenshot(doctor, name, 'unclaimed-task-hint');
  // the first touch of the form (on Tasklist's cover over a form not claimed) claims the task
  await doctor.locator('.fjs-container label', { hasText: '诊断证明书' }).first().click({ force: true });
  await doctor.locator('.task-details button.claim').waitFor({ state: 'detached', timeout: 15000 });

  // the colleague, on the same task, starts editing a moment later: a clear Chinese message, no stack trace
  await colleague.locator('.fjs-container label', { hasText: '诊断证明书' }).first().click({ force: true });
  const message = await notification(colleague, /他人|已由/);
  assert(/刷新/.test(message) && !/Exception|at org\./.test(message), 'the second person is told to refresh, got ' + message);
  await screenshot(colleague, name, 'second-person-message');
  await colleague.context().close();

  await doctor.locator('a, li', { hasText: /^\s*附件\s*$/ }).first().click();
  await doctor.locator('.healthassist-attachments input[type=file]').setInputFiles({
    name: '诊断证明书.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%诊断证明\n%%EOF\n') });
  await doctor.click('.healthassist-attachments button[type=submit]');
  await doctor.locator('.healthassist-attachments', { hasText: '已上传' }).waitFor();
  await doctor.locator('a, li', { hasText: /^\s*表单\s*$/ }).first().click();
  await doctor.locator('.fjs-container label', { hasText: '诊断证明书' }).first().click();
  await doctor.locator('.fjs-container label', { hasText: '门诊或住院病历' }).first().click();
  assert(await completeTask(doctor) === 'completed', 'the doctor completes 收集申请材料 without clicking 认领');

  // http://host/ leads staff to their work, Tasklist
  await doctor.goto(`${BASE}/`);
  await doctor.waitForURL(/\/camunda\/app\/tasklist\//);
  const browser = doctor.context().browser();
  await doctor.context().close();

  // a phone: the task opens in place of the list, nothing wider than the screen
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true,
    locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const phone = await context.newPage();
  phone.user = me.id + ' (phone)';
  await phone.goto(`${BASE}/camunda/app/tasklist/default/`);
  await login(phone, me.id, me.password);
  await waitFor(async () => (await activeFilter(phone)).includes('本组待办'), 'the phone opens on 本组待办', 15000);
  const item = phone.locator('ol.tasks-list > li').filter({ hasText: second.caseNo }).first();
  await item.waitFor({ timeout: 20000 });
  await item.locator('h4 a').first().tap();
  const title = phone.locator('.task-details h2.task');
  await title.waitFor();
  const top = await title.evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
  assert(top < 844, 'the task is on the first screen, its title at ' + top);
  const wide = await phone.evaluate(() => document.documentElement.scrollWidth);
  assert(wide <= 390, 'no sideways scrolling, page width ' + wide);
  await screenshot(phone, name, 'phone-task');
  await phone.locator('.healthassist-back').click();
  await phone.locator('ol.tasks-list > li').first().waitFor();
  assert(await phone.evaluate(() => document.documentElement.scrollWidth) <= 390, 'the list has no sideways scrolling either');
  await screenshot(phone, name, 'phone-list');
  await context.close();
  return `counts ${JSON.stringify(counts)}, opened on 本组待办; ${first.caseNo} completed without 认领, the colleague told to refresh; search by name, ID, case number; phone view`;
}
