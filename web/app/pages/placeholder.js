// The pages that later work fills in (runs, schedules, KPI): a heading and
// a note, so that the navigation and the roles can already be used.
import { h } from '../dom.js';
import { t } from '../i18n.js';

export default function placeholderPage(name) {
  return {
    title: () => t(`${name}.title`),
    render(main) {
      main.append(
        h('h1', {}, t(`${name}.title`)),
        h('p', { class: 'lead' }, t('placeholder.soon')),
      );
    },
  };
}
