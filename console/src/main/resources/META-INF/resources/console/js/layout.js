// What every page shares: who is signed in, signing in and out, and how a refusal is shown.
import { byId, fill, h } from './dom.js';
import { ROLES, claims, signIn, signOut, token } from './session.js';

const PAGES = [['index.html', 'Overview'], ['operations.html', 'Operations'], ['repairs.html', 'Repairs']];

/** The console's name, its pages (the current one marked) and who is signed in. */
function showHeader() {
  const here = location.pathname.split('/').pop() || 'index.html';
  fill(byId('top'),
    h('p', { class: 'brand' }, h('a', { href: 'index.html' }, 'Kustomer Gateway ', h('span', {}, 'console'))),
    h('nav', { 'aria-label': 'Console' }, h('ul', {}, PAGES.map(([href, title]) => h('li', {},
      h('a', { href, 'aria-current': href === here ? 'page' : null }, title))))),
    h('div', { id: 'identity', class: 'identity', 'aria-live': 'polite' }));
}

/** Runs a page: render(main) once a token is there, a sign-in form until then. */
export function page(render) {
  showHeader();
  const main = byId('page');
  const start = () => {
    showIdentity();
    if (!token()) {
      showSignIn(main, null, start);
      return;
    }
    Promise.resolve(render(main)).catch((error) => showProblem(main, error, start));
  };
  start();
}

function showIdentity() {
  const area = byId('identity');
  if (!area) return;
  const who = claims();
  if (!token()) {
    fill(area, h('span', {}, 'Not signed in'));
    return;
  }
  const roles = who?.roles.length ? who.roles.map((role) => role.replace('gateway-', '')).join(', ') : 'no gateway role';
  fill(area,
    h('span', { class: 'who', title: who?.expiresAt ? `Token valid until ${who.expiresAt.toLocaleString()}` : null },
      who ? who.subject : 'Signed in'),
    who ? h('span', { class: 'roles', id: 'roles' }, roles) : null,
    h('button', {
      type: 'button',
      class: 'secondary',
      onclick: () => {
        signOut();
        location.reload();
      },
    }, 'Sign out'));
}

function showSignIn(main, reason, then) {
  const field = h('textarea', {
    id: 'token', name: 'token', rows: '4', required: true, autocomplete: 'off', spellcheck: 'false',
    'aria-describedby': 'token-help',
  });
  const form = h('form', {
    class: 'sign-in',
    onsubmit: (event) => {
      event.preventDefault();
      if (signIn(field.value)) {
        field.value = '';
        then();
      }
    },
  },
  h('h2', {}, 'Sign in'),
  reason ? h('p', { class: 'problem', role: 'alert' }, reason) : null,
  h('label', { for: 'token' }, 'Bearer token'),
  field,
  h('p', { id: 'token-help', class: 'help' },
    'Paste a token from your identity provider (a JWT whose groups claim holds gateway-auditor to look, '
    + 'gateway-admin to repair). In dev mode, the token the gateway printed at start works. The console keeps it '
    + 'in this tab only, until you sign out or close the tab.'),
  h('button', { type: 'submit' }, 'Sign in'));
  fill(main, form);
  field.focus();
}

/** A refusal in words with its code; a refused token sends the operator back to sign in. */
export function showProblem(main, error, retry) {
  const code = error?.code ?? 'ERROR';
  if (code === 'UNAUTHENTICATED') {
    signOut();
    showIdentity();
    showSignIn(main, `The gateway did not accept this token: ${error.message} (${code})`, retry);
    return;
  }
  if (code === 'FORBIDDEN') {
    const who = claims();
    fill(main, h('section', { class: 'refused', role: 'alert' },
      h('h2', {}, 'This token may not look at deliveries'),
      h('p', {}, `The console shows what the ${ROLES.auditor} role may see, and offers repairs to `
        + `${ROLES.admin}. This token holds ${who?.roles.length ? who.roles.join(', ') : 'neither'}.`),
      h('p', {}, 'Ask your identity provider for a token with the auditor role, then sign in again.'),
      refusal(error)));
    return;
  }
  fill(main, h('section', { class: 'refused', role: 'alert' },
    h('h2', {}, 'The gateway could not answer'), refusal(error),
    h('button', { type: 'button', onclick: retry }, 'Try again')));
}

/** The gateway's words and code, as a sentence. */
export function refusal(error) {
  return h('p', { class: 'refusal' }, h('span', {}, error?.message ?? String(error)), ' ',
    h('code', { class: 'error-code' }, error?.code ?? 'ERROR'));
}

/** A modal question: resolves true when the operator confirms. */
export function confirm({ title, body, confirmLabel, cancelLabel = 'Keep as it is' }) {
  return new Promise((resolve) => {
    const dialog = h('dialog', { class: 'confirm', 'aria-labelledby': 'confirm-title' });
    const done = (answer) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    dialog.addEventListener('cancel', () => done(false));
    fill(dialog,
      h('h2', { id: 'confirm-title' }, title),
      ...[body].flat().map((line) => (line instanceof Node ? line : h('p', {}, line))),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', onclick: () => done(false) }, cancelLabel),
        h('button', { type: 'button', class: 'primary', id: 'confirm-yes', onclick: () => done(true) },
          confirmLabel)));
    document.body.append(dialog);
    dialog.showModal();
    dialog.querySelector('.secondary').focus();
  });
}
