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

// Sends one request; resolves to the answer's JSON (null when it has none),
// rejects with an ApiError. `options.signIn`: a 401 is a wrong password,
// not an ended session.
export async function request(method, path, body, options = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (!kReads.has(method) && csrfToken) {
    headers['X-CSRF-Token'] = csrfToken;
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (cause) {
    throw new ApiError(0, { title: '', detail: String(cause.message || cause) });
  }
  const data = await bodyOf(response);
  if (!response.ok) {
    const error = new ApiError(response.status, data && typeof data === 'object' ? data : {});
    if (response.status === 401 && !options.signIn) {
      onSignedOut(error);
    }
    throw error;
  }
  return data;
}

export const get = (path) => request('GET', path);
export const post = (path, body, options) => request('POST', path, body, options);
export const del = (path) => request('DELETE', path);
