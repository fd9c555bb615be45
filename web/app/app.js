// The shell of the operator's web page: who is signed in, the header (user,
// navigation by role, language, sign-out) and the hash routes, each drawn
// by one module of pages/ into <main>.
import * as api from './api.js';
import { h } from './dom.js';
import { language, onLanguageChange, setLanguage, t } from './i18n.js';
import kpiPage from './pages/kpi.js';
import loginPage from './pages/login.js';
import reviewInboxPage from './pages/review_inbox.js';
import reviewTaskPage from './pages/review_task.js';
import runDetailPage from './pages/run_detail.js';
import runsPage from './pages/runs.js';
import schedulesPage from './pages/schedules.js';
import { matchRoute, navigate, startRouter } from './router.js';

const kReviewers = ['operator', 'admin'];
const kBuilders = ['developer', 'admin'];

// The routes: path, page module, who may open it (null: anyone, also signed
// out), and the navigation entry's text key when it has one. The roles are
// the API's (runtime/server/routes.cc).
const kRoutes = [
  { path: '/login', page: loginPage, roles: null },
  { path: '/review', page: reviewInboxPage, roles: kReviewers, nav: 'nav.review' },
  { path: '/review/{id}', page: reviewTaskPage, roles: kReviewers },
  { path: '/runs', page: runsPage, roles: kBuilders, nav: 'nav.runs' },
  { path: '/runs/{id}', page: runDetailPage, roles: kBuilders },
  { path: '/schedules', page: schedulesPage, roles: kBuilders, nav: 'nav.schedules' },
  { path: '/kpi', page: kpiPage, roles: kBuilders, nav: 'nav.kpi' },
];

let session = null;  // {user, role, queues} once signed in
let shown = null;  // {route, params} of the page on screen
let refused = false;  // the user asked for a page of another role, and was sent home

function homeOf(role) {
  return kReviewers.includes(role) ? '/review' : '/runs';
}

function mayOpen(route) {
  return route.roles === null || (session !== null && route.roles.includes(session.role));
}

export function announce(text) {
  const announcer = document.getElementById('announcer');
  announcer.textContent = '';
  // A change the screen reader notices even when the text is the same.
  setTimeout(() => { announcer.textContent = text; }, 50);
}

function drawHeader() {
  const account = document.getElementById('account');
  account.hidden = session === null;
  document.getElementById('navigation').hidden = session === null;
  if (session === null) {
    return;
  }
  document.getElementById('account-name').textContent = session.user;
  document.getElementById('account-role').textContent = t(`role.${session.role}`);
  const list = document.getElementById('nav-list');
  list.replaceChildren(...kRoutes.filter((route) => route.nav && mayOpen(route)).map((route) => {
    const current = shown !== null && shown.route.path.split('/')[1] === route.path.split('/')[1];
    return h('li', {}, h('a', {
      href: `#${route.path}`, class: 'app-nav-link', 'aria-current': current ? 'page' : null,
    }, t(route.nav)));
  }));
}

function drawLanguageButtons() {
  document.querySelectorAll('.app-language').forEach((button) => {
    button.setAttribute('aria-pressed', String(button.dataset.language === language()));
  });
}

const context = {
  api,
  t,
  announce,
  navigate,
  get session() { return session; },
  // After a sign-in: the session and its CSRF token, then the user's home.
  signedIn(answer) {
    api.setCsrfToken(answer.csrf_token);
    session = { user: answer.user, role: answer.role, queues: answer.queues || [] };
    navigate(homeOf(session.role));
  },
};

// Draws the page of `hash`. `keepFocus`: the language changed, and the
// focus stays on the button that changed it.
async function show(hash, keepFocus = false) {
  const match = matchRoute(kRoutes, hash);
  if (session === null && (match === null || match.route.roles !== null)) {
    return navigate('/login');
  }
  if (session !== null && (match === null || match.route.roles === null || !mayOpen(match.route))) {
    refused = match !== null && match.route.roles !== null;
    return navigate(homeOf(session.role));
  }
  shown = match;
  drawHeader();
  const page = match.route.page;
  document.title = `${page.title(match.params)} · Travet`;
  const main = document.getElementById('main');
  main.replaceChildren();
  await page.render(main, { ...context, params: match.params, session });
  if (refused) {
    // Said on the home page, so that a typed or shared address of another
    // role's page does not just seem to be ignored.
    refused = false;
    main.prepend(h('p', { id: 'not-allowed', class: 'alert alert-warning', role: 'alert' }, t('shell.not-allowed')));
  }
  // Focus to the new page's heading, so that a screen reader reads where it
  // is, unless the page put it on a control (the sign-in's user field).
  const heading = main.querySelector('h1');
  if (heading && !keepFocus && !main.contains(document.activeElement)) {
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  }
}

async function signOut() {
  try {
    await api.del('/api/v1/session');
  } catch (error) {
    // Signed out already (401) or the server is gone: the page forgets it anyway.
  }
  session = null;
  api.setCsrfToken('');
  drawHeader();
  navigate('/login');
  announce(t('shell.signed-out'));
}

async function loadSession() {
  try {
    const answer = await api.get('/api/v1/session');
    api.setCsrfToken(answer.csrf_token);
    return { user: answer.user, role: answer.role, queues: answer.queues || [] };
  } catch {
    return null;
  }
}

async function start() {
  setLanguage(language());
  drawLanguageButtons();
  document.querySelectorAll('.app-language').forEach((button) => {
    button.addEventListener('click', () => setLanguage(button.dataset.language));
  });
  onLanguageChange(() => {
    drawLanguageButtons();
    if (shown !== null) {
      show(location.hash, true);
    }
  });
  document.getElementById('sign-out').addEventListener('click', signOut);
  document.getElementById('skip-link').addEventListener('click', (event) => {
    event.preventDefault();
    document.getElementById('main').focus();
  });
  api.whenSignedOut(() => {
    if (session !== null) {
      session = null;
      drawHeader();
      navigate('/login');
      announce(t('shell.session-ended'));
    }
  });
  session = await loadSession();
  startRouter(show);
}

start();
