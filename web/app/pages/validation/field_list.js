// The fields of a review task, each a labelled input with its evidence (raw
// OCR text, confidence, the validator's verdict, why it was sent to review).
// Typing checks the value with the server's validator of the field's type
// (debounced): a value it refuses is marked aria-invalid with the verdict in
// a live region the input names in aria-describedby.
import { h } from '../../dom.js';
import { t } from '../../i18n.js';
import { problemText } from '../../problem.js';

const kCheckDelay = 250;  // milliseconds after the last key

// The value of a field as the input shows it.
function shown(value) {
  return value === null || value === undefined ? '' : String(value);
}

function idOf(name) {
  return `field-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

function confidenceOf(field) {
  if (!Number.isFinite(field.confidence)) {
    return h('span', {}, '—');
  }
  const value = Math.max(0, Math.min(100, field.confidence));
  return h('span', { class: 'app-confidence' },
    h('meter', { min: 0, max: 100, low: 60, high: 90, optimum: 100, value, 'aria-hidden': 'true' }),
    ` ${new Intl.NumberFormat(document.documentElement.lang, { maximumFractionDigits: 1 }).format(value)}%`);
}

function reasonBadge(field) {
  if (!field.reason) {
    return null;
  }
  return h('span', { class: 'badge app-reason' }, t(`reason.${field.reason}`));
}

function evidence(name, field) {
  const row = (key, value) => [h('dt', {}, t(key)), h('dd', {}, value)];
  return h('dl', { id: `${idOf(name)}-evidence`, class: 'app-evidence' },
    row('field.raw', field.raw ? h('span', { class: 'app-raw' }, field.raw) : '—'),
    row('field.confidence', confidenceOf(field)),
    row('field.verdict', field.verdict ? String(field.verdict) : '—'),
    row('field.reason', field.reason ? t(`reason.${field.reason}`) : t('reason.none')),
    field.type ? row('field.type', field.type) : null);
}

// options: {client, readOnly, onSelect(name), drafts, onEdit(name, value)}:
// `drafts` are values typed before the view was drawn again (name ->
// value), shown and checked again; `onEdit` hears every change of a value.
export function createFieldList(options) {
  const { client } = options;
  const fields = client.task.fields || {};
  const entries = {};  // name -> {input, error, original, timer, sequence}
  const items = Object.entries(fields).map(([name, field]) => {
    const id = idOf(name);
    const input = h('input', {
      id, type: 'text', class: 'form-control', name, value: shown(field.value), autocomplete: 'off',
      spellcheck: 'false', readonly: options.readOnly, 'aria-describedby': `${id}-error ${id}-evidence`,
    });
    const error = h('div', { id: `${id}-error`, class: 'app-field-error', 'aria-live': 'polite' });
    const entry = { input, error, original: shown(field.value), timer: 0, sequence: 0, name };
    entries[name] = entry;
    input.addEventListener('focus', () => options.onSelect(name));
    input.addEventListener('input', () => {
      options.onEdit?.(name, input.value);
      clearTimeout(entry.timer);
      entry.timer = setTimeout(() => check(entry), kCheckDelay);
    });
    const draft = (options.drafts || {})[name];
    if (draft !== undefined && draft !== entry.original) {
      input.value = draft;
      check(entry);
    } else if (field.valid === false) {
      mark(entry, false, field.verdict);
    }
    return h('li', { class: 'app-vfield', 'data-field': name },
      h('div', { class: 'app-vfield-head' },
        h('label', { for: id, class: 'form-label' }, name), reasonBadge(field)),
      input, error, evidence(name, field));
  });

  function mark(entry, valid, verdict) {
    entry.input.setAttribute('aria-invalid', String(!valid));
    entry.input.classList.toggle('is-invalid', !valid);
    entry.error.textContent = valid ? '' : t('field.invalid', { verdict: verdict || t('field.refused') });
  }

  // Asks the server's validator; an answer for an older value is dropped.
  async function check(entry) {
    const sequence = ++entry.sequence;
    try {
      const answer = await client.check(entry.name, entry.input.value);
      if (sequence === entry.sequence) {
        mark(entry, answer.valid, answer.verdict);
      }
    } catch (error) {
      if (sequence === entry.sequence) {
        entry.error.textContent = problemText(error);
      }
    }
  }

  const element = h('ul', { id: 'fields', class: 'app-vfields', 'aria-label': t('view.fields') }, items);
  return {
    element,
    names: () => Object.keys(entries),
    // The fields whose value the user changed, as typed.
    corrections() {
      const changed = {};
      for (const entry of Object.values(entries)) {
        if (entry.input.value !== entry.original) {
          changed[entry.name] = entry.input.value;
        }
      }
      return changed;
    },
    highlight(name) {
      element.querySelectorAll('.app-vfield').forEach((item) => {
        item.classList.toggle('app-vfield-selected', item.dataset.field === name);
      });
    },
    focus(name) {
      entries[name]?.input.focus();
    },
    // Puts `value` in field `name` (read from a drawn box) and checks it.
    fill(name, value) {
      const entry = entries[name];
      if (entry) {
        entry.input.value = value;
        options.onEdit?.(name, value);
        clearTimeout(entry.timer);
        check(entry);
      }
    },
    typeOf: (name) => (fields[name] || {}).type || null,
  };
}
