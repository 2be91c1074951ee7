// End to end, issue 8's "done when": in the demo desktop a new user captures this tab with the
// customer's details already blacked out, adds one box by hand, attaches the last 15 minutes of
// logs with one click, sends, and the stored ticket holds both, with no secret the page logged.
// Real tab capture (--auto-accept-this-tab-capture), the real intake service on SQLite.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { ADMIN_KEY, launchChromium, startDemoService, tempDataDir } from '../support/e2e-demo.js';

// Planted in the page's console before the report: none of these may reach the stored logs.
const BEARER = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';
const SESSION_TOKEN = 'OsvcSess-9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const ORDINARY = 'marker-ordinary-line: incident 261127-000412 saved for queue ABC';

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** One click collects the window and shows what will go; confirming attaches it. */
async function attachLogs(tool: Locator): Promise<void> {
  await tool.getByRole('button', { name: 'Attach logs' }).click();
  await tool.getByRole('button', { name: 'Attach these logs' }).click();
  await tool.getByRole('status').filter({ hasText: 'Logs attached' }).waitFor();
}

async function admin(url: string, path: string): Promise<Response> {
  const response = await fetch(url + path, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
  assert.equal(response.status, 200, `${path} answered ${response.status}`);
  return response;
}

/** Share of a stored picture's pixels inside a box (CSS pixels of the captured tab) that are near black. */
async function darkShare(page: Page, picture: Buffer, box: Box, viewport: { width: number; height: number }): Promise<number> {
  return page.evaluate(
    async ({ bytes, box, viewport }) => {
      const bitmap = await createImageBitmap(new Blob([new Uint8Array(bytes)]));
      const sx = bitmap.width / viewport.width;
      const sy = bitmap.height / viewport.height;
      const canvas = document.createElement('canvas');
      canvas.width = bitmap.width;
      canvas.height = bitmap.height;
      const context = canvas.getContext('2d')!;
      context.drawImage(bitmap, 0, 0);
      // A pixel in from each edge: the mask covers the box, the encoder may blur its border.
      const x = Math.ceil(box.x * sx) + 1;
      const y = Math.ceil(box.y * sy) + 1;
      const data = context.getImageData(x, y, Math.max(1, Math.floor(box.w * sx) - 2), Math.max(1, Math.floor(box.h * sy) - 2)).data;
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! < 40 && data[i + 1]! < 40 && data[i + 2]! < 40) dark++;
      return dark / (data.length / 4);
    },
    { bytes: [...picture], box, viewport },
  );
}

/** The focused element, through every shadow root: its tag, its words, and the ids of the hosts around it. */
function deepFocus(page: Page) {
  return page.evaluate(() => {
    let element: Element | null = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    const hosts: string[] = [];
    for (let node: Node | null = element; node; node = (node.getRootNode() as ShadowRoot).host ?? null) {
      if (node instanceof Element && node.id) hosts.push(node.id);
      if (!(node.getRootNode() instanceof ShadowRoot)) {
        for (let up = (node as Element).parentElement; up; up = up.parentElement) if (up.id) hosts.push(up.id);
        break;
      }
    }
    const text = (element?.getAttribute('aria-label') ?? element?.textContent ?? '').trim().replace(/\s+/g, ' ');
    return { tag: element?.localName ?? '', id: element?.id ?? '', text, hosts };
  });
}

/** Presses Tab until focus is on what `matches` names (keyboard only, bounded, so a lost focus fails). */
async function tabTo(page: Page, what: string, matches: (focus: Awaited<ReturnType<typeof deepFocus>>) => boolean) {
  const seen: string[] = [];
  for (let presses = 0; presses < 80; presses++) {
    await page.keyboard.press('Tab');
    const focus = await deepFocus(page);
    if (matches(focus)) return;
    seen.push(`${focus.tag}#${focus.id}:${focus.text.slice(0, 30)}`);
  }
  assert.fail(`Tab never reached ${what}; focus went ${seen.join(' > ')}`);
}
const button = (name: string) => (focus: { tag: string; text: string }) => focus.tag === 'button' && focus.text === name;

/**
 * Run in the page before its scripts: the sha256 of each file the page puts in a ticket upload,
 * as window.sentDigests. A string, so the test transpiler's helpers never reach the page.
 */
const SENT_DIGESTS = `{
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function (body) {
    if (body instanceof FormData && body.has('ticket')) {
      window.sentDigests = Promise.all(body.getAll('attachment').map(async (file) => ({
        name: file.name,
        sha256: Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', await file.arrayBuffer())), (b) => b.toString(16).padStart(2, '0')).join(''),
      })));
    }
    return send.call(this, body);
  };
}`;

/**
 * Every Content-Security-Policy violation in any page or frame of this context (the demo is served
 * with the service's strict CSP, the add-in's pages with the BUI double's), as "url: directive
 * blocked". The tools must work with none: no inline style or script, no eval, no stray origin.
 */
async function recordCspViolations(context: BrowserContext): Promise<string[]> {
  const seen: string[] = [];
  await context.exposeBinding('reportCspViolation', ({ frame }, text: string) => void seen.push(`${frame.url()}: ${text}`));
  await context.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (event) =>
      (window as unknown as { reportCspViolation(text: string): void }).reportCspViolation(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`),
    ),
  );
  return seen;
}

describe('evidence in the demo desktop', () => {
  let browser: Browser;
  let page: Page;
  let cspViolations: string[];
  const data = tempDataDir();
  let intake: Awaited<ReturnType<typeof startDemoService>>;
  const viewport = { width: 1280, height: 900 };

  before(async () => {
    intake = await startDemoService(data.dir);
    browser = await launchChromium();
    page = await browser.newPage({ viewport });
    page.on('pageerror', (error) => console.error('page error:', error.message));
    cspViolations = await recordCspViolations(page.context());
  });

  after(async () => {
    await browser?.close();
    await intake?.close();
    data.remove();
  });

  it('captures the tab with customer details blacked out, adds a box, attaches the logs, and the stored ticket holds both without a secret', async () => {
    await page.goto(intake.url + '/');
    const launcher = page.locator('#workspace-launcher').getByRole('button', { name: 'Report an issue', exact: true });
    await launcher.waitFor({ state: 'visible' });
    await page.locator('#record-fields [data-customer="email"]').waitFor({ state: 'visible' });

    // What the page logs while the agent works: a REST retry with its credentials, the OSvC session, an ordinary line.
    await page.evaluate(
      ({ bearer, session, ordinary }) => {
        console.warn(`REST retry Authorization: Bearer ${bearer}`);
        console.info('OSvC session', { sessionToken: session, account: 4187 });
        console.log(ordinary);
      },
      { bearer: BEARER, session: SESSION_TOKEN, ordinary: ORDINARY },
    );
    // Where the customer's details are on the tab that will be captured.
    const masked = await page.evaluate(() =>
      ['name', 'email', 'phone'].map((kind) => {
        const r = document.querySelector(`#record-fields [data-customer="${kind}"]`)!.getBoundingClientRect();
        return { x: r.x, y: r.y, w: r.width, h: r.height };
      }),
    );
    const transcript = await page.locator('#chat-transcript').boundingBox();
    assert.ok(transcript, 'the chat transcript is on screen');

    await launcher.click();
    const reporter = page.locator('#workspace-launcher triage-reporter');
    await reporter.locator('#f-summary').waitFor({ state: 'visible' });
    await reporter.locator('#f-summary').fill('Chat offers vanish before agents can accept them');
    await reporter.locator('#f-category').selectOption('chat-routing');
    await reporter.locator('#f-impact-agentsAffected').fill('1');

    // Screenshot: this tab, masked before the editor shows it.
    const shot = reporter.locator('triage-screenshot');
    await shot.getByRole('button', { name: 'Capture this tab' }).click();
    const editor = shot.locator('triage-screenshot-editor');
    await editor.locator('svg').waitFor({ state: 'visible', timeout: 20_000 });
    await shot.locator('[part~="note"]').filter({ hasText: /areas with customer details were blacked out automatically/ }).waitFor();

    // One black-out box drawn by hand, over the media bar.
    const stage = (await editor.locator('svg').boundingBox())!;
    await page.mouse.move(stage.x + stage.width * 0.3, stage.y + stage.height * 0.1);
    await page.mouse.down();
    await page.mouse.move(stage.x + stage.width * 0.45, stage.y + stage.height * 0.16, { steps: 5 });
    await page.mouse.up();
    await editor.locator('rect.box.redact').waitFor();
    assert.equal(await editor.locator('rect.box.redact').count(), 1);
    await shot.getByRole('button', { name: 'Attach screenshot' }).click();
    await shot.getByRole('status').filter({ hasText: 'Screenshot attached' }).waitFor();

    await attachLogs(reporter.locator('triage-logs'));

    await reporter.locator('[part~="submit"]').click();
    const status = reporter.locator('[part~="status"]');
    await status.filter({ hasText: 'Sent.' }).waitFor({ timeout: 20_000 });
    const reference = /reference is (\S+?)\./.exec(await status.innerText())?.[1];
    assert.ok(reference, 'the agent is shown the reference');

    const list = await (await admin(intake.url, '/api/tickets?limit=10')).json();
    const item = list.items.find((ticket: { reference: string }) => ticket.reference === reference);
    assert.ok(item, 'the ticket is stored under that reference');
    const ticket = await (await admin(intake.url, `/api/tickets/${item.id}`)).json();
    const screenshot = ticket.attachments.findIndex((a: { kind: string }) => a.kind === 'screenshot');
    const logFile = ticket.attachments.findIndex((a: { kind: string }) => a.kind === 'logs');
    assert.ok(screenshot >= 0 && logFile >= 0, `both attachments are stored (${ticket.attachments.map((a: { kind: string }) => a.kind)})`);

    // The screenshot: how it was made, and the customer's details black in the stored pixels.
    const capture = ticket.attachments[screenshot].capture;
    assert.equal(capture.method, 'tab');
    assert.deepEqual(capture.masks.find((m: { source: string }) => m.source === 'manual'), { source: 'manual', count: 1 });
    assert.ok(capture.masks.some((m: { selector?: string; count: number }) => m.selector === '[data-customer]' && m.count >= 3), JSON.stringify(capture.masks));
    assert.ok(capture.masks.some((m: { selector?: string }) => m.selector === '[role="log"]'), 'the chat transcript is masked');
    const picture = Buffer.from(await (await admin(intake.url, `/api/tickets/${item.id}/attachments/${screenshot}`)).arrayBuffer());
    for (const box of [...masked, { x: transcript.x, y: transcript.y, w: transcript.width, h: transcript.height }]) {
      assert.ok((await darkShare(page, picture, box, viewport)) > 0.98, `masked box ${JSON.stringify(box)} is black in the stored picture`);
    }
    const banner = (await page.locator('.demo-banner').boundingBox())!;
    assert.ok((await darkShare(page, picture, { x: banner.x, y: banner.y, w: banner.width, h: banner.height }, viewport)) < 0.5, 'the rest of the tab is in the picture');

    // The logs: the incident window, the page's sources, and no planted secret in the bytes.
    const meta = ticket.attachments[logFile].logs;
    const windowMinutes = (Date.parse(meta.to) - Date.parse(meta.from)) / 60_000;
    assert.ok(windowMinutes >= 15 && windowMinutes < 20, `the window spans the last 15 minutes (${windowMinutes.toFixed(1)})`);
    assert.ok(meta.sources.includes('rewind'), meta.sources.join(', '));
    assert.ok(meta.sources.some((name: string) => /media/i.test(name)), `the media bar is a source: ${meta.sources.join(', ')}`);
    assert.ok(meta.sources.some((name: string) => /OSvC/.test(name)), `the OSvC extension is a source: ${meta.sources.join(', ')}`);
    assert.ok(meta.redacted >= 2, `redacted ${meta.redacted}`);
    const text = gunzipSync(Buffer.from(await (await admin(intake.url, `/api/tickets/${item.id}/attachments/${logFile}`)).arrayBuffer())).toString('utf8');
    const lines = text.trim().split('\n').map((line) => JSON.parse(line));
    assert.equal(lines.length, meta.entries);
    assert.ok(!text.includes(BEARER), 'the bearer token is gone');
    assert.ok(!text.includes(SESSION_TOKEN), 'the OSvC session token is gone');
    assert.ok(text.includes('[REDACTED:'), 'redaction marks are in place');
    assert.ok(lines.some((line) => line.message === ORDINARY), 'an ordinary line survives byte for byte');
    assert.deepEqual(cspViolations, [], 'the tools work under the strict Content-Security-Policy');
  });

  it('by keyboard alone: an agent files a report with a screenshot and logs, the stored ticket has every field and the same bytes, and /admin shows it', async () => {
    const keyboard = await browser.newPage({ viewport });
    keyboard.on('pageerror', (error) => console.error('page error:', error.message));
    const keyboardViolations = await recordCspViolations(keyboard.context());
    // The bytes the page hands to its upload, hashed in the page as they leave (the outbox drops them once sent).
    await keyboard.addInitScript(SENT_DIGESTS);
    await keyboard.goto(intake.url + '/');
    await keyboard.locator('#workspace-launcher').getByRole('button', { name: 'Report an issue', exact: true }).waitFor({ state: 'visible' });
    await tabTo(keyboard, 'the workspace launcher', (focus) => button('Report an issue')(focus) && focus.hosts.includes('workspace-launcher'));
    await keyboard.keyboard.press('Enter');
    const reporter = keyboard.locator('#workspace-launcher triage-reporter');
    await reporter.locator('#f-summary').waitFor({ state: 'visible' });

    // Focus starts in the summary.
    await keyboard.keyboard.type('Keyboard only: chat offers vanish before agents accept');
    await keyboard.keyboard.press('Tab');
    for (let n = 0; n < 3; n++) await keyboard.keyboard.press('ArrowDown'); // chat-routing
    assert.equal(await reporter.locator('#f-category').inputValue(), 'chat-routing');
    await tabTo(keyboard, 'agents affected', (focus) => focus.id === 'f-impact-agentsAffected');
    await keyboard.keyboard.type('3');

    await tabTo(keyboard, 'Capture this tab', button('Capture this tab'));
    await keyboard.keyboard.press('Enter');
    const shot = reporter.locator('triage-screenshot');
    await shot.locator('triage-screenshot-editor svg').waitFor({ state: 'visible', timeout: 20_000 });
    await tabTo(keyboard, 'Attach screenshot', button('Attach screenshot'));
    await keyboard.keyboard.press('Enter');
    await shot.getByRole('status').filter({ hasText: 'Screenshot attached' }).waitFor();

    const logs = reporter.locator('triage-logs');
    await tabTo(keyboard, 'Attach logs', button('Attach logs'));
    await keyboard.keyboard.press('Enter');
    await tabTo(keyboard, 'Attach these logs', button('Attach these logs'));
    await keyboard.keyboard.press('Enter');
    await logs.getByRole('status').filter({ hasText: 'Logs attached' }).waitFor();

    await tabTo(keyboard, 'Send report', button('Send report'));
    await keyboard.keyboard.press('Enter');
    const status = reporter.locator('[part~="status"]');
    await status.filter({ hasText: 'Sent.' }).waitFor({ timeout: 20_000 });
    const reference = /reference is (\S+?)\./.exec(await status.innerText())?.[1];
    assert.ok(reference, 'the agent is shown the reference');

    // Every field the agent gave, and the host's context, on the stored ticket.
    const list = await (await admin(intake.url, '/api/tickets?limit=20')).json();
    const item = list.items.find((ticket: { reference: string }) => ticket.reference === reference);
    assert.ok(item, 'the ticket is stored under that reference');
    const ticket = await (await admin(intake.url, `/api/tickets/${item.id}`)).json();
    assert.equal(ticket.summary, 'Keyboard only: chat offers vanish before agents accept');
    assert.equal(ticket.category, 'chat-routing');
    assert.equal(ticket.impact.agentsAffected, 3);
    assert.ok(ticket.severity.chosen >= 1 && ticket.severity.chosen <= 4 && ticket.severity.reasons.length > 0, JSON.stringify(ticket.severity));
    assert.ok(ticket.reporter.accountId, 'the account id from the OSvC host');
    assert.ok(ticket.occurredAt && ticket.timeZone && ticket.createdAt, 'when, and in which time zone');
    assert.deepEqual(ticket.attachments.map((a: { kind: string }) => a.kind).sort(), ['logs', 'screenshot']);

    // The bytes the page sent are the bytes stored and served.
    const sent = await keyboard.evaluate(() => (window as unknown as { sentDigests: Promise<Array<{ name: string; sha256: string }>> }).sentDigests);
    assert.deepEqual(sent.map((f) => f.name), ticket.attachments.map((a: { name: string }) => a.name), 'the page uploaded both files');
    for (const [index, file] of sent.entries()) {
      assert.equal(ticket.attachments[index].sha256, file.sha256, `${file.name}: the stored sha256 is the sent bytes'`);
      const served = Buffer.from(await (await admin(intake.url, `/api/tickets/${item.id}/attachments/${index}`)).arrayBuffer());
      assert.equal(createHash('sha256').update(served).digest('hex'), file.sha256, `${file.name} is served intact`);
    }
    assert.deepEqual(keyboardViolations, [], 'the tools work under the strict Content-Security-Policy');
    await keyboard.close();

    // /admin, by keyboard too: sign in, find the ticket in the list, open it.
    const support = await browser.newPage();
    await support.goto(intake.url + '/admin');
    await tabTo(support, 'the admin key field', (focus) => focus.id === 'key');
    await support.keyboard.type(ADMIN_KEY);
    await support.keyboard.press('Enter');
    await support.locator('table').waitFor();
    await tabTo(support, `the link to ${reference}`, (focus) => focus.tag === 'a' && focus.text === reference);
    await support.keyboard.press('Enter');
    await support.waitForURL(`**/admin/tickets/${item.id}`);
    const page = await support.locator('main').innerText();
    assert.match(page, /Keyboard only: chat offers vanish before agents accept/);
    for (const attachment of ticket.attachments) assert.ok(page.includes(attachment.name), `the detail lists ${attachment.name}`);
    await support.close();
  });

  it('gives the add-in modal\'s reporter both tools, and ships the capture window beside them in the zip', async () => {
    await page.goto(intake.url + '/');
    await page.locator('#bui-menus .bui-menu-button').click();
    await page.locator('#bui-menus .bui-menu-item', { hasText: 'Report an issue' }).click();
    const modal = page.frameLocator('#bui-modals iframe');
    await modal.locator('triage-reporter triage-screenshot').getByRole('button', { name: 'Capture this tab' }).waitFor({ timeout: 20_000 });
    // Both tools at work in the add-in's page, under the CSP the BUI double serves it with.
    const modalShot = modal.locator('triage-reporter triage-screenshot');
    await modalShot.getByRole('button', { name: 'Capture this tab' }).click();
    await modalShot.locator('triage-screenshot-editor svg').waitFor({ state: 'visible', timeout: 20_000 });
    await modalShot.getByRole('button', { name: 'Attach screenshot' }).click();
    await modalShot.getByRole('status').filter({ hasText: 'Screenshot attached' }).waitFor();
    await attachLogs(modal.locator('triage-reporter triage-logs'));
    // Where a site's permissions policy forbids capture in the modal, the tool opens this window instead.
    const reporterPage = page.frames().find((frame) => frame.url().endsWith('/triage-kit-reporter.html'));
    assert.ok(reporterPage, 'the modal shows the add-in page from the zip');
    // Asked from the page: the BUI double serves the installed zip's files to its own frames.
    const capturePage = await reporterPage.evaluate(async () => {
      const response = await fetch('js/triage-capture.html');
      return { status: response.status, text: await response.text() };
    });
    assert.equal(capturePage.status, 200);
    assert.match(capturePage.text, /triage-capture-page\.js/);
    assert.deepEqual(cspViolations, [], 'the add-in page and its tools work under its Content-Security-Policy');
  });
});
