// Drawing a box from the keyboard (WCAG 2.1.1), the box a mouse drag makes
// otherwise: it starts on the chosen field's box (or in the middle of the
// part of the page in view), the arrows move it, Shift and the arrows size
// it, each key by a hundredth of the page's width so that a page is
// crossed in a few dozen presses. Boxes are [x, y, w, h] in page units.

const kStepsPerPage = 100;
const kSmallest = 4;  // page units, as a drag's smallest box
const kMoves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

// The box to start from: `fieldBox` when the chosen field has one on the
// page shown, else a line-sized box around `centre` ([x, y]).
export function startBox(fieldBox, centre, page) {
  if (fieldBox) {
    return [...fieldBox];
  }
  const w = Math.round(page.width / 4);
  const h = Math.round(page.width / 40);
  return clamp([Math.round(centre[0] - w / 2), Math.round(centre[1] - h / 2), w, h], page);
}

// The box after `key` (an arrow; `resize` when Shift is held), or null when
// the key is not an arrow.
export function stepBox(box, key, resize, page) {
  const move = kMoves[key];
  if (!move) {
    return null;
  }
  const step = Math.max(1, Math.round(page.width / kStepsPerPage));
  const [x, y, w, h] = box;
  if (resize) {
    return clamp([x, y, Math.max(kSmallest, w + move[0] * step), Math.max(kSmallest, h + move[1] * step)], page);
  }
  return clamp([x + move[0] * step, y + move[1] * step, w, h], page);
}

// Keeps the box inside the page.
function clamp([x, y, w, h], page) {
  const width = Math.min(w, page.width);
  const height = Math.min(h, page.height);
  return [Math.max(0, Math.min(page.width - width, x)), Math.max(0, Math.min(page.height - height, y)), width, height];
}
