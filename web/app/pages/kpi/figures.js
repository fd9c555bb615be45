// The KPI document (GET /api/v1/kpi) drawn: one table of every bot and
// month, then per bot three bar charts over its months: documents, the
// straight-through rate and the hours saved.
import { h } from '../../dom.js';
import { t } from '../../i18n.js';
import { barChart } from './chart.js';
import * as format from './format.js';

// The table's columns: the text key of the head, and the cell of a month.
const kColumns = [
  ['kpi.documents', (m) => format.count(m.documents), 'app-count'],
  ['kpi.straight-through', (m) => format.percent(m.straight_through_rate), 'app-count'],
  ['kpi.corrections', corrections, ''],
  ['kpi.median-time', (m) => format.operatorTime(m.median_operator_seconds), 'app-count'],
  ['kpi.sla-breaches', (m) => format.count(m.sla_breaches), 'app-count'],
  ['kpi.hours-saved', (m) => format.hours(m.hours_saved), 'app-count'],
];

function corrections(month) {
  if (month.corrections.length === 0) {
    return format.kUnknown;
  }
  return h('ul', { class: 'app-corrections' }, month.corrections.map((entry) =>
    h('li', { 'data-field': entry.field }, format.correction(entry))));
}

function monthRow(month) {
  return h('tr', { 'data-bot': month.bot, 'data-month': month.month },
    h('th', { scope: 'row' }, month.bot),
    h('td', {}, h('time', { datetime: month.month }, format.month(month.month))),
    kColumns.map(([key, cell, cellClass]) => h('td', { 'data-figure': key.slice(4), class: cellClass || null }, cell(month))));
}

export function figuresTable(document) {
  return h('div', { class: 'table-responsive' },
    h('table', { id: 'kpi-table', class: 'table app-kpi' },
      h('caption', {}, t('kpi.caption', { zone: document.timezone })),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, t('kpi.bot')),
        h('th', { scope: 'col' }, t('kpi.month')),
        kColumns.map(([key]) => h('th', { scope: 'col' }, t(key))))),
      h('tbody', {}, document.months.map(monthRow))));
}

function bars(months, value, text, unitKey) {
  return months.map((m) => ({
    month: m.month,
    label: format.month(m.month, 'short'),
    value: value(m),
    text: text(m),
    spoken: t(unitKey, { month: format.month(m.month), value: text(m) }),
  }));
}

// The three charts of one bot; `index` keeps the SVGs' ids apart.
function botCharts(bot, months, index) {
  const id = (name) => `chart-${index}-${name}`;
  const knowsHours = months.some((m) => m.hours_saved !== null);
  return h('section', { class: 'app-bot-charts', 'data-bot': bot },
    h('h3', { class: 'h5' }, bot),
    h('div', { class: 'app-charts' },
      barChart({
        id: id('documents'), caption: t('kpi.chart-documents', { bot }),
        bars: bars(months, (m) => m.documents, (m) => format.count(m.documents), 'kpi.spoken-documents'),
      }),
      barChart({
        id: id('straight-through'), caption: t('kpi.chart-straight-through', { bot }), top: 1,
        bars: bars(months, (m) => m.straight_through_rate,
          (m) => format.percent(m.straight_through_rate), 'kpi.spoken-value'),
      }),
      knowsHours
        ? barChart({
          id: id('hours-saved'), caption: t('kpi.chart-hours-saved', { bot }),
          bars: bars(months, (m) => m.hours_saved, (m) => format.hours(m.hours_saved), 'kpi.spoken-hours'),
        })
        : h('p', { class: 'app-no-hours' }, t('kpi.no-manual-minutes'))));
}

export function figuresCharts(document) {
  const byBot = new Map();
  for (const month of document.months) {
    byBot.set(month.bot, [...(byBot.get(month.bot) || []), month]);
  }
  return h('div', { id: 'kpi-charts' },
    h('h2', { class: 'h4' }, t('kpi.charts')),
    [...byBot].map(([bot, months], index) => botCharts(bot, months, index)));
}
