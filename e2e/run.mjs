// Runs the browser tests in order against a running application (E2E_BASE_URL, default http://localhost:8080).
// Usage: node run.mjs [spec ...]   — screenshots go to e2e/screenshots/ (E2E_SCREENSHOTS).
import { launch, close, screenshotOpenPages, cspViolations, BASE } from './lib.mjs';

const all = ['chronic', 'referral', 'charity', 'followup', 'audit', 'webapps', 'onelogin', 'mycases', 'staffwork', 'documents',
  'totp', 'speed'];
const chosen = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const specs = chosen.length ? chosen : all;
const ctx = {};
let failed = 0;
const started = Date.now();
await launch();
console.log(`Browser tests against ${BASE}`);
for (const s of specs) {
  const spec = await import(`./specs/${s}.mjs`);
  const t0 = Date.now();
  try {
    const result = await spec.run(ctx);
    if (cspViolations.length) throw new Error(`refused by the portal's CSP:\n    ${cspViolations.splice(0).join('\n    ')}`);
    console.log(`  ok   ${spec.name} (${((Date.now() - t0) / 1000).toFixed(1)} s): ${result}`);
  } catch (e) {
    cspViolations.length = 0;
    failed += 1;
    console.log(`  FAIL ${spec.name} (${((Date.now() - t0) / 1000).toFixed(1)} s): ${e.stack || e}`);
    for (const file of await screenshotOpenPages(spec.name)) console.log(`       screenshot: ${file}`);
  }
}
await close();
console.log(`${specs.length - failed} of ${specs.length} browser tests passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`browser: ${specs.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
