// The review inbox (#/review): the queues the user works with their counts,
// oldest task and tasks past due; the open tasks (pending and claimed) by
// priority then due time, past-due ones marked in words and colour; filters
// by queue, state, bot and document kind, applied here in the page (the API
// filters by queue and state only, one at a time).
import { h, icon } from '../dom.js';
import { dateTime, duration } from '../format.js';
import { t } from '../i18n.js';
import { problemText } from '../problem.js';

const kStates = ['pending', 'claimed'];
const kMostTasks = 500;

// The filters chosen, kept while the page is left and drawn again.
const filters = { queue: '', state: '', bot: '', kind: '' };
let notice = '';  // said once at the top of the inbox (leaveNotice)

// A message the inbox shows the next time it is drawn: why the user came
// back to it ("no task is left").
export function leaveNotice(text) {
  notice = text;
}

function isPastDue(task, now) {
  return Boolean(task.due_at) && Date.parse(task.due_at) <= now;
}

const kSameKind = { JPG: 'JPEG', TIF: 'TIFF' };

// The document's kind as its file type ("PDF", "TIFF"); "" with no document.
// A task does not say what its document is (invoice, letter): its file type
// and its bot are what the API gives to tell documents apart.
export function kindOf(task) {
  const name = (task.document || '').split('/').pop();
  const dot = name.lastIndexOf('.');
  if (dot <= 0) {
    return '';
  }
  const extension = name.slice(dot + 1).toUpperCase();
  return kSameKind[extension] || extension;
}

// Priority first (higher first), then due time (sooner first, none last),
// then the oldest first.
export function byPriorityThenDue(a, b) {
  if (a.priority !== b.priority) {
    return b.priority - a.priority;
  }
  const dueA = a.due_at ? Date.parse(a.due_at) : Infinity;
  const dueB = b.due_at ? Date.parse(b.due_at) : Infinity;
  if (dueA !== dueB) {
    return dueA < dueB ? -1 : 1;
  }
  return (a.created_at || '').localeCompare(b.created_at || '');
}

async function loadTasks(api) {
  const answers = await Promise.all(kStates.map(
    (state) => api.get(`/api/v1/review/tasks?state=${state}&limit=${kMostTasks}`)));
  return answers.flatMap((answer) => answer.tasks);
}

function distinct(values) {
  return [...new Set(values.filter(Boolean))].sort((a, b) => a.localeCompare(b));
}

function queueSummary(queues, tasks, now) {
  const rows = queues.map((queue) => {
    const mine = tasks.filter((task) => task.queue === queue);
    const oldest = mine.reduce((min, task) => Math.min(min, Date.parse(task.created_at)), Infinity);
    const late = mine.filter((task) => isPastDue(task, now)).length;
    return h('tr', { 'data-queue': queue },
      h('th', { scope: 'row' }, queue),
      h('td', { class: 'app-count' }, String(mine.length)),
      h('td', {}, mine.length ? duration(now - oldest) : '—'),
      h('td', { class: 'app-count' }, String(late)));
  });
  return h('table', { id: 'queue-summary', class: 'table app-summary' },
    h('caption', {}, t('inbox.queues')),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, t('inbox.queue')),
      h('th', { scope: 'col' }, t('inbox.count')),
      h('th', { scope: 'col' }, t('inbox.oldest')),
      h('th', { scope: 'col' }, t('inbox.past-due-count')))),
    h('tbody', {}, rows));
}

function select(id, label, value, options, onChange) {
  const control = h('select', { id, class: 'form-select' },
    h('option', { value: '' }, t('inbox.all')),
    options.map(([optionValue, text]) =>
      h('option', { value: optionValue, selected: optionValue === value }, text)));
  control.addEventListener('change', () => onChange(control.value));
  return h('div', { class: 'app-filter' }, h('label', { for: id, class: 'form-label' }, label), control);
}

function taskRow(task, now) {
  const late = isPastDue(task, now);
  const due = task.due_at
    ? [dateTime(task.due_at), late ? h('span', { class: 'badge app-late' }, icon('it-clock', 'icon-white'), ' ', t('inbox.past-due')) : '']
    : '—';
  return h('tr', { class: late ? 'app-overdue' : null, 'data-task': task.id },
    h('td', {}, h('a', { href: `#/review/${encodeURIComponent(task.id)}` },
      task.document ? task.document.split('/').pop() : task.id),
      h('div', { class: 'app-id' }, task.id)),
    h('td', {}, task.queue),
    h('td', {}, task.bot || '—'),
    h('td', {}, kindOf(task) || '—'),
    h('td', { class: 'app-count' }, String(task.priority)),
    h('td', {}, t(`state.${task.state}`), task.claimed_by ? ` (${task.claimed_by})` : ''),
    h('td', {}, due),
    h('td', {}, duration(now - Date.parse(task.created_at))));
}

function taskTable(tasks, now) {
  if (tasks.length === 0) {
    return h('p', { id: 'tasks-empty', class: 'app-empty' }, t('inbox.none'));
  }
  const heads = ['task', 'queue', 'bot', 'kind', 'priority', 'state', 'due', 'waiting'];
  return h('div', { class: 'table-responsive' },
    h('table', { id: 'tasks', class: 'table app-tasks' },
      h('caption', {}, t('inbox.tasks-caption')),
      h('thead', {}, h('tr', {}, heads.map((head) => h('th', { scope: 'col' }, t(`inbox.${head}`))))),
      h('tbody', {}, tasks.map((task) => taskRow(task, now)))));
}

function matching(tasks) {
  return tasks.filter((task) =>
    (!filters.queue || task.queue === filters.queue) &&
    (!filters.state || task.state === filters.state) &&
    (!filters.bot || task.bot === filters.bot) &&
    (!filters.kind || kindOf(task) === filters.kind)).sort(byPriorityThenDue);
}

function filterForm(tasks, queues, redraw) {
  const change = (name) => (value) => { filters[name] = value; redraw(); };
  return h('form', { class: 'app-filters', role: 'search', 'aria-label': t('inbox.filters') },
    select('filter-queue', t('inbox.queue'), filters.queue, queues.map((q) => [q, q]), change('queue')),
    select('filter-state', t('inbox.state'), filters.state,
      kStates.map((state) => [state, t(`state.${state}`)]), change('state')),
    select('filter-bot', t('inbox.bot'), filters.bot,
      distinct(tasks.map((task) => task.bot)).map((bot) => [bot, bot]), change('bot')),
    select('filter-kind', t('inbox.kind'), filters.kind,
      distinct(tasks.map(kindOf)).map((kind) => [kind, kind]), change('kind')));
}

async function render(main, { api, session }) {
  const heading = h('h1', { tabindex: '-1' }, t('inbox.title'));
  const status = h('div', { id: 'inbox-status', role: 'status' }, t('inbox.loading'));
  main.append(heading);
  if (notice) {
    main.append(h('p', { id: 'inbox-notice', class: 'alert alert-success' }, notice));
    notice = '';
  }
  main.append(status);
  let tasks;
  try {
    tasks = await loadTasks(api);
  } catch (error) {
    status.replaceChildren(h('p', { class: 'alert alert-danger', role: 'alert' }, problemText(error)));
    return;
  }
  const now = Date.now();
  const queues = distinct([...session.queues, ...tasks.map((task) => task.queue)]);
  const list = h('div', { id: 'task-list' });
  // The status is a live region: a screen reader says how many are shown.
  const redraw = () => {
    const shown = matching(tasks);
    list.replaceChildren(taskTable(shown, now));
    status.textContent = t('inbox.shown', { shown: shown.length, total: tasks.length });
  };
  const refresh = h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm' },
    t('inbox.refresh'));
  refresh.addEventListener('click', async () => {
    main.replaceChildren();
    await render(main, { api, session });
    main.querySelector('h1').focus();
  });
  main.append(queueSummary(queues, tasks, now),
    h('h2', { class: 'h4' }, t('inbox.tasks')),
    filterForm(tasks, queues, redraw), h('p', {}, refresh), status, list);
  redraw();
}

export default { title: () => t('inbox.title'), render };
