// What the end-to-end suites do as an agent in the demo desktop (open the reporter, fill it,
// attach files, send) and what they check on the service afterwards: how many stored copies a
// report has, and that every stored attachment has the sha256 of the bytes the agent attached.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { SUPPORT_KEY } from './e2e-demo.js';

export interface AgentFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

export const sha256 = (data: Buffer | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** A real 1x1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** A screenshot and a log of `logBytes` random text: large enough that an upload takes a while when read slowly. */
export function agentFiles(logBytes = 64 * 1024): AgentFile[] {
  const log = Buffer.from(randomBytes(Math.ceil((logBytes * 3) / 4)).toString('base64').slice(0, logBytes), 'latin1');
  return [
    { name: 'screen.png', mimeType: 'image/png', buffer: PNG },
    { name: 'console.log', mimeType: 'text/plain', buffer: log },
  ];
}

export const reporterOf = (page: Page): Locator => page.locator('#workspace-launcher triage-reporter');
export const statusOf = (page: Page): Locator => reporterOf(page).locator('[part~="status"]');
/** The report's line in "My reports" beside the workspace, in a given delivery state. */
export const myReport = (page: Page, id: string, state?: string): Locator =>
  page.locator(`#reports [part~="item"][data-id="${id}"]${state ? `[data-state="${state}"]` : ''}`);

/** Loads the demo desktop and opens the reporter from the workspace header, as an agent would. */
export async function openReporter(page: Page, url: string): Promise<void> {
  if (page.url() !== `${url}/`) await page.goto(`${url}/`);
  const launcher = page.locator('#workspace-launcher').getByRole('button', { name: 'Report an issue', exact: true });
  await launcher.waitFor({ state: 'visible' });
  await launcher.click();
  await reporterOf(page).locator('#f-summary').waitFor({ state: 'visible' });
}

/** Fills the required fields and attaches the files through the reporter's file picker. */
export async function fillReport(page: Page, summary: string, files: AgentFile[]): Promise<void> {
  const reporter = reporterOf(page);
  await reporter.locator('#f-summary').fill(summary);
  await reporter.locator('#f-category').selectOption('chat-routing');
  await reporter.locator('#f-impact-agentsAffected').fill('2');
  if (files.length) {
    await reporter.locator('#f-files').setInputFiles(files);
    for (const file of files) await reporter.getByText(file.name, { exact: false }).first().waitFor();
  }
}

export const sendButton = (page: Page): Locator => reporterOf(page).locator('[part~="submit"]');

/** The id of the one report this page's outbox holds (each case runs in a fresh browser context). */
export async function onlyReportId(page: Page): Promise<string> {
  const item = page.locator('#reports [part~="item"]');
  await item.first().waitFor();
  assert.equal(await item.count(), 1, 'the device holds exactly one report');
  const id = await item.first().getAttribute('data-id');
  assert.ok(id, 'the report has an id');
  return id;
}

/**
 * Ends in "sent", whoever comes first: the agent's "Try again now", or the outbox retrying by
 * itself on its backoff (then the button leaves before the agent reaches it).
 */
export async function retryUntilSent(page: Page, id: string, timeout = 30_000): Promise<void> {
  const sent = myReport(page, id, 'sent');
  await Promise.race([
    myReport(page, id).getByRole('button', { name: 'Try again now' }).click({ timeout }).catch(() => undefined),
    sent.waitFor({ timeout }),
  ]);
  await sent.waitFor({ timeout });
}

async function support(url: string, path: string): Promise<Response> {
  return fetch(url + path, { headers: { authorization: `Bearer ${SUPPORT_KEY}` } });
}

/** How many stored tickets carry this id, walking the whole list as the support team would. */
export async function storedCopies(url: string, id: string): Promise<number> {
  let count = 0;
  let cursor = '';
  for (;;) {
    const response = await support(url, `/api/tickets?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assert.equal(response.status, 200, `the ticket list answered ${response.status}`);
    const page = (await response.json()) as { items: Array<{ id: string }>; nextCursor: string | null };
    count += page.items.filter((item) => item.id === id).length;
    if (!page.nextCursor) return count;
    cursor = page.nextCursor;
  }
}

/** The ticket was stored exactly once, and each attachment's stored bytes are the ones attached. */
export async function assertDeliveredOnce(url: string, id: string, files: AgentFile[]): Promise<{ reference: string }> {
  assert.equal(await storedCopies(url, id), 1, `ticket ${id} is stored exactly once`);
  const response = await support(url, `/api/tickets/${id}`);
  assert.equal(response.status, 200);
  const ticket = (await response.json()) as { reference: string; attachments: Array<{ name: string; sha256?: string }> };
  assert.deepEqual(ticket.attachments.map((a) => a.name), files.map((f) => f.name), 'every attachment is stored, in order');
  for (const [index, file] of files.entries()) {
    const bytes = Buffer.from(await (await support(url, `/api/tickets/${id}/attachments/${index}`)).arrayBuffer());
    assert.equal(sha256(bytes), sha256(file.buffer), `${file.name} arrived intact`);
  }
  return { reference: ticket.reference };
}

/** Polls a condition of the outside world (the service, the proxy) until it holds; no fixed sleeps. */
export async function until(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
