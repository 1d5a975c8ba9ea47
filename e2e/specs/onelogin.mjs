// One login, every door: a person who logged in through Tasklist changes things on the portal (撤回) without
// logging in again there; the CSRF token of their session reaches the portal through /api/me. And one account's
// fourth login ends its oldest session, whose browser is told why on the login page.
import { as, assert, portal } from '../lib.mjs';

export const name = 'one-login';

export async function run() {
  const doctor = await as('doctor-t01v01');
  // Tasklist links to the portal, the portal to Tasklist
  await doctor.locator('#healthassist-portal').click();
  await doctor.waitForURL(/\/portal\/index\.html/);
  await doctor.waitForLoadState('networkidle');
  await doctor.locator('header nav a', { hasText: '任务列表' }).waitFor();
  const answer = await doctor.evaluate(async () => {
    const { api } = await import('/portal/assets/portal.js');
    try {
      await api('/api/chronic-certificate-applications/CC-2000-999999/withdraw', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ reason: '重复申请' }) });
      return 'accepted';
    } catch (e) {
      return String(e.message || e);
    }
  });
  assert(!answer.includes('CSRF'), 'the portal sends the session\'s CSRF token after a Tasklist login, got ' + answer);
  assert(answer.includes('未找到'), 'the withdrawal reaches the rules (an unknown case is not found), got ' + answer);
  await doctor.context().close();

  // a user no other spec logs in as in a browser: three more logins end the first browser's session; that browser's
  // next call to the API (a list refreshed) takes the person to the login page, which says why
  const oldest = await portal('hdoctor-h02', '/portal/index.html');
  for (let i = 0; i < 3; i++) {
    const other = await portal('hdoctor-h02', '/portal/index.html');
    await other.context().close();
  }
  let told = '';
  for (let i = 0; i < 20 && !told; i++) {
    await oldest.evaluate(async () => {
      const { api } = await import('/portal/assets/portal.js');
      await api('/api/my/cases?role=started');
    }).catch(() => null); // the 401 sends the page away
    const sent = await oldest.waitForURL(/login\.html\?.*ended=limit/, { timeout: 1500 }).then(() => true, () => false);
    if (sent) {
      await oldest.locator('#message').filter({ hasText: '本会话已结束' }).waitFor();
      told = await oldest.locator('#message').textContent();
    } // else: the oldest session is ended just after the fourth login's answer; ask again
  }
  assert(told.includes('又在别处登录'), 'the browser whose session ended is told why, got ' + JSON.stringify(told));
  // and logs in again on that page, back to where it was
  await oldest.fill('#username', 'hdoctor-h02');
  await oldest.fill('#password', 'demo');
  await oldest.click('#login button[type=submit]');
  await oldest.waitForURL((url) => url.pathname === '/portal/index.html');
  // ended once more, its first call a change (a withdrawal): told why all the same, not sent to a fresh session
  for (let i = 0; i < 3; i++) {
    const other = await portal('hdoctor-h02', '/portal/index.html');
    await other.context().close();
  }
  let again = false;
  for (let i = 0; i < 20 && !again; i++) {
    await oldest.evaluate(async () => {
      const { api } = await import('/portal/assets/portal.js');
      await api('/api/chronic-certificate-applications/CC-2000-999999/withdraw', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ reason: '重复申请' }) });
    }).catch(() => null);
    again = await oldest.waitForURL(/login\.html\?.*ended=limit/, { timeout: 1500 }).then(() => true, () => false);
  }
  assert(again, 'a change as the first call after the end is told why too, at ' + oldest.url());
  await oldest.context().close();
  return 'a Tasklist login serves the portal\'s changes; Tasklist and the portal link to each other; '
    + 'the oldest of four sessions ended, its browser told why and logged in again';
}
