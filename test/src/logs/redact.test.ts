// Redaction of log text: every kind of secret is replaced (in console text, URLs, headers and
// JSON) and counted, while a corpus of ordinary support-desk lines passes byte for byte.
import { assert } from 'chai';
import fc from 'fast-check';
import { describe, it } from '../../support/harness.js';
import { createRedactor, redact, type RedactionKind } from '../../../src/logs/redact.js';

// Built from pieces so that secret scanners do not flag this file.
const GITHUB = 'ghp_' + 'x7Kq2mPz9LwR4tYb8NcV1dHs6FgJ3aEu0QiO';
const SLACK = 'xoxb-' + '2048361-9917234-aZ4qR8sT1uV5wX9y';
const STRIPE = 'sk_live_' + '51HqLyjWDarjtT1zdp7dcXy';
const GOOGLE = 'AIza' + 'SyD4x9Qe2RtYuIoPaSdFgHjKlZxCvBnM1q8';
const AWS_ID = 'AKIA' + 'Z3X7QW2PLM9RTY4K';
const JWT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhZ2VudC0xMiIsImV4cCI6MTc5MzAwMDAwMH0.k3Yq0vT1pQ9sLr2mN8xZ7wB4cD6eF5gH3jK1lM0nO9p';
const KEY_BLOCK = ['-----BEGIN PRIVATE KEY-----', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC', 'BKcwggSjAgEAAoIBAQC7', '-----END PRIVATE KEY-----'].join('\n');

/** [what, line, secret that must be gone, kind counted] */
const SECRETS: [string, string, string, RedactionKind][] = [
  ['Authorization header, Bearer', 'fetch /api/me Authorization: Bearer 9f2kLq8ZrT4mW7xPb3NvY6cD1', '9f2kLq8ZrT4mW7xPb3NvY6cD1', 'authorization'],
  ['Authorization in JSON, Basic', '{"headers":{"Authorization":"Basic YWdlbnQ6czNjcmV0"},"status":401}', 'YWdlbnQ6czNjcmV0', 'authorization'],
  ['OSvC session scheme', 'REST call with Authorization: Session 7c1e9a2b4d6f8a0c2e4f6a8b', '7c1e9a2b4d6f8a0c2e4f6a8b', 'session'],
  ['Bearer value in text', 'retrying with Bearer Zm9vYmFyYmF6cXV1eDEyMzQ1Ng', 'Zm9vYmFyYmF6cXV1eDEyMzQ1Ng', 'bearer'],
  ['Basic value in text', 'sent Basic c3VwZXJ2aXNvcjpQQHNzdzByZA== to proxy', 'c3VwZXJ2aXNvcjpQQHNzdzByZA==', 'basic'],
  ['Cookie header', 'Cookie: cp_session=Qm9zcy1zZXNzaW9u; lang=en', 'Qm9zcy1zZXNzaW9u', 'cookie'],
  ['Set-Cookie header', 'Set-Cookie: JSESSIONID=8D3F0A9B1C2E; Path=/; Secure; HttpOnly', '8D3F0A9B1C2E', 'cookie'],
  ['cookie in JSON', '{"cookie":"sid=abc987zyx"}', 'abc987zyx', 'cookie'],
  ['OSvC REST token header', 'osvc-crest-api-access-token: QoS-4f8a2c6e9b1d', 'QoS-4f8a2c6e9b1d', 'session'],
  ['session id in a query', 'GET https://site.example/cc/chat?session_id=ab12cd34ef56&page=2', 'ab12cd34ef56', 'session'],
  ['sessionToken in JSON', '{"sessionToken":"osvc-5e6f7a8b9c0d"}', 'osvc-5e6f7a8b9c0d', 'session'],
  ['password in a URL', 'connecting to https://svc_user:Tr0ub4dor@db.internal.example:5432/cti', 'Tr0ub4dor', 'password'],
  ['password in JSON', '{"login":"agent12","password":"correct horse battery"}', 'correct horse battery', 'password'],
  ['password in escaped JSON', 'body: "{\\"user\\":\\"agent12\\",\\"password\\":\\"hunter2!\\"}"', 'hunter2!', 'password'],
  ['password in a form body', 'POST /login user=agent12&password=S3cr3t%21&remember=1', 'S3cr3t%21', 'password'],
  ['password in text', 'config loaded, db_password: pa55w0rd-live', 'pa55w0rd-live', 'password'],
  ['api_key in a query', 'GET https://maps.example/geo?address=Main+St&api_key=k-8842aa9', 'k-8842aa9', 'api-key'],
  ['X-Api-Key header', 'X-Api-Key: live-77a1b2c3d4', 'live-77a1b2c3d4', 'api-key'],
  ['access_token in a query', 'redirect to /cb#access_token=tok_9a8b7c6d5e', 'tok_9a8b7c6d5e', 'token'],
  ['client_secret in JSON', "{ client_secret: 'cs-112233445566' }", 'cs-112233445566', 'api-key'],
  ['AWS access key id', `aws config ${AWS_ID} region us-east-1`, AWS_ID, 'aws-key'],
  ['AWS secret key', 'aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLE', 'api-key'],
  ['AWS presigned URL', 'GET https://b.s3.amazonaws.com/x.png?X-Amz-Date=20261201T153000Z&X-Amz-Signature=9fe3c1d2', '9fe3c1d2', 'token'],
  ['GitHub token', `git push using ${GITHUB}`, GITHUB, 'github-token'],
  ['Slack token', `slack client token ${SLACK}`, SLACK, 'slack-token'],
  ['Slack webhook', 'POST https://hooks.slack.com/services/T0001/B0002/XyZ123abc', 'XyZ123abc', 'slack-token'],
  ['Stripe key', `stripe init ${STRIPE}`, STRIPE, 'stripe-key'],
  ['Google API key', `maps loaded key ${GOOGLE}`, GOOGLE, 'google-key'],
  ['JWT', `id token ${JWT}`, JWT.split('.')[1]!, 'jwt'],
  ['private key block', `loaded key\n${KEY_BLOCK}\ndone`, 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC', 'private-key'],
  ['private key block in JSON', JSON.stringify({ key: KEY_BLOCK }), 'BKcwggSjAgEAAoIBAQC7', 'private-key'],
  ['card number, grouped', 'customer read 4111 1111 1111 1111 over the phone', '4111 1111 1111 1111', 'card'],
  ['card number, dashes', 'card=5555-5555-5555-4444', '5555-5555-5555-4444', 'card'],
  ['card number, Amex contiguous', '{"pan":"378282246310005"}', '378282246310005', 'card'],
];

// What agents' desktops really log: none of it is a secret and all of it must survive as is.
const ORDINARY = [
  'Incident 261127-000431 saved by agent 1042 at 2026-12-01T15:30:00.123Z',
  'Ticket TK-000123 linked to chat session 88213 (queue ABC)',
  'GET https://site.example/services/rest/connect/v1.4/incidents?limit=20&offset=40&orderBy=updatedTime:desc 200',
  'navigated to /AgentWeb/#/incident/7781?tab=threads&mode=edit',
  'workspace record 3f2b9c1e-8a7d-4e6f-9b0a-1c2d3e4f5a6b loaded in 182 ms',
  'asset hash 9e107d9d372bb6826bd81d3542a419d6, build sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  'commit 4f1c2ab, version 24.11.0-rc.2, node v20.11.1',
  'Token expired, refreshing the session',
  'session started for profile "Tier 1 Agents" (id 7)',
  'Basic plan selected; Premium offered',
  // fast-check found this one: the first eight hex digits of an id decode to bytes with a colon.
  'Basic 88862b50-0000-1000-8000-000000000000 incident',
  'the Bearer of the call is the primary contact',
  'Password reset link sent to the contact',
  'pageToken=CiAKGjBpNDd2Nmp2Zml2cXRwYjBpOXA0&maxResults=50',
  'timings: dns 12 ms, connect 31 ms, ttfb 240 ms, total 1733070000000 epoch ms',
  'WebSocket closed wss://cti.example/socket?agent code 1006 (not clean)',
  'softphone state READY -> ON_CALL after 3.2 s, call id 9012345678',
  'chat routed to queue 12 of 40 agents, 35 % not routing',
  'Error: Cannot read properties of undefined (reading \'getField\')\n    at renderPane (https://site.example/ext/app.js:120:17)',
  '{"ticketId":"TK-000123","status":"open","count":3,"tokens":512,"author":"agent12","sort":"desc"}',
  'contact jo.rivera@example.com called from +1 415 555 0100',
  'IP 192.168.100.200 port 8443, retry 3 of 5, backoff 2000 ms',
  'card reader offline; last four digits shown: 1111',
  'order 2026-12-01 numbers 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15',
  'unhandled rejection: TypeError: Failed to fetch (GET https://cti.example/api/state?agent)',
];

describe('redact', () => {
  for (const [what, line, secret, kind] of SECRETS) {
    it(`removes ${what} and counts it as ${kind}`, () => {
      const result = redact(line);
      assert.ok(!result.text.includes(secret), `"${secret}" is still in: ${result.text}`);
      assert.ok(result.text.includes(`[REDACTED:${kind}]`), `no ${kind} marker in: ${result.text}`);
      assert.strictEqual(result.counts[kind], 1, `counts: ${JSON.stringify(result.counts)}`);
    });
  }

  it('keeps every ordinary line byte for byte and counts nothing', () => {
    for (const line of ORDINARY) {
      const result = redact(line);
      assert.strictEqual(result.text, line);
      assert.strictEqual(result.total, 0, `counted ${JSON.stringify(result.counts)} in: ${line}`);
    }
  });

  it('keeps the readable part around a secret: the header name, the scheme, the other query values', () => {
    assert.strictEqual(redact('Authorization: Bearer 9f2kLq8ZrT4mW7xPb3NvY6cD1').text, 'Authorization: Bearer [REDACTED:authorization]');
    assert.strictEqual(
      redact('GET https://site.example/cc/chat?session_id=ab12cd34ef56&page=2').text,
      'GET https://site.example/cc/chat?session_id=[REDACTED:session]&page=2',
    );
    assert.strictEqual(redact('{"login":"agent12","password":"x1"}').text, '{"login":"agent12","password":"[REDACTED:password]"}');
  });

  it('leaves any line made of ids, UUIDs, hashes, times, references and ordinary queries unchanged', () => {
    const hex = (length: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: length, maxLength: length });
    const digits = (length: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: length, maxLength: length });
    // Not "Bearer": followed by a hash or a UUID, it is exactly what a bearer credential looks like.
    const word = fc.constantFrom('incident', 'queue', 'agent', 'routing', 'saved', 'Token', 'session', 'Basic', 'key', 'status', 'page', 'bearer');
    const piece = fc.oneof(
      fc.uuid(),
      hex(32),
      hex(40),
      hex(64),
      fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString()),
      fc.tuple(digits(6), digits(6)).map(([a, b]) => `${a}-${b}`),
      digits(6).map((n) => `TK-${n}`),
      fc.nat({ max: 99_999 }).map(String),
      word,
      fc.tuple(fc.constantFrom('page', 'sort', 'limit', 'q', 'ticket', 'tab'), fc.nat({ max: 500 })).map(([k, v]) => `?${k}=${v}&offset=${v * 2}`),
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 12 }), (pieces) => {
        const line = pieces.join(' ');
        assert.strictEqual(redact(line).text, line);
      }),
      { numRuns: 300 },
    );
  });

  it('replaces e-mail addresses and phone numbers only when asked to', () => {
    const line = 'contact jo.rivera@example.com called from +1 415 555 0100 or (415) 555-0199';
    assert.strictEqual(redact(line).text, line);
    const result = redact(line, { emails: true, phones: true });
    assert.strictEqual(result.text, 'contact [REDACTED:email] called from [REDACTED:phone] or [REDACTED:phone]');
    assert.deepEqual(result.counts, { email: 1, phone: 2 });
    // Ticket references and dates are not phone numbers.
    const refs = 'Incident 261127-000431 on 2026-12-01, TK-000123';
    assert.strictEqual(redact(refs, { phones: true }).text, refs);
  });

  it('does not take a Luhn-invalid or unprefixed number for a card', () => {
    for (const line of ['order 4111 1111 1111 1112', 'epoch 1733070000000123', 'id 0000000000000000']) assert.strictEqual(redact(line).text, line);
  });

  it('never redacts or counts a value twice, so redacting redacted text changes nothing', () => {
    const redactor = createRedactor();
    const once = redactor.text(SECRETS.map(([, line]) => line).join('\n'));
    const total = redactor.total;
    assert.strictEqual(total, SECRETS.length);
    assert.strictEqual(redactor.text(once), once);
    assert.strictEqual(redactor.total, total);
  });

  it('redacts values under secret-named keys of objects, and strings anywhere inside them', () => {
    const redactor = createRedactor();
    const out = redactor.value({
      message: 'login ok',
      request: { headers: { authorization: 'Bearer 9f2kLq8ZrT4mW7xPb3NvY6cD1', accept: 'application/json' }, password: 'hunter2', pin: 1234 },
      list: [`token ${GITHUB}`, 'plain'],
      count: 3,
    });
    assert.deepEqual(out, {
      message: 'login ok',
      request: { headers: { authorization: 'Bearer [REDACTED:bearer]', accept: 'application/json' }, password: '[REDACTED:password]', pin: 1234 },
      list: ['token [REDACTED:github-token]', 'plain'],
      count: 3,
    });
    assert.strictEqual(redactor.total, 3);
  });

  it('redacts a secret used as an object key', () => {
    const redactor = createRedactor();
    const out: unknown = redactor.value<unknown>({ sessions: { [JWT]: { agent: 'maria.lopez' } } });
    assert.deepEqual(out, { sessions: { '[REDACTED:jwt]': { agent: 'maria.lopez' } } });
    assert.strictEqual(redactor.total, 1);
  });
});
