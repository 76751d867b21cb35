// Operations: the outbox newest first, a page at a time (the connection's cursors), filtered from the address.
import { graphql } from './api.js';
import { fill, h } from './dom.js';
import { describe, fields, fromAddress, fromForm, toInput, toSearch } from './filters.js';
import { KIND_WORDS, millis, status, time } from './format.js';
import { page, refusal } from './layout.js';

const QUERY = `query Operations($filter: OperationFilter, $first: Int, $after: String) {
  operations(filter: $filter, first: $first, after: $after) {
    edges { node { id kind resource status acceptedAt failedAttempts nextAttemptAt lastFailure { httpStatus code message } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const PAGE_SIZES = ['20', '50', '100'];

page(async (main) => {
  const params = new URLSearchParams(location.search);
  const filter = fromAddress();
  const first = PAGE_SIZES.includes(params.get('first')) ? params.get('first') : '20';
  const after = params.get('after');
  const results = h('div', { id: 'results', 'aria-live': 'polite' }, h('p', {}, 'Loading…'));
  fill(main, filterForm(filter, first), results);
  const started = performance.now();
  let data;
  try {
    data = await graphql(QUERY, { filter: toInput(filter), first: Number(first), after });
  } catch (error) {
    if (error.code === 'UNAUTHENTICATED' || error.code === 'FORBIDDEN') throw error;
    fill(results, h('section', { class: 'refused', role: 'alert' },
      h('h2', {}, 'These operations cannot be listed'), refusal(error)));
    return;
  }
  const elapsed = Math.round(performance.now() - started);
  fill(results, table(data.operations, filter, first, after, elapsed));
});

function filterForm(filter, first) {
  return h('form', {
    class: 'filters', role: 'search', 'aria-label': 'Filter operations',
    onsubmit: (event) => {
      event.preventDefault();
      const chosen = fromForm(event.target);
      location.assign(`operations.html${toSearch(chosen, { first: new FormData(event.target).get('first') })}`);
    },
  },
  fields(filter),
  h('div', { class: 'field' },
    h('label', { for: 'filter-first' }, 'Per page'),
    h('select', { id: 'filter-first', name: 'first' },
      PAGE_SIZES.map((size) => h('option', { value: size, selected: size === first }, size)))),
  h('div', { class: 'field buttons' },
    h('button', { type: 'submit' }, 'Show'),
    h('a', { class: 'button secondary', href: 'operations.html' }, 'Clear')));
}

function table(connection, filter, first, after, elapsed) {
  const rows = connection.edges.map(({ node }) => h('tr', {},
    h('td', {}, time(node.acceptedAt)),
    h('td', {}, KIND_WORDS[node.kind] ?? node.kind),
    h('td', { class: 'resource' }, node.resource),
    h('td', {}, status(node.status)),
    h('td', { class: 'number' }, String(node.failedAttempts)),
    h('td', { class: 'failure' }, node.lastFailure
      ? [node.lastFailure.httpStatus ? `${node.lastFailure.httpStatus} ` : '', h('code', {}, node.lastFailure.code), ' ', node.lastFailure.message]
      : ''),
    h('td', {}, h('a', { href: `operation.html?id=${encodeURIComponent(node.id)}`, class: 'operation-link' },
      h('span', { class: 'visually-hidden' }, 'Open operation '), node.id.slice(0, 8)))));
  const shown = connection.edges.length;
  return [
    h('p', { class: 'summary', id: 'listing-summary', 'data-load-ms': String(elapsed), 'data-rows': String(shown) },
      shown === 0 ? 'No operation matches ' : `${shown} operation${shown === 1 ? '' : 's'}${after ? ' (an older page)' : ''} of `,
      describe(filter), `; loaded in ${millis(elapsed)}.`),
    shown === 0 ? null : h('div', { class: 'table-wrap' }, h('table', { class: 'operations' },
      h('caption', { class: 'visually-hidden' }, 'Operations, newest first'),
      h('thead', {}, h('tr', {}, ['Accepted', 'Kind', 'Resource', 'Status', 'Failed tries', 'Last failure', 'Operation']
        .map((title) => h('th', { scope: 'col' }, title)))),
      h('tbody', {}, rows))),
    h('nav', { class: 'pager', 'aria-label': 'Pages' },
      after ? h('a', { href: `operations.html${toSearch(filter, { first })}`, class: 'button secondary' }, 'Newest') : null,
      connection.pageInfo.hasNextPage
        ? h('a', { href: `operations.html${toSearch(filter, { first, after: connection.pageInfo.endCursor })}`, class: 'button', id: 'older', rel: 'next' }, 'Older')
        : h('span', { class: 'end' }, shown ? 'No older operations.' : '')),
  ];
}
