// Two nodes behind HAProxy (deploy/haproxy.cfg, started by e2e/run-cluster.sh): one node stops while people are
// logged in, and the case goes on on the other. E2E_BASE_URL is the load balancer; E2E_NODE_PIDS names the nodes'
// processes ("node-1:1234,node-2:5678"), so that the node of a logged-in person can be killed.
import { launch, close, as, login, api, openGroupTask, radio, fill, completeTask, trailWhen, waitFor, screenshot, screenshotOpenPages,
  assert, idNumber, personName, BASE } from './lib.mjs';

const name = 'cluster';
const pids = Object.fromEntries((process.env.E2E_NODE_PIDS || '').split(',').filter(Boolean).map((p) => p.split(':')));
assert(Object.keys(pids).length === 2, 'E2E_NODE_PIDS names two nodes, got ' + process.env.E2E_NODE_PIDS);

async function nodeOf(page) {
  const cookie = (await page.context().cookies()).find((c) => c.name === 'HA_NODE');
  assert(cookie, 'the load balancer set its HA_NODE cookie');
  return cookie.value;
}

async function run() {
  // a zero-material application, started through the API before anything stops
  const id = idNumber();
  const person = personName('钱');
  const visit = new Date(Date.now() - 30 * 86400000).toISOString().slice(0, 10);
  const imported = await api('insurance', '/api/treatment-records', { method: 'POST', headers: { 'Content-Type': 'text/csv' },
    body: `idNumber,diseaseCode,hospitalName,visitDate\n${id},HTN,县人民医院,${visit}\n` });
  assert(imported.status === 200 || imported.status === 201, 'the treatment record is imported, got ' + imported.status + ' ' + imported.text);
  const started = await api('doctor-t01v01', '/api/chronic-certificate-applications', { method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ applicantName: person, idNumber: id, villageCode: 'T01V01', householdCategory: 'registered-poor',
      diseaseCode: 'HTN', phone: '13800003333' }) });
  assert(started.status === 201, 'the application starts, got ' + started.status + ' ' + started.text);
  const caseNo = started.json.businessKey;

  // the township reviewer and the county approver log in to Tasklist; the load balancer puts them on different nodes
  const township = await as('health-t01');
  const gone = await nodeOf(township);
  let county;
  for (let attempt = 1; !county; attempt++) {
    const page = await as('insurance');
    if (await nodeOf(page) !== gone) county = page;
    else if (attempt === 6) throw new Error(`every session of insurance went to ${gone}`);
    else await page.context().close();
  }
  const survivor = await nodeOf(county);

  // the township reviewer's node stops at once (SIGKILL: no shutdown, its sessions are lost)
  process.kill(Number(pids[gone]), 'SIGKILL');
  await waitFor(async () => { try { process.kill(Number(pids[gone]), 0); return false; } catch (e) { return true; } }, `${gone} to stop`);

  // the township reviewer's next page comes from the other node: log in again there, and the task is waiting
  await township.reload();
  await township.getByPlaceholder('用户名').waitFor({ timeout: 20000 });
  await screenshot(township, name, 'login-again');
  await login(township, 'health-t01');
  assert(await nodeOf(township) === survivor, `health-t01 is now on ${survivor}, got ${await nodeOf(township)}`);
  await openGroupTask(township, '乡镇卫生院审核', caseNo);
  await radio(township, '通过，报县医保局审批');
  await fill(township, 'townshipOpinion', '节点切换后审核，同意上报');
  assert(await completeTask(township) === 'completed', 'the township completes its review on the other node');

  // the county approver's session was on the node that runs on: still logged in, no new login
  await county.reload();
  await county.getByText('我的待办').first().waitFor();
  assert(!(await county.getByPlaceholder('用户名').isVisible()), 'insurance is still logged in');
  await openGroupTask(county, '县医保局审批', person);
  await radio(county, '批准，发放慢性病证');
  await fill(county, 'countyOpinion', '同意发证');
  assert(await completeTask(county) === 'completed', 'the county approves');

  // the certificate is issued by the job executor of the node left
  const trail = await trailWhen(caseNo, (t) => t.status === 'issued', 'the certificate to be issued');
  assert(trail.chainVerified, 'the audit chain verifies');
  assert(trail.steps.some((s) => s.name === '乡镇卫生院审核' && s.userId === 'health-t01'), 'the trail shows the township review');
  const instance = await api('admin', `/engine-rest/history/process-instance?processInstanceBusinessKey=${caseNo}`);
  const jobs = await api('admin', `/engine-rest/history/job-log?processInstanceId=${instance.json[0].id}&successLog=true`);
  const hosts = [...new Set(jobs.json.map((j) => j.hostname))];
  assert(hosts.length === 1 && hosts[0] === survivor, `the case's jobs ran on ${survivor}, got ${hosts}`);
  return `${caseNo}: ${gone} killed while health-t01 was logged in there; logged in again on ${survivor}, `
    + `insurance stayed logged in; certificate issued by ${survivor}'s job executor`;
}

await launch();
console.log(`Cluster test against ${BASE}`);
let failed = false;
const t0 = Date.now();
try {
  const result = await run();
  console.log(`  ok   ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s): ${result}`);
} catch (e) {
  failed = true;
  console.log(`  FAIL ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s): ${e.stack || e}`);
  for (const file of await screenshotOpenPages(name)) console.log(`       screenshot: ${file}`);
}
await close();
process.exit(failed ? 1 : 0);
