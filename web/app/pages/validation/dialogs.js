// The validation view's two dialogs, native <dialog>s opened with
// showModal() (the browser keeps the focus inside and closes on Escape):
// the keys (`?`), and the reason of a rejection.
import { h } from '../../dom.js';
import { t } from '../../i18n.js';

// The reasons offered for a rejection, in this order; each one's words are
// `reject.reason.<key>` of the text tables. `other` asks for the free text.
export const kRejectReasons = ['illegible', 'wrong-kind', 'duplicate', 'incomplete', 'other'];

// Every key of the view, as the keys dialog lists them.
export const kKeys = [
  ['Ctrl+Enter', 'keys.approve'],
  ['?', 'keys.help'],
  ['d', 'keys.draw'],
  ['← ↑ → ↓', 'keys.draw-move'],
  ['Shift+← ↑ → ↓', 'keys.draw-size'],
  ['Enter', 'keys.draw-read'],
  ['+', 'keys.zoom-in'],
  ['-', 'keys.zoom-out'],
  ['0', 'keys.zoom-fit'],
  ['← ↑ → ↓', 'keys.pan'],
  ['Esc', 'keys.escape'],
  ['Tab', 'keys.tab'],
];

const kSingleKeysStorage = 'travet.single-keys';

// Whether the one-character keys (?, d, +, -, 0) act: the user may turn
// them off (WCAG 2.1.4), remembered by the browser.
export function singleKeysOn() {
  try {
    return localStorage.getItem(kSingleKeysStorage) !== 'off';
  } catch {
    return true;
  }
}

function setSingleKeys(on) {
  try {
    localStorage.setItem(kSingleKeysStorage, on ? 'on' : 'off');
  } catch {
    // not remembered
  }
}

function dialog(id, heading, ...content) {
  const element = h('dialog', { id, class: 'app-dialog', 'aria-labelledby': `${id}-heading` },
    h('h2', { id: `${id}-heading`, class: 'h4' }, heading), ...content);
  element.addEventListener('close', () => element.remove());
  document.body.append(element);
  return element;
}

export function showKeys() {
  const single = h('input', { type: 'checkbox', id: 'single-keys', class: 'form-check-input', checked: singleKeysOn() });
  single.addEventListener('change', () => setSingleKeys(single.checked));
  const close = h('button', { type: 'button', class: 'btn btn-primary' }, t('dialog.close'));
  const element = dialog('keys-dialog', t('keys.title'),
    h('table', { class: 'table app-keys' },
      h('caption', { class: 'visually-hidden' }, t('keys.title')),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('keys.key')), h('th', { scope: 'col' }, t('keys.does')))),
      h('tbody', {}, kKeys.map(([key, text]) => h('tr', {}, h('td', {}, h('kbd', {}, key)), h('td', {}, t(text)))))),
    h('div', { class: 'form-check' }, single, h('label', { for: 'single-keys', class: 'form-check-label' }, t('keys.single'))),
    h('div', { class: 'app-dialog-buttons' }, close));
  close.addEventListener('click', () => element.close());
  element.showModal();
  close.focus();
}

// Asks why the task is rejected; resolves to the reason's text, or null
// when the user cancels. A reason of the list is required, and `other`
// needs the free text.
export function askRejectReason() {
  return new Promise((resolve) => {
    const alert = h('div', { id: 'reject-alert', role: 'alert' });
    const note = h('textarea', { id: 'reject-note', class: 'form-control', rows: 3, 'aria-describedby': 'reject-alert' });
    const choices = kRejectReasons.map((key) => h('div', { class: 'form-check' },
      h('input', { type: 'radio', name: 'reject-reason', id: `reject-${key}`, value: key, class: 'form-check-input' }),
      h('label', { for: `reject-${key}`, class: 'form-check-label' }, t(`reject.reason.${key}`))));
    const cancel = h('button', { type: 'button', class: 'btn btn-outline-primary' }, t('dialog.cancel'));
    const form = h('form', { method: 'dialog', novalidate: true },
      h('fieldset', { 'aria-describedby': 'reject-alert' }, h('legend', { class: 'app-legend' }, t('reject.why')), choices),
      h('div', { class: 'app-field' }, h('label', { for: 'reject-note', class: 'form-label' }, t('reject.note')), note),
      alert,
      h('div', { class: 'app-dialog-buttons' }, cancel, h('button', { type: 'submit', class: 'btn btn-danger' }, t('reject.submit'))));
    const element = dialog('reject-dialog', t('reject.title'), form);
    let answer = null;
    form.addEventListener('submit', (event) => {
      const chosen = form.querySelector('input[name="reject-reason"]:checked');
      const text = note.value.trim();
      if (!chosen || (chosen.value === 'other' && !text)) {
        event.preventDefault();
        alert.replaceChildren(h('p', { class: 'alert alert-danger' }, t(chosen ? 'reject.need-note' : 'reject.need-reason')));
        (chosen ? note : form.querySelector('input[name="reject-reason"]')).focus();
        return;
      }
      const words = chosen.value === 'other' ? '' : t(`reject.reason.${chosen.value}`);
      answer = [words, text].filter(Boolean).join(': ');
    });
    cancel.addEventListener('click', () => element.close());
    element.addEventListener('close', () => resolve(answer));
    element.showModal();
    form.querySelector('input[name="reject-reason"]').focus();
  });
}
