// The schedules (#/schedules): per bot, its triggers (a cron expression in
// its time zone, a watched folder, a webhook), whether each is active or
// paused, its last and next fire times, and Pause/Resume for the roles the
// API lets change them (kSchedulers of runtime/server/routes.cc).
import { h } from '../dom.js';
import { language, t } from '../i18n.js';
import { problemText } from '../problem.js';

const kSchedulers = ['developer', 'admin'];
const kDefaultZone = 'Europe/Rome';

// A fire time as people read it, in the trigger's own time zone (the one it
// fires in, as the API gives it): "martedì 9 dicembre 2026, 07:00".
export function fireTime(text, timeZone) {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) {
    return text;
  }
  return new Intl.DateTimeFormat(language(), {
    dateStyle: 'full', timeStyle: 'short', timeZone: timeZone || kDefaultZone,
  }).format(date);
}

function timeOf(text, timeZone) {
  return h('time', { datetime: text }, fireTime(text, timeZone));
}

function whatFires(trigger) {
  if (trigger.kind === 'cron') {
    return [h('code', {}, trigger.cron), ' ', t('schedules.in-zone', { zone: trigger.timezone || kDefaultZone })];
  }
  if (trigger.kind === 'watch') {
    return [t('schedules.watching'), ' ', h('code', {}, `${trigger.path}/${trigger.pattern}`)];
  }
  if (trigger.kind === 'webhook') {
    return [t('schedules.webhook-at'), ' ', h('code', {}, `${trigger.method} ${trigger.path}`)];
  }
  return trigger.kind;
}

function stateOf(trigger) {
  if (!trigger.paused) {
    return h('span', { class: 'badge bg-success' }, t('schedules.active'));
  }
  return [h('span', { class: 'badge bg-warning text-dark' }, t('schedules.paused')),
    h('div', { class: 'small' }, t('schedules.paused-by', {
      user: trigger.paused_by, time: fireTime(trigger.paused_at, trigger.timezone),
    }))];
}

function nextFires(trigger) {
  if (trigger.error) {
    return h('span', { class: 'app-field-error' }, trigger.error);
  }
  if (trigger.paused) {
    return t('schedules.none-paused');
  }
  if (trigger.kind !== 'cron') {
    return t('schedules.none-event');
  }
  return h('ol', { class: 'app-fires' },
    trigger.next.map((time) => h('li', {}, timeOf(time, trigger.timezone))));
}

function actionOf(bot, trigger, mayChange, change) {
  const verb = trigger.paused ? 'resume' : 'pause';
  const label = t(`schedules.${verb}`);
  return h('button', {
    type: 'button',
    class: `btn btn-sm ${trigger.paused ? 'btn-primary' : 'btn-outline-primary'}`,
    'aria-label': `${label} ${bot} ${trigger.key}`,
    disabled: !mayChange,
    'aria-describedby': mayChange ? null : 'schedules-why-not',
    onclick: () => change(bot, trigger, verb),
  }, label);
}

function triggerRow(bot, trigger, mayChange, change) {
  return h('tr', { 'data-trigger': trigger.key },
    h('th', { scope: 'row' }, trigger.key),
    h('td', {}, t(`schedules.kind.${trigger.kind}`)),
    h('td', {}, whatFires(trigger)),
    h('td', { class: 'app-trigger-state' }, stateOf(trigger)),
    h('td', {}, trigger.last_fire ? timeOf(trigger.last_fire, trigger.timezone) : '—'),
    h('td', {}, nextFires(trigger)),
    h('td', {}, actionOf(bot, trigger, mayChange, change)));
}

function botTable(schedule, mayChange, change) {
  const heads = ['trigger', 'kind', 'what', 'state', 'last', 'next', 'action'];
  return h('section', { 'data-bot': schedule.bot },
    h('h2', { class: 'h4' }, schedule.bot),
    h('div', { class: 'table-responsive' },
      h('table', { class: 'table app-schedule' },
        h('caption', {}, t('schedules.caption', { bot: schedule.bot, file: schedule.file })),
        h('thead', {}, h('tr', {}, heads.map((head) => h('th', { scope: 'col' }, t(`schedules.${head}`))))),
        h('tbody', {}, schedule.triggers.map((trigger) => triggerRow(schedule.bot, trigger, mayChange, change))))));
}

async function render(main, { api, announce, session }) {
  main.append(h('h1', { tabindex: '-1' }, t('schedules.title')));
  const status = h('div', { id: 'schedules-status', role: 'status' }, t('schedules.loading'));
  const list = h('div', { id: 'schedule-list' });
  const mayChange = kSchedulers.includes(session.role);
  main.append(h('p', { class: 'lead' }, t('schedules.intro')));
  if (!mayChange) {
    main.append(h('p', { id: 'schedules-why-not', class: 'alert alert-info' }, t('schedules.why-not')));
  }
  main.append(status, list);

  const load = async () => {
    const answer = await api.get('/api/v1/schedules');
    list.replaceChildren(...(answer.schedules.length
      ? answer.schedules.map((schedule) => botTable(schedule, mayChange, change))
      : [h('p', { class: 'app-empty' }, t('schedules.none'))]));
    status.textContent = '';
  };
  // After a pause or resume the whole list is read again: the next fire
  // times appear or go with the pause. The focus returns to the same row's
  // button, which now says the opposite.
  async function change(bot, trigger, verb) {
    const path = `/api/v1/schedules/${encodeURIComponent(bot)}/triggers/${encodeURIComponent(trigger.key)}/${verb}`;
    try {
      await api.post(path);
      await load();
      announce(t(`schedules.done-${verb}`, { bot, trigger: trigger.key }));
      list.querySelector(`[data-bot="${CSS.escape(bot)}"] tr[data-trigger="${CSS.escape(trigger.key)}"] button`)?.focus();
    } catch (error) {
      status.replaceChildren(h('p', { class: 'alert alert-danger', role: 'alert' }, problemText(error)));
    }
  }
  try {
    await load();
  } catch (error) {
    status.replaceChildren(h('p', { class: 'alert alert-danger', role: 'alert' }, problemText(error)));
  }
}

export default { title: () => t('schedules.title'), render };
