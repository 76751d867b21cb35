// Overview: is delivery running, how much waits and since when, operations per status, and the last hour.
import { graphql } from './api.js';
import { fill, h } from './dom.js';
import { PENDING, STATUS_WORDS, clock, count, duration, time } from './format.js';
import { page, showProblem } from './layout.js';

const QUERY = `query Overview {
  deliveryStatus { state reason pausedUntil counts { status count exact } oldestWaitingAcceptedAt oldestWaitingAgeSeconds }
  deliveryActivity { minute accepted delivered failed }
}`;

const REFRESH_MS = 15000;

const STATE_WORDS = {
  RUNNING: 'Running',
  PAUSED_RATE_LIMIT: 'Paused: Kustomer\'s rate limit',
  PAUSED_CREDENTIALS: 'Paused: Kustomer refused the API key',
  UNAVAILABLE: 'Unavailable',
  STOPPED: 'Stopped',
};

page(async (main) => {
  let timer;
  const load = async () => {
    clearTimeout(timer);
    try {
      const data = await graphql(QUERY);
      render(main, data);
      timer = setTimeout(load, REFRESH_MS);
    } catch (error) {
      showProblem(main, error, load);
    }
  };
  await load();
});

function render(main, { deliveryStatus: status, deliveryActivity: activity }) {
  const counts = Object.fromEntries(status.counts.map((c) => [c.status, c]));
  const backlog = PENDING.reduce((sum, s) => sum + (counts[s]?.count ?? 0), 0);
  const backlogExact = PENDING.every((s) => counts[s]?.exact ?? true);
  fill(main,
    h('section', { class: 'cards', 'aria-label': 'Delivery at a glance' },
      relay(status),
      h('article', { class: 'card', id: 'backlog' },
        h('h2', {}, 'Backlog'),
        h('p', { class: 'figure' }, count(backlog, backlogExact)),
        h('p', {}, 'operations still owed to Kustomer'),
        h('a', { href: 'operations.html?status=RETRYING' }, 'See those retrying')),
      h('article', { class: 'card', id: 'oldest' },
        h('h2', {}, 'Oldest waiting'),
        status.oldestWaitingAgeSeconds === null
          ? h('p', { class: 'figure' }, 'None')
          : [h('p', { class: 'figure' }, duration(status.oldestWaitingAgeSeconds)),
            h('p', {}, 'accepted ', time(status.oldestWaitingAcceptedAt))])),
    h('section', { 'aria-labelledby': 'counts-title' },
      h('h2', { id: 'counts-title' }, 'Operations per status'),
      h('ul', { class: 'counts' }, Object.keys(STATUS_WORDS).map((s) => h('li', {},
        h('a', { href: `operations.html?status=${s}`, class: `count status-${s.toLowerCase()}` },
          h('span', { class: 'count-label' }, STATUS_WORDS[s]),
          h('span', { class: 'count-value', 'data-status': s },
            count(counts[s]?.count ?? 0, counts[s]?.exact ?? true))))))),
    h('section', { 'aria-labelledby': 'activity-title' },
      h('h2', { id: 'activity-title' }, 'The last hour'),
      chart(activity)),
    h('p', { class: 'updated' }, 'Updated ', time(new Date().toISOString()), `; refreshed every ${REFRESH_MS / 1000} s.`));
}

function relay(status) {
  const words = STATE_WORDS[status.state] ?? status.state;
  return h('article', { class: `card relay relay-${status.state.toLowerCase()}`, id: 'relay' },
    h('h2', {}, 'Delivery'),
    h('p', { class: 'figure' }, words),
    status.reason ? h('p', {}, status.reason) : h('p', {}, 'Delivering operations as they arrive.'),
    status.pausedUntil ? h('p', {}, 'Until ', time(status.pausedUntil)) : null);
}

const SERIES = [
  { key: 'accepted', label: 'Accepted', className: 'series-accepted' },
  { key: 'delivered', label: 'Delivered', className: 'series-delivered' },
  { key: 'failed', label: 'Failed', className: 'series-failed' },
];

/** Three lines over the hour's minutes, their totals in the legend, and the same figures as a table. */
function chart(minutes) {
  const width = 1200;
  const height = 240;
  const left = 40;
  const bottom = 24;
  const top = 8;
  const highest = Math.max(1, ...minutes.flatMap((m) => SERIES.map((s) => m[s.key])));
  const right = 28;
  const x = (i) => left + (i * (width - left - right)) / Math.max(1, minutes.length - 1);
  const y = (v) => top + (height - top - bottom) * (1 - v / highest);
  const svg = h('svg:svg', {
    viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img',
    'aria-label': `Operations per minute over the last hour: ${SERIES.map((s) => `${total(minutes, s.key)} ${s.label.toLowerCase()}`).join(', ')}`,
  });
  for (const fraction of [0, 0.5, 1]) {
    const value = Math.round(highest * fraction);
    svg.append(h('svg:line', { x1: left, x2: width - right, y1: y(value), y2: y(value), class: 'grid' }));
    svg.append(h('svg:text', { x: left - 6, y: y(value) + 4, class: 'axis', 'text-anchor': 'end' }, String(value)));
  }
  for (const i of [0, 15, 30, 45, minutes.length - 1]) {
    if (minutes[i]) {
      svg.append(h('svg:text', { x: x(i), y: height - 6, class: 'axis', 'text-anchor': 'middle' }, clock(minutes[i].minute)));
    }
  }
  for (const series of SERIES) {
    const points = minutes.map((m, i) => `${x(i).toFixed(1)},${y(m[series.key]).toFixed(1)}`).join(' ');
    svg.append(h('svg:polyline', { points, class: `line ${series.className}` }));
  }
  return h('figure', { class: 'activity' },
    svg,
    h('figcaption', {}, h('ul', { class: 'legend' }, SERIES.map((s) => h('li', { class: s.className },
      h('span', { class: 'swatch', 'aria-hidden': 'true' }), `${s.label}: `,
      h('strong', { 'data-series': s.key }, count(total(minutes, s.key))))))),
    h('details', {},
      h('summary', {}, 'The same figures per minute'),
      h('table', { class: 'minutes' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Minute'), SERIES.map((s) => h('th', { scope: 'col' }, s.label)))),
        h('tbody', {}, minutes.filter((m) => SERIES.some((s) => m[s.key] > 0)).map((m) => h('tr', {},
          h('th', { scope: 'row' }, clock(m.minute)), SERIES.map((s) => h('td', {}, String(m[s.key])))))))));
}

function total(minutes, key) {
  return minutes.reduce((sum, m) => sum + m[key], 0);
}
