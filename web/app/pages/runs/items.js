// A run's work items (loops with `items: true`): key, state, attempts,
// retries and error; a filter to see only the failed ones; and, for those
// who may retry, a checkbox on each failed item to send it back to work.
import { h } from '../../dom.js';
import { t } from '../../i18n.js';
import { partStateBadge } from './states.js';
import { clockTime } from './time.js';

function itemRow(item, mayRetry) {
  const failed = item.state === 'failed';
  const id = `item-${item.loop}-${item.index}`.replace(/[^\w-]/g, '-');
  // Bootstrap Italia draws the box on the label: the label says which item.
  const choice = mayRetry && failed
    ? h('div', { class: 'form-check form-check-inline app-item-check' },
      h('input', { type: 'checkbox', class: 'form-check-input app-item-choice', value: item.key, id }),
      h('label', { for: id, class: 'form-check-label' },
        h('span', { class: 'visually-hidden' }, t('run.choose-item', { key: item.key }))))
    : '';
  return h('tr', { 'data-item': item.key, 'data-state': item.state, class: failed ? 'app-step-failed' : null },
    mayRetry ? h('td', {}, choice) : null,
    h('th', { scope: 'row' }, item.key),
    h('td', { class: 'app-id' }, `${item.loop}[${item.index}]`),
    h('td', {}, partStateBadge(item.state)),
    h('td', { class: 'app-count' }, String(item.attempts)),
    h('td', { class: 'app-count' }, String(item.retries)),
    h('td', {}, clockTime(item.finished_at) || '—'),
    h('td', { class: 'app-step-error' }, item.error || item.outcome || ''));
}

// The items' table and its filter; `chosen()` gives the keys checked.
export function itemTable(items, mayRetry) {
  if (items.length === 0) {
    return { element: h('p', { id: 'items-empty', class: 'app-empty' }, t('run.no-items')), chosen: () => [] };
  }
  const heads = ['key', 'loop', 'state', 'attempts', 'retries', 'finished', 'error'];
  const rows = items.map((item) => itemRow(item, mayRetry));
  const table = h('table', { id: 'items', class: 'table app-runs' },
    h('caption', {}, t('run.items-caption', {
      total: items.length, failed: items.filter((item) => item.state === 'failed').length,
    })),
    h('thead', {}, h('tr', {},
      mayRetry ? h('th', { scope: 'col' }, t('run.choose')) : null,
      heads.map((head) => h('th', { scope: 'col' }, t(`run.item-${head}`))))),
    h('tbody', {}, rows));
  const onlyFailed = h('input', { type: 'checkbox', id: 'items-failed-only', class: 'form-check-input' });
  onlyFailed.addEventListener('change', () => {
    rows.forEach((row) => { row.hidden = onlyFailed.checked && row.dataset.state !== 'failed'; });
  });
  const element = h('div', {},
    h('div', { class: 'form-check app-only-failed' }, onlyFailed,
      h('label', { for: 'items-failed-only', class: 'form-check-label' }, t('run.only-failed'))),
    h('div', { class: 'table-responsive' }, table));
  const chosen = () => [...table.querySelectorAll('.app-item-choice:checked')].map((box) => box.value);
  return { element, chosen };
}
