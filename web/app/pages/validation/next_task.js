// The task to show after a decision: the first open task of the user's
// queues in the inbox's order, but the one just done, those skipped in this
// tab, those claimed by someone else and those whose first approval the
// user gave (the second must come from another person).
import { byPriorityThenDue } from '../review_inbox.js';

const skipped = new Set();  // ids skipped since the page was loaded

export function skip(id) {
  skipped.add(id);
}

// Resolves to the next task (its JSON as the list gives it), or null when
// none is left.
export async function nextTask(api, user, current) {
  const answers = await Promise.all(['pending', 'claimed'].map(
    (state) => api.get(`/api/v1/review/tasks?state=${state}&limit=500`)));
  const open = answers.flatMap((answer) => answer.tasks).filter((task) =>
    task.id !== current && !skipped.has(task.id) &&
    (task.state === 'pending' || task.claimed_by === user) && task.first_approver !== user);
  open.sort(byPriorityThenDue);
  return open.length ? open[0] : null;
}

// Resolves to the next task's id, or null when none is left.
export async function nextTaskId(api, user, current) {
  return (await nextTask(api, user, current))?.id ?? null;
}
