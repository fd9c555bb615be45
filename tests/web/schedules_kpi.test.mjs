// The schedules page (#/schedules) and the KPI view (#/kpi) in a real
// browser, over a real store: a bot with a cron and a webhook trigger and
// `kpi: {manual_minutes: 15}` runs five times, three of its runs stop at
// review tasks that an operator decides with `travet review` (two claimed
// and timed, one corrected field each on two, one decided after its due
// time), and a second bot without manual minutes runs once. A developer
// pauses and resumes the cron trigger from the page; the KPI table shows
// the very figures of `travet kpi --format json` over the same store, in
// Italian and in English, the charts have one bar per month, and the
// downloads are those of `travet kpi --format csv|xlsx`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  addUsers, checkAccessibility, chromium, kChromium, kPassword, run, screenshots, serve, shoot, travet, watchProblems,
} from './harness.mjs';

const kBots = {
  'protocollo.yaml': `bot: protocollo
kpi: { manual_minutes: 15 }
inputs:
  review: { type: string, default: "no" }
  due: { type: string, default: 1h }
triggers:
  - cron: "0 7 * * 1-5"
    timezone: Europe/Rome
  - webhook: true
steps:
  - id: checked
    if: "\${{ inputs.review == 'yes' }}"
    uses: review
    with:
      queue: protocollo
      due: "\${{ inputs.due }}"
      document: inbox/istanza.pdf
      fields:
        numero: { value: "41", confidence: 55, valid: true, type: text }
        mittente: { value: "Comune di Asti", confidence: 62, valid: true, type: text }
  - id: registered
    uses: set
    with: { done: true }
`,
  'notifiche.yaml': `bot: notifiche
steps:
  - id: sent
    uses: set
    with: { sent: true }
`,
};

const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

// The KPI cells as the page must write them in `locale`: the test's own
// statement of the formats (README "The web page"), run in the browser so
// that Intl is chromium's.
function expectedCells([month, locale]) {
  const number = (options) => (value) => (value === null ? '—' : new Intl.NumberFormat(locale, options).format(value));
  const seconds = (s) => {
    if (s === null) {
      return '—';
    }
    const [value, unit] = s >= 3600 ? [s / 3600, 'hour'] : s >= 60 ? [s / 60, 'minute'] : [s, 'second'];
    return number({ style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 })(value);
  };
  const [year, monthNumber] = month.month.split('-').map(Number);
  const of = locale === 'it-IT' ? 'su' : 'of';
  return {
    month: new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' })
      .format(new Date(Date.UTC(year, monthNumber - 1, 1))),
    documents: number({})(month.documents),
    'straight-through': number({ style: 'percent', maximumFractionDigits: 1 })(month.straight_through_rate),
    corrections: month.corrections.map((c) => `${c.field}: ${c.corrected} ${of} ${c.approved}`),
    'median-time': seconds(month.median_operator_seconds),
    'sla-breaches': number({})(month.sla_breaches),
    'hours-saved': number({ minimumFractionDigits: 1, maximumFractionDigits: 1 })(month.hours_saved),
  };
}

describe('the schedules and KPI pages', () => {
  let dir;
  let store;
  let server;
  let url;
  let page;
  let browser;
  const problems = [];

  // What `travet kpi ARGS` prints on stdout over the test's store.
  const kpiOutput = (args) => {
    const printed = spawnSync(travet, ['kpi', ...args, '--store', store], { encoding: 'utf8' });
    assert.equal(printed.status, 0, String(printed.stderr));
    return printed.stdout;
  };
  const review = (verb, task, more = []) => {
    const done = run(['review', verb, task, '--as', 'anna', '--store', store, ...more]);
    assert.equal(done.status, 0, done.output);
  };
  // Runs protocollo with `inputs`; answers the run and its review task.
  const runProtocollo = (inputs) => {
    const ran = run(['run', path.join(dir, 'bots', 'protocollo.yaml'), '--store', store,
      ...inputs.flatMap((input) => ['-i', input])], '', dir);
    const waiting = /run (r-\S+) waiting_review\s+it is waiting for review (t-\S+)/.exec(ran.output);
    assert.equal(ran.status, inputs.length === 0 ? 0 : 3, ran.output);
    assert.ok(inputs.length === 0 || waiting, ran.output);
    return waiting ? { id: waiting[1], task: waiting[2] } : null;
  };
  const resume = (id) => {
    const resumed = run(['runs', 'resume', id, '--store', store], '', dir);
    assert.equal(resumed.status, 0, resumed.output);
  };

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'travet-kpi-'));
    mkdirSync(screenshots, { recursive: true });
    mkdirSync(path.join(dir, 'bots'));
    store = `sqlite://${path.join(dir, 'travet.db')}`;
    addUsers(store, [['anna', 'operator', 'protocollo'], ['dario', 'developer', '']]);
    for (const [file, text] of Object.entries(kBots)) {
      writeFileSync(path.join(dir, 'bots', file), text);
    }
    runProtocollo([]);
    runProtocollo([]);
    const corrected = runProtocollo(['review=yes']);
    const confirmed = runProtocollo(['review=yes']);
    const late = runProtocollo(['review=yes', 'due=1s']);
    review('claim', corrected.task);
    review('claim', confirmed.task);
    await sleep(1200);
    review('approve', corrected.task, ['--set', 'numero=42']);
    review('approve', confirmed.task);
    // Decided after its due time, without a claim: an SLA breach with no operator time.
    review('approve', late.task, ['--set', 'mittente=Comune di Alba']);
    [corrected, confirmed, late].forEach((waiting) => resume(waiting.id));
    assert.equal(run(['run', path.join(dir, 'bots', 'notifiche.yaml'), '--store', store], '', dir).status, 0);

    ({ server, url } = await serve(dir, store));
    browser = await chromium.launch({ executablePath: kChromium, args: ['--no-sandbox'] });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    // The reversed period of a test below is a 400 the page shows as the server's problem.
    watchProblems(page, problems, (response) => response.status() === 400 && /\/api\/v1\/kpi\?since=2020-03&until=2020-02$/.test(response.url()));
    await page.goto(url);
    await page.getByLabel('Nome utente').fill('dario');
    await page.getByLabel('Password').fill(kPassword);
    await page.getByRole('button', { name: 'Accedi' }).click();
    await page.locator('#nav-list').getByRole('link', { name: 'Pianificazioni' }).waitFor();
  });

  after(async () => {
    await browser?.close();
    server?.kill('SIGTERM');
    if (dir) {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const apiGet = (address) => page.evaluate(async (at) => (await fetch(at)).json(), address);
  const cronRow = () => page.locator('section[data-bot="protocollo"] tr[data-trigger="cron#1"]');

  test('the schedules page lists each trigger with the next fire times the API gives', async () => {
    await page.locator('#nav-list').getByRole('link', { name: 'Pianificazioni' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pianificazioni' }).waitFor();
    await cronRow().waitFor();
    const answer = await apiGet('/api/v1/schedules');
    assert.deepEqual(answer.schedules.map((s) => s.bot), ['protocollo'], 'a bot without triggers is not listed');
    const cron = answer.schedules[0].triggers[0];
    assert.equal(cron.next.length, 5);
    const times = cronRow().locator('td ol li time');
    assert.deepEqual(await times.evaluateAll((all) => all.map((time) => time.getAttribute('datetime'))), cron.next);
    const spoken = await page.evaluate((next) => next.map((time) => new Intl.DateTimeFormat('it', {
      dateStyle: 'full', timeStyle: 'short', timeZone: 'Europe/Rome',
    }).format(new Date(time))), cron.next);
    assert.deepEqual(await times.allTextContents(), spoken);
    assert.match(spoken[0], /07:00$/, 'seven o’clock in Rome');
    const cells = await cronRow().locator('th, td').allTextContents();
    assert.deepEqual(cells.slice(0, 5), ['cron#1', 'A orari fissi (cron)', '0 7 * * 1-5 fuso orario Europe/Rome', 'Attivo', '—']);
    const webhook = await page.locator('section[data-bot="protocollo"] tr[data-trigger="webhook#2"] td').allTextContents();
    assert.deepEqual(webhook.slice(0, 5), ['Webhook', 'Chiamata POST /api/v1/hooks/protocollo', 'Attivo', '—',
      'A ogni evento, non a orari fissi.']);
    assert.equal(await page.locator('section[data-bot="protocollo"] caption').textContent(),
      `Avvii automatici del robot protocollo (${answer.schedules[0].file})`);
  });

  test('a developer pauses the cron trigger from the page, and the API says it is paused', async () => {
    await page.getByRole('button', { name: 'Sospendi protocollo cron#1' }).click();
    await cronRow().locator('td.app-trigger-state').filter({ hasText: 'Sospeso' }).waitFor();
    await page.locator('#announcer').filter({ hasText: 'Avvio cron#1 del robot protocollo sospeso.' }).waitFor();
    const resumeButton = page.getByRole('button', { name: 'Riprendi protocollo cron#1' });
    assert.equal(await resumeButton.evaluate((button) => button === document.activeElement), true,
      'the focus stays on the same trigger’s button');
    const trigger = (await apiGet('/api/v1/schedules/protocollo')).triggers[0];
    assert.equal(trigger.paused, true);
    assert.equal(trigger.paused_by, 'dario');
    assert.deepEqual(trigger.next, []);
    assert.match(await cronRow().locator('td.app-trigger-state').textContent(), /^Sospesoda dario, /);
    assert.equal(await cronRow().locator('td').nth(4).textContent(), 'Nessuno finché l’avvio è sospeso.');
    assert.equal((await apiGet('/api/v1/schedules/protocollo')).triggers[1].paused, false, 'the webhook still runs');
    await checkAccessibility(page, 'schedules');
    await shoot(page, 'schedules-paused');
  });

  test('resuming brings the next fire times back', async () => {
    await page.getByRole('button', { name: 'Riprendi protocollo cron#1' }).click();
    await cronRow().locator('td.app-trigger-state').filter({ hasText: 'Attivo' }).waitFor();
    await page.locator('#announcer').filter({ hasText: 'Avvio cron#1 del robot protocollo ripreso.' }).waitFor();
    const trigger = (await apiGet('/api/v1/schedules/protocollo')).triggers[0];
    assert.equal(trigger.paused, false);
    assert.deepEqual(await cronRow().locator('td ol li time').evaluateAll(
      (all) => all.map((time) => time.getAttribute('datetime'))), trigger.next);
    await checkAccessibility(page, 'schedules resumed');
    await shoot(page, 'schedules');
  });

  // Every row and cell of the KPI table against `travet kpi --format json` (`args`).
  async function checkTable(args, locale) {
    const expected = JSON.parse(kpiOutput([...args, '--format', 'json']));
    const rows = page.locator('#kpi-table tbody tr');
    assert.equal(await rows.count(), expected.months.length);
    for (const month of expected.months) {
      const row = page.locator(`#kpi-table tbody tr[data-bot="${month.bot}"][data-month="${month.month}"]`);
      const cells = await page.evaluate(expectedCells, [month, locale]);
      assert.equal(await row.locator('th').textContent(), month.bot);
      assert.equal(await row.locator('td time').textContent(), cells.month);
      for (const figure of ['documents', 'straight-through', 'median-time', 'sla-breaches', 'hours-saved']) {
        assert.equal(await row.locator(`td[data-figure="${figure}"]`).textContent(), cells[figure],
          `${figure} of ${month.bot} ${month.month}`);
      }
      const corrections = row.locator('td[data-figure="corrections"]');
      assert.deepEqual(cells.corrections.length ? await corrections.locator('li').allTextContents()
        : [await corrections.textContent()], cells.corrections.length ? cells.corrections : ['—']);
    }
    return expected;
  }

  async function download(name) {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
    return readFileSync(await file.path());
  }

  test('the KPI table shows the figures of `travet kpi --format json`', async () => {
    await page.locator('#nav-list').getByRole('link', { name: 'Indicatori' }).click();
    await page.getByRole('heading', { level: 1, name: 'Indicatori' }).waitFor();
    await page.locator('#kpi-table').waitFor();
    const expected = await checkTable([], 'it-IT');
    const protocollo = expected.months.find((m) => m.bot === 'protocollo');
    // The store holds what the runs above made: otherwise the comparison proves little.
    assert.deepEqual([protocollo.documents, protocollo.straight_through, protocollo.sla_breaches,
      protocollo.timed_tasks, protocollo.manual_minutes], [5, 2, 1, 2, 15]);
    assert.equal(expected.months.find((m) => m.bot === 'notifiche').hours_saved, null);
    assert.equal(await page.locator('#kpi-status').textContent(), `Righe mostrate: ${expected.months.length}.`);
  });

  test('the charts have one bar per month, named and described', async () => {
    const expected = JSON.parse(kpiOutput(['--format', 'json']));
    for (const bot of ['protocollo', 'notifiche']) {
      const months = expected.months.filter((m) => m.bot === bot);
      const charts = page.locator(`#kpi-charts section[data-bot="${bot}"] svg[role="img"]`);
      assert.equal(await charts.count(), bot === 'protocollo' ? 3 : 2, `${bot}: hours saved only with manual minutes`);
      for (const chart of await charts.all()) {
        assert.equal(await chart.locator('g.app-bar').count(), months.length);
        assert.ok((await chart.locator('title').textContent()).endsWith(`: ${bot}`));
        assert.ok(await chart.locator('desc').textContent());
      }
      const documents = charts.first();
      assert.equal(await documents.locator('title').textContent(), `Documenti lavorati al mese: ${bot}`);
      assert.deepEqual(await documents.locator('g.app-bar').evaluateAll((bars) => bars.map((bar) => bar.dataset.month)),
        months.map((m) => m.month));
      const cells = await page.evaluate(expectedCells, [months[0], 'it-IT']);
      assert.equal(await documents.locator('desc').textContent(), `${cells.month}: ${cells.documents} documenti`);
    }
    assert.equal(await page.locator('#kpi-charts section[data-bot="notifiche"] .app-no-hours').textContent(),
      'Ore risparmiate non calcolabili: il file del robot non indica kpi.manual_minutes.');
    await checkAccessibility(page, 'KPI');
    await shoot(page, 'kpi');
  });

  test('the CSV download is `travet kpi --format csv`, the XLSX one a workbook', async () => {
    assert.equal((await download('Scarica CSV')).toString('utf8'), kpiOutput(['--format', 'csv']));
    const workbook = await download('Scarica XLSX');
    assert.ok(workbook.length > 0);
    assert.equal(workbook.subarray(0, 2).toString('latin1'), 'PK', 'an XLSX file is a zip');
  });

  test('the filters narrow the figures and the downloads, and stay in the address', async () => {
    const expected = JSON.parse(kpiOutput(['--format', 'json']));
    const month = expected.months[0].month;
    await page.getByLabel('Robot').selectOption('notifiche');
    await page.getByLabel('Dal mese', { exact: true }).fill(month);
    await page.getByLabel('Al mese', { exact: true }).fill(month);
    await page.getByRole('button', { name: 'Mostra' }).click();
    await page.waitForFunction((m) => location.hash === `#/kpi?bot=notifiche&since=${m}&until=${m}`, month);
    await page.locator('#kpi-table tbody tr[data-bot="notifiche"]').waitFor();
    await page.locator('#kpi-table tbody tr[data-bot="protocollo"]').waitFor({ state: 'detached' });
    const filter = ['--bot', 'notifiche', '--since', month, '--until', month];
    await checkTable(filter, 'it-IT');
    assert.equal((await download('Scarica CSV')).toString('utf8'), kpiOutput([...filter, '--format', 'csv']));
    await page.reload();
    await page.locator('#kpi-table tbody tr[data-bot="notifiche"]').waitFor();
    assert.equal(await page.getByLabel('Robot').inputValue(), 'notifiche');
    assert.equal(await page.getByLabel('Dal mese', { exact: true }).inputValue(), month);
    await checkTable(filter, 'it-IT');
  });

  test('a period with no runs says so, and a reversed one shows the server’s problem', async () => {
    await page.getByLabel('Robot').selectOption('');
    await page.getByLabel('Dal mese', { exact: true }).fill('2020-01');
    await page.getByLabel('Al mese', { exact: true }).fill('2020-02');
    await page.getByRole('button', { name: 'Mostra' }).click();
    await page.locator('#kpi-empty').filter({ hasText: 'Nessuna esecuzione nel periodo scelto.' }).waitFor();
    await page.getByLabel('Dal mese', { exact: true }).fill('2020-03');
    await page.getByRole('button', { name: 'Mostra' }).click();
    await page.getByRole('alert').filter({ hasText: 'until 2020-02-29 is before since 2020-03-01' }).waitFor();
  });

  test('in English the numbers follow en-GB', async () => {
    await page.goto(`${url}/#/kpi`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'KPI' }).waitFor();
    await page.reload();  // the language is remembered; the button is no longer hovered
    await page.getByRole('heading', { level: 1, name: 'KPI' }).waitFor();
    await page.locator('#kpi-table').waitFor();
    await checkTable([], 'en-GB');
    assert.equal(await page.locator('#kpi-table thead th').allTextContents().then((heads) => heads.join('|')),
      'Bot|Month|Documents|Straight-through|Corrections per field|Median operator time|SLA breaches|Hours saved');
    await checkAccessibility(page, 'KPI in English');
    await page.getByRole('button', { name: 'Italiano' }).click();
  });

  test('nothing failed in the browser', () => {
    assert.deepEqual(problems, []);
  });
});
