// The validation view (#/review/{id}) in a real browser: real bot runs stop
// at review tasks over real scans (samples/scans), an operator opens them
// from the inbox, sees the page with the fields' boxes, corrects a partita
// IVA checked live by the server, reads a drawn box with the server's OCR,
// approves with Ctrl+Enter, rejects with a reason, gives a four-eyes task
// its first approval, and the runs continue. The harness (harness.mjs)
// fails the run on any script error, CSP refusal or failed request.
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
// invoice-0001-clean.png: 2480 x 3508 at 300 dpi; the lines' boxes are those
// of its .json. The supplier's name line is [237, 248, 600, 64].
const kSupplierBox = [237, 248, 600, 64];

// Three runs that wait for bruno's queue: an invoice whose partita IVA has a
// wrong check digit (highest priority, shown first), a two-page TIFF (to be
// rejected), and a payment that needs two approvers.
const kBots = {
  'invoice-review.yaml': `bot: invoice-review
steps:
  - id: checked
    uses: review
    with:
      queue: invoices
      priority: 5
      document: scans/invoice-0001-clean.png
      instructions: Compare the VAT number with the scan.
      fields:
        partita_iva: { value: "51849580960", raw: "51849580960", confidence: 88, valid: false, verdict: "check digit is 0, expected 7", type: partita_iva, page: 1, box: [239, 402, 1159, 34] }
        fornitore: { value: "Servizi Neve", raw: "Servizi Neve", confidence: 52, valid: true, accepted: false, type: text, page: 1, box: [${kSupplierBox}] }
        totale: { value: "24071.39", raw: "Totale € 24.071,39", confidence: 97, valid: true, type: amount, page: 1, box: [1417, 1997, 826, 43] }
        numero: { value: null, verdict: "not found", type: text }
  - id: after
    uses: set
    with: { vat: "\${{ steps.checked.fields.partita_iva }}", supplier: "\${{ steps.checked.fields.fornitore }}" }
`,
  'scan-review.yaml': kScanReviewBot,
  'payment-review.yaml': kPaymentReviewBot,
};

describe('the validation view', () => {
  let dir;
  let store;
  let server;
  let url;
  let browser;
  let page;
  const runs = {};  // bot -> run id
  const problems = [];

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'travet-validation-'));
    mkdirSync(screenshots, { recursive: true });
    mkdirSync(path.join(dir, 'bots'));
    mkdirSync(path.join(dir, 'scans'));
    for (const scan of ['invoice-0001-clean.png', 'invoice-0006-clean.tiff']) {
      copyFileSync(path.join(kScans, scan), path.join(dir, 'scans', scan));
    }
    store = `sqlite://${path.join(dir, 'travet.db')}`;
    addUsers(store, [['bruno', 'operator', 'invoices']]);
    for (const [file, text] of Object.entries(kBots)) {
      writeFileSync(path.join(dir, 'bots', file), text);
      const ran = run(['run', path.join(dir, 'bots', file), '--store', store], '', dir);
      assert.equal(ran.status, 3, `${file} should wait for review: ${ran.output}`);
      runs[file.replace('.yaml', '')] = /\br-[\w-]+/.exec(ran.output)[0];
    }
    ({ server, url } = await serve(dir, store));
    browser = await chromium.launch({ executablePath: kChromium, args: ['--no-sandbox'] });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    watchProblems(page, problems);
  });

  after(async () => {
    await browser?.close();
    server?.kill('SIGTERM');
    if (dir) {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the first task opens from the inbox, claimed, with the page and its boxes', async () => {
    await page.goto(url);
    await page.getByLabel('Nome utente').fill('bruno');
    await page.getByLabel('Password').fill(kPassword);
    await page.getByLabel('Password').press('Enter');
    await page.locator('#tasks tbody tr').first().getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: /^Attività t-/ }).waitFor();
    // The picture is drawn once its PNG (an object URL) is in the svg.
    await page.locator('svg.app-page image[href^="blob:"]').waitFor({ state: 'attached' });
    assert.equal(await page.locator('svg.app-page').getAttribute('viewBox'), '0 0 2480 3508');
    assert.equal(await page.locator('svg.app-page rect.app-box').count(), 3, 'a box for each field with one on page 1');
    assert.equal(await page.locator('#page-thumbs li').count(), 0, 'no thumbnails for one page');
    const task = await page.evaluate(async (id) => (await fetch(`/api/v1/review/tasks/${id}`)).json(),
      page.url().split('/').pop());
    assert.equal(task.state, 'claimed');
    assert.equal(task.claimed_by, 'bruno');
    // The field list: evidence and reasons in words.
    const vat = page.locator('li[data-field="partita_iva"]');
    assert.match(await vat.textContent(), /non valido/);
    assert.match(await page.locator('li[data-field="fornitore"]').textContent(), /sotto la soglia/);
    assert.match(await page.locator('li[data-field="numero"]').textContent(), /mancante/);
    assert.match(await page.locator('li[data-field="totale"]').textContent(), /97%/);
    // The first field sent to review is selected: its box is highlighted.
    await page.locator('rect.app-box-selected[data-field="fornitore"]').waitFor({ state: 'attached' });
    assert.equal(await page.locator('li.app-vfield-selected').getAttribute('data-field'), 'fornitore');
    await checkAccessibility(page, 'validation');
    await shoot(page, 'validation');
  });

  test('a partita IVA is checked while typing, the reason said inline', async () => {
    const input = page.getByLabel('partita_iva');
    await input.fill('51849580961');
    const error = page.locator('#field-partita_iva-error');
    await error.filter({ hasText: /check digit is 1, expected 7/ }).waitFor();
    assert.equal(await input.getAttribute('aria-invalid'), 'true');
    assert.match(await input.getAttribute('aria-describedby'), /field-partita_iva-error/);
    await input.fill('51849580967');
    await page.waitForFunction(() => document.getElementById('field-partita_iva').getAttribute('aria-invalid') === 'false');
    assert.equal(await error.textContent(), '');
  });

  test('selecting a field highlights its box', async () => {
    await page.getByLabel('totale').focus();
    await page.locator('rect.app-box-selected[data-field="totale"]').waitFor({ state: 'attached' });
    assert.equal(await page.locator('rect.app-box-selected').count(), 1);
  });

  test('zoom by buttons and keys', async () => {
    const width = async () => Number(await page.locator('svg.app-page').getAttribute('width'));
    const fit = await width();
    await page.locator('#page-frame').focus();
    await page.keyboard.press('+');
    assert.ok(await width() > fit, 'zoomed in');
    await page.keyboard.press('0');
    assert.equal(await width(), fit);
    await page.getByRole('button', { name: 'Riduci' }).click();
    assert.ok(await width() < fit, 'zoomed out');
    await page.getByRole('button', { name: 'Adatta' }).click();
    assert.equal(await width(), fit);
  });

  test('a box drawn on the page is read by the server into the chosen field', async () => {
    await page.getByLabel('fornitore').focus();
    await page.getByRole('button', { name: 'Disegna un riquadro' }).click();
    assert.equal(await page.getByRole('button', { name: 'Disegna un riquadro' }).getAttribute('aria-pressed'), 'true');
    const picture = page.locator('svg.app-page');
    await page.locator('#page-frame').scrollIntoViewIfNeeded();
    const shown = await picture.boundingBox();
    const scale = shown.width / 2480;
    const [x, y, w, h] = kSupplierBox;
    const region = page.waitForResponse((r) => r.url().endsWith('/api/v1/ocr/region'));
    await page.mouse.move(shown.x + (x - 20) * scale, shown.y + (y - 20) * scale);
    await page.mouse.down();
    await page.mouse.move(shown.x + (x + w / 2) * scale, shown.y + (y + h / 2) * scale, { steps: 4 });
    await page.mouse.move(shown.x + (x + w + 40) * scale, shown.y + (y + h + 20) * scale, { steps: 4 });
    await page.mouse.up();
    const answer = await (await region).json();
    const sent = JSON.parse((await region).request().postData());
    assert.equal(sent.page, 1);
    assert.equal(sent.type, 'text');
    assert.ok(Math.abs(sent.box[0] - (x - 20)) < 8 && Math.abs(sent.box[1] - (y - 20)) < 8, `box ${sent.box}`);
    assert.match(answer.text, /Servizi Neve S\.p\.A/);
    await page.waitForFunction(() => /S\.p\.A/.test(document.getElementById('field-fornitore').value));
  });

  test('the keys are listed behind ?', async () => {
    await page.locator('#page-frame').focus();
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Tasti' });
    await dialog.waitFor();
    assert.match(await dialog.textContent(), /Ctrl\+Enter/);
    await checkAccessibility(page, 'keys dialog');
    await shoot(page, 'validation-keys');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  test('Ctrl+Enter approves the corrections; the run resumes and the next task is shown at once', async () => {
    const first = page.url().split('/').pop();
    await page.getByLabel('totale').focus();
    await page.keyboard.press('Control+Enter');
    await page.waitForFunction((id) => !location.hash.endsWith(id), first);
    await page.getByRole('heading', { level: 1, name: /^Attività t-/ }).waitFor();
    const done = await runLeaves(store, runs['invoice-review'], 'waiting_review');
    assert.equal(done.state, 'succeeded', JSON.stringify(done));
    assert.equal(done.steps[1].output.vat, '51849580967');
    assert.match(done.steps[1].output.supplier, /Servizi Neve S\.p\.A/);
  });

  test('a multi-page document has thumbnails and shows the page of the field', async () => {
    await page.locator('#page-thumbs li').nth(1).waitFor();
    assert.equal(await page.locator('#page-thumbs li').count(), 2);
    await page.locator('#page-thumbs button[data-page="2"][aria-current="true"]').waitFor();
    assert.equal(await page.locator('svg.app-page rect.app-box').count(), 1);
    assert.match(await page.locator('#page-status').textContent(), /Pagina 2 di 2/);
    await checkAccessibility(page, 'validation of a two-page scan');
    await shoot(page, 'validation-pages');
  });

  test('a rejection needs a reason; its run goes on', async () => {
    await page.getByRole('button', { name: 'Respingi' }).click();
    const dialog = page.getByRole('dialog', { name: "Respingi l'attività" });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Respingi' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Scegli un motivo.' }).waitFor();
    await dialog.getByText('Documento illeggibile').click();
    assert.equal(await dialog.getByLabel('Documento illeggibile').isChecked(), true);
    await dialog.getByLabel(/^Note/).fill('pagina 2 sbiadita');
    await checkAccessibility(page, 'reject dialog');
    await dialog.getByRole('button', { name: 'Respingi' }).click();
    const done = await runLeaves(store, runs['scan-review'], 'waiting_review');
    assert.notEqual(done.state, 'waiting_review');
    assert.match(JSON.stringify(done), /Documento illeggibile: pagina 2 sbiadita/);
  });

  test('a four-eyes task: the first approval, then no second one from the same person', async () => {
    await page.locator('#four-eyes').filter({ hasText: 'due approvazioni' }).waitFor();
    const id = page.url().split('/').pop();
    await page.getByRole('button', { name: /^Approva/ }).click();
    // No other task is left for bruno: back to the inbox, which says so.
    await page.locator('#inbox-notice').filter({ hasText: 'Non ci sono altre attività da fare.' }).waitFor();
    await page.goto(`${url}/#/review/${id}`);
    await page.locator('#four-eyes').filter({ hasText: 'Prima approvazione data da bruno' }).waitFor();
    await page.locator('#locked').filter({ hasText: 'non puoi dare anche la seconda' }).waitFor();
    assert.equal(await page.getByRole('button', { name: /^Approva/ }).isDisabled(), true);
    assert.equal(runShown(store, runs['payment-review']).state, 'waiting_review');
  });

  test('the history is one tab away', async () => {
    await page.goto(`${url}/#/review`);
    await page.getByRole('heading', { level: 1, name: /^Revisione/ }).waitFor();
    const approved = await page.evaluate(async () =>
      (await (await fetch('/api/v1/review/tasks?state=approved')).json()).tasks.map((t) => t.id));
    assert.equal(approved.length, 1);
    await page.goto(`${url}/#/review/${approved[0]}`);
    await page.locator('#locked').filter({ hasText: 'Già decisa' }).waitFor();
    await page.getByRole('tab', { name: 'Cronologia' }).click();
    const history = page.locator('#history');
    await history.waitFor();
    assert.match(await history.textContent(), /partita_iva: 51849580960 → 51849580967/);
    assert.match(await history.textContent(), /bruno/);
    await checkAccessibility(page, 'history');
    await shoot(page, 'validation-history');
  });

  test('nothing failed in the browser', () => {
    assert.deepEqual(problems, []);
  });
});
