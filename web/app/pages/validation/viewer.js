// The scanned page with every field's box drawn over it: one inline <svg>
// whose viewBox is the page in the boxes' own space (X-Page-Width x
// X-Page-Height), so a box is drawn with its numbers as they are; the PNG is
// an <image> of that svg, shown through an object URL (the CSP allows blob:
// images and no inline style). Zoom changes the svg's width and height
// attributes, panning scrolls the frame around it (drag, or arrow keys when
// the frame has the focus), and in drawing mode a drag, or the keys
// (key_box.js), make a box, handed to `onRegion(page, [x, y, w, h])` in the
// page's space.
import { h } from '../../dom.js';
import { t } from '../../i18n.js';
import { boxOf, firstPageOf, pageOf } from './field_boxes.js';
import { startBox, stepBox } from './key_box.js';
import { createThumbs } from './thumbs.js';

const kSvg = 'http://www.w3.org/2000/svg';
const kZooms = [0.5, 0.75, 1, 1.25, 1.5, 2, 3, 4];
const kPan = 80;  // pixels an arrow key moves the page
const kSmallestBox = 4;  // page units: a click, not a drag, makes no box

function svg(tag, attributes = {}) {
  const element = document.createElementNS(kSvg, tag);
  for (const [name, value] of Object.entries(attributes)) {
    element.setAttribute(name, String(value));
  }
  return element;
}

// options: {client, task, onSelect(name), onRegion(page, box), announce}
export function createViewer(options) {
  const { client, task } = options;
  const state = {
    page: 0, pages: 1, width: 0, height: 0, zoom: 1, fit: 800, url: '', loaded: 0,
    selected: '', drawing: false, drag: null, keyBox: null, disposed: false,
  };
  const image = svg('image', { x: 0, y: 0, preserveAspectRatio: 'none' });
  const boxes = svg('g', { class: 'app-boxes' });
  const sketch = svg('rect', { class: 'app-sketch', visibility: 'hidden' });
  const picture = svg('svg', { class: 'app-page', role: 'img', 'aria-label': t('view.document') });
  picture.append(image, boxes, sketch);
  const frame = h('div', {
    id: 'page-frame', class: 'app-page-frame', tabindex: '0', role: 'region',
    'aria-label': t('view.page-region'), 'aria-describedby': 'page-help',
  }, picture);
  const status = h('p', { id: 'page-status', class: 'app-page-status', role: 'status' });
  const thumbs = createThumbs({ api: options.api, client, showPage: (n) => showPage(n) });
  const drawButton = h('button', { type: 'button', id: 'draw-box', class: 'btn btn-outline-primary btn-sm', 'aria-pressed': 'false' },
    t('view.draw'));
  const toolbar = h('div', { class: 'app-page-tools', role: 'toolbar', 'aria-label': t('view.tools'), 'aria-controls': 'page-frame' },
    h('button', { type: 'button', id: 'zoom-out', class: 'btn btn-outline-primary btn-sm', onclick: () => zoomBy(-1) }, t('view.zoom-out')),
    h('button', { type: 'button', id: 'zoom-fit', class: 'btn btn-outline-primary btn-sm', onclick: () => setZoom(1) }, t('view.zoom-fit')),
    h('button', { type: 'button', id: 'zoom-in', class: 'btn btn-outline-primary btn-sm', onclick: () => zoomBy(1) }, t('view.zoom-in')),
    drawButton);
  drawButton.addEventListener('click', () => setDrawing(!state.drawing));
  const help = h('p', { id: 'page-help', class: 'app-hint' }, t('view.page-help'));
  const element = h('section', { class: 'app-viewer', 'aria-labelledby': 'viewer-heading' },
    h('h2', { id: 'viewer-heading', class: 'visually-hidden' }, t('view.document')),
    toolbar, thumbs.element, frame, help, status);

  function scale() {
    return state.width ? (state.fit * state.zoom) / state.width : 1;
  }

  function layout() {
    const width = Math.round(state.fit * state.zoom);
    picture.setAttribute('width', width);
    picture.setAttribute('height', Math.round(width * (state.height / state.width || 1.414)));
    status.textContent = t('view.status', { page: state.page, pages: state.pages, zoom: Math.round(state.zoom * 100) });
  }

  function drawBoxes() {
    const shown = Object.entries(task.fields || {}).filter(([, field]) =>
      boxOf(field) && pageOf(field, task) === state.page);
    boxes.replaceChildren(...shown.map(([name, field]) => {
      const [x, y, w, hh] = boxOf(field);
      const rect = svg('rect', {
        x, y, width: w, height: hh, 'data-field': name,
        class: `app-box${field.reason ? ' app-box-review' : ''}${name === state.selected ? ' app-box-selected' : ''}`,
      });
      rect.append(svg('title'));
      rect.firstChild.textContent = name;
      rect.addEventListener('click', () => { if (!state.drawing) options.onSelect(name); });
      return rect;
    }));
  }

  // Reads page `n` at a width that fits the frame at this zoom (a sharper
  // one after zooming in), its size from the headers.
  function wantedWidth() {
    return Math.min(4000, Math.ceil((state.fit * state.zoom * (window.devicePixelRatio || 1)) / 400) * 400);
  }

  async function load(n) {
    const wanted = wantedWidth();
    if (n === state.page && wanted <= state.loaded) {
      return;
    }
    const { blob, headers } = await options.api.picture(client.pageUrl(n, wanted));
    if (state.disposed) {
      return;
    }
    state.pages = Number(headers.get('X-Page-Count')) || 1;
    state.width = Number(headers.get('X-Page-Width')) || 1;
    state.height = Number(headers.get('X-Page-Height')) || 1;
    if (state.url) {
      URL.revokeObjectURL(state.url);
    }
    state.url = URL.createObjectURL(blob);
    state.loaded = wanted;
    const changed = n !== state.page;
    state.page = n;
    picture.setAttribute('viewBox', `0 0 ${state.width} ${state.height}`);
    image.setAttribute('width', state.width);
    image.setAttribute('height', state.height);
    image.setAttribute('href', state.url);
    sketch.setAttribute('stroke-width', Math.max(2, state.width / 400));
    picture.setAttribute('aria-label', t('view.page-alt', { page: n, pages: state.pages }));
    if (changed) {
      drawBoxes();
      thumbs.draw(state.pages, state.page);
    }
    layout();
  }

  async function showPage(n) {
    state.loaded = 0;
    await load(n);
    frame.scrollTo(0, 0);
  }

  function setZoom(zoom) {
    const centre = [frame.scrollLeft + frame.clientWidth / 2, frame.scrollTop + frame.clientHeight / 2];
    const ratio = zoom / state.zoom;
    state.zoom = zoom;
    layout();
    frame.scrollLeft = centre[0] * ratio - frame.clientWidth / 2;
    frame.scrollTop = centre[1] * ratio - frame.clientHeight / 2;
    load(state.page).catch(() => {});
  }

  function zoomBy(step) {
    const at = kZooms.findIndex((zoom) => zoom >= state.zoom - 1e-9);
    const next = kZooms[Math.max(0, Math.min(kZooms.length - 1, (at < 0 ? kZooms.length - 1 : at) + step))];
    setZoom(next);
  }

  function setDrawing(on) {
    state.drawing = on;
    drawButton.setAttribute('aria-pressed', String(on));
    frame.classList.toggle('app-drawing', on);
    options.announce(t(on ? 'view.draw-on' : 'view.draw-off'));
    state.keyBox = null;
    sketch.setAttribute('visibility', 'hidden');
    if (on && state.page) {
      const field = (task.fields || {})[state.selected];
      const fieldBox = field && pageOf(field, task) === state.page ? boxOf(field) : null;
      const s = scale();
      const centre = [(frame.scrollLeft + frame.clientWidth / 2) / s, (frame.scrollTop + frame.clientHeight / 2) / s];
      showKeyBox(startBox(fieldBox, centre, state));
      frame.focus({ preventScroll: true });
    }
  }

  function showSketch([x, y, w, hh]) {
    Object.entries({ x, y, width: w, height: hh }).forEach(([name, value]) => sketch.setAttribute(name, value));
    sketch.setAttribute('visibility', 'visible');
  }

  // Shows the box drawn from the keys, scrolled into view, and says where it is.
  function showKeyBox(box) {
    state.keyBox = box;
    showSketch(box);
    status.textContent = t('view.box', { x: box[0], y: box[1], w: box[2], h: box[3] });
    const s = scale();
    const [left, top, right, bottom] = [box[0] * s, box[1] * s, (box[0] + box[2]) * s, (box[1] + box[3]) * s];
    if (left < frame.scrollLeft || right > frame.scrollLeft + frame.clientWidth) {
      frame.scrollLeft = (left + right - frame.clientWidth) / 2;
    }
    if (top < frame.scrollTop || bottom > frame.scrollTop + frame.clientHeight) {
      frame.scrollTop = (top + bottom - frame.clientHeight) / 2;
    }
  }

  // Arrows and Enter while drawing from the keys; true when the key was used.
  function drawingKey(event) {
    if (!state.drawing || !state.keyBox || event.altKey || event.ctrlKey || event.metaKey) {
      return false;
    }
    if (event.key === 'Enter') {
      const box = state.keyBox;
      setDrawing(false);
      options.onRegion(state.page, box);
      return true;
    }
    const next = stepBox(state.keyBox, event.key, event.shiftKey, state);
    if (next) {
      showKeyBox(next);
    }
    return Boolean(next);
  }

  // The point of a pointer event in the page's space.
  function pagePoint(event) {
    const matrix = picture.getScreenCTM();
    const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
    return [Math.max(0, Math.min(state.width, point.x)), Math.max(0, Math.min(state.height, point.y))];
  }

  function sketchBox(from, to) {
    const x = Math.min(from[0], to[0]);
    const y = Math.min(from[1], to[1]);
    return [Math.round(x), Math.round(y), Math.round(Math.abs(to[0] - from[0])), Math.round(Math.abs(to[1] - from[1]))];
  }

  frame.addEventListener('pointerdown', (event) => {
    if (event.button !== 0 || !state.page) {
      return;
    }
    frame.setPointerCapture(event.pointerId);
    state.drag = state.drawing
      ? { draw: true, from: pagePoint(event) }
      : { draw: false, x: event.clientX, y: event.clientY, left: frame.scrollLeft, top: frame.scrollTop };
    if (state.drawing) {
      event.preventDefault();
    }
  });
  frame.addEventListener('pointermove', (event) => {
    const drag = state.drag;
    if (!drag) {
      return;
    }
    if (!drag.draw) {
      frame.scrollLeft = drag.left - (event.clientX - drag.x);
      frame.scrollTop = drag.top - (event.clientY - drag.y);
      return;
    }
    state.keyBox = null;
    showSketch(sketchBox(drag.from, pagePoint(event)));
  });
  const endDrag = (event) => {
    const drag = state.drag;
    state.drag = null;
    if (!drag || !drag.draw) {
      return;
    }
    sketch.setAttribute('visibility', 'hidden');
    const box = sketchBox(drag.from, pagePoint(event));
    if (box[2] >= kSmallestBox && box[3] >= kSmallestBox) {
      setDrawing(false);
      options.onRegion(state.page, box);
    }
  };
  frame.addEventListener('pointerup', endDrag);
  frame.addEventListener('pointercancel', () => { state.drag = null; sketch.setAttribute('visibility', 'hidden'); });
  frame.addEventListener('keydown', (event) => {
    if (drawingKey(event)) {
      event.preventDefault();
      return;
    }
    const moves = { ArrowLeft: [-kPan, 0], ArrowRight: [kPan, 0], ArrowUp: [0, -kPan], ArrowDown: [0, kPan] };
    const move = moves[event.key];
    if (move && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      frame.scrollBy(move[0], move[1]);
    }
  });

  return {
    element,
    // Measures the frame and shows the page of the first field with a box.
    async start() {
      state.fit = Math.max(320, frame.clientWidth - 4);
      await load(firstPageOf(task));
    },
    // The width of the pictures this view asks for (unzoomed), which the
    // next task's view will ask for too.
    pictureWidth: wantedWidth,
    // Highlights the box of field `name`, turning to its page and
    // scrolling it to the middle of the frame.
    async select(name) {
      state.selected = name;
      const field = (task.fields || {})[name];
      if (field && boxOf(field) && pageOf(field, task) !== state.page) {
        await showPage(pageOf(field, task));
      }
      drawBoxes();
      const box = boxOf(field);
      if (box && pageOf(field, task) === state.page) {
        const s = scale();
        frame.scrollTo({
          left: (box[0] + box[2] / 2) * s - frame.clientWidth / 2,
          top: (box[1] + box[3] / 2) * s - frame.clientHeight / 2,
        });
      }
    },
    zoomBy,
    fit: () => setZoom(1),
    toggleDrawing: () => setDrawing(!state.drawing),
    stopDrawing: () => { if (state.drawing) setDrawing(false); },
    // Frees the pictures' object URLs once the view is left.
    dispose() {
      state.disposed = true;
      if (state.url) {
        URL.revokeObjectURL(state.url);
      }
      state.url = '';
      thumbs.dispose();
    },
  };
}
