// Limits, content checks and malformed input: every refusal is a 4xx in the contract's error
// shape, never a 5xx, and nothing is stored.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { TICKET_LIMITS } from '../../src/ticket.js';
import { isAcceptedType } from '../../server/content.js';
import {
  PNG, auth, expectError, form, getJson, makeTicket, postTicket, startTestServer, withFiles, type FileInput, type TestServer, SUPPORT_KEY } from '../support/server-harness.js';

const MB = 1024 * 1024;

describe('limits', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  const assertNotStored = async (id: string) => {
    const { status } = await getJson(`${server.url}/api/tickets/${id}`);
    assert.equal(status, 404);
  };

  it('refuses 11 attachments with 413', async () => {
    const files: FileInput[] = Array.from({ length: 11 }, (_, i) => ({ name: `f${i}.txt`, type: 'text/plain', data: `file ${i}` }));
    const ticket = withFiles(makeTicket(), files);
    const body = await expectError(await postTicket(server.url, ticket, files), 413, 'too_many_attachments');
    assert.match(body.error.message, /At most 10 attachments/);
    await assertNotStored(ticket.id);
  });

  it('accepts a file of exactly 10 MB', async () => {
    const files: FileInput[] = [{ name: 'big.txt', type: 'text/plain', data: new Uint8Array(10 * MB).fill(0x61) }];
    const ticket = withFiles(makeTicket(), files);
    assert.equal((await postTicket(server.url, ticket, files)).status, 201);
  });

  it('refuses a file of 10 MB + 1 byte with 413 naming the attachment', async () => {
    const files: FileInput[] = [{ name: 'big.txt', type: 'text/plain', data: new Uint8Array(10 * MB + 1).fill(0x61) }];
    const ticket = withFiles(makeTicket(), files);
    const body = await expectError(await postTicket(server.url, ticket, files), 413, 'attachment_too_large');
    assert.equal(body.error.fields[0].path, 'attachments.0.size');
    await assertNotStored(ticket.id);
  });

  it('refuses a request over 25 MB by its Content-Length', async () => {
    const ticket = makeTicket();
    const response = await fetch(`${server.url}/api/tickets`, {
      method: 'POST',
      body: new Uint8Array(25 * MB + 1),
      headers: { ...auth(), 'idempotency-key': ticket.id, 'content-type': 'multipart/form-data; boundary=x' },
    });
    await expectError(response, 413, 'request_too_large');
  });

  it('refuses a chunked request without Content-Length once it passes 25 MB', async () => {
    const ticket = makeTicket();
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > 26 * MB) return controller.close();
        controller.enqueue(new Uint8Array(MB));
        sent += MB;
      },
    });
    const response = await fetch(`${server.url}/api/tickets`, {
      method: 'POST',
      body,
      duplex: 'half',
      headers: { ...auth(), 'idempotency-key': ticket.id, 'content-type': 'multipart/form-data; boundary=x' },
    } as RequestInit);
    await expectError(response, 413, 'request_too_large');
  });

  it('refuses a .png that is really text with 415 saying why', async () => {
    const files: FileInput[] = [{ name: 'screen.png', type: 'image/png', data: 'this is not an image' }];
    const ticket = withFiles(makeTicket(), files);
    const body = await expectError(await postTicket(server.url, ticket, files), 415, 'content_mismatch');
    assert.match(body.error.message, /screen\.png is declared as image\/png but its content does not start with the PNG signature/);
    assert.equal(body.error.fields[0].path, 'attachments.0.type');
    await assertNotStored(ticket.id);
  });

  it('checks every binary type by its magic bytes', async () => {
    const good: Array<[string, Uint8Array]> = [
      ['image/jpeg', Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])],
      ['image/gif', new TextEncoder().encode('GIF89a\x01\x00')],
      ['image/webp', new TextEncoder().encode('RIFF\x10\x00\x00\x00WEBPVP8 ')],
      ['application/pdf', new TextEncoder().encode('%PDF-1.7\n')],
      ['application/zip', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0])],
      ['application/gzip', Uint8Array.from([0x1f, 0x8b, 0x08, 0])],
    ];
    for (const [type, data] of good) {
      const files = [{ name: 'f', type, data }];
      const ticket = withFiles(makeTicket(), files);
      assert.equal((await postTicket(server.url, ticket, files)).status, 201, type);
      // The same type with a PNG's bytes is refused.
      const wrong = [{ name: 'f', type, data: PNG }];
      await expectError(await postTicket(server.url, withFiles(makeTicket(), wrong), wrong), 415, 'content_mismatch');
    }
  });

  it('refuses text that is not UTF-8 or holds NULs, and JSON that does not parse', async () => {
    const cases: Array<[string, Uint8Array | string, RegExp]> = [
      ['text/plain', Uint8Array.from([0x68, 0xc3, 0x28]), /not valid UTF-8/],
      ['text/csv', 'a,b\u0000c', /NUL/],
      ['application/json', '{"unterminated": ', /not valid JSON/],
    ];
    for (const [type, data, why] of cases) {
      const files = [{ name: 'f', type, data }];
      const body = await expectError(await postTicket(server.url, withFiles(makeTicket(), files), files), 415, 'content_mismatch');
      assert.match(body.error.message, why);
    }
  });

  it('has a content check for every type the shared limits promise to accept', () => {
    for (const type of TICKET_LIMITS.attachmentTypes) assert.ok(isAcceptedType(type), type);
  });

  it('refuses a type outside the accepted list with 415', async () => {
    const files = [{ name: 'run.exe', type: 'application/x-msdownload', data: 'MZ' }];
    const body = await expectError(await postTicket(server.url, withFiles(makeTicket(), files), files), 415, 'unsupported_type');
    assert.equal(body.error.fields[0].path, 'attachments.0.type');
  });

  it('refuses a part whose size or type differs from the ticket metadata', async () => {
    const files = [{ name: 'a.txt', type: 'text/plain', data: 'hello' }];
    const ticket = withFiles(makeTicket(), files);
    (ticket.attachments as Array<{ size: number }>)[0]!.size = 4;
    const size = await expectError(await postTicket(server.url, ticket, files), 400, 'attachment_mismatch');
    assert.equal(size.error.fields[0].path, 'attachments.0.size');

    const declared = withFiles(makeTicket(), files);
    const typed = await expectError(await postTicket(server.url, declared, [{ ...files[0]!, type: 'text/csv' }]), 415, 'type_mismatch');
    assert.equal(typed.error.fields[0].path, 'attachments.0.type');

    const count = await expectError(await postTicket(server.url, withFiles(makeTicket(), files), []), 400, 'attachment_mismatch');
    assert.equal(count.error.fields[0].path, 'attachments');
  });
});

describe('malformed input never yields a 5xx', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  const post = (body: BodyInit | null, headers: Record<string, string>, id = makeTicket().id) =>
    fetch(`${server.url}/api/tickets`, { method: 'POST', body, headers: { ...auth(), 'idempotency-key': id, ...headers } });
  const multipart = (boundary: string, text: string) =>
    post(text, { 'content-type': `multipart/form-data; boundary=${boundary}` });

  it('answers each broken request with a 4xx error body', async () => {
    const ticket = makeTicket();
    const valid = JSON.stringify(ticket);
    const cases: Array<[string, () => Promise<Response>, number, string]> = [
      ['JSON body instead of multipart', () => post(valid, { 'content-type': 'application/json' }), 415, 'unsupported_media_type'],
      ['no content type', () => post(valid, {}), 415, 'unsupported_media_type'],
      ['multipart without boundary', () => post(valid, { 'content-type': 'multipart/form-data' }), 400, 'malformed_multipart'],
      ['empty body', () => multipart('b', ''), 400, 'malformed_multipart'],
      ['no closing boundary', () => multipart('b', `--b\r\nContent-Disposition: form-data; name="ticket"\r\n\r\n${valid}`), 400, 'malformed_multipart'],
      ['part without headers end', () => multipart('b', '--b\r\nContent-Disposition: form-data; name="ticket"'), 400, 'malformed_multipart'],
      ['part without disposition', () => multipart('b', `--b\r\nContent-Type: application/json\r\n\r\n${valid}\r\n--b--\r\n`), 400, 'malformed_multipart'],
      ['part without name', () => multipart('b', `--b\r\nContent-Disposition: form-data\r\n\r\n${valid}\r\n--b--\r\n`), 400, 'malformed_multipart'],
      ['garbage header line', () => multipart('b', `--b\r\nnonsense\r\n\r\n${valid}\r\n--b--\r\n`), 400, 'malformed_multipart'],
      ['bad filename*', () => multipart('b', `--b\r\nContent-Disposition: form-data; name="ticket"; filename*=UTF-8''%E0%A4%A\r\n\r\n${valid}\r\n--b--\r\n`), 400, 'malformed_multipart'],
      ['broken JSON', () => multipart('b', `--b\r\nContent-Disposition: form-data; name="ticket"\r\n\r\n{"id": \r\n--b--\r\n`), 400, 'invalid_json'],
      ['JSON that is not an object', () => multipart('b', `--b\r\nContent-Disposition: form-data; name="ticket"\r\n\r\nnull\r\n--b--\r\n`), 400, 'validation_failed'],
      ['ticket part missing', () => multipart('b', `--b\r\nContent-Disposition: form-data; name="attachment"; filename="a"\r\n\r\nx\r\n--b--\r\n`), 400, 'missing_ticket'],
      ['no parts at all', () => multipart('b', '--b--\r\n'), 400, 'missing_ticket'],
      ['unknown part', () => multipart('b', `--b\r\nContent-Disposition: form-data; name="ticket"\r\n\r\n${valid}\r\n--b\r\nContent-Disposition: form-data; name="evil"\r\n\r\nx\r\n--b--\r\n`), 400, 'unexpected_part'],
      ['binary garbage', () => multipart('b', '\u0000\u0001\u00ff--b\u0000'), 400, 'malformed_multipart'],
    ];
    for (const [name, send, status, code] of cases) {
      const response = await send();
      assert.ok(response.status >= 400 && response.status < 500, `${name}: ${response.status}`);
      await expectError(response, status, code).catch((error) => assert.fail(`${name}: ${error.message}`));
    }
  });

  it('accepts a hand-written multipart body with a quoted boundary and preamble', async () => {
    const ticket = makeTicket();
    const body = `preamble\r\n--"q b"\r\nContent-Disposition: form-data; name="ticket"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(ticket)}\r\n--q b--\r\n`;
    const response = await post(body.replace('--"q b"', '--q b'), { 'content-type': 'multipart/form-data; boundary="q b"' }, ticket.id);
    assert.equal(response.status, 201);
  });

  it('answers huge headers with 431, not a crash', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const url = new URL(`${server.url}/api/health`);
      const req = request({ host: url.hostname, port: url.port, path: url.pathname, headers: { 'x-big': 'a'.repeat(64 * 1024) } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    assert.equal(status, 431);
    // The server still answers afterwards.
    assert.equal((await fetch(`${server.url}/api/health`)).status, 200);
  });

  it('answers a broken PATCH body and unknown routes with 4xx', async () => {
    const ticket = makeTicket();
    assert.equal((await postTicket(server.url, ticket)).status, 201);
    const broken = await fetch(`${server.url}/api/tickets/${ticket.id}`, { method: 'PATCH', body: '{', headers: { authorization: `Bearer test-admin-key-fedcba9876543210` } });
    await expectError(broken, 400, 'invalid_json');
    await expectError(await fetch(`${server.url}/api/nope`, { headers: auth(SUPPORT_KEY) }), 404, 'not_found');
    await expectError(await fetch(`${server.url}/api/tickets/%E0%A4%A`, { headers: auth(SUPPORT_KEY) }), 404, 'not_found');
    void form;
  });
});
