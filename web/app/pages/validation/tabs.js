// Tabs of the ARIA pattern: a tablist whose buttons show one panel each,
// the arrow keys moving between them. `panels`: [id, label, body,
// onShown?] each; returns the tablist followed by the panels.
import { h } from '../../dom.js';
import { t } from '../../i18n.js';

export function tabs(panels) {
  const buttons = panels.map(([id, label], i) => h('button', {
    type: 'button', role: 'tab', id: `tab-${id}`, 'aria-controls': `panel-${id}`,
    'aria-selected': String(i === 0), tabindex: i === 0 ? '0' : '-1', class: 'app-tab',
  }, label));
  const bodies = panels.map(([id, , body], i) => h('div', {
    role: 'tabpanel', id: `panel-${id}`, 'aria-labelledby': `tab-${id}`, hidden: i !== 0, class: 'app-tabpanel',
  }, body));
  const choose = (i, focus) => {
    buttons.forEach((button, j) => {
      button.setAttribute('aria-selected', String(i === j));
      button.tabIndex = i === j ? 0 : -1;
      bodies[j].hidden = i !== j;
    });
    if (focus) {
      buttons[i].focus();
    }
    panels[i][3]?.();
  };
  buttons.forEach((button, i) => {
    button.addEventListener('click', () => choose(i, false));
    button.addEventListener('keydown', (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (step) {
        event.preventDefault();
        choose((i + step + buttons.length) % buttons.length, true);
      }
    });
  });
  return [h('div', { role: 'tablist', class: 'app-tabs', 'aria-label': t('view.tabs') }, buttons), ...bodies];
}
