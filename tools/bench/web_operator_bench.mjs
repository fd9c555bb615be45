// The operator benchmark (issue 14): a scripted operator in a real browser
// (Debian's chromium, headless, driven by playwright-core from tests/js)
// works through N review tasks of a `travet serve`, one correction each:
// types the right partita IVA, waits for the server's check to accept it,
// approves with Ctrl+Enter and waits until the next task is shown (its page
// image drawn). It prints
//   - the wall time per task (shown -> next shown), p50 / p90 / max, and its
//     two parts: correcting (type -> checked) and deciding (Ctrl+Enter ->
//     next shown);
//   - the server time of each kind of request (claim, task, page PNG, check,
//     approve, next = the open-task lists), p50 / p90 / max and how many took
//     over 150 ms: playwright's request timing, responseStart - requestStart,
//     i.e. request sent -> first byte of the answer over loopback (the server
//     sends no Server-Timing header);
//   - the page weight: bytes on the wire (CDP Network.loadingFinished
//     encodedDataLength) of the first load of the validation view (every
//     file, the API answers and the PNG) and of each next task.
//
//   cmake --build build --target travet
//   node tools/bench/web_operator_bench.mjs --travet build/tools/travet/travet --web build/web [--tasks 50] [--json OUT]
// --one-scan: every task over the same file, so that only the first page
// PNG is made (the others come from the server's cache): the decoding's
// share of the page PNG's time.
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { kRightVat, loadHarness, prepareTasks } from './web_bench_tasks.mjs';

const kSlow = 150;  // ms of server time a step may take

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
}

function summary(values) {
  return { n: values.length, p50: percentile(values, 50), p90: percentile(values, 90), max: Math.max(...values) };
}

// The requests measured, by method and path, in the order printed.
const kKinds = [
  ['POST', /^\/api\/v1\/review\/tasks\/[^/]+\/claim$/, 'claim'],
  ['GET', /^\/api\/v1\/review\/tasks\/[^/]+$/, 'task'],
  ['GET', /^\/api\/v1\/review\/tasks\/[^/]+\/pages\/\d+$/, 'page PNG'],
  ['POST', /^\/api\/v1\/review\/tasks\/[^/]+\/fields\/[^/]+\/check$/, 'check'],
  ['POST', /^\/api\/v1\/review\/tasks\/[^/]+\/approve$/, 'approve'],
  ['GET', /^\/api\/v1\/review\/tasks$/, 'next'],  // the open tasks, to find the next one
];

// The kind of a request: one of kKinds, 'other API', or null for the page's files.
function kindOf(method, address) {
  const { pathname } = new URL(address);
  const known = kKinds.find(([verb, route]) => verb === method && route.test(pathname));
  if (known) {
    return known[2];
  }
  return pathname.startsWith('/api/') ? 'other API' : null;
}

// The task a page PNG's address names.
const taskOfPicture = (address) => /\/review\/tasks\/([^/]+)\/pages\//.exec(new URL(address).pathname)?.[1];

// Server time per kind of request: pushed into `times[kind]`. A page PNG
// asked for while another task is shown is the view's prefetch of the next
// task's page ('page ahead'), off the operator's path.
function watchServerTime(page, times) {
  const ahead = new WeakSet();
  page.on('request', (request) => {
    const task = taskOfPicture(request.url());
    if (task && !page.url().endsWith(`/review/${task}`)) {
      ahead.add(request);
    }
  });
  page.on('requestfinished', (request) => {
    const known = kindOf(request.method(), request.url());
    const kind = known === 'page PNG' && ahead.has(request) ? 'page ahead' : known;
    const timing = request.timing();
    if (kind && timing.responseStart >= 0 && timing.requestStart >= 0) {
      (times[kind] ??= []).push(timing.responseStart - timing.requestStart);
    }
  });
}

// Bytes on the wire of every request of `page`, by files, API and PNG.
async function watchBytes(context, page) {
  const cdp = await context.newCDPSession(page);
  const addresses = new Map();
  const bytes = { files: 0, api: 0, png: 0, requests: 0 };
  cdp.on('Network.requestWillBeSent', (event) => addresses.set(event.requestId, event.request.url));
  cdp.on('Network.loadingFinished', (event) => {
    const address = addresses.get(event.requestId) || '';
    const kind = address.startsWith('http') ? kindOf('GET', address) : null;
    const part = kind === 'page PNG' ? 'png' : (new URL(address, 'http://x').pathname.startsWith('/api/') ? 'api' : 'files');
    bytes[part] += event.encodedDataLength;
    bytes.requests += 1;
  });
  await cdp.send('Network.enable');
  return () => ({ ...bytes, total: bytes.files + bytes.api + bytes.png });
}

const minus = (a, b) => Object.fromEntries(Object.keys(a).map((key) => [key, a[key] - b[key]]));

// Resolves with the id of the task shown once it is not `previous` and its
// page image is drawn.
async function nextShown(page, previous) {
  const handle = await page.waitForFunction((prev) => {
    const id = decodeURIComponent(location.hash.replace(/^#\/review\//, ''));
    const ready = id.startsWith('t-') && id !== prev && document.querySelector('h1')?.textContent.includes(id) &&
      document.querySelector('svg.app-page image[href^="blob:"]') && document.getElementById('field-partita_iva');
    return ready ? id : null;
  }, previous, { polling: 'raf', timeout: 30000 });
  return handle.jsonValue();
}

// One task: correct, approve, wait for the next one (or the inbox after the
// last). Resolves to {next, correcting, deciding} (ms).
async function workTask(page, id, last) {
  const start = performance.now();
  await page.locator('#field-partita_iva').fill(kRightVat);
  await page.waitForFunction(() => document.getElementById('field-partita_iva').getAttribute('aria-invalid') === 'false',
    null, { polling: 'raf' });
  const checked = performance.now();
  await page.keyboard.press('Control+Enter');
  const next = last
    ? await page.locator('#inbox-notice').filter({ hasText: 'Non ci sono altre attività da fare.' }).waitFor().then(() => null)
    : await nextShown(page, id);
  const end = performance.now();
  return { next, correcting: checked - start, deciding: end - checked };
}

// A browser context (its own cache and cookies) signed in as the operator.
async function signedIn(harness, browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const signIn = await context.request.post(`${url}/api/v1/session`, { data: { user: 'bruno', password: harness.kPassword } });
  assert.ok(signIn.ok(), `sign-in: ${signIn.status()}`);
  return context;
}

// The address of the task the inbox lists first, read in a context of its
// own, so that the measured one loads the validation view with a cold cache.
async function firstTaskAddress(harness, browser, url) {
  const context = await signedIn(harness, browser, url);
  const page = await context.newPage();
  await page.goto(`${url}/#/review`);
  const first = await page.locator('#tasks tbody tr').first().getByRole('link').getAttribute('href');
  await context.close();
  return `${url}/${first}`;
}

async function operate(harness, url, count) {
  const browser = await harness.chromium.launch({ executablePath: harness.kChromium, args: ['--no-sandbox'] });
  try {
    const first = await firstTaskAddress(harness, browser, url);
    const context = await signedIn(harness, browser, url);
    const page = await context.newPage();
    const problems = [];
    harness.watchProblems(page, problems);
    const times = {};
    watchServerTime(page, times);
    const bytesSoFar = await watchBytes(context, page);
    const loadStart = bytesSoFar();
    await page.goto(first);
    let id = await nextShown(page, '');
    const firstLoad = minus(bytesSoFar(), loadStart);
    const tasks = [];
    for (let i = 0; i < count; i += 1) {
      const before = bytesSoFar();
      const done = await workTask(page, id, i === count - 1);
      tasks.push({ id, ...done, bytes: minus(bytesSoFar(), before) });
      id = done.next;
    }
    assert.deepEqual(problems, [], 'the browser saw errors');
    return { firstLoad, tasks, times };
  } finally {
    await browser.close();
  }
}

const kb = (bytes) => (bytes / 1024).toFixed(1);
const ms = (value) => value.toFixed(1).padStart(7);

function report({ count, firstLoad, tasks, times }) {
  const wall = summary(tasks.map((task) => task.correcting + task.deciding));
  const correcting = summary(tasks.map((task) => task.correcting));
  const deciding = summary(tasks.map((task) => task.deciding));
  console.log(`${count} tasks, one correction each; per task (shown -> next shown), ms:`);
  for (const [name, s] of [['whole task', wall], ['correcting (type -> checked; 250 ms debounce)', correcting],
    ['deciding (Ctrl+Enter -> next shown)', deciding]]) {
    console.log(`  ${name.padEnd(48)} p50 ${ms(s.p50)}  p90 ${ms(s.p90)}  max ${ms(s.max)}`);
  }
  console.log('server time (request sent -> first byte), ms:');
  const heads = ['p50', 'p90', 'max'].map((head) => head.padStart(7)).join(' ');
  console.log(`  ${'request'.padEnd(10)} ${'n'.padStart(4)} ${heads}  > ${kSlow} ms`);
  const server = {};
  for (const kind of [...kKinds.map((known) => known[2]), 'page ahead', 'other API']) {
    const values = times[kind] || [];
    if (!values.length) {
      continue;
    }
    server[kind] = { ...summary(values), slow: values.filter((v) => v > kSlow).length };
    const s = server[kind];
    console.log(`  ${kind.padEnd(10)} ${String(s.n).padStart(4)} ${ms(s.p50)} ${ms(s.p90)} ${ms(s.max)}  ${s.slow}`);
  }
  const perTask = tasks.slice(0, -1).map((task) => task.bytes);  // the last one opens no next task
  const nextKb = summary(perTask.map((b) => b.total));
  console.log(`page weight: first load of the validation view ${kb(firstLoad.total)} KB in ${firstLoad.requests} requests ` +
    `(files ${kb(firstLoad.files)} KB, API ${kb(firstLoad.api)} KB, PNG ${kb(firstLoad.png)} KB); ` +
    `per next task p50 ${kb(nextKb.p50)} KB (API ${kb(percentile(perTask.map((b) => b.api), 50))} KB, ` +
    `PNG ${kb(percentile(perTask.map((b) => b.png), 50))} KB), max ${kb(nextKb.max)} KB`);
  return {
    count, date: new Date().toISOString(), per_task_ms: { whole: wall, correcting, deciding },
    server_ms: server, first_load_bytes: firstLoad, next_task_bytes: nextKb,
  };
}

async function main() {
  const { values } = parseArgs({ options: {
    travet: { type: 'string' }, web: { type: 'string' }, tasks: { type: 'string', default: '50' },
    json: { type: 'string' }, 'one-scan': { type: 'boolean', default: false },
  } });
  assert.ok(values.travet && values.web,
    'usage: web_operator_bench.mjs --travet TRAVET --web WEB_DIR [--tasks N] [--one-scan] [--json OUT]');
  const count = Number(values.tasks);
  const harness = await loadHarness(values);
  const { dir, server, url, operatorApi } = await prepareTasks(harness, count, values['one-scan']);
  try {
    const measured = await operate(harness, url, count);
    // Every approval reached the store with its correction.
    const { tasks } = await operatorApi('/api/v1/review/tasks?state=approved&limit=500');
    assert.equal(tasks.filter((task) => task.decision_fields?.partita_iva === kRightVat).length, count,
      JSON.stringify(tasks[0]));
    const result = report({ count, ...measured });
    if (values.json) {
      writeFileSync(values.json, `${JSON.stringify(result, null, 2)}\n`);
    }
  } finally {
    server.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
