// The filter of the operations listing and of a bulk replay, kept in the page's address so a view can be shared.
// Times are instants (UTC) in the address and local times in the form.
import { h } from './dom.js';
import { KIND_WORDS, STATUS_WORDS } from './format.js';

export const RESOURCE_TYPES = ['conversation', 'customer', 'klass'];

/** The filter the address names: {kind, status, resource, from, before}, each absent when not set. */
export function fromAddress(search = location.search) {
  const params = new URLSearchParams(search);
  const filter = {};
  for (const name of ['kind', 'status', 'resource', 'from', 'before']) {
    const value = params.get(name);
    if (value) filter[name] = value;
  }
  return filter;
}

/** The GraphQL OperationFilter input for it. */
export function toInput(filter) {
  const input = {};
  if (filter.kind) input.kind = filter.kind;
  if (filter.status) input.status = filter.status;
  if (filter.resource) input.resource = filter.resource;
  if (filter.from) input.acceptedFrom = filter.from;
  if (filter.before) input.acceptedBefore = filter.before;
  return input;
}

export function describe(filter) {
  const parts = [];
  if (filter.kind) parts.push(`kind ${KIND_WORDS[filter.kind] ?? filter.kind}`);
  if (filter.status) parts.push(`status ${STATUS_WORDS[filter.status] ?? filter.status}`);
  if (filter.resource) parts.push(`resource ${filter.resource}`);
  if (filter.from) parts.push(`accepted from ${new Date(filter.from).toLocaleString()}`);
  if (filter.before) parts.push(`accepted before ${new Date(filter.before).toLocaleString()}`);
  return parts.length ? parts.join(', ') : 'every operation';
}

function localValue(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const shifted = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
  return shifted.toISOString().slice(0, 16);
}

/** The form's fields for a filter; withStatus false leaves status out (a replay is of FAILED ones only). */
export function fields(filter, { withStatus = true, idPrefix = 'filter' } = {}) {
  const [type, ...rest] = (filter.resource ?? '').split(':');
  const id = rest.join(':');
  const select = (name, label, options, value) => h('div', { class: 'field' },
    h('label', { for: `${idPrefix}-${name}` }, label),
    h('select', { id: `${idPrefix}-${name}`, name },
      options.map(([optionValue, text]) => h('option', { value: optionValue, selected: optionValue === (value ?? '') }, text))));
  return [
    select('kind', 'Kind', [['', 'Any kind'], ...Object.entries(KIND_WORDS)], filter.kind),
    withStatus ? select('status', 'Status', [['', 'Any status'], ...Object.entries(STATUS_WORDS)], filter.status) : null,
    h('fieldset', { class: 'field resource-field' },
      h('legend', {}, 'Resource'),
      h('div', { class: 'pair' },
        h('label', { for: `${idPrefix}-resource-type`, class: 'visually-hidden' }, 'Resource type'),
        h('select', { id: `${idPrefix}-resource-type`, name: 'resourceType' },
          RESOURCE_TYPES.map((t) => h('option', { value: t, selected: t === (type || 'conversation') }, t))),
        h('label', { for: `${idPrefix}-resource-id`, class: 'visually-hidden' }, 'Resource id or Klass name'),
        h('input', {
          id: `${idPrefix}-resource-id`, name: 'resourceId', type: 'search', value: id, placeholder: 'id or Klass name',
          autocomplete: 'off', spellcheck: 'false',
        }))),
    h('div', { class: 'field' },
      h('label', { for: `${idPrefix}-from` }, 'Accepted from'),
      h('input', { id: `${idPrefix}-from`, name: 'from', type: 'datetime-local', value: localValue(filter.from) })),
    h('div', { class: 'field' },
      h('label', { for: `${idPrefix}-before` }, 'Accepted before'),
      h('input', { id: `${idPrefix}-before`, name: 'before', type: 'datetime-local', value: localValue(filter.before) })),
  ];
}

/** The filter a submitted form holds. */
export function fromForm(form) {
  const data = new FormData(form);
  const filter = {};
  const kind = data.get('kind');
  const status = data.get('status');
  const resourceId = String(data.get('resourceId') ?? '').trim();
  if (kind) filter.kind = kind;
  if (status) filter.status = status;
  if (resourceId) filter.resource = `${data.get('resourceType')}:${resourceId}`;
  for (const name of ['from', 'before']) {
    const value = data.get(name);
    if (value) filter[name] = new Date(value).toISOString();
  }
  return filter;
}

export function toSearch(filter, extra = {}) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...filter, ...extra })) {
    if (value !== undefined && value !== null && value !== '') params.set(name, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
