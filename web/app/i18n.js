// The page's texts in Italian (the default) and English: one table per
// language (i18n/it.js, i18n/en.js), the choice remembered in localStorage
// and written to <html lang>. t('key', {name: value}) fills {name}.
import en from './i18n/en.js';
import it from './i18n/it.js';

const kTables = { it, en };
const kDefault = 'it';
const kStorageKey = 'travet.language';

export const kLanguages = Object.keys(kTables);

function remembered() {
  try {
    const saved = localStorage.getItem(kStorageKey);
    return saved in kTables ? saved : kDefault;
  } catch {
    return kDefault;  // storage refused (private mode): the default each time
  }
}

let current = remembered();
const listeners = [];

export function language() {
  return current;
}

// Switches every text of the page to `code` and remembers it.
export function setLanguage(code) {
  current = code in kTables ? code : kDefault;
  try {
    localStorage.setItem(kStorageKey, current);
  } catch {
    // not remembered; the page still switches
  }
  document.documentElement.lang = current;
  translate(document);
  listeners.forEach((listener) => listener(current));
}

export function onLanguageChange(listener) {
  listeners.push(listener);
}

// The text of `key` in the current language (Italian when the table lacks
// it, the key itself when both do), with {name} replaced from `values`.
export function t(key, values = {}) {
  const text = kTables[current][key] ?? kTables[kDefault][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

// Fills the static texts of `root`: data-i18n (text), data-i18n-aria-label.
export function translate(root) {
  root.querySelectorAll('[data-i18n]').forEach((element) => {
    element.textContent = t(element.dataset.i18n);
  });
  root.querySelectorAll('[data-i18n-aria-label]').forEach((element) => {
    element.setAttribute('aria-label', t(element.dataset.i18nAriaLabel));
  });
}
