// One operation: its change as accepted, where it stands, every attempt with every request exactly as sent and
// Kustomer's answer; followed live while it is on its way; retried or cancelled by an admin.
import { Refusal, graphql, subscribe } from './api.js';
import { fill, h } from './dom.js';
import { KIND_WORDS, PENDING, STATUS_WORDS, copyable, millis, pretty, status, time } from './format.js';
import { confirm, page, refusal, showProblem } from './layout.js';
import { mayRepair } from './session.js';

const FIELDS = `id kind resource status idempotencyKey acceptedAt failedAttempts nextAttemptAt remoteIds
  lastFailure { httpStatus code message }`;

const QUERY = `query Operation($id: ID!) {
  operation(id: $id) {
    ${FIELDS} change
    attempts { number startedAt durationMillis outcome error { httpStatus code message }
      requests { startedAt durationMillis method path requestBody status responseBody } }
  }
}`;

const UPDATES = `subscription Follow($id: ID!) { operationUpdates(id: $id) { id status failedAttempts } }`;

const RETRY = `mutation Retry($id: ID!) { retryOperation(id: $id) { ${FIELDS} } }`;
const CANCEL = `mutation Cancel($id: ID!) { cancelOperation(id: $id) { ${FIELDS} } }`;

/** Without a live connection, how often an operation on its way is read again. */
const POLL_MS = 3000;

class OperationPage {
  constructor(main, id) {
    this.main = main;
    this.id = id;
    this.live = null;
    this.poll = null;
    this.message = h('div', { id: 'action-result', role: 'status', 'aria-live': 'polite' });
    this.liveNote = h('span', { id: 'live', class: 'live' });
    addEventListener('pagehide', () => this.stopFollowing());
  }

  async load() {
    let data;
    try {
      data = await graphql(QUERY, { id: this.id });
    } catch (error) {
      if (error.code === 'UNAUTHENTICATED' || error.code === 'FORBIDDEN') throw error;
      fill(this.main, h('section', { class: 'refused', role: 'alert' },
        h('h2', {}, 'This operation cannot be shown'), refusal(error)));
      return;
    }
    if (!data.operation) {
      fill(this.main, h('section', { class: 'refused', role: 'alert' },
        h('h2', {}, 'No such operation'), h('p', {}, `The gateway has no operation ${this.id}.`)));
      return;
    }
    this.render(data.operation);
    this.follow(data.operation);
  }

  render(operation) {
    document.title = `${KIND_WORDS[operation.kind] ?? operation.kind} ${operation.id.slice(0, 8)} · Kustomer Gateway console`;
    fill(this.main,
      h('header', { class: 'operation-head' },
        h('h2', {}, `${KIND_WORDS[operation.kind] ?? operation.kind} on ${operation.resource}`),
        h('p', { class: 'state' }, h('span', { id: 'operation-status', 'data-status': operation.status }, status(operation.status)), ' ', this.liveNote)),
      this.actions(operation),
      this.message,
      facts(operation),
      h('section', { 'aria-labelledby': 'change-title' },
        h('h2', { id: 'change-title' }, 'Change as accepted'),
        copyable('JSON', pretty(operation.change), 'the change as JSON')),
      h('section', { 'aria-labelledby': 'attempts-title', id: 'attempts' },
        h('h2', { id: 'attempts-title' }, `Attempts (${operation.attempts.length})`),
        operation.attempts.length === 0
          ? h('p', {}, 'No attempt yet.')
          : operation.attempts.slice().reverse().map(attempt)));
  }

  actions(operation) {
    if (!mayRepair()) {
      return h('p', { class: 'help' }, 'Repairs need the gateway-admin role; this token may only look.');
    }
    const buttons = [];
    if (operation.status === 'FAILED') {
      buttons.push(h('button', { type: 'button', id: 'retry', class: 'primary', onclick: () => this.retry(operation) }, 'Retry'));
    }
    if (operation.status === 'QUEUED' || operation.status === 'RETRYING') {
      buttons.push(h('button', { type: 'button', id: 'cancel', class: 'danger', onclick: () => this.cancel(operation) }, 'Cancel'));
    }
    return buttons.length ? h('div', { class: 'actions', id: 'repairs' }, buttons) : null;
  }

  async retry(operation) {
    const yes = await confirm({
      title: 'Retry this operation?',
      body: [`It goes back in the queue as QUEUED and is delivered again, after any earlier operation on ${operation.resource}.`,
        `Its ${operation.attempts.length} earlier attempt${operation.attempts.length === 1 ? '' : 's'} stay in its history. Retry only once the cause is fixed: ${operation.lastFailure ? `${operation.lastFailure.message} (${operation.lastFailure.code})` : 'no failure recorded'}.`],
      confirmLabel: 'Retry 1 operation',
    });
    if (yes) await this.repair(RETRY, 'retryOperation', 'Retried: queued again');
  }

  async cancel(operation) {
    const yes = await confirm({
      title: 'Cancel this operation?',
      body: [`It is withdrawn and never sent to Kustomer; ${operation.resource} gets nothing from it.`,
        'A cancelled operation cannot be retried: the change would have to be submitted again.'],
      confirmLabel: 'Cancel 1 operation',
      cancelLabel: 'Keep it',
    });
    if (yes) await this.repair(CANCEL, 'cancelOperation', 'Cancelled: it will not be sent');
  }

  async repair(mutation, field, done) {
    fill(this.message, 'Working…');
    try {
      const data = await graphql(mutation, { id: this.id });
      const now = data[field];
      const reread = await graphql(QUERY, { id: this.id });
      this.render(reread.operation);
      fill(this.message, h('p', { class: 'done' }, `${done} at ${new Date().toLocaleTimeString()} `
        + `(the gateway answered ${STATUS_WORDS[now.status] ?? now.status}).`));
      this.follow(reread.operation);
    } catch (error) {
      if (error.code === 'UNAUTHENTICATED') {
        showProblem(this.main, error, () => this.load());
        return;
      }
      fill(this.message, h('div', { class: 'refused', role: 'alert' }, h('p', {}, 'The gateway refused the repair:'), refusal(error)));
    }
  }

  /** While it is on its way: the subscription, or, when it cannot be had, a read every few seconds. */
  follow(operation) {
    this.stopFollowing();
    if (!PENDING.includes(operation.status)) {
      fill(this.liveNote, '');
      return;
    }
    fill(this.liveNote, 'Following live');
    let lastSeen = `${operation.status}/${operation.failedAttempts}`;
    this.live = subscribe(UPDATES, { id: this.id }, {
      onData: (data) => {
        const update = data.operationUpdates;
        const seen = `${update.status}/${update.failedAttempts}`;
        if (seen !== lastSeen) {
          lastSeen = seen;
          this.refresh();
        }
      },
      onEnd: (problem) => {
        this.live = null;
        if (problem instanceof Refusal) {
          this.startPolling(problem);
        } else {
          this.refresh();
        }
      },
    });
  }

  startPolling(problem) {
    fill(this.liveNote, `Refreshing every ${POLL_MS / 1000} s (no live connection: ${problem.message} ${problem.code})`);
    this.poll = setInterval(() => this.refresh(), POLL_MS);
  }

  stopFollowing() {
    if (this.live) this.live.close();
    this.live = null;
    clearInterval(this.poll);
    this.poll = null;
  }

  async refresh() {
    try {
      const data = await graphql(QUERY, { id: this.id });
      const liveText = this.liveNote.textContent;
      this.render(data.operation);
      if (!PENDING.includes(data.operation.status)) {
        this.stopFollowing();
        fill(this.liveNote, '');
      } else {
        fill(this.liveNote, liveText);
      }
    } catch (error) {
      fill(this.liveNote, `Could not refresh: ${error.message} (${error.code})`);
    }
  }
}

function facts(operation) {
  const row = (term, ...value) => [h('dt', {}, term), h('dd', {}, ...value)];
  return h('dl', { class: 'facts' },
    row('Operation', h('code', {}, operation.id)),
    row('Kind', operation.kind),
    row('Resource', h('a', { href: `operations.html?resource=${encodeURIComponent(operation.resource)}` }, operation.resource)),
    row('Accepted', time(operation.acceptedAt)),
    row('Failed tries', String(operation.failedAttempts)),
    operation.nextAttemptAt ? row('Next try', time(operation.nextAttemptAt)) : null,
    operation.idempotencyKey ? row('Idempotency key', h('code', {}, operation.idempotencyKey)) : null,
    row('Kustomer ids', operation.remoteIds.length ? operation.remoteIds.map((id) => h('code', {}, id, ' ')) : '—'),
    operation.lastFailure
      ? row('Last failure', failure(operation.lastFailure))
      : null);
}

function failure(error) {
  return h('span', { class: 'failure' }, error.httpStatus ? `HTTP ${error.httpStatus} · ` : '',
    h('code', {}, error.code), ' ', error.message);
}

function attempt(a) {
  return h('article', { class: `attempt outcome-${a.outcome.toLowerCase()}`, id: `attempt-${a.number}` },
    h('h3', {}, `Attempt ${a.number}: ${a.outcome}`),
    h('p', { class: 'meta' }, 'Started ', time(a.startedAt), `, took ${millis(a.durationMillis)}`,
      a.error ? [' · ', failure(a.error)] : ''),
    a.requests.map((request, i) => h('section', { class: 'exchange', 'aria-label': `Request ${i + 1} of attempt ${a.number}` },
      h('h4', {}, h('code', {}, `${request.method} ${request.path}`), ' → ',
        h('span', { class: `http http-${String(request.status ?? 'none')[0]}xx` },
          request.status === null ? 'no answer' : `HTTP ${request.status}`),
        h('span', { class: 'meta' }, ` after ${millis(request.durationMillis)}`)),
      h('div', { class: 'bodies' },
        copyable('Request as sent', `${request.method} ${request.path}\n\n${pretty(request.requestBody)}`.trimEnd(),
          `request ${i + 1} of attempt ${a.number} as sent`),
        copyable('Kustomer\'s answer', request.status === null ? '(no answer)' : pretty(request.responseBody),
          `Kustomer's answer to request ${i + 1} of attempt ${a.number}`)))));
}

// Last: the page may start at once, and OperationPage must exist by then.
page(async (main) => {
  const id = new URLSearchParams(location.search).get('id');
  if (!id) {
    fill(main, h('p', {}, 'No operation named. Open one from ', h('a', { href: 'operations.html' }, 'Operations'), '.'));
    return;
  }
  const view = new OperationPage(main, id);
  await view.load();
});
