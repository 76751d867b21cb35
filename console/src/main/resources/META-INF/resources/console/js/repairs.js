// Repairs: queue failed operations again in bulk, by filter, after saying how many; retry or cancel one by its id.
import { graphql } from './api.js';
import { fill, h } from './dom.js';
import { describe, fields, fromAddress, fromForm, toInput, toSearch } from './filters.js';
import { count } from './format.js';
import { confirm, page, refusal, showProblem } from './layout.js';
import { mayRepair } from './session.js';

const COUNT = `query FailedCount($filter: OperationFilter) { operationCount(filter: $filter) { count exact } }`;
const REPLAY = `mutation Replay($filter: OperationFilter) { replayFailedOperations(filter: $filter) { requeued } }`;

page((main) => {
  const filter = fromAddress();
  delete filter.status;
  const result = h('div', { id: 'replay-result', role: 'status', 'aria-live': 'polite' });
  const admin = mayRepair();
  fill(main,
    admin ? null : h('p', { class: 'refused', role: 'note' },
      'This token does not hold gateway-admin: the gateway will refuse repairs made with it.'),
    h('section', { 'aria-labelledby': 'replay-title' },
      h('h2', { id: 'replay-title' }, 'Replay failed operations'),
      h('p', {}, 'Queues every FAILED operation the filter selects again, to be delivered in acceptance order per '
        + 'resource; their earlier attempts stay in their history. Leave every field empty to replay all of them.'),
      h('form', {
        class: 'filters', id: 'replay-form', 'aria-label': 'Which failed operations to replay',
        onsubmit: (event) => {
          event.preventDefault();
          const chosen = fromForm(event.target);
          history.replaceState(null, '', `repairs.html${toSearch(chosen)}`);
          replay(main, chosen, result);
        },
      },
      fields(filter, { withStatus: false, idPrefix: 'replay' }),
      h('div', { class: 'field buttons' },
        h('button', { type: 'submit', id: 'review-replay', class: 'primary' }, 'Review replay…'))),
      result),
    h('section', { 'aria-labelledby': 'one-title' },
      h('h2', { id: 'one-title' }, 'Retry or cancel one operation'),
      h('p', {}, 'Open it to see its attempts first; its page has Retry (when FAILED) and Cancel (when QUEUED or RETRYING).'),
      h('form', {
        class: 'filters', method: 'get', action: 'operation.html', 'aria-label': 'Open one operation',
      },
      h('div', { class: 'field wide' },
        h('label', { for: 'one-id' }, 'Operation id'),
        h('input', { id: 'one-id', name: 'id', required: true, autocomplete: 'off', spellcheck: 'false',
          pattern: '[0-9a-fA-F-]{36}', title: 'an operation id, such as 0b9c7e0e-…' })),
      h('div', { class: 'field buttons' }, h('button', { type: 'submit' }, 'Open'))),
      h('p', {}, h('a', { href: 'operations.html?status=FAILED' }, 'List the failed operations'))));
});

async function replay(main, filter, result) {
  const selected = { ...filter, status: 'FAILED' };
  fill(result, 'Counting…');
  let counted;
  try {
    counted = (await graphql(COUNT, { filter: toInput(selected) })).operationCount;
  } catch (error) {
    if (error.code === 'UNAUTHENTICATED') return showProblem(main, error, () => location.reload());
    fill(result, h('div', { class: 'refused', role: 'alert' }, refusal(error)));
    return;
  }
  if (counted.count === 0) {
    fill(result, h('p', { id: 'replay-none' }, `No failed operation matches (${describe(filter)}): nothing to replay.`));
    return;
  }
  fill(result, '');
  const how = count(counted.count, counted.exact);
  const yes = await confirm({
    title: `Replay ${how} failed operation${counted.count === 1 && counted.exact ? '' : 's'}?`,
    body: [h('p', { id: 'replay-count', 'data-count': String(counted.count) },
      `${how} failed operation${counted.count === 1 && counted.exact ? '' : 's'} (${describe(filter)}) will be queued again `
        + 'and delivered to Kustomer in acceptance order per resource.'),
    counted.exact ? 'Their earlier attempts stay in their history.'
      : `There are more than ${how}; every one of them will be queued again.`],
    confirmLabel: `Replay ${how}`,
  });
  if (!yes) {
    fill(result, h('p', {}, 'Nothing was replayed.'));
    return;
  }
  fill(result, 'Replaying…');
  try {
    const { requeued } = (await graphql(REPLAY, { filter: toInput(filter) })).replayFailedOperations;
    fill(result, h('p', { class: 'done', id: 'replay-done', 'data-requeued': String(requeued) },
      `Queued again: ${count(requeued)} operation${requeued === 1 ? '' : 's'}. `,
      h('a', { href: `operations.html${toSearch(filter)}` }, 'See them in Operations'), '.'));
  } catch (error) {
    if (error.code === 'UNAUTHENTICATED') return showProblem(main, error, () => location.reload());
    fill(result, h('div', { class: 'refused', role: 'alert' }, h('p', {}, 'The gateway refused the replay:'), refusal(error)));
  }
  return undefined;
}
