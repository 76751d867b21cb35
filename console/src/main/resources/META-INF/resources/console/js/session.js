// The caller's bearer token: pasted by the operator, kept in this tab's sessionStorage only (gone when the tab
// closes, never in a cookie, a URL or a log), sent only as the Authorization header of calls to this origin's
// /graphql and in its WebSocket's connection_init. The console reads the token's claims to greet the operator and to
// offer repairs to admins; the gateway alone decides what a token may do.

const KEY = 'kustomer-gateway.console.token';

export const ROLES = Object.freeze({
  writer: 'gateway-writer',
  auditor: 'gateway-auditor',
  admin: 'gateway-admin',
});

export function token() {
  return sessionStorage.getItem(KEY);
}

export function signIn(text) {
  const cleaned = String(text ?? '').trim().replace(/^Bearer\s+/i, '');
  if (!cleaned) return false;
  sessionStorage.setItem(KEY, cleaned);
  return true;
}

export function signOut() {
  sessionStorage.removeItem(KEY);
}

/** What the token says of its holder (unverified: for display), or null when it is not a readable JWT. */
export function claims() {
  const value = token();
  if (!value) return null;
  const parts = value.split('.');
  if (parts.length !== 3) return null;
  try {
    const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
    const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
    const payload = JSON.parse(new TextDecoder().decode(bytes));
    const groups = Array.isArray(payload.groups) ? payload.groups.map(String) : [];
    return {
      subject: payload.upn ?? payload.preferred_username ?? payload.sub ?? 'unknown caller',
      roles: groups.filter((group) => Object.values(ROLES).includes(group)),
      expiresAt: typeof payload.exp === 'number' ? new Date(payload.exp * 1000) : null,
    };
  } catch {
    return null;
  }
}

/** Whether to offer repairs: the token names the admin role, or cannot be read (then the gateway will say). */
export function mayRepair() {
  const who = claims();
  return who === null || who.roles.includes(ROLES.admin);
}
