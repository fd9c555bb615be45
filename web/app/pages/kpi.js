// The KPI view (#/kpi?bot=&since=&until=): per bot and month the figures a
// back office measures itself by (documents, straight-through rate,
// corrections per field, median operator time, SLA breaches, hours saved),
// as a table and as bar charts, with the same figures to download as CSV
// and XLSX. The filters live in the hash's query, so that a view can be
// bookmarked and sent; the server answers the same document as `travet kpi`.
import { h, icon } from '../dom.js';
import { t } from '../i18n.js';
import { problemText } from '../problem.js';
import { queryOf } from '../router.js';
import { figuresCharts, figuresTable } from './kpi/figures.js';

const kFilters = ['bot', 'since', 'until'];

// The filters as a query string, those left empty left out: "bot=x&since=2026-01".
function queryText(filters) {
  const query = new URLSearchParams();
  for (const name of kFilters) {
    if (filters[name]) {
      query.set(name, filters[name]);
    }
  }
  return query.toString();
}

function apiPath(filters, fileFormat = '') {
  const query = new URLSearchParams(queryText(filters));
  if (fileFormat) {
    query.set('format', fileFormat);
  }
  const text = query.toString();
  return `/api/v1/kpi${text ? `?${text}` : ''}`;
}

async function botNames(api) {
  try {
    const answer = await api.get('/api/v1/bots');
    return answer.bots.filter((bot) => bot.valid).map((bot) => bot.name).sort((a, b) => a.localeCompare(b));
  } catch {
    return [];  // the filter still takes the bot of the hash; the figures say what failed
  }
}

function filterForm(filters, names, apply) {
  const choices = names.includes(filters.bot) || !filters.bot ? names : [...names, filters.bot];
  const bot = h('select', { id: 'kpi-bot', class: 'form-select', name: 'bot' },
    h('option', { value: '' }, t('kpi.all-bots')),
    choices.map((name) => h('option', { value: name, selected: name === filters.bot }, name)));
  const monthInput = (name) => h('div', { class: 'app-filter' },
    h('label', { for: `kpi-${name}`, class: 'form-label' }, t(`kpi.${name}`)),
    h('input', { id: `kpi-${name}`, name, type: 'month', class: 'form-control', value: filters[name] || '' }));
  const form = h('form', { id: 'kpi-filters', class: 'app-filters', 'aria-label': t('kpi.filters') },
    h('div', { class: 'app-filter' }, h('label', { for: 'kpi-bot', class: 'form-label' }, t('kpi.bot')), bot),
    monthInput('since'), monthInput('until'),
    h('div', { class: 'app-filter app-filter-submit' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('kpi.apply'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    apply(Object.fromEntries(kFilters.map((name) => [name, String(data.get(name) || '')])));
  });
  return form;
}

function downloads(filters) {
  const link = (fileFormat, text) => h('a', {
    id: `kpi-${fileFormat}`, class: 'btn btn-outline-primary btn-sm', href: apiPath(filters, fileFormat), download: '',
  }, icon('it-download'), ' ', text);
  return h('p', {}, link('csv', t('kpi.download-csv')), ' ', link('xlsx', t('kpi.download-xlsx')));
}

async function drawFigures(results, status, api, filters) {
  status.textContent = t('kpi.loading');
  let answer;
  try {
    answer = await api.get(apiPath(filters));
  } catch (error) {
    status.textContent = '';
    results.replaceChildren(h('p', { class: 'alert alert-danger', role: 'alert' }, problemText(error)));
    return;
  }
  status.textContent = t('kpi.shown', { rows: answer.months.length });
  if (answer.months.length === 0) {
    results.replaceChildren(h('p', { id: 'kpi-empty', class: 'app-empty' }, t('kpi.none')));
    return;
  }
  results.replaceChildren(downloads(filters), figuresTable(answer), figuresCharts(answer));
}

async function render(main, { api, announce }) {
  const filters = Object.fromEntries(kFilters.map((name) => [name, queryOf()[name] || '']));
  const status = h('div', { id: 'kpi-status', role: 'status' });
  const results = h('div', { id: 'kpi-results' });
  main.append(h('h1', { tabindex: '-1' }, t('kpi.title')), h('p', { class: 'lead' }, t('kpi.intro')));
  // The new filters go to the hash without a hashchange: the page stays,
  // the focus stays on the button, and only the figures are drawn again.
  const apply = async (chosen) => {
    Object.assign(filters, chosen);
    const query = queryText(filters);
    history.replaceState(null, '', `#/kpi${query ? `?${query}` : ''}`);
    await drawFigures(results, status, api, filters);
    if (status.textContent) {
      announce(status.textContent);
    }
  };
  main.append(filterForm(filters, await botNames(api), apply), status, results);
  await drawFigures(results, status, api, filters);
}

export default { title: () => t('kpi.title'), render };
