// Asks the server for the page picture of the task the user will most
// likely open next (next_task.js's pick), at the width this view asks for,
// so that the server's page cache (and the browser's) holds it when that
// task is opened: drawing a page the first time costs the server 110-170
// ms, a cached one a few. Only a task of the user's task list (which the
// user may see) that names a document; a low-priority request whose
// failure stays silent: the view of the next task asks again anyway.
import { firstPageOf } from './field_boxes.js';
import { nextTask } from './next_task.js';

export async function prefetchNext(api, user, current, width) {
  try {
    const task = await nextTask(api, user, current);
    if (!task || !task.document) {
      return;
    }
    const base = `/api/v1/review/tasks/${encodeURIComponent(task.id)}`;
    // The same request as api.picture's, so that the browser may answer it from its cache.
    const response = await fetch(`${base}/pages/${firstPageOf(task)}?width=${width}`,
      { credentials: 'same-origin', headers: { Accept: 'image/png' }, priority: 'low' });
    await response.blob();
  } catch {
    // only a lost head start
  }
}
