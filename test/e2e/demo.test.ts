// End to end, as a new user would: the demo desktop in Chromium, served by the real intake
// service on SQLite. An agent files a report with the keyboard, the service stops, a second
// report waits on the device, the service comes back, and both arrive exactly once and show
// on /admin.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_KEY, freePort, launchChromium, startDemoService, tempDataDir } from '../support/e2e-demo.js';

const start = (dataDir: string, port: number) => startDemoService(dataDir, port);

// Reading tickets needs a support or admin key: the browser key (API_KEY) reads only its own, by receipt.
async function api(url: string, path: string) {
  const response = await fetch(url + path, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
  assert.equal(response.status, 200, `${path} answered ${response.status}`);
  return response.json();
}

// Each launcher on the desktop makes its reporter, closed, once the page is idle: the one opened is named by its launcher.
/** Opens the reporter from the workspace header's launcher, as a user would, and waits for the form. */
const launcher = (page: Page) => page.locator('#workspace-launcher').getByRole('button', { name: 'Report an issue', exact: true });


/** Presses Tab until the reporter's field with this id has focus (keyboard only, bounded). */
async function tabTo(page: Page, id: string) {
  for (let presses = 0; presses < 30; presses++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.querySelector('#workspace-launcher triage-reporter')?.shadowRoot?.activeElement?.id);
    if (focused === id) return;
  }
  assert.fail(`Tab never reached #${id}`);
}

const severityText = (page: Page) => page.locator('#workspace-launcher triage-reporter .suggestion .badge').innerText();

describe('demo desktop with the intake service', () => {
  let browser: Browser;
  let page: Page;
  let dataDir: ReturnType<typeof tempDataDir>;
  let port: number;
  let intake: Awaited<ReturnType<typeof start>>;

  before(async () => {
    dataDir = tempDataDir();
    port = await freePort();
    intake = await start(dataDir.dir, port);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => console.error('page error:', error.message));
    // The service sends a strict CSP (no inline scripts or styles); record anything it blocks.
    await page.addInitScript(() => {
      const seen: string[] = ((window as unknown as { cspViolations: string[] }).cspViolations = []);
      document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
    });
  });

  after(async () => {
    await browser?.close();
    await intake?.close();
    dataDir.remove();
  });

  let firstReference = '';
  let secondId = '';

  it('shows the launcher, and a keyboard-only agent files a report whose severity follows the typing', async () => {
    await page.goto(intake.url + '/');
    await launcher(page).waitFor({ state: 'visible' });
    // The account id comes from the (simulated) OSvC host, marked with its source.
    await launcher(page).click();
    await page.locator('#workspace-launcher triage-reporter #f-summary').waitFor({ state: 'visible' });
    assert.notEqual(await page.locator('#workspace-launcher triage-reporter #f-reporter-accountId').inputValue(), '');

    // Focus starts in the summary; from there on only the keyboard.
    await page.keyboard.type('Chat offers vanish before agents can accept them');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown'); // category select: first real choice is media-bar-login
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown'); // chat-routing
    assert.equal(await page.locator('#workspace-launcher triage-reporter #f-category').inputValue(), 'chat-routing');

    await tabTo(page, 'f-impact-agentsAffected');
    await page.keyboard.type('1');
    assert.match(await severityText(page), /Severity 3/);
    await page.keyboard.press('Backspace');
    await page.keyboard.type('4');
    assert.match(await severityText(page), /Severity 2/);
    await page.keyboard.press('Tab');
    await page.keyboard.type('10'); // agents in the team: 4 of 10 is 40 %
    assert.match(await severityText(page), /Severity 1/);

    await page.keyboard.press('Control+Enter'); // the documented shortcut: Enter alone in a text field no longer sends
    const status = page.locator('#workspace-launcher triage-reporter [part~="status"]');
    await status.filter({ hasText: 'Sent.' }).waitFor({ timeout: 15_000 });
    firstReference = /reference is (\S+?)\./.exec(await status.innerText())?.[1] ?? '';
    assert.notEqual(firstReference, '');
    await page.keyboard.press('Escape');
    const violations = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
    assert.deepEqual(violations, [], 'nothing the page needs is blocked by the Content-Security-Policy');
  });

  it('keeps a report made while the service is down, shows it queued, and delivers it once it is back', async () => {
    await intake.close();
    // Reopened, the reporter still shows the last report's outcome and offers a new one.
    await launcher(page).click();
    await page.locator('#workspace-launcher triage-reporter').getByRole('button', { name: 'Start a new report' }).click();
    await page.locator('#workspace-launcher triage-reporter #f-summary').waitFor({ state: 'visible' });
    await page.locator('#workspace-launcher triage-reporter #f-summary').fill('Media bar login fails for the night shift');
    await page.locator('#workspace-launcher triage-reporter #f-category').selectOption('media-bar-login');
    await page.locator('#workspace-launcher triage-reporter #f-impact-agentsAffected').fill('2');
    await page.locator('#workspace-launcher triage-reporter [part~="submit"]').click();
    const status = page.locator('#workspace-launcher triage-reporter [part~="status"]');
    await status.filter({ hasText: 'Queued' }).waitFor({ timeout: 20_000 });
    await page.keyboard.press('Escape');

    // "My reports" beside the workspace says so too.
    const queued = page.locator('#reports [part~="item"][data-state="queued"]');
    await queued.first().waitFor({ timeout: 10_000 });
    secondId = (await queued.first().getAttribute('data-id')) ?? '';
    assert.notEqual(secondId, '');

    intake = await start(dataDir.dir, port);
    // The agent asks for a retry. The outbox also retries by itself on its backoff, and when that
    // comes first the report turns sent and the button leaves before the agent reaches it: either
    // way the report must end up sent.
    const item = page.locator(`#reports [part~="item"][data-id="${secondId}"]`);
    const sent = page.locator(`#reports [part~="item"][data-id="${secondId}"][data-state="sent"]`);
    await Promise.race([
      item.getByRole('button', { name: 'Try again now' }).click({ timeout: 20_000 }).catch(() => undefined),
      sent.waitFor({ timeout: 20_000 }),
    ]);
    await sent.waitFor({ timeout: 20_000 });
  });

  it('stored both reports exactly once, across the restart', async () => {
    const list = await api(intake.url, '/api/tickets?limit=50');
    const ids = list.items.map((item: { id: string }) => item.id);
    assert.equal(ids.length, 2, `expected two tickets, got ${ids.length}`);
    assert.equal(new Set(ids).size, 2);
    assert.ok(ids.includes(secondId));
    const first = list.items.find((item: { reference: string }) => item.reference === firstReference);
    assert.ok(first, 'the first report is stored under the reference the agent was shown');
    assert.equal(first.severity?.chosen ?? (await api(intake.url, `/api/tickets/${first.id}`)).severity.chosen, 1);
  });

  it('with "Docked form" ticked, the chat stays beside the open form: the agent types to the customer while the draft waits', async () => {
    const desk = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    desk.on('pageerror', (error) => console.error('page error:', error.message));
    await desk.addInitScript(() => {
      const seen: string[] = ((window as unknown as { cspViolations: string[] }).cspViolations = []);
      document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
    });
    await desk.goto(intake.url + '/');
    // The banner's switch is wired once the desktop has installed the add-in.
    await desk.locator('#bui-menus .bui-menu-button').waitFor();
    await desk.getByLabel('Docked form').check();
    await launcher(desk).click();
    const summary = desk.locator('#workspace-launcher triage-reporter #f-summary');
    await summary.waitFor({ state: 'visible' });
    await summary.fill('Chat offers vanish while I type');

    // A click as a user makes: it fails if the sheet lies over the chat box.
    const message = desk.getByRole('textbox', { name: 'Message to customer' });
    await message.click({ timeout: 5_000 });
    await desk.keyboard.type('Could you try reloading the page?');
    await desk.keyboard.press('Enter');
    await desk.locator('#chat-log li').last().filter({ hasText: 'Could you try reloading the page?' }).waitFor({ timeout: 5_000 });
    assert.equal(await message.inputValue(), '', 'the box is ready for the next line');
    const beside = await desk.evaluate(() => {
      const sheet = document.querySelector('#workspace-launcher triage-reporter')!.shadowRoot!.querySelector('dialog')!;
      const chat = document.querySelector('.chat')!.getBoundingClientRect();
      return { open: sheet.open, chatRight: chat.right, sheetLeft: sheet.getBoundingClientRect().left };
    });
    assert.ok(beside.open, 'the form stays open');
    assert.ok(beside.chatRight <= beside.sheetLeft, `the chat panel (right edge ${beside.chatRight}) is left of the sheet (${beside.sheetLeft})`);
    assert.equal(await summary.inputValue(), 'Chat offers vanish while I type', 'the draft is untouched');
    assert.deepEqual(await desk.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations), []);
    await desk.close();
  });

  it('shows both reports to the support team on /admin', async () => {
    const admin = await browser.newPage();
    await admin.goto(intake.url + '/admin');
    await admin.getByLabel(/admin key/i).fill(ADMIN_KEY);
    await admin.getByRole('button', { name: /sign in/i }).click();
    const table = admin.locator('table');
    await table.waitFor();
    const text = await table.innerText();
    assert.match(text, /Chat offers vanish before agents can accept them/);
    assert.match(text, /Media bar login fails for the night shift/);
    assert.ok(text.includes(firstReference));
    await admin.close();
  });
});
