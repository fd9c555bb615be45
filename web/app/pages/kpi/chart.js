// Bar charts drawn as inline SVG, one bar per month: no chart library and
// nothing fetched. Each chart is an image with a name and a description
// that reads out every bar's value; the table beside it holds the same
// figures for whoever cannot see the chart.
import { h } from '../../dom.js';

const kSvg = 'http://www.w3.org/2000/svg';
const kBarWidth = 40;
const kGap = 28;
const kLeft = 16;
const kTop = 24;        // room for the value over the highest bar
const kPlotHeight = 140;
const kBottom = 28;     // room for the month under each bar
const kBarColour = '#0066cc';  // Bootstrap Italia's primary, 5.6:1 on white
const kTextColour = '#1a1a1a';
const kAxisColour = '#5c6f82';

function svg(tag, attributes = {}, text = null) {
  const element = document.createElementNS(kSvg, tag);
  for (const [name, value] of Object.entries(attributes)) {
    element.setAttribute(name, String(value));
  }
  if (text !== null) {
    element.textContent = text;
  }
  return element;
}

function barOf(bar, index, scale) {
  const x = kLeft + index * (kBarWidth + kGap) + kGap / 2;
  const height = bar.value === null ? 0 : Math.round(bar.value * scale * 10) / 10;
  const y = kTop + kPlotHeight - height;
  const middle = x + kBarWidth / 2;
  const group = svg('g', { class: 'app-bar', 'data-month': bar.month });
  group.append(
    svg('rect', { x, y, width: kBarWidth, height, fill: kBarColour }),
    svg('text', { x: middle, y: y - 6, 'text-anchor': 'middle', fill: kTextColour, 'font-size': 12 }, bar.text),
    svg('text', {
      x: middle, y: kTop + kPlotHeight + 18, 'text-anchor': 'middle', fill: kTextColour, 'font-size': 12,
    }, bar.label));
  return group;
}

// A figure with a visible caption and an SVG of `bars`, each
// {month, label, value, text, spoken}: `value` (null: unknown, no bar)
// sets the height against `top` (the axis' top, at least the highest
// value), `text` is written over the bar and `label` under it; the
// description joins every bar's `spoken` text. `id` names the parts.
export function barChart({ id, caption, bars, top }) {
  const highest = Math.max(top || 0, ...bars.map((bar) => bar.value || 0));
  const scale = highest > 0 ? kPlotHeight / highest : 0;
  const width = kLeft * 2 + bars.length * (kBarWidth + kGap);
  const height = kTop + kPlotHeight + kBottom;
  const picture = svg('svg', {
    id, role: 'img', viewBox: `0 0 ${width} ${height}`, width, height,
    'aria-labelledby': `${id}-title`, 'aria-describedby': `${id}-desc`, class: 'app-chart',
  });
  picture.append(
    svg('title', { id: `${id}-title` }, caption),
    svg('desc', { id: `${id}-desc` }, bars.map((bar) => bar.spoken).join('; ')),
    svg('line', {
      x1: kLeft, x2: width - kLeft, y1: kTop + kPlotHeight, y2: kTop + kPlotHeight, stroke: kAxisColour,
    }),
    ...bars.map((bar, index) => barOf(bar, index, scale)));
  return h('figure', { class: 'app-figure' }, h('figcaption', { 'aria-hidden': 'true' }, caption), picture);
}
