// Group commit (server/storage/group-commit.ts): tickets that arrive together share a commit, yet
// every 201 still means the ticket is stored, and one row that fails takes no other down. Over real
// HTTP and on the storage itself, on SQLite and (TRIAGE_TEST_ENGINE=postgres) PostgreSQL.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINE, makeTicket, postTicket, startTestServer, type TestServer } from '../support/server-harness.js';
import { newTicket, openStore, respond } from '../support/store-harness.js';

describe('group commit over HTTP', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('stores every one of many concurrent tickets and answers each 201 with a reference of its own', async () => {
    const tickets = Array.from({ length: 60 }, (_, index) => makeTicket({ summary: `Concurrent ticket ${index}` }));
    const answers = await Promise.all(
      tickets.map(async (ticket) => {
        const response = await postTicket(server.url, ticket);
        return { status: response.status, body: await response.json() };
      }),
    );
    assert.deepEqual(answers.map((a) => a.status), tickets.map(() => 201));
    assert.deepEqual(answers.map((a) => a.body.id), tickets.map((t) => t.id));
    const references = answers.map((a) => a.body.reference as string);
    assert.equal(new Set(references).size, tickets.length, 'no reference handed out twice');

    const stored = await server.sql<{ id: string; reference: string }>(
      `SELECT id, reference FROM tickets WHERE id IN (${tickets.map(() => '?').join(', ')})`,
      ...tickets.map((t) => t.id),
    );
    assert.deepEqual(
      new Map(stored.map((row) => [row.id, row.reference])),
      new Map(answers.map((a) => [a.body.id, a.body.reference])),
    );
  });

  it('has each ticket committed when its 201 arrives: a fresh connection reads it at once', async () => {
    const tickets = Array.from({ length: 30 }, () => makeTicket());
    const seen = await Promise.all(
      tickets.map(async (ticket) => {
        const response = await postTicket(server.url, ticket);
        assert.equal(response.status, 201);
        const { reference } = await response.json();
        // A new connection of its own, opened after the 201: it sees only committed rows.
        const rows = await server.sql<{ reference: string }>('SELECT reference FROM tickets WHERE id = ?', ticket.id);
        return rows[0]?.reference === reference;
      }),
    );
    assert.deepEqual(seen, tickets.map(() => true));
  });

  it('answers a replay sent in the same moment as its original with the same reference', async () => {
    const ticket = makeTicket();
    const [first, second] = await Promise.all([postTicket(server.url, ticket), postTicket(server.url, ticket)]);
    const statuses = [first.status, second.status].sort();
    assert.deepEqual(statuses, [200, 201]);
    const [a, b] = [await first.json(), await second.json()];
    assert.equal(a.reference, b.reference);
    assert.equal((await server.sql('SELECT id FROM tickets WHERE id = ?', ticket.id)).length, 1);
  });
});

describe(`group commit in the ${ENGINE} storage`, () => {
  it('refuses the one bad row of a group with its own error and stores the others', async () => {
    const { store, reopen, dispose } = await openStore();
    try {
      const good = Array.from({ length: 20 }, () => newTicket());
      // NOT NULL refuses a ticket without a category: the database's own error, for this row only.
      const bad = newTicket({ category: null as unknown as string });
      const all = [...good.slice(0, 10), bad, ...good.slice(10)];
      const outcomes = await Promise.allSettled(all.map((input) => store.insertTicket(input, respond)));

      const refused = outcomes[10]!;
      assert.equal(refused.status, 'rejected');
      assert.match(String((refused as PromiseRejectedResult).reason), /not[ -]null|NOT NULL/i);
      const created = outcomes.filter((_, index) => index !== 10);
      assert.deepEqual(created.map((o) => o.status === 'fulfilled' && o.value.kind), good.map(() => 'created'));
      const references = created.map((o) => (o as PromiseFulfilledResult<{ kind: 'created'; row: { reference: string } }>).value.row.reference);
      assert.equal(new Set(references).size, good.length);

      // Another instance of the storage, opened now, finds every good row and not the bad one.
      const fresh = await reopen();
      try {
        for (const input of good) assert.equal((await fresh.getTicket(input.id))?.id, input.id);
        assert.equal(await fresh.getTicket(bad.id), undefined);
      } finally {
        await fresh.close();
      }
    } finally {
      await store.close();
      await dispose();
    }
  });

  it('keeps a row whose answer could not be built out, and its group in', async () => {
    const { store, dispose } = await openStore();
    try {
      const inputs = Array.from({ length: 5 }, () => newTicket());
      const failing = inputs[2]!.id;
      const outcomes = await Promise.allSettled(
        inputs.map((input) =>
          store.insertTicket(input, (row) => {
            if (row.id === failing) throw new Error('the answer could not be built');
            return respond(row);
          }),
        ),
      );
      assert.deepEqual(outcomes.map((o) => o.status), ['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      assert.match(String((outcomes[2] as PromiseRejectedResult).reason), /could not be built/);
      // Rolled back whole: no ticket, no event, no idempotency record, so a retry starts afresh.
      assert.equal(await store.getTicket(failing), undefined);
      assert.deepEqual(await store.eventsOf(failing), []);
      const retried = await store.insertTicket(inputs[2]!, respond);
      assert.equal(retried.kind, 'created');
      for (const input of inputs) assert.equal((await store.getTicket(input.id))?.id, input.id);
    } finally {
      await store.close();
      await dispose();
    }
  });
});
