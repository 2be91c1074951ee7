// Collection for the incident window: every source asked, only entries inside the window kept,
// redacted, NDJSON gzipped (decompressed here to check), with a summary and a preview.
import { assert } from 'chai';
import { describe, it } from '../../support/harness.js';
import { collectLogs, logWindow } from '../../../src/logs/collect.js';
import { logSources, registerLogSource, type LogEntry, type LogSource } from '../../../src/logs/sources.js';

const at = (iso: string, level: string, message: string, extra: Record<string, unknown> = {}): LogEntry => ({ time: iso, level, message, ...extra });

async function lines(file: File): Promise<LogEntry[]> {
  const text = await new Response(file.stream().pipeThrough(new DecompressionStream('gzip'))).text();
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as LogEntry);
}

const occurredAt = new Date('2026-12-01T15:30:00Z');
const now = new Date('2026-12-01T15:40:00Z');

describe('collectLogs', () => {
  it('defaults the window to occurredAt minus 15 minutes until now, with a configurable margin', () => {
    const window = logWindow({ occurredAt, now });
    assert.strictEqual(window.from.toISOString(), '2026-12-01T15:15:00.000Z');
    assert.strictEqual(window.to.toISOString(), now.toISOString());
    assert.strictEqual(logWindow({ occurredAt, now, marginMinutes: 60 }).from.toISOString(), '2026-12-01T14:30:00.000Z');
    assert.strictEqual(logWindow({ from: '2026-12-01T10:00:00Z', to: '2026-12-01T11:00:00Z', occurredAt }).from.toISOString(), '2026-12-01T10:00:00.000Z');
  });

  it('refuses a window that ends before it starts or is not a date, saying which', () => {
    assert.throws(() => logWindow({ from: '2026-12-01T12:00:00Z', to: '2026-12-01T11:00:00Z' }), /starts \(2026-12-01T12:00:00.000Z\) after it ends/);
    assert.throws(() => logWindow({ occurredAt: 'yesterday-ish' }), /occurredAt is not a date and time: yesterday-ish/);
    assert.throws(() => logWindow({ marginMinutes: -5 }), /margin must be a number of minutes/);
  });

  it('keeps only the entries inside the window, from every source, sorted by time', async () => {
    const media: LogSource = {
      name: 'media-bar',
      collect: () => [
        at('2026-12-01T15:14:59.999Z', 'info', 'too early'),
        at('2026-12-01T15:15:00.000Z', 'info', 'first inside'),
        at('2026-12-01T15:35:00Z', 'error', 'softphone lost registration', { code: 503 }),
        at('2026-12-01T15:40:00.001Z', 'info', 'too late'),
        at('not a time', 'info', 'no time'),
      ],
    };
    const cti: LogSource = { name: 'cti', collect: async () => [at('2026-12-01T15:20:00Z', 'warn', 'call transfer slow', { source: 'cti-client' })] };
    const { file, summary } = await collectLogs({ occurredAt, now, sources: [media, cti] });
    const kept = await lines(file);
    assert.deepEqual(
      kept.map((entry) => entry.message),
      ['first inside', 'call transfer slow', 'softphone lost registration'],
    );
    assert.deepEqual(kept[2], { time: '2026-12-01T15:35:00.000Z', level: 'error', message: 'softphone lost registration', source: 'media-bar', code: 503 });
    assert.strictEqual(kept[1]!.source, 'cti-client');
    assert.strictEqual(file.type, 'application/gzip');
    assert.match(file.name, /^triage-logs-20261201T1515-20261201T1540\.ndjson\.gz$/);
    assert.strictEqual(summary.entries, 3);
    assert.strictEqual(summary.errors, 1);
    assert.strictEqual(summary.first, '2026-12-01T15:15:00.000Z');
    assert.strictEqual(summary.last, '2026-12-01T15:35:00.000Z');
    assert.deepEqual(summary.sources.sort(), ['cti', 'media-bar']);
    assert.strictEqual(summary.bytes, file.size);
  });

  it('redacts messages and extra fields before they are written, and counts what it replaced', async () => {
    const source: LogSource = {
      name: 'osvc',
      collect: () => [
        at('2026-12-01T15:31:00Z', 'info', 'REST call Authorization: Session 7c1e9a2b4d6f8a0c2e4f6a8b'),
        at('2026-12-01T15:32:00Z', 'info', 'login', { request: { password: 'hunter2' }, url: 'https://site.example/x?session_id=ab12cd34' }),
      ],
    };
    const { file, summary, preview } = await collectLogs({ occurredAt, now, sources: [source] });
    const text = JSON.stringify(await lines(file));
    for (const secret of ['7c1e9a2b4d6f8a0c2e4f6a8b', 'hunter2', 'ab12cd34']) assert.ok(!text.includes(secret), `${secret} in ${text}`);
    assert.strictEqual(summary.redacted, 3);
    assert.deepEqual(summary.redactedByKind, { session: 2, password: 1 });
    assert.strictEqual(preview.length, 2);
    assert.strictEqual(preview[0], '15:31:00.000 info [osvc] REST call Authorization: Session [REDACTED:session]');
  });

  it('reports a failing or silent source without losing the others', async () => {
    const ok: LogSource = { name: 'ok', collect: () => [at('2026-12-01T15:31:00Z', 'info', 'fine')] };
    const broken: LogSource = {
      name: 'broken',
      collect: () => {
        throw new Error('extension not ready');
      },
    };
    const silent: LogSource = { name: 'silent', collect: () => new Promise(() => undefined) };
    const { summary } = await collectLogs({ occurredAt, now, sources: [ok, broken, silent], sourceTimeoutMs: 50 });
    assert.strictEqual(summary.entries, 1);
    assert.deepEqual(summary.sources, ['ok']);
    assert.deepEqual(summary.failedSources.map((f) => f.name).sort(), ['broken', 'silent']);
    assert.match(summary.failedSources.find((f) => f.name === 'silent')!.reason, /did not answer within 50 ms/);
  });

  it('writes an empty file with a zero summary when nothing happened in the window', async () => {
    const { file, summary } = await collectLogs({ occurredAt, now, sources: [] });
    assert.deepEqual(await lines(file), []);
    assert.strictEqual(summary.entries, 0);
    assert.strictEqual(summary.first, undefined);
  });

  it('asks the registered sources by default; unregistering removes one', async () => {
    const source: LogSource = { name: 'registered-once', collect: () => [at(new Date().toISOString(), 'info', 'from the registry')] };
    const unregister = registerLogSource(source);
    assert.ok(logSources().includes(source));
    const { summary } = await collectLogs();
    assert.ok(summary.sources.includes('registered-once'));
    unregister();
    assert.ok(!logSources().includes(source));
    assert.throws(() => registerLogSource({ name: '', collect: () => [] }), /needs a name and a collect\(\) function/);
  });
});
