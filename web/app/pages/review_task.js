// One review task (#/review/{id}): the validation view comes later; for now
// the task's id and the way back to the inbox.
import { h } from '../dom.js';
import { t } from '../i18n.js';

export default {
  title: (params) => t('task.title', { id: params.id }),
  render(main, { params }) {
    main.append(
      h('h1', {}, t('task.title', { id: params.id })),
      h('p', { class: 'lead' }, t('task.soon')),
      h('p', {}, h('a', { href: '#/review' }, t('task.back'))),
    );
  },
};
