// The times of a run, to the second: runs and steps last milliseconds to
// minutes, which format.js's minutes and days would round away.
import { language } from '../../i18n.js';

// "08/12/26, 04:02:47" (it) or "12/8/26, 4:02:47 AM" (en); "" for no time.
export function clockTime(text) {
  if (!text) {
    return '';
  }
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) {
    return text;
  }
  return new Intl.DateTimeFormat(language(), { dateStyle: 'short', timeStyle: 'medium' }).format(date);
}

function unit(value, name, digits = 0) {
  return new Intl.NumberFormat(language(), {
    style: 'unit', unit: name, unitDisplay: 'short', maximumFractionDigits: digits,
  }).format(value);
}

// "35 ms", "1,2 s", "3 min 5 s", "2 h 10 min".
export function elapsed(milliseconds) {
  const ms = Math.max(0, Math.round(milliseconds));
  if (ms < 1000) {
    return unit(ms, 'millisecond');
  }
  if (ms < 60000) {
    return unit(ms / 1000, 'second', 1);
  }
  const minutes = Math.floor(ms / 60000);
  if (minutes < 60) {
    return `${unit(minutes, 'minute')} ${unit(Math.floor((ms % 60000) / 1000), 'second')}`;
  }
  return `${unit(Math.floor(minutes / 60), 'hour')} ${unit(minutes % 60, 'minute')}`;
}

// How long a run took (or has taken so far, if it has not finished); null
// when it has not started.
export function runMilliseconds(run, now = Date.now()) {
  if (!run.started_at) {
    return null;
  }
  const end = run.finished_at ? Date.parse(run.finished_at) : now;
  return end - Date.parse(run.started_at);
}
