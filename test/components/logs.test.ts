// <triage-logs> in Chromium: the rewind buffer and a second source hold planted secrets; the
// element shows a redacted summary and preview first, then hands a gzipped NDJSON file to the
// evidence target it consumes from context, and the file holds none of the secrets.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { ContextProvider } from '@lit/context';
import '../../components/provider/define.js';
import '../../components/logs/define.js';
import { registerLogSource } from '../../components/logs/define.js';
import type { TriageLogs } from '../../components/logs/logs.js';
import { logsEn } from '../../src/strings/logs.js';
import { logsEs } from '../../src/strings/logs-es.js';
import { evidenceContext, type AttachmentKind, type EvidenceDetails, type EvidenceTarget } from '../../src/evidence.js';
import { installRewind } from '../../src/logs/rewind.js';
import { attachmentMetaSchema } from '../../src/ticket.js';
import * as z from 'zod/mini';
import { describe, it } from '../support/harness.js';
import { afterEach } from '../support/delivery-fixtures.js';

const SECRETS = {
  bearer: 'Zm9vYmFyYmF6cXV1eDEyMzQ1Ng',
  password: 'hunter2-live',
  session: '7c1e9a2b4d6f8a0c2e4f6a8b',
  queryToken: 'tok-4411aa',
  card: '4111 1111 1111 1111',
  cti: 'cti-secret-99',
};

interface Added {
  file: File;
  kind: AttachmentKind;
  details?: EvidenceDetails;
}

function evidenceTarget(refusal?: string): EvidenceTarget & { added: Added[] } {
  const added: Added[] = [];
  return {
    added,
    occurredAt: new Date(Date.now() - 60_000),
    add(file, kind, details) {
      if (refusal) return refusal;
      added.push({ file, kind, details });
      return undefined;
    },
    hide: async () => () => undefined,
  };
}

/** A report-like host: provides the evidence target to the tool inside it, under a triage-provider. */
async function mount(target: EvidenceTarget | undefined, agent: object = { locale: 'en-US', timeZone: 'UTC' }, config: object = {}, attrs = '') {
  const provider = await fixture(html`<triage-provider .agent=${agent} .config=${config}><div class="report"></div></triage-provider>`);
  const report = provider.querySelector('.report') as HTMLElement;
  if (target) new ContextProvider(report, { context: evidenceContext, initialValue: target }).hostConnected();
  report.innerHTML = `<triage-logs ${attrs}></triage-logs>`;
  const logs = report.querySelector('triage-logs') as TriageLogs;
  await logs.updateComplete;
  return logs;
}

const root = (el: TriageLogs) => el.shadowRoot!;
const button = (el: TriageLogs, label: string) =>
  [...root(el).querySelectorAll('button')].find((b) => b.textContent!.trim() === label) as HTMLButtonElement | undefined;
const preview = (el: TriageLogs) => root(el).querySelector('[part=preview]');

async function unzip(file: File): Promise<string> {
  return new Response(file.stream().pipeThrough(new DecompressionStream('gzip'))).text();
}

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

describe('<triage-logs>', () => {
  it('shows a redacted summary and preview first, then attaches the file; no planted secret reaches it', async () => {
    installRewind();
    console.log('marker-ordinary-line: incident 261127-000431 saved');
    console.log(`REST retry Authorization: Bearer ${SECRETS.bearer}`);
    console.warn('login form', { user: 'agent12', password: SECRETS.password });
    console.info(`osvc call Authorization: Session ${SECRETS.session}`);
    console.error(`customer read ${SECRETS.card}`);
    await fetch(`http://127.0.0.1:2/cti/state?token=${SECRETS.queryToken}`).catch(() => undefined);
    cleanups.push(
      registerLogSource({ name: 'cti', collect: () => [{ time: new Date(Date.now() - 1000).toISOString(), level: 'error', message: `cti login api_key=${SECRETS.cti}`, source: 'cti' }] }),
    );

    const target = evidenceTarget();
    const logs = await mount(target);
    expect(preview(logs)).to.equal(null);
    // The collector and redaction are not loaded with the element, only on the first click.
    const loaded = (path: string) => performance.getEntriesByType('resource').some((entry) => entry.name.includes(path));
    expect(loaded('/src/logs/collect.ts') || loaded('/src/logs/redact.ts')).to.equal(false);
    button(logs, logsEn.logsAttach)!.click();
    await waitUntil(() => preview(logs), 'the preview is shown', { timeout: 10_000 });
    expect(loaded('/src/logs/collect.ts') && loaded('/src/logs/redact.ts')).to.equal(true);

    // Shown, not attached yet.
    expect(target.added).to.have.length(0);
    const shown = preview(logs)!.textContent!;
    expect(shown).to.contain('marker-ordinary-line').and.contain('[REDACTED:');
    for (const secret of Object.values(SECRETS)) expect(shown).not.to.contain(secret);
    expect(preview(logs)!.children).to.have.length(0); // text only, nothing rendered from the logs
    const summary = root(logs).querySelector('[part=summary]')!.textContent!;
    expect(summary).to.match(/Sensitive values removed: \d+/).and.contain('Sources:').and.contain('rewind').and.contain('cti');
    await expect(logs).to.be.accessible();

    button(logs, logsEn.logsConfirm)!.click();
    await waitUntil(() => target.added.length === 1, 'the file is attached');
    const [{ file, kind, details }] = target.added as [Added];
    expect(kind).to.equal('logs');
    expect(file.type).to.equal('application/gzip');
    const text = await unzip(file);
    expect(text).to.contain('marker-ordinary-line: incident 261127-000431 saved');
    for (const secret of Object.values(SECRETS)) expect(text).not.to.contain(secret);
    const entries = text.trim().split('\n').map((line) => JSON.parse(line));
    expect(entries.some((entry) => entry.kind === 'network' && entry.url === 'http://127.0.0.1:2/cti/state?token')).to.equal(true);

    // The attachment's meta is what the ticket schema accepts.
    const logsMeta = details!.logs!;
    expect(logsMeta.entries).to.equal(entries.length);
    // Every planted secret but the query token, which the rewind buffer never recorded at all.
    expect(logsMeta.redacted).to.be.at.least(Object.keys(SECRETS).length - 1);
    expect(logsMeta.errors).to.be.at.least(2);
    expect(logsMeta.sources).to.include.members(['rewind', 'cti']);
    expect(Date.parse(logsMeta.from)).to.equal(target.occurredAt!.getTime() - 15 * 60_000);
    const parsed = z.safeParse(attachmentMetaSchema, { name: file.name, type: file.type, size: file.size, kind, ...details });
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).to.equal(true);

    await waitUntil(() => root(logs).querySelector('[role=status]')!.textContent!.includes('Logs attached. Entries:'));
    expect(preview(logs)).to.equal(null);
  });

  it('collects the window an administrator sets, and offers a download when no report is around', async () => {
    const base = Date.parse('2026-11-30T10:00:00Z');
    const at = (minutes: number, message: string) => ({ time: new Date(base + minutes * 60_000).toISOString(), level: 'info', message });
    cleanups.push(registerLogSource({ name: 'media-bar', collect: () => [at(-1, 'before'), at(5, 'inside'), at(61, 'after')] }));
    const logs = await mount(undefined, undefined, undefined, 'pick-window from="2026-11-30T10:00:00Z" to="2026-11-30T11:00:00Z"');
    const [from, to] = [...root(logs).querySelectorAll<HTMLInputElement>('[part=window] input')];
    expect(from!.value).to.equal('2026-11-30T10:00');
    expect(to!.value).to.equal('2026-11-30T11:00');
    await expect(logs).to.be.accessible();
    button(logs, logsEn.logsAttach)!.click();
    await waitUntil(() => preview(logs), 'the preview is shown', { timeout: 10_000 });
    expect(preview(logs)!.textContent).to.contain('inside').and.not.contain('before').and.not.contain('after');
    expect(button(logs, logsEn.logsDownload)).to.exist;
    expect(root(logs).querySelector('[part=summary]')!.textContent).to.contain('Entries: 1 · errors: 0');
  });

  it('changes the window from the picker in the agent’s time zone', async () => {
    const logs = await mount(undefined, { locale: 'en-US', timeZone: 'America/New_York' }, {}, 'pick-window');
    const from = root(logs).querySelector<HTMLInputElement>('[part=window] input[name=from]')!;
    from.value = '2026-11-30T09:00';
    from.dispatchEvent(new Event('change'));
    expect(logs.from).to.equal('2026-11-30T14:00:00.000Z');
  });

  it('shows the report’s refusal instead of claiming the logs were attached', async () => {
    const logs = await mount(evidenceTarget('At most 10 attachments.'));
    button(logs, logsEn.logsAttach)!.click();
    await waitUntil(() => button(logs, logsEn.logsConfirm), 'ready to attach', { timeout: 10_000 });
    button(logs, logsEn.logsConfirm)!.click();
    await waitUntil(() => root(logs).querySelector('[role=alert]'));
    expect(root(logs).querySelector('[role=alert]')!.textContent).to.equal('The logs were not attached: At most 10 attachments.');
    expect(root(logs).querySelector('[role=status]')!.textContent).not.to.contain('Logs attached');
  });

  it('speaks Spanish for an es-* agent, with the host’s overrides on top', async () => {
    const logs = await mount(evidenceTarget(), { locale: 'es-MX', timeZone: 'America/Mexico_City' }, { strings: { logsTitle: 'Bitácora' } });
    expect(root(logs).querySelector('h3')!.textContent).to.equal('Bitácora');
    expect(button(logs, logsEs.logsAttach)).to.exist;
    button(logs, logsEs.logsAttach)!.click();
    await waitUntil(() => button(logs, logsEs.logsConfirm), 'Spanish confirmation', { timeout: 10_000 });
    expect(root(logs).querySelector('[part=summary]')!.textContent).to.contain('Valores sensibles eliminados');
    await expect(logs).to.be.accessible();
  });

  it('has a complete Spanish catalog with the same placeholders', () => {
    for (const key of Object.keys(logsEn) as (keyof typeof logsEn)[]) {
      expect(logsEs[key], key).to.be.a('string').and.not.equal('');
      expect(logsEs[key], key).not.to.equal(logsEn[key]);
      const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(holes(logsEs[key]), key).to.deep.equal(holes(logsEn[key]));
    }
  });
});
