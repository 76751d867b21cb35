// The console's only way to the gateway: its public GraphQL API, over HTTP for queries and mutations and over a
// WebSocket (graphql-transport-ws) for live updates, with the operator's own token.
import { token } from './session.js';

/** A call the gateway turned down, or could not answer: its stable code and its words. */
export class Refusal extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

function endpoint() {
  // Relative to the console, so a gateway served under a root path still finds its own /graphql.
  return new URL('../graphql', document.baseURI);
}

export async function graphql(query, variables = {}) {
  const bearer = token();
  if (!bearer) throw new Refusal('UNAUTHENTICATED', 'Sign in with a bearer token first.');
  let response;
  try {
    response = await fetch(endpoint(), {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        Authorization: `Bearer ${bearer}`,
      },
      body: JSON.stringify({ query, variables }),
      cache: 'no-store',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
  } catch (error) {
    throw new Refusal('GATEWAY_UNREACHABLE', `The gateway could not be reached (${error.message}).`);
  }
  let body;
  try {
    body = await response.json();
  } catch {
    throw new Refusal(`HTTP_${response.status}`, `The gateway answered HTTP ${response.status} without a GraphQL body.`);
  }
  const error = body.errors?.[0];
  if (error) {
    throw new Refusal(error.extensions?.code ?? 'ERROR', error.message ?? 'The gateway refused the call.');
  }
  return body.data;
}

/**
 * Follows one subscription until the gateway completes it. Calls onData with each result's data, and onEnd once,
 * with null when the gateway completed it or with a Refusal when it failed or the connection closed first.
 * The token travels in connection_init's payload, the only place a browser can put it on a WebSocket.
 */
export function subscribe(query, variables, { onData, onEnd }) {
  const url = endpoint();
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = new WebSocket(url, 'graphql-transport-ws');
  let ended = false;
  const end = (refusal) => {
    if (ended) return;
    ended = true;
    onEnd(refusal);
    if (socket.readyState <= WebSocket.OPEN) socket.close(1000, 'done');
  };
  socket.addEventListener('open', () => {
    socket.send(JSON.stringify({ type: 'connection_init', payload: { Authorization: `Bearer ${token()}` } }));
  });
  socket.addEventListener('message', (event) => {
    let message;
    try {
      message = JSON.parse(event.data);
    } catch {
      return;
    }
    switch (message.type) {
      case 'connection_ack':
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query, variables } }));
        break;
      case 'ping':
        socket.send(JSON.stringify({ type: 'pong' }));
        break;
      case 'next': {
        const error = message.payload?.errors?.[0];
        if (error) {
          end(new Refusal(error.extensions?.code ?? 'ERROR', error.message ?? 'The subscription was refused.'));
        } else {
          onData(message.payload.data);
        }
        break;
      }
      case 'error': {
        const error = Array.isArray(message.payload) ? message.payload[0] : message.payload;
        end(new Refusal(error?.extensions?.code ?? 'ERROR', error?.message ?? 'The subscription was refused.'));
        break;
      }
      case 'complete':
        end(null);
        break;
      default:
        break;
    }
  });
  socket.addEventListener('close', (event) => {
    const code = event.code === 4401 ? 'UNAUTHENTICATED' : event.code === 4403 ? 'FORBIDDEN' : 'CONNECTION_CLOSED';
    end(new Refusal(code, event.reason || `The live connection closed (${event.code}).`));
  });
  return {
    /** Stops following without calling onEnd. */
    close: () => {
      ended = true;
      if (socket.readyState <= WebSocket.OPEN) socket.close(1000, 'done');
    },
  };
}
