// One run (#/runs/{id}): what ran and how it ended, its steps as a
// timeline, its work items, its log; and, for developers and
// administrators, what the API lets them do with it: send failed items
// back to work, resume a queued run, cancel one that has not finished.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { problemText } from '../problem.js';
import { listAddress } from './runs.js';
import { itemTable } from './runs/items.js';
import { runLog, stepTimeline } from './runs/steps.js';
import { runStateBadge, runStateText } from './runs/states.js';
import { clockTime, elapsed, runMilliseconds } from './runs/time.js';

const kBuilders = ['developer', 'admin'];
const kLongestValue = 120;
// The store never holds a secret (secrets are not inputs, and the log is
// masked); still, an input named like one is not printed, in case a bot
// took a credential as an input.
const kSecretName = /secret|password|passwd|token|api.?key|credential/i;

let outcome = '';  // what the last action did, said once at the top when the run is drawn again

function inputText(name, value) {
  if (kSecretName.test(name)) {
    return t('run.hidden');
  }
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > kLongestValue ? `${text.slice(0, kLongestValue)}…` : text;
}

function inputList(inputs) {
  const names = Object.keys(inputs || {});
  if (names.length === 0) {
    return t('run.no-inputs');
  }
  return h('ul', { id: 'run-inputs', class: 'app-inputs' }, names.map((name) =>
    h('li', {}, h('span', { class: 'app-label' }, `${name}: `), inputText(name, inputs[name]))));
}

function summary(run) {
  const took = runMilliseconds(run);
  const rows = [
    ['bot', run.bot],
    ['state', runStateBadge(run.state)],
    ['attempt', String(run.attempt)],
    ['created', clockTime(run.created_at)],
    ['started', clockTime(run.started_at) || '—'],
    ['finished', clockTime(run.finished_at) || '—'],
    ['duration', took === null ? '—' : elapsed(took)],
    ['inputs', inputList(run.inputs)],
  ];
  if (run.error) {
    rows.push(['error', h('span', { id: 'run-error-text' }, run.error)]);
  }
  return h('dl', { id: 'run-summary', class: 'app-evidence app-run-summary' },
    rows.flatMap(([key, value]) => [h('dt', {}, t(`run.${key}`)), h('dd', { 'data-field': key }, value)]));
}

async function stepsOfBot(api, bot) {
  try {
    return (await api.get(`/api/v1/bots/${encodeURIComponent(bot)}`)).steps || [];
  } catch {
    return [];  // a bot no longer served: its steps' actions are not known
  }
}

// The buttons the run's state allows: retry when an item failed (the API
// refuses a running or cancelled run), resume a queued run or one whose
// executor is gone, cancel one that has not finished and is not running.
function actionButtons(run, act) {
  const button = (id, key, handler, style = 'btn-primary') => h('button', {
    type: 'button', id, class: `btn ${style}`, onclick: handler,
  }, t(key));
  const hasFailed = run.items.some((item) => item.state === 'failed');
  const buttons = [];
  if (hasFailed && !['running', 'cancelled'].includes(run.state)) {
    buttons.push(button('retry-failed', 'run.retry-failed', () => act('retry', {})));
  }
  if (['queued', 'running'].includes(run.state)) {
    buttons.push(button('resume', 'run.resume', () => act('resume'), 'btn-outline-primary'));
  }
  if (['queued', 'waiting_review'].includes(run.state)) {
    buttons.push(button('cancel-run', 'run.cancel', () => act('cancel'), 'btn-outline-danger'));
  }
  return buttons;
}

// What the user reads after an action succeeded.
function doneText(kind, answer) {
  if (kind === 'retry') {
    return t('run.retried', { count: answer.retried.length, state: runStateText(answer.state) });
  }
  return t(kind === 'resume' ? 'run.resumed' : 'run.cancelled', { state: runStateText(answer.state) });
}

// The function that sends one action (`kind`: retry, resume, cancel) to the
// run at `base`: on success the run is drawn again, its outcome said at the
// top and announced; on a refusal the server's reason is shown in `failure`.
// One action at a time: the buttons wait for the answer.
function actor({ main, api, announce, base, failure, redraw }) {
  return async (kind, body) => {
    failure.replaceChildren();
    const controls = [...main.querySelectorAll('.app-decisions button, #retry-chosen')];
    controls.forEach((control) => { control.disabled = true; });
    try {
      const answer = await api.post(kind === 'retry' ? `${base}/items/retry` : `${base}/${kind}`, body);
      outcome = doneText(kind, answer);
      announce(outcome);
      await redraw();
    } catch (error) {
      failure.replaceChildren(h('p', { class: 'alert alert-danger', role: 'alert' }, problemText(error)));
      controls.forEach((control) => { control.disabled = false; });
    }
  };
}

async function render(main, context) {
  const { api, params, session, announce } = context;
  const id = params.id;
  const base = `/api/v1/runs/${encodeURIComponent(id)}`;
  main.append(h('p', {}, h('a', { href: listAddress() }, t('run.back'))),
    h('h1', { tabindex: '-1' }, t('run.title', { id })));
  const status = h('div', { id: 'run-status', role: 'status' }, t('run.loading'));
  main.append(status);
  let run;
  try {
    run = await api.get(base);
  } catch (error) {
    status.replaceChildren(h('p', { class: 'alert alert-danger', role: 'alert' }, problemText(error)));
    return;
  }
  const botSteps = await stepsOfBot(api, run.bot);
  const mayChange = kBuilders.includes(session.role);
  const items = itemTable(run.items, mayChange);
  const failure = h('div', { id: 'run-action-error' });
  const redraw = async () => {
    main.replaceChildren();
    await render(main, context);
    main.querySelector('h1').focus();
  };
  const act = actor({ main, api, announce, base, failure, redraw });
  const retryChosen = () => {
    const keys = items.chosen();
    if (keys.length === 0) {
      failure.replaceChildren(h('p', { class: 'alert alert-warning', role: 'alert' }, t('run.choose-first')));
      return;
    }
    act('retry', { items: keys });
  };
  status.textContent = outcome;
  if (outcome) {
    status.className = 'alert alert-success';
    outcome = '';
  }
  const refresh = h('button', {
    type: 'button', id: 'run-refresh', class: 'btn btn-outline-primary btn-sm', onclick: redraw,
  }, t('run.refresh'));
  const buttons = mayChange ? actionButtons(run, act) : [];
  const chosenButton = buttons.some((button) => button.id === 'retry-failed')
    ? h('button', { type: 'button', id: 'retry-chosen', class: 'btn btn-outline-primary', onclick: retryChosen },
      t('run.retry-chosen'))
    : null;
  main.append(summary(run), h('div', { class: 'app-decisions' }, refresh, buttons), failure,
    h('h2', { class: 'h4' }, t('run.steps')), stepTimeline(run, botSteps),
    h('h2', { class: 'h4' }, t('run.items')), items.element,
    h('p', {}, chosenButton),
    h('h2', { class: 'h4' }, t('run.log')), runLog(run.events));
}

export default { title: (params) => t('run.title', { id: params.id }), render };
