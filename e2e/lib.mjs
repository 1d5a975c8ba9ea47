// Shared helpers of the browser tests: Debian's Chromium through playwright-core, logins, Tasklist actions,
// and API calls (HTTP Basic) to check a case's state at the end.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';

export const BASE = process.env.E2E_BASE_URL || 'http://localhost:8080';
export const SHOTS = path.resolve(process.env.E2E_SCREENSHOTS || new URL('./screenshots', import.meta.url).pathname);
fs.mkdirSync(SHOTS, { recursive: true });

let browser;
export async function launch() {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--lang=zh-CN']
  });
  return browser;
}

/** On a failure: a screenshot of every page still open, to see what the person would have seen. */
export async function screenshotOpenPages(spec) {
  const files = [];
  for (const context of browser.contexts()) {
    for (const page of context.pages()) {
      files.push(await screenshot(page, spec, `FAILED-${page.user || 'page'}`));
      await context.close();
    }
  }
  return files;
}

/**
 * What the browser refused under the portal's Content-Security-Policy (an inline script, an event handler, a script
 * of another site): run.mjs fails the spec during which one was seen, since the page then does not work as it should.
 */
export const cspViolations = [];
function watchCsp(context, user) {
  context.on('console', (msg) => {
    const url = msg.page() ? msg.page().url() : '';
    if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text()) && new URL(url || BASE).pathname.startsWith('/portal/')) {
      cspViolations.push(`${user} on ${url}: ${msg.text()}`);
    }
  });
}

export async function close() {
  if (browser) await browser.close();
}

/** A fresh browser context for one person, not logged in yet (a spec that drives the login pages itself). */
export async function launchContext(user) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  watchCsp(context, user);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log(`  [page error as ${user}] ${e.message}`));
  page.user = user;
  return page;
}

/** A fresh browser session for one person, logged in to Tasklist. */
export async function as(user, password = 'demo') {
  const t0 = Date.now();
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  watchCsp(context, user);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log(`  [page error as ${user}] ${e.message}`));
  recordUnanswered(page);
  await page.goto(`${BASE}/camunda/app/tasklist/default/`);
  await login(page, user, password);
  page.user = user;
  if (process.env.E2E_VERBOSE) console.log(`    ${user} logged in in ${Date.now() - t0} ms`);
  return page;
}

/**
 * Waits for Tasklist's login form. Once in a CI run on MariaDB (staffwork, the second doctor's fresh browser) the form
 * did not appear within 30 s after the page had gone quiet; what the page showed instead was not recorded. Now the
 * page's address, its text and the requests that failed or were refused are printed, and the page is loaded once
 * more: a person would reload too, and the output says that it happened, so a repeat is seen rather than hidden.
 */
async function loginFormShown(page, user) {
  const shown = await page.getByPlaceholder('用户名').waitFor({ timeout: 20000 }).then(() => true, () => false);
  if (shown) return;
  const text = (await page.evaluate(() => document.body ? document.body.innerText : '').catch((e) => e.message)).slice(0, 400);
  console.log(`  [no login form for ${user} after 20 s] ${page.url()}\n    page text: ${JSON.stringify(text)}`
    + `\n    requests not answered or refused: ${JSON.stringify((page.unanswered || []).slice(-10))}; loading the page once more`);
  await page.reload();
  await page.waitForLoadState('networkidle');
  await page.getByPlaceholder('用户名').waitFor({ timeout: 30000 });
}

/** Keeps the page's requests that failed or were refused (page.unanswered), for the output of a step that went wrong. */
function recordUnanswered(page) {
  page.unanswered = [];
  page.on('requestfailed', (request) => page.unanswered.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText}`));
  page.on('response', (response) => { if (response.status() >= 400) page.unanswered.push(`${response.status()} ${response.url()}`); });
}

/** Logs in on Tasklist's login form, shown on the page, and waits for the task list. */
export async function login(page, user, password = 'demo') {
  // the login form can be drawn again while the web app finishes loading (its locale and plugins), and a field
  // filled just before that loses its text to the other field: wait for the page to settle, fill, and check
  await page.waitForLoadState('networkidle');
  await loginFormShown(page, user);
  for (let attempt = 1; ; attempt++) {
    await page.getByPlaceholder('用户名').fill(user);
    await page.getByPlaceholder('密码').fill(password);
    if (await page.getByPlaceholder('用户名').inputValue() === user
      && await page.getByPlaceholder('密码').inputValue() === password) break;
    if (attempt === 5) throw new Error(`the login form of Tasklist would not keep ${user}'s name and password`);
    await page.waitForTimeout(500);
  }
  await page.click('button[type=submit]');
  await page.getByText('我的待办').first().waitFor();
}

/**
 * A fresh browser session for one person on a portal page (the same session as the web apps). Anonymous, the page
 * sends to the login page; a wrong password first (wrongPassword) shows the login page's message, which is returned.
 */
export async function portal(user, pagePath, { password = 'demo', wrongPassword, viewport = { width: 1400, height: 1000 },
  isMobile = false } = {}) {
  const context = await browser.newContext({ viewport, isMobile, hasTouch: isMobile, locale: 'zh-CN', timezoneId: 'Asia/Shanghai',
    acceptDownloads: true });
  watchCsp(context, user);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log(`  [page error as ${user}] ${e.message}`));
  page.user = user;
  await page.goto(`${BASE}${pagePath}`);
  await page.waitForURL(/\/portal\/login\.html/);
  if (wrongPassword) {
    await page.fill('#username', user);
    await page.fill('#password', wrongPassword);
    await page.click('#login button[type=submit]');
    await page.locator('#message', { hasText: /\S/ }).waitFor();
    page.loginRefusal = await page.locator('#message').innerText();
  }
  // after a failed attempt Camunda refuses the account for a few seconds (3 s, doubling with each failure)
  for (let attempt = 0; ; attempt++) {
    if (wrongPassword) await page.waitForTimeout(3500);
    await page.fill('#username', user);
    await page.fill('#password', password);
    await page.click('#login button[type=submit]');
    const opened = await page.waitForURL((url) => url.pathname === pagePath.split('?')[0], { timeout: 5000 })
      .then(() => true, () => false);
    if (opened) return page;
    if (!wrongPassword || attempt === 3) throw new Error(`${user} could not log in to ${pagePath}`);
  }
}

let shot = 0;
export async function screenshot(page, spec, name, element) {
  shot += 1;
  const file = path.join(SHOTS, `${spec}-${String(shot).padStart(2, '0')}-${name}.png`);
  if (element) await element.screenshot({ path: file });
  else await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Closes the notifications Tasklist shows at the bottom right, which would cover its buttons. */
export async function dismissNotifications(page) {
  const buttons = page.locator('.notifications .alert button.close');
  for (let i = await buttons.count(); i > 0; i--) {
    const button = buttons.nth(i - 1);
    if (await button.isVisible()) await button.click({ timeout: 1000 }).catch(() => {});
  }
}

/** Opens the start form of a process from Tasklist's 发起流程 dialog. */
export async function startForm(page, processName) {
  await page.getByText('发起流程').click();
  await page.locator('.modal-body').getByText(processName, { exact: true }).first().click();
  await page.locator('.modal-body .fjs-container').waitFor();
}

/** Types into a form field and leaves it, as a person does (form-js validates a field when it is left). */
export async function fill(page, key, value) {
  const field = page.locator(`.fjs-container [id$="Field_${key}"]`);
  // form-js can re-render a field from its own state just after a validation error, dropping what was typed:
  // type again until the field keeps the value (a field that formats what is typed is left as it shows it)
  for (let attempt = 0; attempt < 3; attempt++) {
    await field.fill(String(value));
    await field.blur();
    await page.waitForTimeout(100);
    if (await field.inputValue() === String(value)) return;
  }
}

/** Enters a date (ISO, 2026-05-01) in a date field of Camunda Forms as a person types it: 2026/05/01, then Enter. */
export async function fillDate(page, key, isoDate) {
  const field = page.locator(`.fjs-container [id$="Field_${key}-date"]`);
  await field.fill(isoDate.replaceAll('-', '/'));
  await field.press('Enter');
  await field.blur();
}

export async function select(page, key, label) {
  await page.locator(`.fjs-container [id$="Field_${key}"]`).click();
  await page.locator('.fjs-dropdownlist-item', { hasText: label }).first().click();
}

export async function radio(page, label) {
  await page.locator('.fjs-container label', { hasText: label }).first().click();
}

export async function check(page, label) {
  await page.locator('.fjs-container label', { hasText: label }).first().click();
}

/**
 * Clicks 开始 in the start dialog. Returns 'invalid' when the form does not let the person start (开始 disabled, or
 * a field error after the click), otherwise 'sent' — the server's answer then shows as a notification.
 */
export async function submitStart(page) {
  await dismissNotifications(page);
  const button = page.locator('.modal-footer button', { hasText: '开始' });
  if (await button.isDisabled()) return 'invalid';
  await button.click();
  await page.waitForTimeout(300);
  return (await page.locator('.modal-body .fjs-form-field-error').first().isVisible()) ? 'invalid' : 'sent';
}

/** The text of the notifications Tasklist shows (success or error). */
export async function notification(page, expected) {
  const box = page.locator('.notifications .alert, [cam-notifications] .alert').filter({ hasText: expected }).first();
  await box.waitFor({ timeout: 15000 });
  return box.innerText();
}

/**
 * Opens a task of the user's groups by its name (and a text of its case, such as the applicant's name) and claims it;
 * `beforeOpen`, if given, runs once the task is in the list (a screenshot of the list, say).
 */
export async function openGroupTask(page, taskName, caseText, beforeOpen) {
  const t0 = Date.now();
  let opened = false;
  for (let attempt = 0; attempt < 30 && !opened; attempt++) {
    await page.getByText('本组待办').first().click();
    await page.waitForTimeout(500);
    const item = page.locator('ol.tasks-list > li').filter({ hasText: taskName }).filter({ hasText: caseText || '' });
    if (await item.count()) {
      if (beforeOpen) await beforeOpen();
      await item.first().locator('h4 a').first().click();
      opened = true;
    } else {
      await page.waitForTimeout(1000);
      await page.reload();
      await page.getByText('我的待办').first().waitFor();
    }
  }
  if (!opened) throw new Error(`${page.user} found no task ${taskName} (${caseText}) in 本组待办`);
  const claim = page.locator('button.claim');
  await claim.waitFor();
  await claim.click();
  // once claimed, the assignee's name replaces the button and the form can be filled
  await claim.waitFor({ state: 'detached' });
  await page.locator('.fjs-container').first().waitFor();
  if (process.env.E2E_VERBOSE) console.log(`    ${page.user} opened ${taskName} in ${Date.now() - t0} ms`);
}

/**
 * Clicks 完成 and waits for the outcome: 'completed' when Tasklist has closed the task, 'invalid' when the form
 * shows a field error (and was not sent); a refusal by the server fails with Tasklist's message.
 */
export async function completeTask(page) {
  await dismissNotifications(page);
  const button = page.locator('button', { hasText: /^\s*完成\s*$/ }).last();
  if (await button.isDisabled()) {
    assert(await page.locator('.fjs-form-field-error').first().isVisible(), '完成 is disabled though no field shows an error');
    return 'invalid';
  }
  await button.click();
  const end = Date.now() + 15000;
  while (Date.now() < end) {
    if (await page.locator('.fjs-form-field-error').first().isVisible()) return 'invalid';
    if (await page.locator('.no-task').first().isVisible()) return 'completed';
    const refused = page.locator('.notifications .alert-danger, .notifications .alert-error');
    if (await refused.first().isVisible()) {
      await page.waitForTimeout(300);
      if (await page.locator('.fjs-form-field-error').first().isVisible()) return 'invalid';
      throw new Error('Tasklist refused the completion: ' + (await refused.first().innerText()));
    }
    await page.waitForTimeout(200);
  }
  throw new Error('the task was neither completed nor refused within 15 s');
}

/** Calls the project's API or the engine REST API with HTTP Basic. */
export async function api(user, pathAndQuery, options = {}) {
  const headers = Object.assign({ Accept: 'application/json',
    Authorization: 'Basic ' + Buffer.from(`${user}:${options.password || 'demo'}`).toString('base64') }, options.headers || {});
  const response = await fetch(BASE + pathAndQuery, { method: options.method || 'GET', headers, body: options.body });
  const text = await response.text();
  let json = null;
  try { json = JSON.parse(text); } catch (e) { /* not JSON */ }
  return { status: response.status, json, text };
}

/** Sends a JSON body with api(). */
export async function postJson(user, pathAndQuery, body, password) {
  return api(user, pathAndQuery, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    password });
}

/**
 * Does a case's open step as a person would in Tasklist, through the engine REST API: waits for the task, claims it and
 * submits its form's fields. For a spec that needs a case in a later state without testing the earlier steps' pages.
 */
export async function doStep(user, caseNo, taskDefinitionKey, fields) {
  const task = await waitFor(async () => {
    const r = await api(user, `/engine-rest/task?processInstanceBusinessKey=${caseNo}&taskDefinitionKey=${taskDefinitionKey}`);
    return r.json && r.json.length ? r.json[0] : null;
  }, `${taskDefinitionKey} of ${caseNo} for ${user}`);
  const claimed = await postJson(user, `/engine-rest/task/${task.id}/claim`, { userId: user });
  assert(claimed.status === 204, `${user} claims ${taskDefinitionKey}, got ${claimed.status} ${claimed.text}`);
  const variables = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, { value: v }]));
  const sent = await postJson(user, `/engine-rest/task/${task.id}/submit-form`, { variables });
  assert(sent.status === 204, `${user} completes ${taskDefinitionKey}, got ${sent.status} ${sent.text}`);
}

/**
 * A chronic-disease certificate of its own, made through the API: a treatment record of the last months (so the case
 * needs no materials), the village doctor's application, the township's and the county's approval.
 */
export async function certifiedPatient(surname = '钱') {
  const id = idNumber();
  const person = personName(surname);
  const visit = new Date(Date.now() - 60 * 86400000).toISOString().slice(0, 10);
  const imported = await api('insurance', '/api/treatment-records', { method: 'POST', headers: { 'Content-Type': 'text/csv' },
    body: `idNumber,diseaseCode,hospitalName,visitDate\n${id},HTN,县人民医院,${visit}\n` });
  assert(imported.status === 200, 'the treatment record is imported, got ' + imported.status + ' ' + imported.text);
  const started = await postJson('doctor-t01v01', '/api/chronic-certificate-applications', { applicantName: person, idNumber: id,
    villageCode: 'T01V01', householdCategory: 'registered-poor', diseaseCode: 'HTN', phone: '13912345678' });
  assert(started.status === 201 || started.status === 200, 'the application starts, got ' + started.status + ' ' + started.text);
  const caseNo = started.json.businessKey;
  await doStep('health-t01', caseNo, 'Task_TownshipReview', { townshipDecision: 'pass', townshipOpinion: '就诊记录齐全，同意上报' });
  await doStep('insurance', caseNo, 'Task_CountyApproval', { countyDecision: 'approve', countyOpinion: '符合认定标准，同意发证' });
  return { id, caseNo, person };
}

/**
 * A paid charity grant of its own, made through the API: the worked example (remaining self-paid 6,000.00 → relief
 * 3,600.00 for a 建档立卡户), verified by the township, approved and paid by the federation. The application runs
 * with no public notice (healthassist.charity.notice-days=0).
 */
export async function paidCharityCase(surname = '孙') {
  const id = idNumber();
  const person = personName(surname);
  const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);
  const started = await postJson('committee-t01v01', '/api/charity-relief-applications', { applicantName: person, idNumber: id,
    villageCode: 'T01V01', householdCategory: 'registered-poor', hospitalName: '县人民医院', admissionDate: day(-30),
    dischargeDate: day(-16), totalCost: '31000', insuredCost: '30000', basicInsurancePaid: '15000',
    seriousIllnessInsurancePaid: '5000', medicalAssistancePaid: '4000', otherReliefPaid: '0' });
  assert(started.status === 201 || started.status === 200, 'the request starts, got ' + started.status + ' ' + started.text);
  const caseNo = started.json.businessKey;
  await doStep('civil-t01', caseNo, 'Task_CivilVerification', { householdCategory: 'registered-poor', verificationDecision: 'pass',
    verificationOpinion: '经入户核实，系建档立卡户' });
  await doStep('charity', caseNo, 'Task_FederationApproval', { federationDecision: 'approve', federationOpinion: '同意救助' });
  await doStep('charity', caseNo, 'Task_RecordPayment', { voucherNo: 'PZ-' + id.slice(-6), paymentDate: day(0) });
  return { id, caseNo, person };
}

/** The case's trail as the auditor reads it, once it satisfies done(trail): a step recorded, a status reached. */
export async function trailWhen(caseNo, done, what) {
  return waitFor(async () => {
    const r = await api('auditor', `/api/cases/${caseNo}/trail`);
    return r.json && done(r.json) ? r.json : null;
  }, what);
}

export async function waitFor(condition, what, timeoutMs = 30000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const value = await condition();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('timed out waiting for ' + what);
}

export function assert(condition, message) {
  if (!condition) throw new Error('assertion failed: ' + message);
}

/** A Chinese name no other run uses, so a test finds its own case in a shared task list. */
export function personName(surname = '赵') {
  const given = '建国秀英志强春梅海燕玉兰德华桂芳明亮淑珍永红丽娟振华文静';
  const pick = () => given[Math.floor(Math.random() * given.length)];
  return surname + pick() + pick();
}

/** A valid ID number (GB 11643 check character) that no other run uses. */
export function idNumber() {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const c = '10X98765432';
  const r = (n) => Math.floor(Math.random() * n);
  const body = `${340000 + r(9999)}${1950 + r(50)}${String(1 + r(12)).padStart(2, '0')}${String(1 + r(28)).padStart(2, '0')}${String(r(999)).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * w[i];
  return body + c[sum % 11];
}

export function wrongCheck(id) {
  return id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
}
