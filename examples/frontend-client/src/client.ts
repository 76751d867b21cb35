// A small client of Kustomer Gateway, as a frontend would write one: typed by the documents generated from the
// published schema, mutations by POST, audit queries by GET with their persisted hash (Apollo's automatic
// persisted queries), every error turned into a GatewayError carrying the gateway's stable code.
import { createHash, randomUUID } from 'node:crypto';

import type { TypedDocumentString } from './generated/graphql.js';

/** One broken rule of an input: its code, the field at fault (a path such as objects[0].data[1].value), why. */
export interface Violation {
  code: string;
  field: string;
  message: string;
}

/** Why a call failed, as the gateway says it: a stable code to branch on, and words to show. */
export class GatewayError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly httpStatus: number,
    readonly field?: string,
    readonly violations: Violation[] = [],
  ) {
    super(`${code}: ${message}`);
  }

  /** Worth sending again, unchanged and with the same idempotency key: nothing was accepted. */
  get retryable(): boolean {
    return RETRYABLE.has(this.code);
  }
}

/** The gateway took nothing in; the same call may succeed a moment later. */
const RETRYABLE = new Set(['DATABASE_UNAVAILABLE', 'INTERNAL_ERROR']);

interface GraphQLResponse<R> {
  data?: R | null;
  errors?: Array<{
    message: string;
    path?: Array<string | number>;
    extensions?: { code?: string; field?: string; violations?: Violation[] };
  }>;
}

export interface ClientOptions {
  /** The gateway's GraphQL endpoint, e.g. https://gateway.example.com/graphql. */
  url: string;
  /** A bearer token from the identity provider the gateway trusts. */
  token?: string;
  /** Defaults to the global fetch; tests pass one that records what was sent. */
  fetch?: typeof fetch;
}

export class GatewayClient {
  private readonly fetch: typeof fetch;

  constructor(private readonly options: ClientOptions) {
    this.fetch = options.fetch ?? fetch;
  }

  /** A mutation, by POST. Pass an idempotencyKey in its variables and keep it for retries (see withRetries). */
  async mutate<R, V>(document: TypedDocumentString<R, V>, variables: V): Promise<R> {
    const query = document.toString();
    const response = await this.fetch(this.options.url, {
      method: 'POST',
      headers: this.headers({ 'Content-Type': 'application/json' }),
      body: JSON.stringify({ query, variables }),
    });
    return this.read<R>(response);
  }

  /**
   * A query by GET, its text replaced by its SHA-256: the URL stays short and cacheable. The first time, the
   * gateway answers PersistedQueryNotFound and the query goes again with its text; after that, the hash does.
   */
  async query<R, V>(document: TypedDocumentString<R, V>, variables: V): Promise<R> {
    const query = document.toString();
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha256(query) } };
    const byHash = await this.get({ variables, extensions });
    const answer = (await byHash.json()) as GraphQLResponse<R>;
    if (answer.errors?.[0]?.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND') {
      return this.read<R>(await this.get({ query, variables, extensions }));
    }
    return this.answer(answer, byHash.status);
  }

  private get(parameters: Record<string, unknown>): Promise<Response> {
    const url = new URL(this.options.url);
    for (const [name, value] of Object.entries(parameters)) {
      url.searchParams.set(name, typeof value === 'string' ? value : JSON.stringify(value));
    }
    return this.fetch(url, { method: 'GET', headers: this.headers({}) });
  }

  private headers(extra: Record<string, string>): Record<string, string> {
    const headers: Record<string, string> = { Accept: 'application/graphql-response+json, application/json', ...extra };
    if (this.options.token) {
      headers.Authorization = `Bearer ${this.options.token}`;
    }
    return headers;
  }

  private async read<R>(response: Response): Promise<R> {
    return this.answer((await response.json()) as GraphQLResponse<R>, response.status);
  }

  /** The data, or the first error as a GatewayError: the gateway puts the most useful one first. */
  private answer<R>(answer: GraphQLResponse<R>, httpStatus: number): R {
    const error = answer.errors?.[0];
    if (error) {
      const extensions = error.extensions ?? {};
      throw new GatewayError(extensions.code ?? 'INTERNAL_ERROR', error.message, httpStatus, extensions.field,
        extensions.violations ?? []);
    }
    if (answer.data == null) {
      throw new GatewayError('INTERNAL_ERROR', 'no data and no error', httpStatus);
    }
    return answer.data;
  }
}

/** The SHA-256 of a query's UTF-8 bytes in lower-case hex, as the persisted-query protocol names it. */
export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A key for one user action: made once, sent with every retry of that action, never with another. */
export function newIdempotencyKey(): string {
  return randomUUID();
}

/**
 * Runs `call` until it succeeds or fails for a reason a retry cannot fix. A network failure or a retryable code
 * is tried again after a pause; the caller keeps the same idempotency key in `call`, so a retry of a mutation the
 * gateway did accept (the answer was lost) returns that same operation instead of making a second one.
 */
export async function withRetries<T>(call: () => Promise<T>, attempts = 3, pauseMillis = 200): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const transient = error instanceof TypeError || (error instanceof GatewayError && error.retryable);
      if (!transient || attempt >= attempts) {
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, pauseMillis * attempt));
    }
  }
}
