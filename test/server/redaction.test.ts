// The service's second pass over text attachments (server/redaction.ts): what a careless client
// left in is replaced, and a JSON or NDJSON file is still one afterwards, however its strings end.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { redactedText } from '../../server/redaction.js';

// Built from pieces so that secret scanners do not flag this file.
const JWT = 'eyJhbGciOiJIUzI1NiJ9' + '.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';

describe('redacting an attachment on the service', () => {
  it('keeps a JSON document JSON when a string ends in a secret key with no value', () => {
    // As one text, `token=","next":"` reads as the key token with the quoted value ",".
    const sent = JSON.stringify({ url: '/api/reset?token=', next: `Bearer ${JWT}`, status: 401 });
    const found = redactedText('application/json', Buffer.from(sent))!;
    assert.deepEqual(JSON.parse(found.data.toString('utf8')), { url: '/api/reset?token=', next: 'Bearer [REDACTED:bearer]', status: 401 });
    assert.equal(found.total, 1);
  });

  it('redacts NDJSON line by line, and leaves the bytes of lines with nothing to replace', () => {
    const clean = '{ "at": "2026-12-03T07:00:00Z",  "message": "chat 991 routed", "n": 1.50 }';
    const lines = [clean, JSON.stringify({ message: 'GET /cc?session_id=', header: `Authorization: Bearer ${JWT}` }), ''];
    const found = redactedText('application/gzip', gzipSync(lines.join('\n')))!;
    const kept = gunzipSync(found.data).toString('utf8').split('\n');
    assert.equal(kept[0], clean, 'an untouched line keeps its spacing and number format');
    assert.deepEqual(JSON.parse(kept[1]!), { message: 'GET /cc?session_id=', header: 'Authorization: Bearer [REDACTED:authorization]' });
    assert.equal(kept.length, 3);
    assert.deepEqual(found.counts, { authorization: 1 });
  });

  it('redacts plain text as text, and leaves what holds no secret alone', () => {
    const found = redactedText('text/plain', Buffer.from(`Authorization: Bearer ${JWT}\n`))!;
    assert.equal(found.data.toString('utf8'), 'Authorization: Bearer [REDACTED:authorization]\n');
    assert.equal(redactedText('text/plain', Buffer.from('chat 991 stuck in queue ABC\n')), undefined);
    assert.equal(redactedText('image/png', Buffer.from(`Authorization: Bearer ${JWT}`)), undefined, 'an image is not text');
  });

  it('leaves every JSON document JSON, with no planted secret left in it', () => {
    // A token planted where it stands alone: the JWT rule wants a word boundary before it.
    const piece = fc.constantFrom('token=', 'password=', 'session_id=', '"', '\\', "'", ' ', ':', '=', ',', '{', '}', 'abc', `Bearer ${JWT}`, ` ${JWT}`, '\n');
    const text = fc.array(piece, { minLength: 1, maxLength: 8 }).map((parts) => parts.join(''));
    const doc = fc.dictionary(text, fc.oneof(text, fc.integer(), fc.array(text, { maxLength: 3 })), { maxKeys: 4 });
    fc.assert(
      fc.property(doc, fc.boolean(), (value, lines) => {
        const sent = lines ? [value, value].map((v) => JSON.stringify(v)).join('\n') : JSON.stringify(value);
        const found = redactedText(lines ? 'application/x-ndjson' : 'application/json', Buffer.from(sent));
        const kept = found ? found.data.toString('utf8') : sent;
        for (const line of lines ? kept.split('\n') : [kept]) JSON.parse(line);
        assert.ok(!kept.includes(JWT), 'the token is gone');
      }),
      { numRuns: 2000 },
    );
  });
});
