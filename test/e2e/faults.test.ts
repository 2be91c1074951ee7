// The fault matrix (issue 10, point 4), end to end: the demo desktop in Chromium, the intake
// service as `npm start` runs it (its own process, so it can be killed for real), and, for the
// faults a service cannot be asked to make (500s, slow answers, slow reads), a forwarding proxy in
// front of it that injects them: the service behind it is the real one.
//
// Every case ends in one of two honest outcomes: the ticket is stored exactly once with every
// attachment's sha256 matching what the agent attached, or it stays on the device and says so.
// Each case runs in a fresh browser context (its own IndexedDB outbox). The outbox retries by
// itself on its backoff, so the tests wait for states, never for time.
import { describe, it, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, statfsSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { API_KEY, SUPPORT_KEY, freePort, launchChromium, spawnDemoService, tempDataDir, type ServiceProcess } from '../support/e2e-demo.js';
import { startFaultProxy, type FaultProxy } from '../support/intake-plugin.mjs';
import {
  agentFiles,
  assertDeliveredOnce,
  fillReport,
  myReport,
  onlyReportId,
  openReporter,
  reporterOf,
  retryUntilSent,
  sendButton,
  sha256,
  statusOf,
  storedCopies,
  until,
} from '../support/e2e-report.js';

describe('fault matrix: the report survives every fault', () => {
  let browser: Browser;
  let data: ReturnType<typeof tempDataDir>;
  let port: number;
  let service: ServiceProcess;
  let proxy: FaultProxy;
  const contexts: BrowserContext[] = [];

  const startService = async () => (service = await spawnDemoService(data.dir, port));
  /** A page in a fresh context: its own outbox, as on another agent's machine. */
  async function freshPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error('page error:', error.message));
    return page;
  }

  before(async () => {
    data = tempDataDir();
    port = await freePort();
    await startService();
    proxy = await startFaultProxy(service.url, { keepHost: true });
    browser = await launchChromium();
  });

  // A case's pages close with it, so no outbox of an earlier case retries into a later one's faults.
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close().catch(() => undefined);
  });

  after(async () => {
    await browser?.close();
    await proxy?.close();
    await service?.kill('SIGTERM');
    data?.remove();
  });

  it('offline during submit: stays queued on the device, nothing leaves it, and it is sent once the network is back', async () => {
    const page = await freshPage();
    const files = agentFiles();
    await openReporter(page, proxy.url);
    await fillReport(page, 'Offline: chats stop routing when the VPN drops', files);
    await page.context().setOffline(true);
    await sendButton(page).click();
    await statusOf(page).filter({ hasText: 'Queued' }).waitFor();
    await page.keyboard.press('Escape');
    const id = await onlyReportId(page);
    await myReport(page, id, 'queued').waitFor();
    assert.equal(proxy.posts(id), 0, 'nothing reached the network');

    await page.context().setOffline(false);
    await myReport(page, id, 'sent').waitFor({ timeout: 30_000 });
    await assertDeliveredOnce(service.url, id, files);
  });

  it('queued by an earlier page: the next page delivers it once idle, without a click', async () => {
    const page = await freshPage();
    const context = page.context();
    const files = agentFiles();
    await openReporter(page, proxy.url);
    await fillReport(page, 'Queued offline, then the agent closes the desktop', files);
    await context.setOffline(true);
    await sendButton(page).click();
    await statusOf(page).filter({ hasText: 'Queued' }).waitFor();
    await page.keyboard.press('Escape');
    const id = await onlyReportId(page);
    await page.close();
    assert.equal(proxy.posts(id), 0, 'nothing reached the network');

    // The next page is the plain console, wired as the README wires a page: no My reports listing
    // the outbox, no click. Its outbox loads once the page is idle and drains what is queued.
    await context.setOffline(false);
    const next = await context.newPage();
    await next.goto(`${proxy.url}/embed-console.html`);
    await until('the queued report is stored', async () => (await storedCopies(service.url, id)) === 1);
    await assertDeliveredOnce(service.url, id, files);
    assert.equal(await next.locator('triage-reporter[open], triage-reporter dialog[open]').count(), 0, 'no form was opened');
  });

  it('service down, then up: queued while it is down, delivered once when it is back', async () => {
    const page = await freshPage();
    const files = agentFiles();
    await openReporter(page, service.url);
    await fillReport(page, 'Down then up: the intake service restarts', files);
    await service.kill('SIGTERM');
    await sendButton(page).click();
    await statusOf(page).filter({ hasText: 'Queued' }).waitFor({ timeout: 20_000 });
    await page.keyboard.press('Escape');
    const id = await onlyReportId(page);
    await myReport(page, id, 'queued').filter({ hasText: /Could not reach the intake service/ }).waitFor({ timeout: 20_000 });

    await startService();
    await retryUntilSent(page, id);
    await assertDeliveredOnce(service.url, id, files);
  });

  it('service down before the first click (the page had been idle): the warmed form still grades, checks and queues, and it is delivered once the service is back', async () => {
    const page = await freshPage();
    const files = agentFiles();
    await page.goto(`${service.url}/`);
    // The demo's service also serves the embed files, so once it is down nothing more can load:
    // wait for the launcher's idle warm-up to have fetched what the form loads after its first view.
    const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '../../dist/embed/manifest.json'), 'utf8')) as Record<string, { name?: string }>;
    const later = Object.keys(manifest).filter((file) => ['later', 'core', 'ticket'].includes(manifest[file]!.name ?? ''));
    assert.equal(later.length, 3, 'the manifest names the later, core and ticket chunks');
    await page.waitForFunction(
      (files) => files.every((file) => performance.getEntriesByType('resource').some((entry) => entry.name.endsWith(`/${file}`))),
      later,
      { timeout: 20_000 },
    );
    await service.kill('SIGTERM');
    await openReporter(page, service.url);
    await fillReport(page, 'Down before the click: the form was only warmed', files);
    await reporterOf(page).getByText(/Suggested: Severity 2/).first().waitFor(); // graded by the warmed core
    await sendButton(page).click();
    await statusOf(page).filter({ hasText: 'Queued' }).waitFor({ timeout: 20_000 });
    await page.keyboard.press('Escape');
    const id = await onlyReportId(page);
    await myReport(page, id, 'queued').waitFor({ timeout: 20_000 });

    await startService();
    await retryUntilSent(page, id);
    await assertDeliveredOnce(service.url, id, files);
  });

  it('three 500s in a row: retried on its own, stored once after the fourth attempt', async () => {
    const page = await freshPage();
    const files = agentFiles();
    await openReporter(page, proxy.url);
    await fillReport(page, 'Three 500s: the service fails three times', files);
    proxy.fail({ status: 500, times: 3 });
    await sendButton(page).click();
    await page.keyboard.press('Escape');
    const id = await onlyReportId(page);
    await myReport(page, id, 'sent').waitFor({ timeout: 45_000 });
    assert.equal(proxy.posts(id), 4, 'three refused uploads and the one that was stored');
    await assertDeliveredOnce(service.url, id, files);
  });

  it('a service slower than the timeout: the late answer is not lost, and the retry finds the stored ticket instead of a second one', async () => {
    const page = await freshPage();
    // The administrator's delivery timeout, shortened so the case runs in seconds.
    await page.route('**/demo/config.json', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...(await response.json()), timeoutMs: 3_000 } });
    });
    const files = agentFiles();
    await openReporter(page, proxy.url);
    await fillReport(page, 'Slow service: the answer comes after the timeout', files);
    proxy.answerLate(8_000, 1);
    await sendButton(page).click();
    await page.keyboard.press('Escape');
    const id = await onlyReportId(page);
    // Stored by the service, but the device was never told: it must not claim "sent".
    await until('the service stored the first upload', async () => (await storedCopies(service.url, id)) === 1);
    await myReport(page, id, 'sent').waitFor({ timeout: 45_000 });
    assert.ok(proxy.posts(id) >= 2, 'the upload was tried again after the timeout');
    const { reference } = await assertDeliveredOnce(service.url, id, files);
    await myReport(page, id, 'sent').filter({ hasText: reference }).waitFor();
  });

  it('page reload in the middle of an upload: the reloaded page sends it again, and it is stored once', async () => {
    const page = await freshPage();
    const files = agentFiles(1536 * 1024);
    await openReporter(page, proxy.url);
    await fillReport(page, 'Reload mid-upload: the agent refreshes the desktop', files);
    proxy.slow(100, 1); // the first upload is read slowly, so it is still going when the page reloads
    await sendButton(page).click();
    await page.keyboard.press('Escape');
    const id = await onlyReportId(page);
    await until('the upload has started', () => proxy.posts(id) === 1);
    assert.equal(await storedCopies(service.url, id), 0, 'the first upload had not finished');
    await page.reload();
    await myReport(page, id, 'sent').waitFor({ timeout: 45_000 });
    assert.ok(proxy.posts(id) >= 2, 'sent again by the reloaded page');
    await assertDeliveredOnce(service.url, id, files);
  });

  it('the service killed with SIGKILL mid-request: queued while it is gone, stored once after the restart', async () => {
    const page = await freshPage();
    const files = agentFiles(1536 * 1024);
    await openReporter(page, proxy.url);
    await fillReport(page, 'SIGKILL mid-request: the service dies during an upload', files);
    proxy.slow(100, 1);
    await sendButton(page).click();
    await page.keyboard.press('Escape');
    const id = await onlyReportId(page);
    await until('the upload has started', () => proxy.posts(id) === 1);
    await service.kill('SIGKILL');
    await myReport(page, id, 'queued').waitFor({ timeout: 20_000 });

    await startService();
    await retryUntilSent(page, id);
    await assertDeliveredOnce(service.url, id, files);
  });

  it('after kill -9 straight after a burst of 201s, every acknowledged ticket is there on restart, whole', async () => {
    const burst = 40;
    const attachment = agentFiles(32 * 1024)[1]!;
    const acknowledged: string[] = [];
    const ids = Array.from({ length: burst }, () => crypto.randomUUID());
    const uploads = ids.map((id, n) => {
      const ticket = {
        id,
        createdAt: new Date().toISOString(),
        summary: `Burst report ${n}`,
        category: 'chat-routing',
        occurredAt: new Date().toISOString(),
        timeZone: 'America/New_York',
        severity: { suggested: 3, reasons: ['One agent.'], chosen: 3 },
        reporter: { accountId: String(1000 + n), login: `agent${n}` },
        attachments: [{ name: attachment.name, type: attachment.mimeType, size: attachment.buffer.length, kind: 'logs' }],
      };
      const body = new FormData();
      body.append('ticket', JSON.stringify(ticket));
      body.append('attachment', new Blob([new Uint8Array(attachment.buffer)], { type: attachment.mimeType }), attachment.name);
      return fetch(`${service.url}/api/tickets`, {
        method: 'POST',
        body,
        headers: { authorization: `Bearer ${API_KEY}`, 'idempotency-key': id },
      }).then(
        async (response) => {
          if (response.status === 201) acknowledged.push(id);
          else assert.fail(`the burst got ${response.status}: ${await response.text()}`);
        },
        () => undefined, // cut off by the kill: never acknowledged, so the client still holds it
      );
    });
    // The kill comes while the rest of the burst is still arriving.
    await until('half the burst is acknowledged', () => acknowledged.length >= burst / 2);
    const killedAfter = acknowledged.length;
    await service.kill('SIGKILL');
    await Promise.all(uploads);
    assert.ok(killedAfter >= burst / 2);

    await startService();
    for (const id of acknowledged) await assertDeliveredOnce(service.url, id, [attachment]);
    // Cut off before its answer, a ticket may or may not be stored, but never in part.
    for (const id of ids.filter((id) => !acknowledged.includes(id))) {
      if ((await storedCopies(service.url, id)) > 0) await assertDeliveredOnce(service.url, id, [attachment]);
    }
  });

  it('a double click on Send: one report on the device, one upload, one ticket', async () => {
    const page = await freshPage();
    const files = agentFiles();
    await openReporter(page, proxy.url);
    await fillReport(page, 'Double click: the agent clicks Send twice', files);
    await sendButton(page).dblclick();
    await statusOf(page).filter({ hasText: 'Sent.' }).waitFor({ timeout: 20_000 });
    await page.keyboard.press('Escape');
    const id = await onlyReportId(page);
    await myReport(page, id, 'sent').waitFor();
    assert.equal(proxy.posts(id), 1, 'one upload');
    await assertDeliveredOnce(service.url, id, files);
  });

  it('two tabs on one outbox: both show the report, one of them uploads it, once', async () => {
    const first = await freshPage();
    const second = await first.context().newPage();
    const files = agentFiles();
    await openReporter(first, proxy.url);
    await second.goto(`${proxy.url}/`);
    await second.locator('#reports').waitFor();
    await fillReport(first, 'Two tabs: the desktop is open twice', files);
    await proxy.down();
    await sendButton(first).click();
    await statusOf(first).filter({ hasText: 'Queued' }).waitFor({ timeout: 20_000 });
    await first.keyboard.press('Escape');
    const id = await onlyReportId(first);
    await myReport(second, id, 'queued').waitFor({ timeout: 20_000 }); // the other tab is told too

    await proxy.up();
    // The second tab asks for a retry while the first may be retrying on its own backoff.
    await retryUntilSent(second, id);
    await myReport(first, id, 'sent').waitFor({ timeout: 20_000 });
    assert.equal(proxy.posts(id), 1, 'one upload from the two tabs');
    await assertDeliveredOnce(service.url, id, files);
  });

  it('the browser storage quota exhausted: the agent is told, nothing is sent, and the report downloads as a file with its attachments', async () => {
    const page = await freshPage();
    // Chromium's quota for this context's origin, shrunk through DevTools before the page stores anything.
    const devtools = await page.context().newCDPSession(page);
    await devtools.send('Storage.overrideQuotaForOrigin', { origin: proxy.url, quotaSize: 256 * 1024 });
    const files = agentFiles(1024 * 1024);
    await openReporter(page, proxy.url);
    await fillReport(page, 'Quota: the device has no room for the report', files);
    await sendButton(page).click();
    const status = statusOf(page);
    await status.filter({ hasText: 'This device has no room to keep the report' }).waitFor({ timeout: 20_000 });
    assert.match(await status.innerText(), /Nothing was sent/);

    const download = page.waitForEvent('download');
    await status.getByRole('button', { name: /download/i }).click();
    const file = JSON.parse(readFileSync(await (await download).path(), 'utf8')) as {
      format: string;
      ticket: { id: string; summary: string };
      attachments: Array<{ name: string; data: string }>;
    };
    assert.equal(file.format, 'triage-kit-report');
    assert.equal(file.ticket.summary, 'Quota: the device has no room for the report');
    assert.deepEqual(
      file.attachments.map((a) => [a.name, sha256(Buffer.from(a.data, 'base64'))]),
      files.map((f) => [f.name, sha256(f.buffer)]),
      'the file holds every attachment, byte for byte',
    );
    assert.equal(proxy.posts(file.ticket.id), 0, 'nothing was sent');
    assert.equal(await storedCopies(service.url, file.ticket.id), 0);
    await devtools.detach();
  });

  it('the server disk full: the client keeps the report and retries, nothing half-written is stored or served, and it arrives once there is room', async (t) => {
    // A real full disk: the second service's data directory is a small tmpfs, filled up.
    const disk = tempDataDir();
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m,mode=0700', 'tmpfs', disk.dir], { stdio: 'pipe' });
    } catch (error) {
      disk.remove();
      if (process.getuid?.() !== 0) return t.skip('mounting a tmpfs needs root (CI runs as root)');
      throw error;
    }
    const fullPort = await freePort();
    let full: ServiceProcess | undefined;
    try {
      full = await spawnDemoService(disk.dir, fullPort);
      const page = await freshPage();
      const files = agentFiles(1024 * 1024);
      await openReporter(page, full.url);
      await fillReport(page, 'Disk full: the service has no room', files);
      const filler = join(disk.dir, 'filler');
      const { bavail, bsize } = statfsSync(disk.dir);
      writeFileSync(filler, Buffer.alloc(Math.max(0, bavail * bsize - 128 * 1024)));

      await sendButton(page).click();
      await page.keyboard.press('Escape');
      const id = await onlyReportId(page);
      await myReport(page, id, 'queued').filter({ hasText: /507/ }).waitFor({ timeout: 30_000 });
      assert.equal(await storedCopies(full.url, id), 0, 'no ticket while the disk is full');
      const missing = await fetch(`${full.url}/api/tickets/${id}`, { headers: { authorization: `Bearer ${SUPPORT_KEY}` } });
      assert.equal(missing.status, 404, 'nothing half-written is served');
      const leftovers = existsSync(join(disk.dir, 'tmp')) ? readdirSync(join(disk.dir, 'tmp')) : [];
      assert.deepEqual(leftovers, [], 'no half-written blob is left behind');
      for (const file of files) {
        const blob = join(disk.dir, 'blobs', sha256(file.buffer).slice(0, 2), sha256(file.buffer).slice(2));
        assert.equal(existsSync(blob) && readFileSync(blob).length !== file.buffer.length, false, `${file.name} is not stored in part`);
      }

      rmSync(filler);
      await retryUntilSent(page, id, 45_000);
      await assertDeliveredOnce(full.url, id, files);
    } finally {
      await full?.kill('SIGTERM');
      execFileSync('umount', [disk.dir]);
      disk.remove();
    }
  });
});
