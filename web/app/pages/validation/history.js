// A task's audit log (GET .../history), newest last: time, who, what, the
// field's old and new value, the note.
import { h } from '../../dom.js';
import { dateTime } from '../../format.js';
import { t } from '../../i18n.js';
import { problemText } from '../../problem.js';

function entryOf(entry) {
  const change = entry.field
    ? h('span', { class: 'app-change' }, `${entry.field}: `, h('del', {}, entry.old || '∅'), ' → ', h('ins', {}, entry.new || '∅'))
    : null;
  return h('li', { class: 'app-audit' },
    h('time', { datetime: entry.time }, dateTime(entry.time)), ' · ',
    h('strong', {}, entry.actor), ' · ', h('span', { class: 'app-action' }, entry.action),
    change ? [' · ', change] : null,
    entry.note ? [' · ', h('q', {}, entry.note)] : null);
}

// Fills `panel` with the history of the task `client` holds.
export async function showHistory(panel, client) {
  panel.replaceChildren(h('p', { role: 'status' }, t('history.loading')));
  try {
    const answer = await client.history();
    panel.replaceChildren(answer.entries.length
      ? h('ol', { id: 'history', class: 'app-history' }, answer.entries.map(entryOf))
      : h('p', { class: 'app-empty' }, t('history.none')));
  } catch (error) {
    panel.replaceChildren(h('p', { class: 'alert alert-danger', role: 'alert' }, problemText(error)));
  }
}
