// Where a review task's fields are on its document: each field's box and
// page, and the page a view of the task opens at.

// A field's box as [x, y, w, h]: a review step's fields give it so,
// ocr.extract's fields as {x, y, width, height}.
export function boxOf(field) {
  let box = field && field.box;
  if (box && !Array.isArray(box) && typeof box === 'object') {
    box = [box.x, box.y, box.width, box.height];
  }
  return Array.isArray(box) && box.length === 4 && box.every(Number.isFinite) ? box : null;
}

export function pageOf(field, task) {
  return Number.isInteger(field.page) && field.page > 0 ? field.page : (task.page || 1);
}

// The page a task is opened at: that of its first field with a box.
export function firstPageOf(task) {
  const first = Object.values(task.fields || {}).find(boxOf);
  return first ? pageOf(first, task) : (task.page || 1);
}
