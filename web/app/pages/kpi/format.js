// The KPI figures as people read them, in the page's language: numbers and
// months by Intl (it-IT: "66,7%", "1.234"; en-GB: "66.7%", "1,234"), and
// "—" for a figure the server does not know (null).
import { language, t } from '../../i18n.js';

export const kUnknown = '—';

function locale() {
  return language() === 'en' ? 'en-GB' : 'it-IT';
}

function unlessNull(value, format) {
  return value === null || value === undefined ? kUnknown : format(value);
}

// Documents, SLA breaches: whole numbers with the language's grouping.
export function count(value) {
  return unlessNull(value, (n) => new Intl.NumberFormat(locale()).format(n));
}

// The straight-through rate (0..1) as a percentage with one decimal at most.
export function percent(rate) {
  return unlessNull(rate, (r) =>
    new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 1 }).format(r));
}

// Hours saved, always with one decimal ("12,5").
export function hours(value) {
  return unlessNull(value, (n) =>
    new Intl.NumberFormat(locale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n));
}

// The median operator time in its largest sensible unit, one decimal at
// most: "42 s", "2,5 min", "1,2 h" (short units: the table is dense).
export function operatorTime(seconds) {
  return unlessNull(seconds, (s) => {
    let value = s;
    let unit = 'second';
    if (s >= 3600) {
      value = s / 3600;
      unit = 'hour';
    } else if (s >= 60) {
      value = s / 60;
      unit = 'minute';
    }
    return new Intl.NumberFormat(locale(), {
      style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1,
    }).format(value);
  });
}

// "2026-03" as "marzo 2026" (long) or "mar 26" (short, under a bar).
export function month(text, style = 'long') {
  const [year, number] = text.split('-').map(Number);
  const options = style === 'long'
    ? { month: 'long', year: 'numeric', timeZone: 'UTC' }
    : { month: 'short', year: '2-digit', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(locale(), options).format(new Date(Date.UTC(year, number - 1, 1)));
}

// One field's corrections: "numero: 1 su 3" ("numero: 1 of 3").
export function correction(entry) {
  return t('kpi.corrected-of', {
    field: entry.field, corrected: count(entry.corrected), approved: count(entry.approved),
  });
}
