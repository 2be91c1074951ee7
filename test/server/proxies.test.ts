// Which client a request counts as for the per-address throttles (server/peers.ts): the socket's
// peer unless it is a proxy the operator named, and then the client that proxy forwarded.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_KEY, API_KEY, auth, expectError, startTestServer, type TestServer } from '../support/server-harness.js';

const signals = (server: TestServer, key: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/api/signals?category=voice`, { headers: { ...auth(key), ...headers } });
const guess = (n: number) => `guess-${n}-0123456789abcdef`;

/** Three wrong keys (the tests' limit) as this forwarded header says. */
async function exhaust(server: TestServer, headers: Record<string, string>): Promise<void> {
  for (let i = 0; i < 3; i++) await expectError(await signals(server, guess(i), headers), 401, 'unauthorized');
}

describe('forwarded client addresses', () => {
  describe('without trusted proxies', () => {
    let server: TestServer;
    before(async () => (server = await startTestServer({ rateLimit: { failedKeysPerMinute: 3 } })));
    after(() => server.close());

    it('ignores a forged X-Forwarded-For: every guess counts against the socket address', async () => {
      for (let i = 0; i < 3; i++) {
        await expectError(await signals(server, guess(i), { 'x-forwarded-for': `198.51.100.${i + 1}`, forwarded: `for=198.51.100.${i + 1}` }), 401, 'unauthorized');
      }
      await expectError(await signals(server, API_KEY, { 'x-forwarded-for': '198.51.100.99' }), 429, 'too_many_failed_keys');
    });
  });

  describe('from a peer that is not one of the trusted proxies', () => {
    let server: TestServer;
    before(async () => (server = await startTestServer({ rateLimit: { failedKeysPerMinute: 3 }, trustedProxies: ['10.0.0.0/8', '2001:db8::/32'] })));
    after(() => server.close());

    it('ignores its X-Forwarded-For', async () => {
      await exhaust(server, { 'x-forwarded-for': '203.0.113.1' });
      await expectError(await signals(server, API_KEY, { 'x-forwarded-for': '203.0.113.2' }), 429, 'too_many_failed_keys');
    });
  });

  describe('behind a trusted proxy (X-Forwarded-For)', () => {
    let server: TestServer;
    before(async () => (server = await startTestServer({ rateLimit: { failedKeysPerMinute: 3 }, trustedProxies: ['127.0.0.1', '::1', '10.0.0.0/8'] })));
    after(() => server.close());

    it('gives two forwarded clients separate buckets: one agent guessing does not lock out the site', async () => {
      await exhaust(server, { 'x-forwarded-for': '203.0.113.10' });
      await expectError(await signals(server, API_KEY, { 'x-forwarded-for': '203.0.113.10' }), 429, 'too_many_failed_keys');
      assert.equal((await signals(server, API_KEY, { 'x-forwarded-for': '203.0.113.11' })).status, 200);
      await expectError(await signals(server, guess(9), { 'x-forwarded-for': '203.0.113.11' }), 401, 'unauthorized');
    });

    it('believes the rightmost untrusted hop: a client cannot escape its bucket by prepending addresses', async () => {
      await exhaust(server, { 'x-forwarded-for': '203.0.113.20' });
      // What the client wrote is left of what the proxy appended; an inner proxy (10.x) is skipped.
      await expectError(await signals(server, API_KEY, { 'x-forwarded-for': '198.51.100.7, 203.0.113.20' }), 429, 'too_many_failed_keys');
      await expectError(await signals(server, API_KEY, { 'x-forwarded-for': '198.51.100.8, 203.0.113.20, 10.1.2.3' }), 429, 'too_many_failed_keys');
      await expectError(await signals(server, API_KEY, { 'x-forwarded-for': '[::ffff:203.0.113.20]:5123' }), 429, 'too_many_failed_keys');
    });

    it('counts a malformed header against the proxy that sent it, answering as usual', async () => {
      for (const header of ['not-an-address', '203.0.113.30, ;;[', ' , ']) {
        await expectError(await signals(server, guess(1), { 'x-forwarded-for': header }), 401, 'unauthorized');
      }
      // Three malformed guesses exhausted the proxy's own bucket, not any forwarded client's.
      await expectError(await signals(server, API_KEY), 429, 'too_many_failed_keys');
      await expectError(await signals(server, API_KEY, { 'x-forwarded-for': '999.1.1.1' }), 429, 'too_many_failed_keys');
      assert.equal((await signals(server, API_KEY, { 'x-forwarded-for': '203.0.113.30' })).status, 200);
    });

    it('throttles admin sign-in per forwarded client too', async () => {
      const signIn = (key: string, client: string) =>
        fetch(`${server.url}/admin/login`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ key }), headers: { origin: server.url, 'x-forwarded-for': client } });
      for (let i = 0; i < 10; i++) assert.equal((await signIn(guess(i), '203.0.113.40')).status, 401);
      assert.equal((await signIn(ADMIN_KEY, '203.0.113.40')).status, 429);
      assert.equal((await signIn(ADMIN_KEY, '203.0.113.41')).status, 303);
    });
  });

  describe('behind a trusted proxy (Forwarded)', () => {
    let server: TestServer;
    before(async () => (server = await startTestServer({ rateLimit: { failedKeysPerMinute: 3 }, trustedProxies: ['127.0.0.1', '::1'], proxyHeader: 'forwarded' })));
    after(() => server.close());

    it('reads for= of the rightmost element and ignores X-Forwarded-For', async () => {
      await exhaust(server, { forwarded: 'for="[2001:db8::1]:4711";proto=https', 'x-forwarded-for': '203.0.113.50' });
      await expectError(await signals(server, API_KEY, { forwarded: 'for=198.51.100.1, for="[2001:DB8::1]"' }), 429, 'too_many_failed_keys');
      assert.equal((await signals(server, API_KEY, { forwarded: 'for=2001:db8::2', 'x-forwarded-for': '2001:db8::1' })).status, 200);
      // `unknown`, an obfuscated name and an element without for= are no address: the proxy's own bucket.
      for (const header of ['for=unknown', 'for=_hidden;by=_proxy', 'proto=https']) {
        await expectError(await signals(server, guess(1), { forwarded: header }), 401, 'unauthorized');
      }
      await expectError(await signals(server, API_KEY), 429, 'too_many_failed_keys');
      assert.equal((await signals(server, API_KEY, { forwarded: 'for=2001:db8::3' })).status, 200);
    });
  });

  it('refuses to start with a trusted proxy that is no address or CIDR', async () => {
    await assert.rejects(startTestServer({ trustedProxies: ['10.0.0.0/33'] }), /not an IP address or CIDR/);
    await assert.rejects(startTestServer({ trustedProxies: ['proxy.example.test'] }), /not an IP address or CIDR/);
  });
});
