// What the operator benchmark (web_operator_bench.mjs) works on: a `travet
// serve` with one worker over a fresh store, an operator and a developer,
// and N runs of a review bot, each over its own copy of a real scan, all
// waiting in the operator's queue. Each task has one field to correct: a
// partita IVA read with a wrong check digit.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const kRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), '../..');
const kScan = path.join(kRoot, 'samples/scans/invoice-0001-clean.png');
export const kWrongVat = '51849580960';
export const kRightVat = '51849580967';

// The fields as ocr.extract would give them for invoice-0001-clean.png, but
// the partita IVA's last digit, which needs the operator.
const kBot = `bot: invoice-check
inputs:
  scan: { type: path, description: The scanned invoice }
steps:
  - id: checked
    uses: review
    with:
      queue: invoices
      document: "\${{ inputs.scan }}"
      instructions: Compare the VAT number with the scan.
      fields:
        partita_iva: { value: "${kWrongVat}", raw: "${kWrongVat}", confidence: 88, valid: false, verdict: "check digit is 0, expected 7", type: partita_iva, page: 1, box: [360, 402, 292, 33] }
        fornitore: { value: "Servizi Neve S.p.A.", raw: "Servizi Neve S.p.A.", confidence: 97, valid: true, type: text, page: 1, box: [237, 248, 600, 64] }
        totale: { value: "24071.39", raw: "€ 24.071,39", confidence: 97, valid: true, type: amount, page: 1, box: [1989, 1999, 253, 40] }
  - id: registered
    uses: set
    with: { vat: "\${{ steps.checked.fields.partita_iva }}" }
`;

// The browser tests' harness (tests/web/harness.mjs), which reads the
// programs and folders from the environment as ctest gives them.
export async function loadHarness({ travet, web }) {
  process.env.TRAVET_BIN = path.resolve(travet);
  process.env.TRAVET_WEB_DIR = path.resolve(web);
  process.env.TRAVET_SCREENSHOTS ??= path.join(tmpdir(), 'travet-web-bench-screenshots');
  process.env.TRAVET_JS ??= path.join(kRoot, 'tests/js');
  return import(path.join(kRoot, 'tests/web/harness.mjs'));
}

async function api(url, token, method, route, body) {
  const answer = await fetch(`${url}${route}`, {
    method, body: body && JSON.stringify(body),
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
  });
  assert.ok(answer.ok, `${method} ${route}: ${answer.status} ${await answer.clone().text()}`);
  return answer.json();
}

// Starts the server and queues `count` runs through the API; resolves once
// their `count` tasks are pending: {dir, server, url, operatorApi}. With
// `oneScan` every task names the same file, whose page PNG the server then
// makes once and keeps (its PageCache).
export async function prepareTasks(harness, count, oneScan = false) {
  const dir = mkdtempSync(path.join(tmpdir(), 'travet-web-bench-'));
  mkdirSync(path.join(dir, 'bots'));
  mkdirSync(path.join(dir, 'scans'));
  writeFileSync(path.join(dir, 'bots', 'invoice-check.yaml'), kBot);
  const store = `sqlite://${path.join(dir, 'travet.db')}`;
  harness.addUsers(store, [['bruno', 'operator', 'invoices'], ['dora', 'developer']]);
  const tokens = {};
  for (const user of ['bruno', 'dora']) {
    const issued = harness.run(['users', 'token', user, '--store', store]);
    assert.equal(issued.status, 0, issued.output);
    tokens[user] = issued.output.trim();
  }
  const { server, url } = await harness.serve(dir, store);
  for (let i = 1; i <= count; i += 1) {
    // A file of its own per task: the server decodes each document afresh.
    const scan = `scans/fattura-${oneScan ? '001' : String(i).padStart(3, '0')}.png`;
    copyFileSync(kScan, path.join(dir, scan));
    await api(url, tokens.dora, 'POST', '/api/v1/bots/invoice-check/runs', { inputs: { scan } });
  }
  const operatorApi = (route) => api(url, tokens.bruno, 'GET', route);
  for (let i = 0; i < 1200; i += 1) {
    const { tasks } = await operatorApi('/api/v1/review/tasks?state=pending&limit=500');
    if (tasks.length === count) {
      return { dir, server, url, operatorApi };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the ${count} tasks were not all pending after 2 minutes`);
}
