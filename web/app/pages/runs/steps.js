// A run's steps as a timeline and its log: each step's state, when it
// started (its first line in the log), how long it took, drawn as a bar
// beside the time in words, its attempts and, when it failed, why.
import { h } from '../../dom.js';
import { t } from '../../i18n.js';
import { partStateBadge } from './states.js';
import { clockTime, elapsed } from './time.js';

const kBarWidth = 160;
const kBarHeight = 12;

// The bar of a step's duration, as wide against the longest step as the
// step is long. Presentation attributes, not style: the CSP refuses style.
function durationBar(milliseconds, longest) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('class', 'app-bar');
  svg.setAttribute('width', String(kBarWidth));
  svg.setAttribute('height', String(kBarHeight));
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const rect = document.createElementNS(ns, 'rect');
  const share = longest > 0 ? milliseconds / longest : 0;
  rect.setAttribute('width', String(Math.max(2, Math.round(share * kBarWidth))));
  rect.setAttribute('height', String(kBarHeight));
  rect.setAttribute('class', 'app-bar-fill');
  svg.append(rect);
  return svg;
}

// The first time the log names each step: when it started.
function startsOf(events) {
  const starts = new Map();
  for (const event of events) {
    if (event.step && !starts.has(event.step)) {
      starts.set(event.step, event.time);
    }
  }
  return starts;
}

// The action of a top-level step, from the bot's description ("" for the
// steps inside a loop, which it does not list).
function actionOf(path, botSteps) {
  const step = botSteps.find((candidate) => candidate.id === path);
  return step && step.uses ? step.uses : '';
}

function stepRow(step, context) {
  const start = context.starts.get(step.path);
  return h('tr', { 'data-step': step.path, class: step.status === 'failed' ? 'app-step-failed' : null },
    h('th', { scope: 'row', class: 'app-id' }, step.path),
    h('td', {}, actionOf(step.path, context.botSteps) || '—'),
    h('td', {}, partStateBadge(step.status)),
    h('td', {}, start ? clockTime(start) : '—'),
    h('td', { class: 'app-duration' }, durationBar(step.duration_ms, context.longest), ' ',
      elapsed(step.duration_ms)),
    h('td', { class: 'app-count' }, String(step.attempts)),
    h('td', { class: 'app-step-error' }, step.error || ''));
}

export function stepTimeline(run, botSteps) {
  if (run.steps.length === 0) {
    return h('p', { id: 'steps-empty', class: 'app-empty' }, t('run.no-steps'));
  }
  const context = {
    starts: startsOf(run.events),
    botSteps,
    longest: Math.max(...run.steps.map((step) => step.duration_ms)),
  };
  const heads = ['step', 'action', 'state', 'start', 'duration', 'attempts', 'error'];
  return h('div', { class: 'table-responsive' },
    h('table', { id: 'steps', class: 'table app-runs' },
      h('caption', {}, t('run.steps-caption')),
      h('thead', {}, h('tr', {}, heads.map((head) => h('th', { scope: 'col' }, t(`run.${head}`))))),
      h('tbody', {}, run.steps.map((step) => stepRow(step, context)))));
}

export function runLog(events) {
  if (events.length === 0) {
    return h('p', { id: 'log-empty', class: 'app-empty' }, t('run.no-log'));
  }
  const heads = ['time', 'level', 'step', 'message'];
  return h('div', { class: 'table-responsive' },
    h('table', { id: 'log', class: 'table table-sm app-runs' },
      h('caption', {}, t('run.log-caption')),
      h('thead', {}, h('tr', {}, heads.map((head) => h('th', { scope: 'col' }, t(`run.log-${head}`))))),
      h('tbody', {}, events.map((event) => h('tr', { class: `app-log-${event.level}` },
        h('td', {}, clockTime(event.time)),
        h('td', {}, t(`run.level.${event.level}`)),
        h('td', { class: 'app-id' }, event.step || '—'),
        h('td', {}, event.message))))));
}
