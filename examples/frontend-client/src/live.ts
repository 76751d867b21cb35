// Live updates over the gateway's WebSocket with the graphql-ws client, the token in connectionParams only: what a
// browser must do, since it cannot set an Authorization header on a WebSocket. In a browser, leave out
// webSocketImpl (the browser's own WebSocket is used).
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

import { OperationUpdatesDocument, type OperationUpdatesSubscription } from './generated/graphql.js';

export type OperationState = NonNullable<OperationUpdatesSubscription['operationUpdates']>;

/** How the gateway closed the connection, e.g. 4401 "Unauthorized: no bearer token. ..." */
export class ConnectionRefused extends Error {
  constructor(readonly code: number, readonly reason: string) {
    super(`${code}: ${reason}`);
  }
}

/** A client for `http(s)://host/graphql`'s WebSocket, `ws(s)://host/graphql`. */
export function liveClient(graphqlUrl: string, token?: string): Client {
  return createClient({
    url: graphqlUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: token ? { Authorization: `Bearer ${token}` } : undefined,
    lazy: true,
    retryAttempts: 0,
  });
}

/** Every state of the operation until it is settled (DELIVERED, FAILED, CANCELLED), as the gateway sends them. */
export function followOperation(client: Client, id: string): Promise<OperationState[]> {
  const states: OperationState[] = [];
  return new Promise((resolve, reject) => {
    client.subscribe<OperationUpdatesSubscription>({ query: OperationUpdatesDocument.toString(), variables: { id } }, {
      next: (result) => {
        if (result.errors?.length) {
          reject(new Error(result.errors.map((e) => e.message).join('; ')));
        } else if (result.data?.operationUpdates) {
          states.push(result.data.operationUpdates);
        }
      },
      error: (error: unknown) => reject(refusal(error)),
      complete: () => resolve(states),
    });
  });
}

/** graphql-ws hands a refused connection's CloseEvent to `error`. */
function refusal(error: unknown): Error {
  if (typeof error === 'object' && error !== null && 'code' in error && 'reason' in error) {
    const close = error as { code: number; reason: string };
    return new ConnectionRefused(close.code, close.reason);
  }
  return error instanceof Error ? error : new Error(String(error));
}
