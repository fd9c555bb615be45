// Says when the user's claim of the task is about to lapse (less than
// kWarnBefore left) and when it has lapsed, with a button to claim it
// again; the view is not drawn again, so the edits stay. The time left is
// the task's lease_until against the browser's clock.
import { h } from '../../dom.js';
import { dateTime } from '../../format.js';
import { t } from '../../i18n.js';
import { problemText } from '../../problem.js';

export const kWarnBefore = 2 * 60 * 1000;
const kTick = 5 * 1000;

// Claims again; a task changed meanwhile (its lease lapsed) is read and
// claimed once more.
async function claimAgain(client) {
  try {
    await client.change('claim');
  } catch (error) {
    if (!error.stale) {
      throw error;
    }
    await client.change('claim');
  }
}

// options: {client, user, root, announce}; resolves to the banner, a live
// region (role=status) that stays empty while the claim has time left.
export function watchClaim(options) {
  const { client, user } = options;
  const banner = h('div', { id: 'claim-notice', role: 'status' });
  let shown = '';

  function show(kind) {
    if (kind === shown) {
      return;
    }
    shown = kind;
    if (!kind) {
      banner.replaceChildren();
      return;
    }
    const lapsed = kind === 'lapsed';
    banner.replaceChildren(h('div', { class: `alert ${lapsed ? 'alert-danger' : 'alert-warning'} app-claim` },
      h('p', {}, h('strong', {}, `${t('claim.attention')} `), t(`claim.${kind}`, { until: dateTime(client.task.lease_until) })),
      lapsed ? h('button', { type: 'button', id: 'claim-again', class: 'btn btn-primary btn-sm', onclick: renew }, t('claim.again')) : null));
  }

  function tick() {
    if (!options.root.isConnected) {
      clearInterval(timer);
      return;
    }
    if (shown === 'failed') {
      return;  // said until the view is left
    }
    const task = client.task;
    if (task.state !== 'claimed' || task.claimed_by !== user || !task.lease_until) {
      show('');
      return;
    }
    const left = Date.parse(task.lease_until) - Date.now();
    show(left <= 0 ? 'lapsed' : (left < kWarnBefore ? 'ending' : ''));
  }

  async function renew() {
    try {
      await claimAgain(client);
      tick();
      options.announce(t('claim.renewed', { until: dateTime(client.task.lease_until) }));
    } catch (error) {
      shown = 'failed';
      banner.replaceChildren(h('p', { class: 'alert alert-danger' }, problemText(error)));
    }
  }

  const timer = setInterval(tick, kTick);
  tick();
  return banner;
}
