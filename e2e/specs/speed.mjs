// How fast the pages people open are usable (SPEC's users on a county network): for each page, the time from the
// request to the moment its content is there to use (the list, the table, the trail), the first time in a fresh
// browser (nothing cached) and again (static assets cached). A measurement, printed and written to speed.json beside
// the screenshots; the check fails only when a page takes many times the 1.5 s the product aims for.
import fs from 'node:fs';
import path from 'node:path';
import { as, portal, assert, BASE, SHOTS, certifiedPatient } from '../lib.mjs';

export const name = 'speed';

const LIMIT_MS = 5000; // fails only far beyond the aim; the figures themselves are the result

async function timed(page, url, ready) {
  await page.goto('about:blank');
  const t0 = Date.now();
  await page.goto(BASE + url);
  await ready(page);
  return Date.now() - t0;
}

export async function run() {
  const { caseNo } = await certifiedPatient('郑');
  const pages = [
    ['doctor-t01v01', 'Tasklist', '/camunda/app/tasklist/default/', (p) => p.locator('ol.tasks-list > li').or(p.getByText('没有符合过滤条件')).first().waitFor()],
    ['doctor-t01v01', 'welcome', '/camunda/app/welcome/default/', (p) => p.locator('a[href*="tasklist"]').first().waitFor()],
    ['doctor-t01v01', 'portal 我的申请', '/portal/index.html', (p) => p.locator('#mine-rows tr').first().waitFor()],
    ['auditor', 'trail', `/portal/audit.html?businessKey=${caseNo}`, (p) => p.locator('#diagram[data-highlighted]').waitFor()],
    ['auditor', 'Cockpit', '/camunda/app/cockpit/default/', (p) => p.locator('.dashboard, .processes-dashboard').first().waitFor()],
    ['sysadmin', 'Admin users', '/camunda/app/admin/default/#/users', (p) => p.locator('table tbody tr').first().waitFor()]
  ];
  const results = [];
  const sessions = {};
  for (const [user, label, url, ready] of pages) {
    if (!sessions[user]) {
      // a fresh browser per person, logged in through the portal (one login serves every web app)
      sessions[user] = await portal(user, '/portal/index.html');
      await sessions[user].context().clearCookies().catch(() => {});
      await sessions[user].context().close();
      sessions[user] = await portal(user, '/portal/index.html');
    }
    const page = await sessions[user].context().newPage();
    const first = await timed(page, url, ready);
    const again = await timed(page, url, ready);
    await page.close();
    results.push({ page: label, user, firstMs: first, cachedMs: again });
  }
  for (const s of Object.values(sessions)) await s.context().close();
  fs.mkdirSync(SHOTS, { recursive: true });
  fs.writeFileSync(path.join(SHOTS, 'speed.json'), JSON.stringify(results, null, 2));
  for (const r of results) {
    assert(r.cachedMs < LIMIT_MS, `${r.page} usable in ${r.cachedMs} ms (cached)`);
  }
  return results.map((r) => `${r.page} ${r.firstMs}/${r.cachedMs} ms`).join(', ');
}
