// The server's REST API as the page uses it: JSON in and out, problems
// (RFC 9457, application/problem+json) thrown as ApiError for the page to
// show, the session's CSRF token on every request that changes something,
// and a 401 handed to the shell, which asks the user to sign in again.

export class ApiError extends Error {
  // status: the HTTP status (0 when the server could not be reached);
  // problem: the problem's members (title, detail, type), possibly empty.
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

let csrfToken = '';
let onSignedOut = () => {};

// The token the server gave at sign-in (or with GET /api/v1/session).
export function setCsrfToken(token) {
  csrfToken = token || '';
}

// `handler(error)` runs when a request answers 401: the session ended.
export function whenSignedOut(handler) {
  onSignedOut = handler;
}

const kReads = new Set(['GET', 'HEAD']);

async function bodyOf(response) {
  const type = response.headers.get('Content-Type') || '';
  if (response.status === 204 || !type.includes('json')) {
    return null;
  }
  try {
    return await response.json();
  } catch {
    return null;
  }
}

// Sends one request; resolves to {data, headers}: the answer's JSON (null
// when it has none) and its headers; rejects with an ApiError (its
// `headers` too: a 412 names the task's current ETag). `options.signIn`: a
// 401 is a wrong password, not an ended session; `options.headers`: more
// request headers (If-Match).
export async function exchange(method, path, body, options = {}) {
  const headers = { Accept: 'application/json, application/problem+json', ...(options.headers || {}) };
  const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (!kReads.has(method) && csrfToken) {
    headers['X-CSRF-Token'] = csrfToken;
  }
  const response = await send(path, init);
  const data = await bodyOf(response);
  if (!response.ok) {
    throw failure(response, data && typeof data === 'object' ? data : {}, options);
  }
  return { data, headers: response.headers };
}

async function send(path, init) {
  try {
    return await fetch(path, init);
  } catch (cause) {
    throw new ApiError(0, { title: '', detail: String(cause.message || cause) });
  }
}

function failure(response, problem, options) {
  const error = new ApiError(response.status, problem);
  error.headers = response.headers;
  if (response.status === 401 && !options.signIn) {
    onSignedOut(error);
  }
  return error;
}

// Sends one request; resolves to the answer's JSON (null when it has none),
// rejects with an ApiError.
export async function request(method, path, body, options = {}) {
  return (await exchange(method, path, body, options)).data;
}

// A picture (the page of a scan): resolves to {blob, headers}; the browser
// may keep it (the server says how long).
export async function picture(path) {
  const response = await send(path, { credentials: 'same-origin', headers: { Accept: 'image/png' } });
  if (!response.ok) {
    throw failure(response, (await bodyOf(response)) || {}, {});
  }
  return { blob: await response.blob(), headers: response.headers };
}

export const get = (path) => request('GET', path);
export const post = (path, body, options) => request('POST', path, body, options);
export const del = (path) => request('DELETE', path);
