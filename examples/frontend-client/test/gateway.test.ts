// The example client against a running gateway and its Kustomer stand-in: bootstrap's FrontendClientIT starts the
// packaged gateway and runs `npm test` with GATEWAY_URL and tokens signed by the key the gateway trusts.
//   GATEWAY_URL            e.g. http://localhost:8080/graphql
//   GATEWAY_TOKEN          a token holding all three roles
//   GATEWAY_WRITER_TOKEN   a token holding gateway-writer only
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { buildSchema, printSchema } from 'graphql';

import { GatewayClient, GatewayError, newIdempotencyKey, sha256, withRetries } from '../src/client.js';
import {
  AddNoteDocument,
  CreateKlassDocument,
  CreateObjectsDocument,
  OperationDocument,
  UpdateCustomerDocument,
  type OperationStatus,
} from '../src/generated/graphql.js';
import { ConnectionRefused, followOperation, liveClient } from '../src/live.js';

const url = required('GATEWAY_URL');
const token = required('GATEWAY_TOKEN');
const writerToken = required('GATEWAY_WRITER_TOKEN');
const builtSchema = fileURLToPath(new URL('../../../../adapters-graphql/target/graphql/schema.graphql', import.meta.url));

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run this through bootstrap's FrontendClientIT, or set it yourself`);
  }
  return value;
}

/** Records every request, so a test can tell what went over the wire. */
function recordingFetch(): { fetch: typeof fetch; sent: Array<{ method: string; url: string }> } {
  const sent: Array<{ method: string; url: string }> = [];
  return {
    sent,
    fetch: (input, init) => {
      sent.push({ method: init?.method ?? 'GET', url: input.toString() });
      return fetch(input, init);
    },
  };
}

const gateway = new GatewayClient({ url, token });
const unique = () => newIdempotencyKey().slice(0, 8);

/**
 * A mutation answers DELIVERED when Kustomer confirmed within the gateway's await window (2 s), else with the
 * status so far and success true: then the client follows the operation live until it is settled.
 */
async function delivered(result: { success: boolean; status: OperationStatus; operationId: string }) {
  assert.equal(result.success, true);
  if (result.status === 'DELIVERED') {
    return;
  }
  assert.ok(['QUEUED', 'IN_FLIGHT', 'RETRYING'].includes(result.status), `on its way, not ${result.status}`);
  const live = liveClient(url, token);
  try {
    const states = await followOperation(live, result.operationId);
    assert.equal(states.at(-1)?.status, 'DELIVERED');
  } finally {
    await live.dispose();
  }
}

describe('the published schema', () => {
  test('loads in graphql-js as served, and is the SDL the types were generated from', async () => {
    const response = await fetch(new URL('/graphql/schema.graphql', url));
    assert.equal(response.status, 200);
    const served = await response.text();

    const schema = buildSchema(served);

    assert.equal(served, readFileSync(builtSchema, 'utf8'));
    assert.equal(schema.getType('DateTime')?.toString(), 'DateTime');
    assert.match(printSchema(schema), /durationMillis: Int!/);
    assert.ok(schema.getMutationType()?.getFields().addNoteToConversation);
  });
});

describe('the four mutations', () => {
  test('add a note to a conversation', async () => {
    const result = await gateway.mutate(AddNoteDocument, {
      conversationId: `conv_${unique()}`, noteBody: 'Customer showed interest in premium features.',
      idempotencyKey: newIdempotencyKey(),
    });
    const note = result.addNoteToConversation;
    await delivered(note);
    // Kustomer's id once delivered within the await window; "" while the note is still on its way.
    assert.match(note.noteId, note.status === 'DELIVERED' ? /^[0-9a-f]{24}$/ : /^$/);
    assert.equal(note.failure, null);
  });

  test('create a custom Klass', async () => {
    const name = `Purchase_History_${unique()}`;
    const result = await gateway.mutate(CreateKlassDocument, {
      name, displayName: 'Customer Purchase History', description: 'Tracks purchase patterns', icon: 'shopping-cart',
    });
    await delivered(result.createCustomKlass);
    assert.equal(result.createCustomKlass.name, name);
    assert.match(result.createCustomKlass.note, /no description/);
  });

  test('create custom objects with typed data', async () => {
    const result = await gateway.mutate(CreateObjectsDocument, {
      klassName: 'Customer_Preferences',
      objects: [{
        title: 'John Smith Preferences', customerId: 'cust_abc123',
        data: [{ key: 'product_interest_score', value: '8.5' }, { key: 'is_premium_customer', value: 'true' }],
      }],
      fieldTypes: [{ key: 'product_interest_score', value: 'num' }, { key: 'is_premium_customer', value: 'bool' }],
    });
    const created = result.createCustomObjects;
    await delivered(created);
    assert.equal(created.createdCount, created.status === 'DELIVERED' ? 1 : 0);
    assert.equal(created.objectIds.length, created.createdCount);
  });

  test("update a customer's personalization data", async () => {
    const result = await gateway.mutate(UpdateCustomerDocument, {
      customerId: 'cust_abc123', personalizationData: [{ key: 'loyalty_tier', value: 'gold' }],
    });
    await delivered(result.updateCustomerData);
    assert.equal(result.updateCustomerData.customerId, 'cust_abc123');
  });
});

describe('the audit trail', () => {
  test('is read by GET with the query persisted by its hash, the text sent only once', async () => {
    const update = (await gateway.mutate(UpdateCustomerDocument, {
      customerId: `cust_${unique()}`, personalizationData: [{ key: 'loyalty_tier', value: 'silver' }],
    })).updateCustomerData;
    await delivered(update);
    const operationId = update.operationId;
    const recorder = recordingFetch();
    const auditor = new GatewayClient({ url, token, fetch: recorder.fetch });

    const first = await auditor.query(OperationDocument, { id: operationId });
    const again = await auditor.query(OperationDocument, { id: operationId });

    const operation = again.operation;
    assert.ok(operation);
    assert.equal(first.operation?.id, operationId);
    assert.equal(operation.status, 'DELIVERED');
    assert.equal(operation.kind, 'UPDATE_CUSTOMER_DATA');
    assert.ok(!Number.isNaN(Date.parse(operation.acceptedAt)), 'acceptedAt is an ISO-8601 date-time');
    const attempt = operation.attempts[0];
    assert.ok(attempt);
    assert.equal(typeof attempt.durationMillis, 'number');
    assert.equal(attempt.requests[0]?.method, 'PATCH');
    assert.equal(attempt.requests[0]?.status, 200);
    // Hash only, not found; hash with text; then the hash alone, every time by GET.
    assert.deepEqual(recorder.sent.map((r) => r.method), ['GET', 'GET', 'GET']);
    const withText = recorder.sent.map((r) => new URL(r.url).searchParams.has('query'));
    assert.deepEqual(withText, [false, true, false]);
    assert.ok(recorder.sent.every((r) => r.url.includes(sha256(OperationDocument.toString()))));
  });
});

describe('the error codes the README lists', () => {
  test('invalid input: VALUE_NOT_A_NUMBER, with the field at fault and every violation', async () => {
    await assert.rejects(gateway.mutate(CreateObjectsDocument, {
      klassName: 'Customer_Preferences',
      objects: [{ title: 'Prefs', customerId: 'cust_abc123', data: [
        { key: 'product_interest_score', value: '8,5' }, { key: 'is_premium_customer', value: 'maybe' }] }],
      fieldTypes: [{ key: 'product_interest_score', value: 'num' }, { key: 'is_premium_customer', value: 'bool' }],
    }), (error: unknown) => {
      assert.ok(error instanceof GatewayError);
      assert.equal(error.code, 'VALUE_NOT_A_NUMBER');
      assert.equal(error.field, 'objects[0].data[0].value');
      assert.deepEqual(error.violations.map((v) => v.code), ['VALUE_NOT_A_NUMBER', 'VALUE_NOT_A_BOOLEAN']);
      assert.equal(error.retryable, false);
      return true;
    });
  });

  test('no token: UNAUTHENTICATED, HTTP 401', async () => {
    const stranger = new GatewayClient({ url });
    await assert.rejects(stranger.mutate(UpdateCustomerDocument, {
      customerId: 'cust_abc123', personalizationData: [{ key: 'loyalty_tier', value: 'gold' }],
    }), (error: unknown) => error instanceof GatewayError && error.code === 'UNAUTHENTICATED'
      && error.httpStatus === 401);
  });

  test("a writer's token on an audit query: FORBIDDEN", async () => {
    const writer = new GatewayClient({ url, token: writerToken });
    await assert.rejects(writer.query(OperationDocument, { id: newIdempotencyKey() }),
      (error: unknown) => error instanceof GatewayError && error.code === 'FORBIDDEN');
  });

  test('a mutation by GET: METHOD_NOT_ALLOWED, HTTP 405', async () => {
    const target = new URL(url);
    target.searchParams.set('query', UpdateCustomerDocument.toString());
    const response = await fetch(target, { headers: { Authorization: `Bearer ${token}` } });
    const body = (await response.json()) as { errors: Array<{ extensions: { code: string } }> };
    assert.equal(response.status, 405);
    assert.equal(body.errors[0]?.extensions.code, 'METHOD_NOT_ALLOWED');
  });

  test('a retry with the same idempotency key returns the same operation, not a second one', async () => {
    const variables = {
      customerId: `cust_${unique()}`, personalizationData: [{ key: 'loyalty_tier', value: 'bronze' }],
      idempotencyKey: newIdempotencyKey(),
    };
    let calls = 0;
    const flaky = new GatewayClient({
      url, token, fetch: async (input, init) => {
        const response = await fetch(input, init);
        if (++calls === 1) {
          throw new TypeError('the answer was lost on the way back');
        }
        return response;
      },
    });

    const retried = await withRetries(() => flaky.mutate(UpdateCustomerDocument, variables));
    const again = await gateway.mutate(UpdateCustomerDocument, variables);

    assert.equal(calls, 2);
    assert.equal(retried.updateCustomerData.operationId, again.updateCustomerData.operationId);
  });

  test('the same idempotency key with other input: IDEMPOTENCY_KEY_REUSED', async () => {
    const idempotencyKey = newIdempotencyKey();
    await gateway.mutate(UpdateCustomerDocument, {
      customerId: `cust_${unique()}`, personalizationData: [{ key: 'a', value: '1' }], idempotencyKey,
    });
    await assert.rejects(gateway.mutate(UpdateCustomerDocument, {
      customerId: `cust_${unique()}`, personalizationData: [{ key: 'a', value: '2' }], idempotencyKey,
    }), (error: unknown) => error instanceof GatewayError && error.code === 'IDEMPOTENCY_KEY_REUSED');
  });
});

describe('live updates over graphql-ws, the token in connectionParams only', () => {
  const clients: Array<{ dispose: () => void | Promise<void> }> = [];
  after(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
  });

  test('follow an operation until it is delivered', async () => {
    const { operationId } = (await gateway.mutate(AddNoteDocument, {
      conversationId: `conv_${unique()}`, noteBody: 'Followed live.',
    })).addNoteToConversation;
    const live = liveClient(url, token);
    clients.push(live);

    const states = await followOperation(live, operationId);

    assert.ok(states.length >= 1);
    assert.equal(states.at(-1)?.status, 'DELIVERED');
    assert.equal(states.at(-1)?.id, operationId);
    assert.equal(states.at(-1)?.remoteIds.length, 1);
  });

  test('without a token the connection is closed 4401, saying why', async () => {
    const live = liveClient(url);
    clients.push(live);
    await assert.rejects(followOperation(live, newIdempotencyKey()), (error: unknown) =>
      error instanceof ConnectionRefused && error.code === 4401 && /no bearer token/.test(error.reason));
  });

  test("with a writer's token the connection is closed 4403, naming the role", async () => {
    const live = liveClient(url, writerToken);
    clients.push(live);
    await assert.rejects(followOperation(live, newIdempotencyKey()), (error: unknown) =>
      error instanceof ConnectionRefused && error.code === 4403 && /gateway-auditor/.test(error.reason));
  });
});
