// Times as people read them, in the page's language.
import { language } from './i18n.js';

// "12/05/26, 14:03" (it) or "5/12/26, 2:03 PM" (en); "" for no time.
export function dateTime(text) {
  if (!text) {
    return '';
  }
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) {
    return text;
  }
  return new Intl.DateTimeFormat(language(), { dateStyle: 'short', timeStyle: 'short' }).format(date);
}

// A span of time in its largest sensible unit: "5 minuti", "3 hours", "2 giorni".
export function duration(milliseconds) {
  const minutes = Math.max(0, Math.floor(milliseconds / 60000));
  let value = minutes;
  let unit = 'minute';
  if (minutes >= 48 * 60) {
    value = Math.floor(minutes / (24 * 60));
    unit = 'day';
  } else if (minutes >= 60) {
    value = Math.floor(minutes / 60);
    unit = 'hour';
  }
  return new Intl.NumberFormat(language(), { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}
