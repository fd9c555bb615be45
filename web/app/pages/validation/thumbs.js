// The thumbnails of a document's pages (none for a one-page document), one
// button per page; each picture is an object URL, freed by dispose() when
// the view is left (a picture arriving after that is not made one).
import { h } from '../../dom.js';
import { t } from '../../i18n.js';

const kThumbWidth = 96;

// options: {api, client, showPage(n)}
export function createThumbs(options) {
  const element = h('ul', { id: 'page-thumbs', class: 'app-thumbs', 'aria-label': t('view.pages') });
  const urls = [];
  let disposed = false;

  function item(n) {
    const img = h('img', { alt: '', width: kThumbWidth, class: 'app-thumb-image' });
    const button = h('button', { type: 'button', class: 'app-thumb', 'data-page': n, onclick: () => options.showPage(n) },
      img, h('span', {}, t('view.page-n', { page: n })));
    options.api.picture(options.client.pageUrl(n, kThumbWidth)).then(({ blob }) => {
      if (!disposed) {
        img.src = URL.createObjectURL(blob);
        urls.push(img.src);
      }
    }).catch(() => {});
    return h('li', {}, button);
  }

  return {
    element,
    // Shows a thumbnail per page of `pages`, `page` marked as the current one.
    draw(pages, page) {
      element.hidden = pages < 2;
      if (pages < 2) {
        element.replaceChildren();
        return;
      }
      if (element.children.length !== pages) {
        element.replaceChildren(...Array.from({ length: pages }, (_, i) => item(i + 1)));
      }
      element.querySelectorAll('.app-thumb').forEach((button) => {
        button.setAttribute('aria-current', String(Number(button.dataset.page) === page));
      });
    },
    dispose() {
      disposed = true;
      urls.splice(0).forEach((url) => URL.revokeObjectURL(url));
    },
  };
}
