// The Runs page in a real browser: a `travet serve` over a store where a
// real bot, run by `travet run`, left a run that succeeded and one that
// failed with a failed work item. A developer lists and filters the runs,
// reads the failed one's steps, items and errors, retries its failed item
// once its cause is gone, and sees the run finish; an operator can open
// none of it, neither in the page nor through the API.
//
// Run by ctest (tests/web/CMakeLists.txt), like web_page.test.mjs.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  addUsers, checkAccessibility, chromium, kChromium, kPassword, run, screenshots, serve, shoot, watchProblems,
} from './harness.mjs';

// Each name is a work item that reads ready/NAME.txt: an item whose file is
// missing fails, and the run fails after the loop when any item did.
const kBatchBot = `bot: batch
inputs:
  names: { type: list, default: [a, b, c] }
steps:
  - id: each
    foreach: "\${{ inputs.names }}"
    as: name
    items: true
    key: "\${{ name }}"
    steps:
      - id: ready
        uses: file.read
        with: { path: "ready/\${{ name }}.txt" }
  - id: report
    uses: fail
    if: "\${{ steps.each.failed > 0 }}"
    with: { message: "\${{ steps.each.failed }} items failed" }
`;

// A run that stops at a review: a run not finished, which may be cancelled.
const kLetterBot = `bot: letter-check
steps:
  - id: checked
    uses: review
    with:
      queue: accounting
      document: scans/lettera-22.tiff
      fields: { sender: { value: "Comune di Torino", confidence: 70, valid: true, type: text } }
`;

const kMissing = "file.read: 'ready/b.txt' does not exist";

describe('the Runs page', () => {
  let dir;
  let server;
  let url;
  let browser;
  let page;
  let succeededRun;
  let failedRun;
  let waitingRun;
  const problems = [];

  // Runs the batch bot in `dir`; its run id, after checking its exit status.
  function runBot(file, store, inputs, status) {
    const ran = run(['run', path.join(dir, 'bots', file), '--store', store, '--json', ...inputs], '', dir);
    assert.equal(ran.status, status, ran.output);
    return /"run_id": "([^"]+)"/.exec(ran.output)[1];
  }

  async function signIn(user) {
    await page.goto(`${url}/#/login`);
    await page.getByLabel('Nome utente').fill(user);
    await page.getByLabel('Password').fill(kPassword);
    await page.getByLabel('Password').press('Enter');
  }

  const row = (table, name, value) => page.locator(`#${table} tbody tr[data-${name}="${value}"]`);

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'travet-runs-'));
    mkdirSync(screenshots, { recursive: true });
    mkdirSync(path.join(dir, 'bots'));
    mkdirSync(path.join(dir, 'ready'));
    writeFileSync(path.join(dir, 'bots', 'batch.yaml'), kBatchBot);
    writeFileSync(path.join(dir, 'bots', 'letter-check.yaml'), kLetterBot);
    writeFileSync(path.join(dir, 'ready', 'a.txt'), 'a\n');
    writeFileSync(path.join(dir, 'ready', 'c.txt'), 'c\n');
    const store = `sqlite://${path.join(dir, 'travet.db')}`;
    addUsers(store, [['dario', 'developer', ''], ['anna', 'operator', 'accounting']]);
    succeededRun = runBot('batch.yaml', store, ['-i', 'names=["a","c"]'], 0);
    failedRun = runBot('batch.yaml', store, [], 1);
    waitingRun = runBot('letter-check.yaml', store, [], 3);
    ({ server, url } = await serve(dir, store));
    browser = await chromium.launch({ executablePath: kChromium, args: ['--no-sandbox'] });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    // The operator's fetches of the runs are refused on purpose: that is checked.
    watchProblems(page, problems, (response) => response.status() === 403 && /\/api\/v1\/runs/.test(response.url()));
  });

  after(async () => {
    await browser?.close();
    server?.kill('SIGTERM');
    if (dir) {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a developer lands on the runs, newest first, their states in words', async () => {
    await signIn('dario');
    await page.getByRole('heading', { level: 1, name: 'Esecuzioni' }).waitFor();
    assert.match(page.url(), /#\/runs$/);
    await page.locator('#runs-status').filter({ hasText: 'Esecuzioni mostrate: 3.' }).waitFor();
    const rows = page.locator('#runs tbody tr');
    assert.deepEqual(await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.run)),
      [waitingRun, failedRun, succeededRun]);
    assert.equal(await row('runs', 'run', waitingRun).locator('.app-run-state').textContent(),
      ' In attesa di revisione');
    const failed = row('runs', 'run', failedRun);
    assert.equal(await failed.locator('.app-run-state').textContent(), ' Non riuscita');
    assert.equal(await failed.locator('td').nth(0).textContent(), 'batch');
    assert.equal(await failed.locator('td').last().textContent(), '1 items failed');
    assert.equal(await row('runs', 'run', succeededRun).locator('.app-run-state').textContent(), ' Completata');
    assert.equal(await page.locator('#runs caption').textContent(), 'Esecuzioni, dalla più recente');
    await checkAccessibility(page, 'runs list');
    await shoot(page, 'runs-list');
  });

  test('the bot filter lists only that bot\'s runs', async () => {
    await page.getByLabel('Robot').selectOption('batch');
    await page.locator('#runs-status').filter({ hasText: 'Esecuzioni mostrate: 2.' }).waitFor();
    assert.deepEqual(await page.locator('#runs tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.run)),
      [failedRun, succeededRun]);
    assert.match(page.url(), /#\/runs\?bot=batch$/);
    await page.getByLabel('Robot').selectOption('');
    await page.locator('#runs-status').filter({ hasText: 'Esecuzioni mostrate: 3.' }).waitFor();
  });

  test('the state filter lists only the failed run, and a reload keeps it', async () => {
    await page.getByLabel('Stato').selectOption('failed');
    await page.locator('#runs-status').filter({ hasText: 'Esecuzioni mostrate: 1.' }).waitFor();
    assert.deepEqual(await page.locator('#runs tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.run)),
      [failedRun]);
    assert.match(page.url(), /#\/runs\?state=failed$/);
    await page.reload();
    await page.locator('#runs-status').filter({ hasText: 'Esecuzioni mostrate: 1.' }).waitFor();
    assert.equal(await page.getByLabel('Stato').inputValue(), 'failed');
    await page.getByLabel('Stato').selectOption('succeeded');
    await page.locator(`#runs tbody tr[data-run="${succeededRun}"]`).waitFor();
    assert.equal(await page.locator('#runs tbody tr').count(), 1);
    await page.getByLabel('Stato').selectOption('cancelled');
    await page.locator('#runs-empty').filter({ hasText: 'Nessuna esecuzione corrisponde ai filtri.' }).waitFor();
    await page.getByLabel('Stato').selectOption('failed');
    await page.locator(`#runs tbody tr[data-run="${failedRun}"]`).waitFor();
  });

  test('the failed run shows its steps, attempts, errors and items', async () => {
    await row('runs', 'run', failedRun).getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: `Esecuzione ${failedRun}` }).waitFor();
    const summary = page.locator('#run-summary');
    assert.equal(await summary.locator('dd[data-field="state"]').textContent(), ' Non riuscita');
    assert.equal(await summary.locator('dd[data-field="inputs"]').textContent(), 'names: ["a","b","c"]');
    assert.equal(await page.locator('#run-error-text').textContent(), '1 items failed');
    const failedStep = row('steps', 'step', 'each[1].ready');
    assert.equal(await failedStep.locator('td').nth(1).textContent(), ' Non riuscito');
    assert.equal(await failedStep.locator('td').nth(4).textContent(), '1', 'attempts');
    assert.equal(await failedStep.locator('td').nth(5).textContent(), kMissing);
    const report = row('steps', 'step', 'report');
    assert.equal(await report.locator('td').nth(0).textContent(), 'fail', 'the action of a top-level step');
    assert.equal(await report.locator('td').nth(5).textContent(), '1 items failed');
    assert.equal(await row('steps', 'step', 'each[0].ready').locator('td').nth(1).textContent(), ' Completato');
    const items = page.locator('#items tbody tr');
    assert.deepEqual(await items.evaluateAll((trs) => trs.map((tr) => `${tr.dataset.item}:${tr.dataset.state}`)),
      ['a:succeeded', 'b:failed', 'c:succeeded']);
    assert.equal(await row('items', 'item', 'b').locator('.app-step-error').textContent(), kMissing);
    assert.equal(await page.locator('#items caption').textContent(),
      'Elementi di lavoro: 3, di cui non riusciti: 1');
    // From the keyboard: Bootstrap Italia draws the box on the label, over the input.
    await page.getByLabel('Mostra solo gli elementi non riusciti').focus();
    await page.keyboard.press('Space');
    assert.equal(await page.getByLabel('Mostra solo gli elementi non riusciti').isChecked(), true);
    assert.equal(await page.locator('#items tbody tr:visible').count(), 1);
    assert.equal(await page.locator('#items tbody tr:visible').getAttribute('data-item'), 'b');
    assert.match(await page.locator('#log').textContent(), /run failed: 1 items failed/);
    assert.equal(await page.getByRole('button', { name: 'Riprendi' }).count(), 0, 'a finished run is not resumed');
    assert.doesNotMatch(await page.locator('main').innerText(), /\bnull\b|undefined|\[object/);
    await checkAccessibility(page, 'run detail');
    await shoot(page, 'run-detail');
  });

  test('retrying the chosen failed item, once its file is there, finishes the run', async () => {
    await page.getByRole('button', { name: 'Riprova gli elementi scelti' }).click();
    await page.getByRole('alert').filter({ hasText: 'Scegli almeno un elemento non riuscito da riprovare.' }).waitFor();
    writeFileSync(path.join(dir, 'ready', 'b.txt'), 'b\n');
    await page.getByLabel("Scegli l'elemento b").check();
    await page.getByRole('button', { name: 'Riprova gli elementi scelti' }).click();
    await page.locator('#run-status').filter({
      hasText: "Elementi rimandati in lavorazione: 1. Stato dell'esecuzione: In coda.",
    }).waitFor();
    // The server's worker takes the queued run; the page shows it when refreshed.
    const state = page.locator('#run-summary dd[data-field="state"]');
    for (let i = 0; i < 60 && (await state.textContent()) !== ' Completata'; ++i) {
      await page.waitForTimeout(250);
      await page.getByRole('button', { name: 'Aggiorna' }).click();
      await page.locator('#run-summary').waitFor();
    }
    assert.equal(await state.textContent(), ' Completata');
    assert.equal(await page.locator('#run-summary dd[data-field="attempt"]').textContent(), '2');
    assert.deepEqual(await page.locator('#items tbody tr').evaluateAll(
      (trs) => trs.map((tr) => `${tr.dataset.item}:${tr.dataset.state}`)),
    ['a:succeeded', 'b:succeeded', 'c:succeeded']);
    const retried = row('items', 'item', 'b');
    assert.equal(await retried.locator('td').nth(3).textContent(), '2', 'attempts');
    assert.equal(await retried.locator('td').nth(4).textContent(), '1', 'retries');
    assert.equal(await row('steps', 'step', 'report').locator('td').nth(1).textContent(), ' Saltato');
    assert.equal(await page.getByRole('button', { name: 'Riprova gli elementi non riusciti' }).count(), 0);
    assert.doesNotMatch(await page.locator('main').innerText(), /\bnull\b|undefined|\[object/);
    await checkAccessibility(page, 'run detail after the retry');
    await shoot(page, 'run-detail-retried');
  });

  test('a run waiting for a review can be cancelled', async () => {
    await page.goto(`${url}/#/runs/${waitingRun}`);
    await page.getByRole('heading', { level: 1, name: `Esecuzione ${waitingRun}` }).waitFor();
    assert.equal(await page.locator('#run-summary dd[data-field="state"]').textContent(), ' In attesa di revisione');
    assert.equal(await page.locator('#items-empty').textContent(), 'Questa esecuzione non ha elementi di lavoro.');
    await page.getByRole('button', { name: "Annulla l'esecuzione" }).click();
    await page.locator('#run-status').filter({
      hasText: "Esecuzione annullata. Stato dell'esecuzione: Annullata.",
    }).waitFor();
    assert.equal(await page.locator('#run-summary dd[data-field="state"]').textContent(), ' Annullata');
    assert.equal(await page.getByRole('button', { name: "Annulla l'esecuzione" }).count(), 0);
    await page.goto(`${url}/#/runs/${failedRun}`);
    await page.getByRole('heading', { level: 1, name: `Esecuzione ${failedRun}` }).waitFor();
  });

  test('the run page speaks English too', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: `Run ${failedRun}` }).waitFor();
    assert.equal(await page.locator('#run-summary dd[data-field="state"]').textContent(), ' Succeeded');
    await page.getByRole('link', { name: 'Back to the runs' }).click();
    await page.locator('#runs-status').filter({ hasText: 'Runs shown: 0.' }).waitFor();
    assert.match(page.url(), /#\/runs\?state=failed$/, 'back to the list as it was filtered');
    await page.getByRole('button', { name: 'Italiano' }).click();
    await page.getByRole('button', { name: 'Esci' }).click();
    await page.getByRole('heading', { level: 1, name: 'Accesso' }).waitFor();
  });

  test('an operator cannot open the developer pages, nor read the runs through the API', async () => {
    await signIn('anna');
    await page.getByRole('heading', { level: 1, name: 'Revisione: attività da svolgere' }).waitFor();
    for (const address of ['#/runs', `#/runs/${failedRun}`, '#/runs?state=failed', '#/schedules', '#/kpi']) {
      // The message of the address before must not stand for this one's.
      await page.evaluate(() => document.getElementById('not-allowed')?.remove());
      await page.goto(`${url}/${address}`);
      await page.locator('#not-allowed').filter({
        hasText: 'Non hai i permessi per aprire quella pagina: ecco la tua pagina iniziale.',
      }).waitFor();
      assert.match(page.url(), /#\/review$/, `${address} sends the operator home`);
      await page.getByRole('heading', { level: 1, name: 'Revisione: attività da svolgere' }).waitFor();
      assert.equal(await page.locator('#runs, #run-summary').count(), 0);
    }
    const nav = page.getByRole('navigation', { name: 'Navigazione principale' });
    assert.deepEqual(await nav.getByRole('link').allTextContents(), ['Revisione']);
    const statuses = await page.evaluate(async (id) => [
      (await fetch('/api/v1/runs')).status,
      (await fetch(`/api/v1/runs/${id}`)).status,
    ], failedRun);
    assert.deepEqual(statuses, [403, 403]);
    await checkAccessibility(page, 'refused page');
    await shoot(page, 'runs-refused');
  });

  test('nothing failed in the browser', () => {
    assert.deepEqual(problems, []);
  });
});
