// The validation view of one review task (#/review/{id}): the scanned page
// with the fields' boxes (validation/viewer.js), the fields with their
// evidence and live checks (validation/field_list.js), the decisions
// (approve, reject with a reason, release, skip) and the audit history.
// Opening a pending task claims it, so that two people do not work it at
// once; after a decision the next open task is claimed and shown. The
// values typed are kept per task while the page is open, so that drawing
// the view again (another language) does not lose them.
import { h } from '../dom.js';
import { dateTime } from '../format.js';
import { t } from '../i18n.js';
import { problemText } from '../problem.js';
import { leaveNotice } from './review_inbox.js';
import { watchClaim } from './validation/claim_watch.js';
import { askRejectReason, showKeys, singleKeysOn } from './validation/dialogs.js';
import { createFieldList } from './validation/field_list.js';
import { showHistory } from './validation/history.js';
import { nextTaskId, skip } from './validation/next_task.js';
import { prefetchNext } from './validation/prefetch.js';
import { tabs } from './validation/tabs.js';
import { taskClient } from './validation/task_client.js';
import { createViewer } from './validation/viewer.js';

let current = null;  // the view on screen, for the keys
const drafts = new Map();  // task id -> {field name: value typed}, until decided
const prefetchedAfter = new Set();  // ids of the tasks whose next one was prefetched

function keepDraft(id, name, value) {
  drafts.set(id, { ...drafts.get(id), [name]: value });
}

// Frees the object URLs of the view being left, once.
function leave(view) {
  view?.viewer?.dispose();
}

// Claims a pending task unless the user gave its first approval (the
// second must be someone else's); another's claim won meanwhile is read.
async function claimIfFree(client, user) {
  const task = client.task;
  if (task.state !== 'pending' || task.first_approver === user) {
    return;
  }
  try {
    await client.change('claim');
  } catch (error) {
    if (error.status !== 409 && !error.stale) {
      throw error;
    }
    await client.read();
  }
}

// Why the task cannot be decided here ('' when it can).
function lockedReason(task, user) {
  if (task.approvals_required === 2 && task.first_approver === user) {
    return t('view.not-second');
  }
  if (task.state === 'claimed' && task.claimed_by !== user) {
    return t('view.claimed-by', { user: task.claimed_by, until: dateTime(task.lease_until) });
  }
  if (['approved', 'rejected', 'expired'].includes(task.state)) {
    return t('view.decided', { state: t(`state.${task.state}`), user: task.decided_by || '—', at: dateTime(task.decided_at) });
  }
  if (task.state !== 'claimed') {
    return t('view.not-claimed');
  }
  return '';
}

function fourEyesNotice(task) {
  if (task.approvals_required !== 2) {
    return null;
  }
  return h('div', { id: 'four-eyes', class: 'alert alert-info' },
    t(task.first_approver ? 'view.first-approved' : 'view.two-approvals', { user: task.first_approver }));
}

function button(id, text, kind, onclick, disabled = false) {
  return h('button', { type: 'button', id, class: `btn ${kind}`, onclick, disabled }, text);
}

async function render(main, context) {
  const { api, params, session } = context;
  leave(current);
  const client = taskClient(api, params.id);
  const alert = h('div', { id: 'view-alert', role: 'alert' });
  main.append(h('h1', {}, t('task.title', { id: params.id })), alert);
  const say = (text) => alert.replaceChildren(h('p', { class: 'alert alert-danger' }, text));
  try {
    await client.read();
    await claimIfFree(client, session.user);
  } catch (error) {
    say(problemText(error));
    main.append(h('p', {}, h('a', { href: '#/review' }, t('task.back'))));
    return;
  }
  const task = client.task;
  const locked = lockedReason(task, session.user);
  const view = { root: main.firstChild, selected: '', busy: false };
  current = view;
  window.addEventListener('hashchange', () => leave(view), { once: true });

  const fields = createFieldList({
    client, readOnly: Boolean(locked), onSelect: (name) => select(name),
    drafts: drafts.get(task.id), onEdit: (name, value) => keepDraft(task.id, name, value),
  });
  const viewer = createViewer({
    api, client, task, announce: context.announce,
    onSelect: (name) => { fields.focus(name); },
    onRegion: (page, box) => readRegion(page, box),
  });
  view.viewer = viewer;

  function select(name) {
    view.selected = name;
    fields.highlight(name);
    viewer.select(name).catch(() => {});
  }

  async function readRegion(page, box) {
    const name = view.selected || fields.names()[0];
    if (!name || locked) {
      return;
    }
    context.announce(t('view.reading'));
    try {
      const answer = await api.post('/api/v1/ocr/region',
        { task: task.id, page, box, type: fields.typeOf(name) || undefined });
      const value = answer.value !== null && answer.value !== undefined ? String(answer.value) : answer.text;
      fields.fill(name, value);
      fields.focus(name);
      context.announce(t('view.read', { field: name, value }));
    } catch (error) {
      say(problemText(error));
    }
  }

  // Runs a decision; a task changed meanwhile is read again and said.
  async function decide(action, body, done) {
    if (view.busy || locked) {
      return;
    }
    view.busy = true;
    alert.replaceChildren();
    try {
      await client.change(action, body);
      drafts.delete(task.id);
      await goNext(action !== 'release', t(done));
    } catch (error) {
      say(error.stale ? t('view.stale') : problemText(error));
      if (error.stale && lockedReason(client.task, session.user)) {
        context.navigate(`/review/${encodeURIComponent(task.id)}`);
      }
    } finally {
      view.busy = false;
    }
  }

  // Shows the next open task, or the inbox when none is left (or after a
  // release); `said` is what happened, announced with where the user is.
  async function goNext(next, said) {
    const id = next ? await nextTaskId(api, session.user, task.id) : null;
    if (id) {
      context.navigate(`/review/${encodeURIComponent(id)}`);
      context.announce(`${said} ${t('view.next-shown')}`);
      return;
    }
    const notice = `${said} ${next ? t('view.none-left') : ''}`.trim();
    leaveNotice(notice);
    context.navigate('/review');
    context.announce(notice);
  }

  view.approve = () => {
    if (!approve.disabled) {
      decide('approve', { corrections: fields.corrections() }, 'view.approved');
    }
  };
  const approve = button('approve', t('view.approve'), 'btn-primary', view.approve,
    Boolean(locked) || task.first_approver === session.user);
  approve.append(' ', h('kbd', { class: 'app-kbd' }, 'Ctrl+Enter'));
  const reject = button('reject', t('view.reject'), 'btn-outline-danger', async () => {
    const reason = await askRejectReason();
    if (reason) {
      await decide('reject', { reason }, 'view.rejected');
    } else {
      reject.focus();
    }
  }, Boolean(locked));
  const release = button('release', t('view.release'), 'btn-outline-primary', () => decide('release', undefined, 'view.released'),
    Boolean(locked));
  const skipButton = button('skip', t('view.skip'), 'btn-outline-primary', async () => {
    skip(task.id);
    if (!locked) {
      try {
        await client.change('release');
      } catch {
        // kept until its claim lapses; the next task is shown anyway
      }
    }
    await goNext(true, t('view.skipped'));
  });
  const keys = button('show-keys', t('view.keys'), 'btn-outline-secondary', showKeys);

  const historyPanel = h('div', {});
  const [tabList, fieldsPanel, history] = tabs([
    ['fields', t('view.fields'), fields.element],
    ['history', t('view.history'), historyPanel, () => showHistory(historyPanel, client)],
  ]);
  main.append(...[
    h('p', { class: 'app-document' }, h('span', { class: 'app-label' }, `${t('view.document')}: `),
      task.document || '—', ` · ${t('inbox.queue')}: ${task.queue}`),
    locked ? h('div', { id: 'locked', class: 'alert alert-warning' }, locked) : null,
    locked ? null : watchClaim({ client, user: session.user, root: view.root, announce: context.announce }),
    fourEyesNotice(task),
    task.instructions ? h('p', { class: 'app-instructions' }, task.instructions) : null,
    h('div', { class: 'row app-validation' },
      h('div', { class: 'col-12 col-lg-7' }, viewer.element),
      h('div', { class: 'col-12 col-lg-5' },
        h('div', { class: 'app-decisions' }, approve, reject, release, skipButton, keys),
        tabList, fieldsPanel, history,
        h('p', {}, h('a', { href: '#/review' }, t('task.back'))))),
  ].filter(Boolean));

  try {
    await viewer.start();
    if (!locked && !prefetchedAfter.has(task.id)) {
      prefetchedAfter.add(task.id);
      prefetchNext(api, session.user, task.id, viewer.pictureWidth());
    }
  } catch (error) {
    viewer.element.append(h('p', { id: 'page-error', class: 'alert alert-warning' },
      error.status === 410 ? t('view.document-gone') : problemText(error)));
  }
  const first = Object.entries(task.fields || {}).find(([, field]) => field.reason);
  if (first) {
    select(first[0]);
  }
}

function isTyping(target) {
  return target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement ||
    (target instanceof HTMLInputElement && !['checkbox', 'radio', 'button'].includes(target.type));
}

// The view's keys; the one-character ones are off while typing, or when
// the user turned them off in the keys dialog.
document.addEventListener('keydown', (event) => {
  const view = current;
  if (!view || !view.root.isConnected || document.querySelector('dialog[open]')) {
    return;
  }
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    view.approve();
    return;
  }
  if (event.key === 'Escape') {
    view.viewer.stopDrawing();
    return;
  }
  if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target) || !singleKeysOn()) {
    return;
  }
  const actions = {
    '?': showKeys, d: view.viewer.toggleDrawing, '+': () => view.viewer.zoomBy(1),
    '=': () => view.viewer.zoomBy(1), '-': () => view.viewer.zoomBy(-1), 0: view.viewer.fit,
  };
  if (event.key in actions) {
    event.preventDefault();
    actions[event.key]();
  }
});

export default { title: (params) => t('task.title', { id: params.id }), render };
