// The operator's day from end to end, in a real browser: `travet serve`
// with one worker runs a bot that reads a scanned invoice with ocr.extract,
// waits for a person, then registers the invoice in the mock office
// (tools/mock_office). An operator signs in, opens the queue, sees the scan
// with the fields' boxes, corrects the partita IVA (refused inline with a
// wrong check digit, accepted with the right one), approves with Ctrl+Enter:
// the run resumes and the office gets the record with the corrected number,
// once. The next task is shown at once; rejected with a reason, its run
// fails and the bot's on_error tells the office. The harness (harness.mjs)
// fails the run on any script error, CSP refusal or failed request.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import {
  addUsers, checkAccessibility, chromium, kChromium, kPassword, run, screenshots, serve, shoot, watchProblems,
} from './harness.mjs';

const kScan = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../samples/scans/invoice-0001-clean.png');
const kVat = '51849580967';  // the supplier's partita IVA printed on the scan

// The spec reads only ten digits of the partita IVA, as a scan whose last
// digit the OCR lost would: the field is invalid, so every invoice waits
// for a person, who types the number again.
const kBot = `bot: invoice-desk
inputs:
  scan: { type: path, description: The scanned invoice }
env: [OFFICE_URL]
steps:
  - id: read
    uses: ocr.extract
    with:
      file: "\${{ inputs.scan }}"
      fields:
        partita_iva: { pattern: 'P\\.?\\s?IVA\\W*(\\d{10})', type: partita_iva }
        totale: { label: 'Totale', type: amount, exclude: [parziale, IVA, pagare] }
      review: { queue: invoices, instructions: Check the VAT number against the scan. }
  - id: register
    uses: http.request
    with:
      method: POST
      url: "\${{ env.OFFICE_URL }}/api/invoices"
      json:
        vat_number: "\${{ steps.read.fields.partita_iva.value }}"
        total: "\${{ steps.read.fields.totale.value }}"
        reviewed_by: "\${{ steps.read.review.reviewer }}"
        scan: "\${{ inputs.scan }}"
      expect: [201]
on_error:
  - uses: http.request
    with:
      method: POST
      url: "\${{ env.OFFICE_URL }}/api/set_aside"
      json: { scan: "\${{ inputs.scan }}", why: "\${{ error.message }}" }
      expect: [201]
`;

// Starts the mock office on a free port; resolves with it and its URL.
function startOffice() {
  assert.ok(process.env.TRAVET_MOCK_OFFICE, 'TRAVET_MOCK_OFFICE is not set: run this test with ctest (tests/web/CMakeLists.txt)');
  const office = spawn(process.env.TRAVET_MOCK_OFFICE, ['--port', '0', '--host', '127.0.0.1']);
  return new Promise((resolve, reject) => {
    let said = '';
    office.stderr.on('data', (chunk) => {
      said += chunk;
      const listening = /listening on (http:\/\/\S+)/.exec(said);
      if (listening) {
        resolve({ office, officeUrl: listening[1] });
      }
    });
    office.on('exit', (code) => reject(new Error(`the mock office exited ${code}: ${said}`)));
  });
}

describe('the operator scenario', () => {
  let dir;
  let store;
  let server;
  let url;
  let office;
  let officeUrl;
  let browser;
  let page;
  const tokens = {};  // user -> API token: dora queues the runs, bruno reads his queue
  const runs = {};  // scan -> run id
  const problems = [];

  const api = async (route, init = {}, user = 'dora') => {
    const answer = await fetch(`${url}${route}`, {
      ...init, headers: { Authorization: `Bearer ${tokens[user]}`, 'Content-Type': 'application/json' },
    });
    assert.ok(answer.ok, `${route}: ${answer.status} ${await answer.clone().text()}`);
    return answer.json();
  };
  const records = async (collection) => (await fetch(`${officeUrl}/api/${collection}`)).json();

  // Polls the run until it has ended; resolves with it (steps and events too).
  async function runEnds(id) {
    for (let i = 0; i < 600; i += 1) {
      const shown = await api(`/api/v1/runs/${id}`);
      if (shown.state === 'succeeded' || shown.state === 'failed' || shown.state === 'cancelled') {
        return shown;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.fail(`run ${id} did not end`);
  }

  // Polls the queue until `count` tasks are pending (the worker reads the scans one by one).
  async function pendingTasks(count) {
    for (let i = 0; i < 900; i += 1) {
      const { tasks } = await api('/api/v1/review/tasks?state=pending', {}, 'bruno');
      if (tasks.length === count) {
        return tasks;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.fail(`${count} tasks never pending`);
  }

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'travet-scenario-'));
    mkdirSync(screenshots, { recursive: true });
    mkdirSync(path.join(dir, 'bots'));
    mkdirSync(path.join(dir, 'scans'));
    // The same invoice scanned twice: the task shown second is rejected as a duplicate.
    for (const name of ['fattura-a.png', 'fattura-b.png']) {
      copyFileSync(kScan, path.join(dir, 'scans', name));
    }
    writeFileSync(path.join(dir, 'bots', 'invoice-desk.yaml'), kBot);
    store = `sqlite://${path.join(dir, 'travet.db')}`;
    addUsers(store, [['bruno', 'operator', 'invoices'], ['dora', 'developer']]);
    for (const user of ['dora', 'bruno']) {
      const issued = run(['users', 'token', user, '--store', store]);
      assert.equal(issued.status, 0, issued.output);
      tokens[user] = issued.output.trim();
    }
    ({ office, officeUrl } = await startOffice());
    process.env.OFFICE_URL = officeUrl;  // the served bots' environment is the server's
    ({ server, url } = await serve(dir, store));
    for (const scan of ['scans/fattura-a.png', 'scans/fattura-b.png']) {
      const queued = await api('/api/v1/bots/invoice-desk/runs', { method: 'POST', body: JSON.stringify({ inputs: { scan } }) });
      assert.equal(queued.state, 'queued');
      runs[scan] = queued.id;
    }
    browser = await chromium.launch({ executablePath: kChromium, args: ['--no-sandbox'] });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    watchProblems(page, problems);
  });

  after(async () => {
    await browser?.close();
    server?.kill('SIGTERM');
    office?.kill('SIGTERM');
    if (dir) {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('both scans wait for a person, nothing registered yet', async () => {
    const tasks = await pendingTasks(2);
    assert.deepEqual(tasks.map((task) => task.run_id).sort(), Object.values(runs).sort());
    assert.deepEqual(await records('invoices'), []);
  });

  test('the operator opens the first task from the queue: the scan with its boxes', async () => {
    await page.goto(url);
    await page.getByLabel('Nome utente').fill('bruno');
    await page.getByLabel('Password').fill(kPassword);
    await page.getByLabel('Password').press('Enter');
    await page.locator('#tasks tbody tr').nth(1).waitFor();
    assert.equal(await page.locator('#tasks tbody tr').count(), 2);
    await checkAccessibility(page, 'inbox');
    await shoot(page, 'scenario-inbox');
    await page.locator('#tasks tbody tr').first().getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: /^Attività t-/ }).waitFor();
    await page.locator('svg.app-page image[href^="blob:"]').waitFor({ state: 'attached' });
    assert.equal(await page.locator('svg.app-page').getAttribute('viewBox'), '0 0 2480 3508');
    assert.equal(await page.locator('svg.app-page rect.app-box').count(), 2, 'the boxes of partita_iva and totale');
    assert.equal(await page.getByLabel('partita_iva').inputValue(), kVat.slice(0, 10));
    assert.match(await page.locator('li[data-field="partita_iva"]').textContent(), /non valido/);
    await checkAccessibility(page, 'validation');
    await shoot(page, 'scenario-task');
  });

  test('the partita IVA: a wrong check digit is said inline, the right one accepted', async () => {
    const input = page.getByLabel('partita_iva');
    await input.fill(`${kVat.slice(0, 10)}1`);
    const error = page.locator('#field-partita_iva-error');
    await error.filter({ hasText: /check digit is 1, expected 7/ }).waitFor();
    assert.equal(await input.getAttribute('aria-invalid'), 'true');
    await shoot(page, 'scenario-wrong-vat');
    await input.fill(kVat);
    await page.waitForFunction(() => document.getElementById('field-partita_iva').getAttribute('aria-invalid') === 'false');
    assert.equal(await error.textContent(), '');
  });

  test('Ctrl+Enter approves: the run resumes and the office gets the corrected record once', async () => {
    const first = page.url().split('/').pop();
    const task = await api(`/api/v1/review/tasks/${first}`, {}, 'bruno');
    await page.keyboard.press('Control+Enter');
    // The next task is shown at once, without going back to the queue.
    await page.waitForFunction((id) => /^#\/review\/t-/.test(location.hash) && !location.hash.endsWith(id), first);
    await page.getByRole('heading', { level: 1, name: /^Attività t-/ }).waitFor();
    const done = await runEnds(task.run_id);
    assert.equal(done.state, 'succeeded', JSON.stringify(done));
    const scan = Object.keys(runs).find((key) => runs[key] === task.run_id);
    assert.deepEqual(await records('invoices'),
      [{ id: 1, vat_number: kVat, total: '24071.39', reviewed_by: 'bruno', scan }]);
    assert.deepEqual(await records('set_aside'), []);
  });

  test('the next task, rejected with a reason: its run fails through on_error', async () => {
    const second = page.url().split('/').pop();
    const task = await api(`/api/v1/review/tasks/${second}`, {}, 'bruno');
    await page.locator('svg.app-page image[href^="blob:"]').waitFor({ state: 'attached' });
    await page.getByRole('button', { name: 'Respingi' }).click();
    const dialog = page.getByRole('dialog', { name: "Respingi l'attività" });
    await dialog.waitFor();
    await dialog.getByText('Documento duplicato').click();
    await dialog.getByLabel(/^Note/).fill('già registrata dalla prima scansione');
    await checkAccessibility(page, 'reject dialog');
    await shoot(page, 'scenario-reject');
    await dialog.getByRole('button', { name: 'Respingi' }).click();
    await page.locator('#inbox-notice').filter({ hasText: 'Non ci sono altre attività da fare.' }).waitFor();
    const done = await runEnds(task.run_id);
    const reason = 'Documento duplicato: già registrata dalla prima scansione';
    const why = `review ${second} was rejected by bruno: ${reason}`;
    assert.equal(done.state, 'failed');
    assert.equal(done.error, why);
    const scan = Object.keys(runs).find((key) => runs[key] === task.run_id);
    assert.deepEqual(await records('set_aside'), [{ id: 2, scan, why }]);
    assert.equal((await records('invoices')).length, 1, 'still the approved invoice alone');
    // The reason stays in the task's history, one tab away.
    await page.goto(`${url}/#/review/${second}`);
    await page.locator('#locked').filter({ hasText: 'Già decisa' }).waitFor();
    await page.getByRole('tab', { name: 'Cronologia' }).click();
    await page.locator('#history').waitFor();
    assert.match(await page.locator('#history').textContent(), new RegExp(`bruno · reject.*${reason}`));
    await checkAccessibility(page, 'history');
    await shoot(page, 'scenario-history');
  });

  test('nothing failed in the browser', () => {
    assert.deepEqual(problems, []);
  });
});
