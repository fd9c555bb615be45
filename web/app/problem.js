// What the user reads when a request failed: the server's problem (its
// title and detail, which name what went wrong), or that it cannot be reached.
import { t } from './i18n.js';

export function problemText(error) {
  if (error.status === 0) {
    return t('error.unreachable');
  }
  const problem = error.problem || {};
  return t('error.problem', { title: problem.title || `HTTP ${error.status}`, detail: problem.detail || '' }).trim();
}
