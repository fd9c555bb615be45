// More of the validation view (#/review/{id}) in a real browser: the next
// task's page asked for ahead, a correction box drawn with the keys, the
// edits kept across a language switch, a claim about to lapse and lapsed
// (the page's clock driven by playwright), the object URLs of the pictures
// freed when the task changes, and a four-eyes task approved by two
// operators, after which its run goes on.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import {
  addUsers, checkAccessibility, chromium, kChromium, kPassword, kPaymentReviewBot, kScanReviewBot, run,
  runLeaves, runShown, screenshots, serve, shoot, watchProblems,
} from './harness.mjs';

const kScans = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../samples/scans');
// invoice-0001-clean.png is 2480 px wide: a key moves or sizes a box by a
// hundredth of that, 25 px. The supplier's name line is [237, 248, 600, 64].
const kSupplierBox = [237, 248, 600, 64];
const kKeyStep = 25;

// In the inbox's order: an invoice (priority 5), a two-page TIFF whose field
// is on page 2 (3), a payment needing two approvals (1).
const kBots = {
  'invoice-review.yaml': `bot: invoice-review
steps:
  - id: checked
    uses: review
    with:
      queue: invoices
      priority: 5
      document: scans/invoice-0001-clean.png
      fields:
        partita_iva: { value: "51849580960", confidence: 88, valid: false, verdict: "check digit is 0, expected 7", type: partita_iva, page: 1, box: [239, 402, 1159, 34] }
        fornitore: { value: "Servizi Neve", confidence: 52, valid: true, accepted: false, type: text, page: 1, box: [${kSupplierBox}] }
`,
  'scan-review.yaml': kScanReviewBot,
  'payment-review.yaml': kPaymentReviewBot,
};

describe('the validation view, further', () => {
  let dir;
  let store;
  let server;
  let url;
  let browser;
  let page;
  const runs = {};  // bot -> run id
  const tasks = {};  // bot -> task id
  const problems = [];
  const pictures = [];  // the page pictures asked for, as paths

  // A new browser context whose page records problems; `user` signs in.
  async function signedIn(user) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // Records the object URLs freed, to see that a view frees its pictures.
    await context.addInitScript(() => {
      window.revokedUrls = [];
      const revoke = URL.revokeObjectURL.bind(URL);
      URL.revokeObjectURL = (address) => { window.revokedUrls.push(address); revoke(address); };
    });
    const opened = await context.newPage();
    watchProblems(opened, problems);
    await opened.clock.install();
    await opened.goto(url);
    await opened.getByLabel('Nome utente').fill(user);
    await opened.getByLabel('Password').fill(kPassword);
    await opened.getByLabel('Password').press('Enter');
    await opened.getByRole('heading', { level: 1, name: /^Revisione/ }).waitFor();
    return opened;
  }

  const shownTask = () => page.url().split('/').pop();

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'travet-validation-more-'));
    mkdirSync(screenshots, { recursive: true });
    mkdirSync(path.join(dir, 'bots'));
    mkdirSync(path.join(dir, 'scans'));
    for (const scan of ['invoice-0001-clean.png', 'invoice-0006-clean.tiff']) {
      copyFileSync(path.join(kScans, scan), path.join(dir, 'scans', scan));
    }
    store = `sqlite://${path.join(dir, 'travet.db')}`;
    addUsers(store, [['bruno', 'operator', 'invoices'], ['carla', 'operator', 'invoices']]);
    for (const [file, text] of Object.entries(kBots)) {
      writeFileSync(path.join(dir, 'bots', file), text);
      const ran = run(['run', path.join(dir, 'bots', file), '--store', store], '', dir);
      assert.equal(ran.status, 3, `${file} should wait for review: ${ran.output}`);
      const bot = file.replace('.yaml', '');
      runs[bot] = /\br-[\w-]+/.exec(ran.output)[0];
      const listed = JSON.parse(run(['review', 'list', '--json', '--store', store]).output);
      tasks[bot] = (listed.tasks || listed).find((task) => task.run_id === runs[bot]).id;
    }
    ({ server, url } = await serve(dir, store));
    browser = await chromium.launch({ executablePath: kChromium, args: ['--no-sandbox'] });
    page = await signedIn('bruno');
    page.on('request', (request) => {
      if (/\/pages\/\d+\?width=/.test(request.url())) {
        pictures.push(new URL(request.url()).pathname + new URL(request.url()).search);
      }
    });
  });

  after(async () => {
    await browser?.close();
    server?.kill('SIGTERM');
    if (dir) {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('while a task is worked, the page of the next one is asked for once, at the same width', async () => {
    await page.locator('#tasks tbody tr').first().getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: `Attività ${tasks['invoice-review']}` }).waitFor();
    await page.locator('svg.app-page image[href^="blob:"]').waitFor({ state: 'attached' });
    const own = pictures.find((address) => address.includes(tasks['invoice-review']));
    const width = new URL(own, url).searchParams.get('width');
    const next = `/api/v1/review/tasks/${tasks['scan-review']}/pages/2?width=${width}`;
    for (let i = 0; i < 50 && !pictures.includes(next); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.deepEqual(pictures.filter((address) => !address.includes(tasks['invoice-review'])), [next],
      'only the next task\'s page shown first, once');
  });

  test('a box drawn with the keys is read into the chosen field; Escape cancels one', async () => {
    const sketch = page.locator('rect.app-sketch');
    const boxNow = () => Promise.all(['x', 'y', 'width', 'height'].map(async (name) => Number(await sketch.getAttribute(name))));
    await page.getByLabel('fornitore').focus();
    await page.locator('#page-frame').focus();
    await page.keyboard.press('d');
    assert.equal(await page.getByRole('button', { name: 'Disegna un riquadro' }).getAttribute('aria-pressed'), 'true');
    assert.equal(await sketch.getAttribute('visibility'), 'visible');
    assert.deepEqual(await boxNow(), kSupplierBox, 'the box starts on the chosen field\'s');
    await page.keyboard.press('ArrowDown');
    assert.deepEqual(await boxNow(), [237, 248 + kKeyStep, 600, 64]);
    await page.keyboard.press('Escape');
    assert.equal(await sketch.getAttribute('visibility'), 'hidden');
    assert.equal(await page.getByRole('button', { name: 'Disegna un riquadro' }).getAttribute('aria-pressed'), 'false');

    await page.keyboard.press('d');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowDown');
    const box = [237 - kKeyStep, 248 - kKeyStep, 600 + 2 * kKeyStep, 64 + kKeyStep];
    assert.deepEqual(await boxNow(), box);
    assert.match(await page.locator('#page-status').textContent(), /Riquadro: x 212, y 223, larghezza 650, altezza 89\./);
    const region = page.waitForResponse((r) => r.url().endsWith('/api/v1/ocr/region'));
    await page.keyboard.press('Enter');
    const sent = JSON.parse((await region).request().postData());
    assert.deepEqual(sent.box, box);
    assert.equal(sent.page, 1);
    assert.match((await (await region).json()).text, /Servizi Neve S\.p\.A/);
    await page.waitForFunction(() => /S\.p\.A/.test(document.getElementById('field-fornitore').value));
  });

  test('the keys dialog lists the drawing keys', async () => {
    await page.locator('#page-frame').focus();
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Tasti' });
    await dialog.waitFor();
    const text = await dialog.textContent();
    assert.match(text, /Shift\+← ↑ → ↓Durante il disegno: allarga o restringe il riquadro/);
    assert.match(text, /EnterDurante il disegno: legge il riquadro nel campo scelto/);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  test('switching the language keeps the values typed, still checked', async () => {
    const supplier = await page.getByLabel('fornitore').inputValue();
    await page.getByLabel('partita_iva').fill('51849580961');
    await page.locator('#field-partita_iva-error').filter({ hasText: /check digit is 1, expected 7/ }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: `Task ${tasks['invoice-review']}` }).waitFor();
    const input = page.getByLabel('partita_iva');
    assert.equal(await input.inputValue(), '51849580961');
    assert.equal(await page.getByLabel('fornitore').inputValue(), supplier);
    await page.locator('#field-partita_iva-error').filter({ hasText: /check digit is 1, expected 7/ }).waitFor();
    assert.equal(await input.getAttribute('aria-invalid'), 'true');
    await page.getByRole('button', { name: 'Italiano' }).click();
    await page.getByRole('heading', { level: 1, name: `Attività ${tasks['invoice-review']}` }).waitFor();
    assert.equal(await page.getByLabel('partita_iva').inputValue(), '51849580961');
    await page.getByLabel('partita_iva').fill('51849580967');
  });

  test('a claim about to lapse is said, a lapsed one can be claimed again, the edits kept', async () => {
    const notice = page.locator('#claim-notice');
    assert.equal(await notice.getAttribute('role'), 'status');
    assert.equal(await notice.textContent(), '');
    await page.clock.fastForward('13:30');
    await notice.filter({ hasText: /^Attenzione: la tua presa in carico scade alle .+, fra meno di 2 minuti/ }).waitFor();
    await checkAccessibility(page, 'claim ending');
    await page.clock.fastForward('02:00');
    await notice.filter({ hasText: /^Attenzione: la tua presa in carico è scaduta alle .+Le tue modifiche sono ancora qui\./ }).waitFor();
    await shoot(page, 'validation-claim-lapsed');
    // The server's claim has not lapsed: the page's clock goes back to the
    // server's before the claim is renewed.
    await page.clock.setSystemTime(Date.now());
    const claimed = page.waitForResponse((r) => r.url().endsWith(`/${tasks['invoice-review']}/claim`));
    await page.getByRole('button', { name: 'Prendi di nuovo in carico' }).click();
    assert.equal((await claimed).status(), 200);
    await page.waitForFunction(() => document.getElementById('claim-notice').textContent === '');
    assert.equal(await page.getByLabel('partita_iva').inputValue(), '51849580967');
    assert.match(await page.getByLabel('fornitore').inputValue(), /S\.p\.A/);
  });

  test('approving goes to the next task; leaving a task frees its pictures', async () => {
    await page.keyboard.press('Control+Enter');
    await page.getByRole('heading', { level: 1, name: `Attività ${tasks['scan-review']}` }).waitFor();
    const done = await runLeaves(store, runs['invoice-review'], 'waiting_review');
    assert.equal(done.state, 'succeeded', JSON.stringify(done));
    await page.locator('#page-thumbs img[src^="blob:"]').nth(1).waitFor({ state: 'attached' });
    const shown = await page.evaluate(() => [document.querySelector('svg.app-page image').getAttribute('href'),
      ...[...document.querySelectorAll('#page-thumbs img')].map((img) => img.src)]);
    assert.equal(shown.length, 3);
    await page.getByRole('button', { name: 'Salta' }).click();
    await page.getByRole('heading', { level: 1, name: `Attività ${tasks['payment-review']}` }).waitFor();
    const revoked = await page.evaluate(() => window.revokedUrls);
    assert.deepEqual(shown.filter((address) => !revoked.includes(address)), [], 'every picture of the task left is freed');
  });

  test('a four-eyes task: a first approval by bruno, the second by carla, and the run goes on', async () => {
    const id = tasks['payment-review'];
    await page.locator('#four-eyes').filter({ hasText: 'due approvazioni' }).waitFor();
    await page.getByRole('button', { name: /^Approva/ }).click();
    await page.locator('#inbox-notice').waitFor();
    await page.goto(`${url}/#/review/${id}`);
    await page.locator('#four-eyes').filter({ hasText: 'Prima approvazione data da bruno' }).waitFor();
    assert.equal(await page.getByRole('button', { name: /^Approva/ }).isDisabled(), true);
    assert.equal(runShown(store, runs['payment-review']).state, 'waiting_review');

    const second = await signedIn('carla');
    await second.goto(`${url}/#/review/${id}`);
    await second.locator('#four-eyes').filter({ hasText: 'Prima approvazione data da bruno' }).waitFor();
    await second.locator('svg.app-page image[href^="blob:"]').waitFor({ state: 'attached' });
    const approve = second.getByRole('button', { name: /^Approva/ });
    assert.equal(await approve.isDisabled(), false);
    assert.equal(await second.locator('#locked').count(), 0);
    await checkAccessibility(second, 'second approval');
    await shoot(second, 'validation-second-approval');
    await approve.click();
    await second.waitForFunction((task) => !location.hash.endsWith(task), id);
    const done = await runLeaves(store, runs['payment-review'], 'waiting_review');
    assert.equal(done.state, 'succeeded', JSON.stringify(done));
    const task = await second.evaluate(async (task) => (await fetch(`/api/v1/review/tasks/${task}`)).json(), id);
    assert.equal(task.state, 'approved');
    assert.equal(task.decided_by, 'carla');
    assert.equal(task.first_approver, 'bruno');
  });

  test('nothing failed in the browser', () => {
    assert.deepEqual(problems, []);
  });
});
