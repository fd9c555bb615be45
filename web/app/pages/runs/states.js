// The states of runs, steps and work items as people read them: a badge
// with an icon and the state in words, so that colour is never the only
// sign (WCAG 1.4.1).
import { h, icon } from '../../dom.js';
import { t } from '../../i18n.js';

// The run states the API knows (GET /api/v1/runs?state=).
export const kRunStates = ['queued', 'running', 'waiting_review', 'succeeded', 'failed', 'cancelled'];

// Which runs can still change: those are the ones a person may resume or cancel.
export const kOpenRunStates = ['queued', 'running', 'waiting_review'];

const kIcons = {
  queued: 'it-clock',
  running: 'it-refresh',
  waiting_review: 'it-clock',
  pending: 'it-clock',
  succeeded: 'it-check-circle',
  failed: 'it-close-circle',
  cancelled: 'it-ban',
  skipped: 'it-minus-circle',
};

// The words of a run's state ("Non riuscita"); a step's or an item's use
// `runs.part-state.*` (in Italian their nouns are masculine, a run's is not).
export function runStateText(state) {
  return t(`runs.state.${state}`);
}

export function partStateText(state) {
  return t(`runs.part-state.${state}`);
}

function badge(state, text) {
  const known = state in kIcons ? state : 'unknown';
  return h('span', { class: `badge app-run-state app-run-state-${known}`, 'data-state': state },
    icon(kIcons[state] || 'it-info-circle', 'icon-white'), ' ', text);
}

export function runStateBadge(state) {
  return badge(state, runStateText(state));
}

export function partStateBadge(state) {
  return badge(state, partStateText(state));
}
