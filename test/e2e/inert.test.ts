// Issue 10, point 6: ticket text with HTML or script in it is shown as text and never runs, in
// the reporter's status view, My reports and /admin (the status element has its own test in
// test/components/status.test.ts). Proof on three counts: a flag the payloads would set stays
// unset, no element the payloads describe exists, and the text reads back literally. The CSP
// would block an inline handler anyway, so a violation report counts as a failure too.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_KEY, launchChromium, startDemoService, tempDataDir } from '../support/e2e-demo.js';
import { startFaultProxy, type FaultProxy } from '../support/intake-plugin.mjs';
import { fillReport, myReport, onlyReportId, openReporter, sendButton, statusOf } from '../support/e2e-report.js';

const SUMMARY = `<img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script> "><svg onload="window.__pwned=3">`;
const OBSERVED = `</textarea><script>window.__pwned=4</script><b onmouseover="window.__pwned=5">hover</b>`;
const FILE_NAME = `"><img src=x onerror="window.__pwned=6">.log`;
const REFUSAL = `<img src=x onerror="window.__pwned=7"> refused`;

/** Nothing ran, and nothing the payloads describe was made into an element, anywhere in the page's shadow roots. */
async function assertInert(page: Page, where: string) {
  const found = await page.evaluate(() => {
    const hits: string[] = [];
    // A plain loop: a named helper inside evaluate() would need the test transpiler's helpers in the page.
    const roots: Array<Document | ShadowRoot> = [document];
    for (let root = roots.pop(); root; root = roots.pop()) {
      for (const element of root.querySelectorAll('*')) {
        if (element.hasAttribute('onerror') || element.hasAttribute('onload') || element.hasAttribute('onmouseover')) hits.push(element.outerHTML.slice(0, 80));
        if (element.localName === 'script' && (element.textContent ?? '').includes('__pwned')) hits.push('script');
        if (element.shadowRoot) roots.push(element.shadowRoot);
      }
    }
    return {
      hits,
      pwned: (window as { __pwned?: unknown }).__pwned,
      violations: (window as unknown as { cspViolations?: string[] }).cspViolations ?? [],
    };
  });
  assert.deepEqual(found.hits, [], `${where}: no element made from ticket text`);
  assert.equal(found.pwned, undefined, `${where}: no script ran`);
  assert.deepEqual(found.violations, [], `${where}: nothing even tried to run`);
}

async function recordViolations(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = ((window as unknown as { cspViolations: string[] }).cspViolations = []);
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
}

describe('ticket text with HTML or script is inert', () => {
  let browser: Browser;
  let proxy: FaultProxy;
  const data = tempDataDir();
  let intake: Awaited<ReturnType<typeof startDemoService>>;
  let ticketId = '';

  before(async () => {
    intake = await startDemoService(data.dir);
    proxy = await startFaultProxy(intake.url, { keepHost: true });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await proxy?.close();
    await intake?.close();
    data.remove();
  });

  it('in the reporter\'s status view and My reports, refused with the text in the service\'s answer, then sent', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await recordViolations(page);
    await openReporter(page, proxy.url);
    await fillReport(page, SUMMARY, [{ name: FILE_NAME, mimeType: 'text/plain', buffer: Buffer.from('one log line\n') }]);
    await page.locator('#workspace-launcher triage-reporter #f-observed').fill(OBSERVED);
    // A refusal whose message and field problem carry markup, as a hostile or broken proxy might send.
    proxy.fail({ status: 400, message: REFUSAL, fields: [{ path: 'summary', message: REFUSAL }] });
    await sendButton(page).click();
    const status = statusOf(page);
    await status.filter({ hasText: 'refused' }).waitFor({ timeout: 20_000 });
    assert.ok((await status.innerText()).includes(REFUSAL), 'the status view shows the message as text');
    await assertInert(page, 'status view');

    ticketId = await onlyReportId(page);
    const failed = myReport(page, ticketId, 'failed');
    await failed.waitFor();
    assert.equal(await failed.locator('.summary').innerText(), SUMMARY, 'My reports shows the summary as typed');
    assert.ok((await failed.innerText()).includes(`summary: ${REFUSAL}`), 'and the field problem as text');
    await assertInert(page, 'My reports, failed');

    // Fixed and resent as it was: the service's field problem sits beside the field, as text.
    const reporter = page.locator('#workspace-launcher triage-reporter');
    await reporter.getByRole('button', { name: 'Fix and resend' }).click();
    await reporter.getByText(REFUSAL).first().waitFor();
    await assertInert(page, 'the form with the service\'s field problem');
    await sendButton(page).click();
    await statusOf(page).filter({ hasText: 'Sent.' }).waitFor({ timeout: 20_000 });
    await page.keyboard.press('Escape');
    await myReport(page, ticketId, 'sent').waitFor();
    assert.equal(await myReport(page, ticketId, 'sent').locator('.summary').innerText(), SUMMARY);
    await assertInert(page, 'My reports, sent');
    await page.close();
  });

  it('on /admin, in the list and on the ticket\'s page', async () => {
    assert.ok(ticketId, 'the first case stored the ticket');
    const admin = await browser.newPage();
    await recordViolations(admin);
    await admin.goto(intake.url + '/admin');
    await admin.getByLabel(/admin key/i).fill(ADMIN_KEY);
    await admin.getByRole('button', { name: /sign in/i }).click();
    const row = admin.locator('table tr', { hasText: 'onerror' });
    await row.first().waitFor();
    assert.ok((await row.first().innerText()).includes(SUMMARY), 'the list shows the summary as text');
    await assertInert(admin, '/admin list');

    await admin.goto(`${intake.url}/admin/tickets/${ticketId}`);
    const text = await admin.locator('main').innerText();
    assert.ok(text.includes(SUMMARY), 'the ticket page shows the summary as text');
    assert.ok(text.includes(OBSERVED), 'and what was observed');
    assert.ok(text.includes('onerror="window.__pwned=6"'), `and the file name (${text.match(/.*\.log.*/)?.[0]})`);
    await assertInert(admin, '/admin ticket');
    await admin.close();
  });
});
