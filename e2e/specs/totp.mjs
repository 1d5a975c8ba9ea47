// Two factors for an administrator (等保 身份鉴别): a new security administrator, made by sysadmin and put in
// security-admin by secadmin (三员分立), logs in on the portal; changes the password an administrator set; enrols an
// authenticator on /portal/totp.html (the code computed here from the secret the page shows, RFC 6238); then, at the
// next login, nothing opens before the code: a wrong one is refused, the right one opens Admin.
import crypto from 'node:crypto';
import { launchContext, screenshot, assert, api, postJson, BASE } from '../lib.mjs';

export const name = 'totp';

function base32(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of text.replace(/[\s=]/g, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** The 6-digit code of a time step (30 s), HMAC-SHA1 as authenticator apps make it. */
function code(secret, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const h = crypto.createHmac('sha1', base32(secret)).update(counter).digest();
  const o = h[h.length - 1] & 0xf;
  return String((h.readUInt32BE(o) & 0x7fffffff) % 1000000).padStart(6, '0');
}

const stepNow = () => Math.floor(Date.now() / 30000);

async function login(page, user, password) {
  await page.goto(`${BASE}/portal/login.html?next=/portal/index.html`);
  await page.fill('#username', user);
  await page.fill('#password', password);
  await page.click('#login button[type=submit]');
}

export async function run() {
  const id = 'secadmin-' + Math.random().toString(36).slice(2, 7);
  const initial = 'Init-2026x!';
  const made = await postJson('sysadmin', '/engine-rest/user/create', { profile: { id, firstName: '吴', lastName: '安全',
    email: `${id}@example.org` }, credentials: { password: initial } });
  assert(made.status === 204, 'sysadmin makes the account, got ' + made.status + ' ' + made.text);
  const member = await api('secadmin', `/engine-rest/group/security-admin/members/${id}`, { method: 'PUT' });
  assert(member.status === 204, 'secadmin puts it in security-admin, got ' + member.status + ' ' + member.text);

  const page = await launchContext(id);
  await login(page, id, initial);
  // the password an administrator set is changed first
  await page.waitForURL(/\/portal\/password\.html/);
  await page.locator('body > header').waitFor();
  const own = 'Own-2026y!' + Math.random().toString(36).slice(2, 5);
  await page.fill('#currentPassword', initial);
  await page.fill('#newPassword', own);
  await page.fill('#repeat', own);
  await page.click('#change button[type=submit]');
  // then the authenticator: the page shows the secret (and a QR code), the code confirms it
  await page.waitForURL(/\/portal\/totp\.html/);
  await page.locator('#start').waitFor();
  await page.click('#start');
  await page.locator('#secret', { hasText: /\S/ }).waitFor();
  const secret = (await page.locator('#secret').innerText()).replace(/\s/g, '');
  assert(await page.locator('#qr').isVisible(), 'the page shows a QR code to scan');
  await screenshot(page, name, 'enrol');
  const enrolStep = stepNow();
  await page.fill('#confirm-code', code(secret, enrolStep));
  await page.click('#confirm-form button[type=submit]');
  await page.waitForURL((url) => !url.pathname.startsWith('/portal/totp.html'));
  const me = await page.evaluate(async () => (await fetch('/api/me', { headers: { Accept: 'application/json' } })).json());
  assert(!me.firstStep, 'after enrolling nothing more stands before the work, got ' + JSON.stringify(me.firstStep));

  // the next login: the code before anything else
  await page.goto(`${BASE}/portal/index.html`);
  await page.click('#logout');
  await page.waitForURL(/\/portal\/login\.html/);
  await login(page, id, own);
  await page.waitForURL(/\/portal\/totp\.html/);
  await page.locator('#verify-code').waitFor();
  const refused = await page.evaluate(async () => (await fetch('/camunda/api/admin/auth/user/default', { headers: { Accept: 'application/json' } })).status);
  const admin = await page.evaluate(async () => (await fetch('/camunda/api/engine/engine/default/authorization/count', { headers: { Accept: 'application/json' } })).status);
  assert(admin === 403, 'before the code, Admin\'s API is refused, got ' + admin + ' (auth ' + refused + ')');
  await page.fill('#verify-code', '000000' === code(secret, enrolStep + 1) ? '111111' : '000000');
  await page.click('#verify-form button[type=submit]');
  await page.locator('#verify-message', { hasText: /\S/ }).waitFor();
  await screenshot(page, name, 'wrong-code');
  await page.fill('#verify-code', code(secret, enrolStep + 1));
  await page.click('#verify-form button[type=submit]');
  await page.waitForURL((url) => !url.pathname.startsWith('/portal/totp.html'));
  const after = await page.evaluate(async () => (await fetch('/camunda/api/engine/engine/default/authorization/count', { headers: { Accept: 'application/json' } })).status);
  assert(after === 200, 'after the code, Admin\'s API answers, got ' + after);
  await page.context().close();
  return `${id}: password changed, authenticator enrolled, a wrong code refused, the right one opens Admin`;
}
