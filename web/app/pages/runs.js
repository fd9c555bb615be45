// The runs (#/runs): newest first, filtered by the API (bot, state, created
// since / until a day), a page at a time with "more". The filters live in
// the address (#/runs?state=failed), so a reload or a shared link shows the
// same list.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { problemText } from '../problem.js';
import { queryOf } from '../router.js';
import { kRunStates, runStateBadge } from './runs/states.js';
import { clockTime, elapsed, runMilliseconds } from './runs/time.js';

const kPage = 50;
const kFilters = ['bot', 'state', 'since', 'until'];

// The filters of the address; only the names the page knows.
function filtersOf(hash) {
  const query = queryOf(hash);
  return Object.fromEntries(kFilters.map((name) => [name, query[name] || '']));
}

let lastList = '#/runs';  // the list as last filtered, for a run's "back" link

export function listAddress() {
  return lastList;
}

// Writes the filters to the address without drawing the page again (the
// list is reloaded in place, and the focus stays on the control changed).
function keepInAddress(filters) {
  const query = new URLSearchParams(Object.entries(filters).filter(([, value]) => value)).toString();
  lastList = `#/runs${query ? `?${query}` : ''}`;
  history.replaceState(null, '', lastList);
}

// A day of the date fields (local time, as the user reads it) as the
// API's RFC 3339 time: its start, or the start of the next day for "until".
function dayStart(day, next = false) {
  const date = new Date(`${day}T00:00:00`);
  if (next) {
    date.setDate(date.getDate() + 1);
  }
  return date.toISOString();
}

function listPath(filters, before) {
  const query = new URLSearchParams({ limit: String(kPage) });
  if (filters.bot) query.set('bot', filters.bot);
  if (filters.state) query.set('state', filters.state);
  if (filters.since) query.set('since', dayStart(filters.since));
  if (filters.until) query.set('until', dayStart(filters.until, true));
  if (before) query.set('before', before);
  return `/api/v1/runs?${query}`;
}

async function botNames(api) {
  try {
    return (await api.get('/api/v1/bots')).bots.map((bot) => bot.name);
  } catch {
    return [];  // the list still works; the filter offers the bots of the runs
  }
}

function runRow(run, now) {
  const took = runMilliseconds(run, now);
  return h('tr', { 'data-run': run.id },
    h('th', { scope: 'row' }, h('a', { href: `#/runs/${encodeURIComponent(run.id)}`, class: 'app-id' }, run.id)),
    h('td', {}, run.bot),
    h('td', {}, runStateBadge(run.state)),
    h('td', {}, clockTime(run.started_at) || '—'),
    h('td', { class: 'app-count' }, took === null ? '—' : elapsed(took)),
    h('td', { class: 'app-count' }, String(run.attempt)),
    h('td', {}, run.error || ''));
}

function runTable(body) {
  const heads = ['run', 'bot', 'state', 'started', 'duration', 'attempt', 'error'];
  return h('div', { class: 'table-responsive' },
    h('table', { id: 'runs', class: 'table app-runs' },
      h('caption', {}, t('runs.caption')),
      h('thead', {}, h('tr', {}, heads.map((head) => h('th', { scope: 'col' }, t(`runs.${head}`))))),
      body));
}

function select(id, label, value, options) {
  return h('div', { class: 'app-filter' },
    h('label', { for: id, class: 'form-label' }, label),
    h('select', { id, class: 'form-select', name: id.replace('runs-', '') },
      h('option', { value: '' }, t('runs.all')),
      options.map(([optionValue, text]) =>
        h('option', { value: optionValue, selected: optionValue === value }, text))));
}

function dayField(id, label, value) {
  return h('div', { class: 'app-filter' },
    h('label', { for: id, class: 'form-label' }, label),
    h('input', { id, type: 'date', class: 'form-control', name: id.replace('runs-', ''), value }));
}

function filterForm(filters, bots) {
  return h('form', { id: 'runs-filters', class: 'app-filters', role: 'search', 'aria-label': t('runs.filters') },
    select('runs-bot', t('runs.bot'), filters.bot, bots.map((bot) => [bot, bot])),
    select('runs-state', t('runs.state'), filters.state,
      kRunStates.map((state) => [state, t(`runs.state.${state}`)])),
    dayField('runs-since', t('runs.since'), filters.since),
    dayField('runs-until', t('runs.until'), filters.until));
}

async function render(main, { api }) {
  const filters = filtersOf(location.hash);
  lastList = location.hash.startsWith('#/runs') ? location.hash : '#/runs';
  const bots = [...new Set([...(await botNames(api)), filters.bot].filter(Boolean))].sort();
  const form = filterForm(filters, bots);
  const status = h('div', { id: 'runs-status', role: 'status' }, t('runs.loading'));
  const list = h('div', { id: 'runs-list' });
  const more = h('button', { type: 'button', id: 'runs-more', class: 'btn btn-outline-primary', hidden: true },
    t('runs.more'));
  const refresh = h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm' }, t('runs.refresh'));
  main.append(h('h1', { tabindex: '-1' }, t('runs.title')), form, h('p', {}, refresh), status, list,
    h('p', {}, more));

  let shown = 0;
  let next = null;
  let body = null;
  let asked = 0;  // the latest request: an older answer, come late, is dropped
  // Loads a page of runs: the first (a new list) or the one after `next`.
  const load = async (first) => {
    status.textContent = t('runs.loading');
    const request = ++asked;
    let answer;
    try {
      answer = await api.get(listPath(filters, first ? null : next));
      if (request !== asked) {
        return;
      }
    } catch (error) {
      if (request === asked) {
        status.replaceChildren(h('p', { class: 'alert alert-danger', role: 'alert' }, problemText(error)));
      }
      return;
    }
    const now = Date.now();
    if (first) {
      shown = 0;
      body = h('tbody', {});
      list.replaceChildren(answer.runs.length ? runTable(body)
        : h('p', { id: 'runs-empty', class: 'app-empty' }, t('runs.none')));
    }
    const rows = answer.runs.map((run) => runRow(run, now));
    body.append(...rows);
    if (!first && rows.length) {
      rows[0].querySelector('a').focus();  // the "more" button may go: the keyboard stays in the list
    }
    shown += answer.runs.length;
    next = answer.next;
    more.hidden = !next;
    status.textContent = t(next ? 'runs.shown-more' : 'runs.shown', { shown });
  };
  form.addEventListener('change', (event) => {
    filters[event.target.name] = event.target.value;
    keepInAddress(filters);
    load(true);
  });
  form.addEventListener('submit', (event) => event.preventDefault());
  more.addEventListener('click', () => load(false));
  refresh.addEventListener('click', () => load(true));
  await load(true);
}

export default { title: () => t('runs.title'), render };
