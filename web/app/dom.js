// A small helper to build elements without innerHTML: text from the server
// is always set as text, never parsed as markup.

// h('a', {href: '#/x', class: 'y'}, 'text', child...): attributes by name
// ('class', 'for', aria-*, data-*); on* functions become listeners; false,
// null and undefined attributes and children are left out.
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child === false || child === null || child === undefined) {
      continue;
    }
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

// An icon of Bootstrap Italia's sprite, hidden from screen readers (the
// text beside it says the same).
export function icon(name, extraClass = '') {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('class', `icon icon-sm ${extraClass}`.trim());
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const use = document.createElementNS(ns, 'use');
  use.setAttribute('href', `vendor/bootstrap-italia/svg/sprites.svg#${name}`);
  svg.append(use);
  return svg;
}
