// The error handler's answers for failures that are not a client's fault: a full disk is a 507
// the client retries (the fault matrix fills a real one in test/e2e/faults.test.ts), anything
// else a generic 500; neither carries a stack or the request's data.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { Hono } from 'hono';
import { errorHandler } from '../../server/errors.js';

function appThrowing(error: Error, logs: string[]) {
  const app = new Hono();
  app.post('/api/tickets', () => {
    throw error;
  });
  app.onError(errorHandler((line) => logs.push(line), 'text'));
  return app;
}

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('error handler', () => {
  for (const [what, error] of [
    ['ENOSPC from a blob write', withCode("ENOSPC: no space left on device, write '/data/tmp/ab12'", 'ENOSPC')],
    ['SQLITE_FULL from the database', withCode('database or disk is full', 'SQLITE_FULL')],
  ] as const) {
    it(`answers ${what} with 507 storage_full, logged, without the path`, async () => {
      const logs: string[] = [];
      const response = await appThrowing(error, logs).request('/api/tickets', { method: 'POST' });
      assert.equal(response.status, 507);
      const body = (await response.json()) as { error: { code: string; message: string } };
      assert.equal(body.error.code, 'storage_full');
      assert.match(body.error.message, /nothing was stored/);
      assert.ok(!JSON.stringify(body).includes('/data/'), 'no server path reaches the client');
      assert.equal(logs.length, 1);
      const docs = await readFile(new URL('../../server/README.md', import.meta.url), 'utf8');
      assert.ok(docs.includes(JSON.stringify(body)), 'the API docs show the 507 body as it is sent');
    });
  }

  it('answers any other failure with a generic 500', async () => {
    const response = await appThrowing(new TypeError('x is undefined'), []).request('/api/tickets', { method: 'POST' });
    assert.equal(response.status, 500);
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'internal_error');
  });
});
