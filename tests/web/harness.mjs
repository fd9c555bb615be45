// What the browser tests of the web page share: the programs and folders
// ctest names (tests/web/CMakeLists.txt), `travet` run and served, a
// chromium page that records every script error, console error (a CSP
// refusal) and failed file, axe-core, and screenshots.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const env = (name) => {
  const value = process.env[name];
  assert.ok(value, `${name} is not set: run this test with ctest (tests/web/CMakeLists.txt)`);
  return value;
};
export const travet = env('TRAVET_BIN');
const webDir = env('TRAVET_WEB_DIR');
export const screenshots = env('TRAVET_SCREENSHOTS');
const require = createRequire(path.join(env('TRAVET_JS'), 'package.json'));
export const { chromium } = require('playwright-core');
const { default: AxeBuilder } = require('@axe-core/playwright');

export const kChromium = '/usr/bin/chromium';
export const kPassword = 'correct horse battery';

export function run(args, input = '', cwd = undefined) {
  const result = spawnSync(travet, args, { input, cwd, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

// Starts `travet serve` on a free port; resolves with the process and its
// URL once it prints "listening on http://HOST:PORT".
export function serve(dir, store) {
  const server = spawn(travet, ['serve', '--listen', '127.0.0.1:0', '--bots', path.join(dir, 'bots'),
    '--store', store, '--web', webDir, '--workers', '1'], { cwd: dir });
  let stderr = '';
  server.stderr.on('data', (chunk) => { stderr += chunk; });
  return new Promise((resolve, reject) => {
    let stdout = '';
    server.stdout.on('data', (chunk) => {
      stdout += chunk;
      const listening = /listening on (http:\/\/\S+)/.exec(stdout);
      if (listening) {
        resolve({ server, url: listening[1] });
      }
    });
    server.on('exit', (code) => reject(new Error(`travet serve exited ${code}: ${stderr}`)));
  });
}

// Adds each [name, role, queues] user to `store`.
export function addUsers(store, users) {
  for (const [user, role, queues] of users) {
    const args = ['users', 'add', user, '--role', role, '--password-stdin', '--store', store];
    const added = run(queues ? [...args, '--queues', queues] : args, `${kPassword}\n`);
    assert.equal(added.status, 0, added.output);
  }
}

// Pushes onto `problems` every script error, console error and file
// answered 4xx or 5xx of `page` but the 401s of signing in and what
// `expected(response)` accepts.
export function watchProblems(page, problems, expected = () => false) {
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400 && response.status() !== 401 && !expected(response)) {
      problems.push(`${response.status()} for ${response.url()}`);
    }
  });
  page.on('console', (message) => {
    // A 401 is how the page learns that nobody is signed in, or that a password was wrong.
    // A file that did not load is reported above, with its address.
    if (message.type() === 'error' && !/the server responded with a status of/.test(message.text())) {
      problems.push(`console: ${message.text()}`);
    }
  });
}

export async function checkAccessibility(page, name) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [], `axe on the ${name} page`);
  return results;
}

export async function shoot(page, name) {
  await page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });
}

// Review bots both validation-view tests queue: a total to check on page 2 of
// a two-page TIFF, and an IBAN that needs two approvers.
export const kScanReviewBot = `bot: scan-review
steps:
  - id: checked
    uses: review
    with:
      queue: invoices
      priority: 3
      document: scans/invoice-0006-clean.tiff
      fields:
        totale: { value: "1.00", confidence: 40, valid: true, accepted: false, type: amount, page: 2, box: [200, 300, 600, 60] }
`;
export const kPaymentReviewBot = `bot: payment-review
steps:
  - id: checked
    uses: review
    with:
      queue: invoices
      priority: 1
      approvals: 2
      document: scans/invoice-0001-clean.png
      fields: { iban: { value: "IT93E0503458275243448213351", confidence: 99, valid: true, type: iban, page: 1, box: [239, 3100, 1000, 40] } }
`;

// The run `id` of `store` as `travet runs show --json` gives it.
export function runShown(store, id) {
  return JSON.parse(run(['runs', 'show', id, '--json', '--store', store]).output);
}

// Polls the run until its state is neither `from` nor queued or running;
// resolves with the run.
export async function runLeaves(store, id, from) {
  for (let i = 0; i < 100; i += 1) {
    const shown = runShown(store, id);
    if (shown.state !== from && shown.state !== 'queued' && shown.state !== 'running') {
      return shown;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`run ${id} stayed ${from}`);
}
