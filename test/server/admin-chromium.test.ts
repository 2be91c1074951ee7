// The admin pages in Debian's Chromium: signing in and changing a ticket through the real forms
// (the browser decides Origin, Sec-Fetch-Site and cookie handling), with no CSP violation.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser } from 'playwright-core';
import { ADMIN_KEY, PNG, getJson, makeTicket, postTicket, startTestServer, withFiles, type TestServer } from '../support/server-harness.js';

describe('admin pages in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  const files = [{ name: 'screen.png', type: 'image/png', data: PNG, kind: 'screenshot' as const }];
  const ticket = withFiles(makeTicket({ summary: 'Media bar login fails for the night shift', category: 'media-bar-login' }), files);

  before(async () => {
    server = await startTestServer();
    assert.equal((await postTicket(server.url, ticket, files)).status, 201);
    browser = await chromium.launch({
      executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
  });
  after(async () => {
    await browser?.close();
    await server.close();
  });

  it('signs in, opens a ticket and acknowledges it through the forms', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content.Security.Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    // Every request the pages make is answered: no 404 for the tab's icon or anything else.
    const failed: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(`${server.url}/admin`);
    assert.equal(new URL(page.url()).pathname, '/admin/login');
    // The stylesheet applied: the header bar is dark.
    const headerBackground = await page.locator('header.top').evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.equal(headerBackground, 'rgb(29, 35, 48)');

    await page.getByLabel('Admin key').fill(ADMIN_KEY);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}/admin`);
    const cookies = await page.context().cookies();
    assert.equal(cookies.length, 1);
    assert.equal(cookies[0]!.httpOnly, true);
    assert.equal(cookies[0]!.sameSite, 'Strict');
    assert.ok(!cookies[0]!.value.includes(ADMIN_KEY));
    assert.equal(await page.evaluate(() => document.cookie), '', 'scripts cannot read the session');

    await page.getByRole('link', { name: /^TK-\d{6}$/ }).click();
    await page.getByRole('heading', { level: 1, name: /Media bar login fails/ }).waitFor();
    await page.getByLabel('New status').selectOption('acknowledged');
    await page.getByRole('textbox', { name: 'Reason', exact: true }).first().fill('Paging the ACD team');
    await page.getByRole('button', { name: 'Change status' }).click();
    await page.locator('.status-acknowledged').first().waitFor();
    assert.ok((await page.content()).includes('Paging the ACD team'));
    // The confirmation is a status message and holds focus, so a screen reader announces it.
    const notice = page.getByRole('status');
    assert.equal(await notice.textContent(), 'Status changed from new to acknowledged.');
    await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'status');
    // The browser knows the reason is required, and its name is "Reason" without the marker.
    assert.equal(await page.getByRole('textbox', { name: 'Reason', exact: true }).first().evaluate((el) => (el as HTMLTextAreaElement).required), true);
    await page.waitForFunction(() => [...document.querySelectorAll('link[rel=icon]')].length === 1);

    const { body } = await getJson(`${server.url}/api/tickets/${ticket.id}/events`);
    assert.deepEqual(body.events.at(-1).to, 'acknowledged');
    assert.deepEqual(violations, []);
    assert.deepEqual(failed, []);
    await page.close();
  });
});
