// Issue 12's "Done when", end to end: the demo desktop in Chromium on the real intake service. An
// agent sends a report; support, in /admin through its forms, acknowledges it, regrades it to 2
// with the policy's reason, posts an update and asks for logs; the agent's My reports shows each
// step with the launcher's badge, the logs request is answered with one click and the logs arrive
// on the ticket; a second agent sees the known-incident banner and joins instead of filing.
// The demo follows support every 300 ms here (its config), and every wait is for a state.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ADMIN_KEY, freePort, launchChromium, startDemoService, tempDataDir } from '../support/e2e-demo.js';

const STEP = { timeout: 20_000 };

async function api(url: string, path: string) {
  const response = await fetch(url + path, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
  assert.equal(response.status, 200, `${path} answered ${response.status}`);
  return response.json();
}

// Each launcher on the desktop makes its reporter, closed, once the page is idle: the one opened is named by its launcher.
const workspaceLauncher = (page: Page) => page.locator('#workspace-launcher').getByRole('button', { name: /^Report an issue/ });
const badge = (page: Page) => page.locator('#workspace-launcher [part=badge]');

async function openDesktop(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.goto(url + '/');
  await workspaceLauncher(page).waitFor({ state: 'visible' });
  return page;
}

describe('closing the loop: support talks back to the desktop', () => {
  let browser: Browser;
  let dataDir: ReturnType<typeof tempDataDir>;
  let intake: Awaited<ReturnType<typeof startDemoService>>;
  let agent: Page;
  let admin: Page;
  let ticketId = '';
  let reference = '';

  before(async () => {
    dataDir = tempDataDir();
    intake = await startDemoService(dataDir.dir, await freePort(), { follow: { intervalMs: 300 } });
    browser = await launchChromium();
    agent = await openDesktop(await browser.newContext({ viewport: { width: 1280, height: 900 } }), intake.url);
    admin = await (await browser.newContext()).newPage();
  });

  after(async () => {
    await browser?.close();
    await intake?.close();
    dataDir.remove();
  });

  const item = () => agent.locator(`#reports [part~="item"][data-state="sent"]`).first();
  const supportBlock = () => item().locator('[part=support]');

  /** On the ticket's /admin page: submits a form by its button and waits for the confirmation. */
  async function submitAdmin(button: string) {
    await admin.getByRole('button', { name: button }).click();
    await admin.getByRole('status').waitFor(STEP);
  }

  it('the agent sends a report and My reports follows it', async () => {
    await workspaceLauncher(agent).click();
    await agent.locator('#workspace-launcher triage-reporter #f-summary').fill('Chat offers vanish before agents can accept them');
    await agent.locator('#workspace-launcher triage-reporter #f-category').selectOption('chat-routing');
    await agent.locator('#workspace-launcher triage-reporter #f-impact-agentsAffected').fill('4');
    await agent.locator('#workspace-launcher triage-reporter #f-impact-agentsTotal').fill('10');
    await agent.locator('#workspace-launcher triage-reporter [part~="submit"]').click();
    const status = agent.locator('#workspace-launcher triage-reporter [part~="status"]');
    await status.filter({ hasText: 'Sent.' }).waitFor(STEP);
    reference = /reference is (\S+?)\./.exec(await status.innerText())?.[1] ?? '';
    assert.notEqual(reference, '');
    await agent.keyboard.press('Escape');
    await supportBlock().waitFor(STEP);
    assert.match(await supportBlock().locator('.support-status').innerText(), /^Support: New$/);
    assert.equal(await badge(agent).isHidden(), true, 'no badge before support did anything');
    const list = await api(intake.url, '/api/tickets?limit=10');
    ticketId = list.items.find((t: { reference: string }) => t.reference === reference).id;
  });

  it('support acknowledges in /admin; the agent sees it marked new, with the badge', async () => {
    await admin.goto(intake.url + '/admin');
    await admin.getByLabel(/admin key/i).fill(ADMIN_KEY);
    await admin.getByRole('button', { name: /sign in/i }).click();
    await admin.getByRole('link', { name: reference }).click();
    await admin.getByLabel('New status').selectOption('acknowledged');
    await admin.locator('#status-reason').fill('Paging the chat team');
    await submitAdmin('Change status');

    await item().locator('[part=support][data-status="acknowledged"]').waitFor(STEP);
    assert.match(await supportBlock().locator('.support-status').innerText(), /Support: Acknowledged\s*New/);
    await badge(agent).filter({ hasText: '1' }).waitFor(STEP);
    // The count is in the launcher's accessible name, not only in the picture.
    await agent.getByRole('button', { name: 'Report an issue, 1 with news from support', exact: true }).waitFor(STEP);
  });

  it('support regrades to 2 with the policy reason and posts an update; both show', async () => {
    await admin.getByLabel('New severity').selectOption('2');
    await admin.locator('#regrade-reason').selectOption('bcp-in-place');
    await admin.locator('#severity-reason').fill('Agents moved to the backup queue');
    await submitAdmin('Change severity');
    await supportBlock().locator('.severity', { hasText: 'Severity 2' }).waitFor(STEP);
    assert.match(await supportBlock().locator('.severity').innerText(), /^Severity 2, changed by support: business continuity plan in place: Agents moved to the backup queue/);

    await admin.locator('#update-kind').selectOption('update');
    await admin.locator('#update-text').fill('Routing is being rebuilt; next update within the hour.');
    await submitAdmin('Post');
    await supportBlock().locator('[part=updates] li', { hasText: 'Routing is being rebuilt' }).waitFor(STEP);
    assert.match(await supportBlock().locator('[part=updates] li').first().innerText(), /^Update from .+New/s);
    assert.equal(await badge(agent).innerText(), '1', 'one report with news');
  });

  it('support asks for logs; one click sends them and they arrive on the ticket', async () => {
    await admin.locator('#logs-note').fill('Please send your media bar logs');
    await submitAdmin('Ask the reporter and the joined agents');
    const send = supportBlock().getByRole('button', { name: 'Send my logs for this window' });
    await send.waitFor(STEP);
    assert.match(await supportBlock().locator('[part=log-request]').innerText(), /Support asks for your logs from .+ to .+\./);
    await send.click();
    await supportBlock().locator('[part=log-request][data-state="answered"]').waitFor(STEP);
    const ticket = await api(intake.url, `/api/tickets/${ticketId}`);
    assert.equal(ticket.attachments.filter((a: { kind: string }) => a.kind === 'logs').length, 1, 'the logs are an attachment of the ticket');
    assert.equal(ticket.logRequests[0].state, 'answered');

    // The agent looked: nothing is new any more, and the badge goes.
    await supportBlock().getByRole('button', { name: 'Mark as seen' }).click();
    await badge(agent).waitFor({ state: 'hidden', ...STEP });
  });

  it('a second agent sees the known-incident banner and joins instead of filing', async () => {
    await admin.locator('#incident-title').fill('Chats not routing');
    await admin.locator('#incident-workaround').fill('Use the backup queue');
    await submitAdmin('Create the incident and link this ticket');

    const second = await openDesktop(await browser.newContext({ viewport: { width: 1280, height: 900 } }), intake.url);
    await workspaceLauncher(second).click();
    await second.locator('#workspace-launcher triage-reporter #f-category').selectOption('chat-routing');
    const banner = second.locator('#workspace-launcher triage-reporter [part~="known-incident"]');
    await banner.waitFor(STEP);
    assert.match(await banner.innerText(), /Known issue: Chats not routing\s+Workaround: Use the backup queue/);
    await banner.getByRole('button', { name: "I'm affected too" }).click();
    await banner.getByRole('status').filter({ hasText: 'You are counted as affected' }).waitFor(STEP);
    await second.keyboard.press('Escape');
    // Leaving the started form asks first; the agent keeps nothing of it.
    const discard = second.locator('#workspace-launcher triage-reporter').getByRole('button', { name: 'Discard draft' });
    if (await discard.isVisible()) await discard.click();
    await second.locator('#reports [data-kind="incident"] [part=support]').waitFor(STEP);

    const incidents = await api(intake.url, '/api/incidents');
    assert.equal(incidents.items.length, 1);
    assert.equal(incidents.items[0].joinedAgents, 1);
    const list = await api(intake.url, '/api/tickets?limit=10');
    assert.equal(list.items.length, 1, 'the second agent filed nothing');
    const ticket = await api(intake.url, `/api/tickets/${ticketId}`);
    assert.deepEqual(ticket.affected, { reported: ticket.affected.reported, joined: 1 });

    // The first agent's My reports shows the link to the known issue.
    await supportBlock().locator('.incident', { hasText: 'Chats not routing' }).waitFor(STEP);
  });
});
