// The operator's web page in a real browser: a `travet serve` with real
// users, a real SQLite store and review tasks queued by real bot runs;
// Debian's chromium, headless, driven by playwright-core; axe-core on every
// page (no serious or critical violation). Screenshots of each page go to
// $TRAVET_SCREENSHOTS.
//
// Run by ctest (tests/web/CMakeLists.txt), which sets TRAVET_BIN (the travet
// program), TRAVET_WEB_DIR (the page as built), TRAVET_SCREENSHOTS and
// TRAVET_JS (tests/js, where scripts/setup installs the npm tools).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  addUsers, checkAccessibility, chromium, kChromium, kPassword, run, screenshots, serve, shoot, watchProblems,
} from './harness.mjs';

// Bots whose runs stop at a review: two in anna's queue (one due a second
// after it is made, so past due when the page is seen), one in another queue.
const kBots = {
  'invoice-check.yaml': `bot: invoice-check
steps:
  - id: checked
    uses: review
    with:
      queue: accounting
      priority: 5
      due: 1s
      document: inbox/fattura-017.pdf
      fields: { total: { value: "1464.00", confidence: 61.5, valid: true, type: amount } }
`,
  'letter-check.yaml': `bot: letter-check
steps:
  - id: checked
    uses: review
    with:
      queue: accounting
      priority: 1
      due: 48h
      document: scans/lettera-22.tiff
      fields: { sender: { value: "Comune di Torino", confidence: 70, valid: true, type: text } }
`,
  'protocol-check.yaml': `bot: protocol-check
steps:
  - id: checked
    uses: review
    with:
      queue: protocol
      document: inbox/protocollo-9.pdf
      fields: { number: { value: "9", confidence: 40, valid: true, type: text } }
`,
};

describe('the operator web page', () => {
  let dir;
  let server;
  let url;
  let browser;
  let context;
  let page;
  const problems = [];

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'travet-web-'));
    mkdirSync(screenshots, { recursive: true });
    mkdirSync(path.join(dir, 'bots'));
    const store = `sqlite://${path.join(dir, 'travet.db')}`;
    addUsers(store, [['anna', 'operator', 'accounting'], ['dario', 'developer', '']]);
    for (const [file, text] of Object.entries(kBots)) {
      writeFileSync(path.join(dir, 'bots', file), text);
      const ran = run(['run', path.join(dir, 'bots', file), '--store', store], '', dir);
      assert.equal(ran.status, 3, `${file} should wait for review: ${ran.output}`);
    }
    ({ server, url } = await serve(dir, store));
    browser = await chromium.launch({ executablePath: kChromium, args: ['--no-sandbox'] });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    // A script error or a file the CSP refused would leave the page half drawn.
    // The documents these tasks name are not there: their page is 410 Gone.
    watchProblems(page, problems, (response) => response.status() === 410 && /\/pages\/\d+/.test(response.url()));
  });

  after(async () => {
    await browser?.close();
    server?.kill('SIGTERM');
    if (dir) {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the sign-in page is Italian, labelled and accessible', async () => {
    await page.goto(url);
    await page.getByRole('heading', { level: 1, name: 'Accesso' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'it');
    assert.equal(await page.title(), 'Accesso · Travet');
    await page.getByLabel('Nome utente').waitFor();
    await page.getByLabel('Password').waitFor();
    assert.equal(await page.locator('#navigation').isVisible(), false, 'no navigation before sign-in');
    await checkAccessibility(page, 'sign-in');
    await shoot(page, 'login');
  });

  test('a wrong password is said in an alert', async () => {
    await page.getByLabel('Nome utente').fill('anna');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Accedi' }).click();
    await page.getByRole('alert').filter({ hasText: 'Nome utente o password errati.' }).waitFor();
    assert.equal(await page.getByLabel('Password').getAttribute('aria-invalid'), 'true');
    await shoot(page, 'login-refused');
  });

  test('an operator signs in from the keyboard and lands on the inbox', async () => {
    await page.getByLabel('Nome utente').fill('anna');
    await page.getByLabel('Password').fill(kPassword);
    await page.getByLabel('Password').press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Revisione: attività da svolgere' }).waitFor();
    assert.match(page.url(), /#\/review$/);
    assert.equal(await page.locator('#account-name').textContent(), 'anna');
    const nav = page.getByRole('navigation', { name: 'Navigazione principale' });
    assert.deepEqual(await nav.getByRole('link').allTextContents(), ['Revisione'],
      'an operator sees no developer navigation');
  });

  test('the inbox counts the queue and lists its tasks by priority, past due marked', async () => {
    const summary = page.locator('#queue-summary tbody tr[data-queue="accounting"]');
    assert.equal(await summary.locator('td').first().textContent(), '2');
    assert.equal(await summary.locator('td').nth(2).textContent(), '1', 'one task past due');
    assert.equal(await page.locator('#queue-summary tr[data-queue="protocol"]').count(), 0,
      'another queue is not shown');
    const rows = page.locator('#tasks tbody tr');
    assert.equal(await rows.count(), 2);
    assert.equal(await rows.nth(0).getByRole('link').textContent(), 'fattura-017.pdf');
    assert.equal(await rows.nth(1).getByRole('link').textContent(), 'lettera-22.tiff');
    assert.match(await rows.nth(0).textContent(), /invoice-check/);
    assert.match(await rows.nth(0).textContent(), /Scaduta/, 'past due said in words');
    assert.doesNotMatch(await rows.nth(1).textContent(), /Scaduta/);
    assert.equal(await page.locator('#inbox-status').textContent(), '2 attività mostrate su 2.');
    await checkAccessibility(page, 'inbox');
    await shoot(page, 'inbox');
  });

  test('the filters narrow the list', async () => {
    await page.getByLabel('Tipo di documento').selectOption('TIFF');
    await page.locator('#inbox-status').filter({ hasText: '1 attività mostrate su 2.' }).waitFor();
    assert.equal(await page.locator('#tasks tbody tr').count(), 1);
    await page.getByLabel('Robot').selectOption('invoice-check');
    await page.locator('#tasks-empty').waitFor();
    await page.getByLabel('Robot').selectOption('');
    await page.getByLabel('Tipo di documento').selectOption('');
    await page.locator('#inbox-status').filter({ hasText: '2 attività mostrate su 2.' }).waitFor();
  });

  test('English changes the texts and <html lang>, and is remembered', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Review: tasks to do' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed'), 'true');
    assert.match(await page.locator('#tasks tbody tr').first().textContent(), /Past due/);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Review: tasks to do' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await checkAccessibility(page, 'inbox in English');
    await shoot(page, 'inbox-en');
  });

  test('a task opens its page from the keyboard', async () => {
    await page.locator('#tasks tbody tr').first().getByRole('link').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /^Task t-/ }).waitFor();
    assert.match(page.url(), /#\/review\/t-/);
    await page.locator('#page-error').filter({ hasText: 'no longer where it was' }).waitFor();
    await checkAccessibility(page, 'task');
    await shoot(page, 'task');
  });

  test('signing out returns to the sign-in page', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    assert.match(page.url(), /#\/login$/);
    const answer = await page.evaluate(async () => (await fetch('/api/v1/session')).status);
    assert.equal(answer, 401, 'the session ended on the server too');
    await page.goto(`${url}/#/review`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  });

  test('a developer sees runs, schedules and KPI, not review', async () => {
    await page.getByLabel('User name').fill('dario');
    await page.getByLabel('Password').fill(kPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Runs' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    assert.deepEqual(await nav.getByRole('link').allTextContents(), ['Runs', 'Schedules', 'KPI']);
    await checkAccessibility(page, 'runs');
    await shoot(page, 'runs');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  });

  test('the skip link comes first, shows when focused and takes the keyboard to the content', async () => {
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    const first = await page.evaluate(() => document.querySelector(
      'a[href], button:not([disabled]), input, select, textarea, [tabindex]:not([tabindex="-1"])').id);
    assert.equal(first, 'skip-link', 'the skip link is the first stop of the keyboard');
    await skip.focus();
    const box = await skip.boundingBox();
    assert.ok(box && box.height > 1 && box.width > 1, 'the focused skip link is visible');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
  });

  test('nothing failed in the browser', () => {
    assert.deepEqual(problems, []);
  });
});
