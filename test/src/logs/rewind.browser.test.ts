// The rewind buffer in Chromium, each test in a fresh same-origin iframe (host-page.html: its own
// globals, so a test installs with its own caps, and the errors it raises stay out of the test
// runner's page). The iframe's console is the host's own functions, so what a patched call
// returns and throws can be compared with the unpatched call.
import { expect, waitUntil } from '@open-wc/testing';
import type { Rewind } from '../../../src/logs/rewind.js';
import type { LogEntry } from '../../../src/logs/sources.js';
import { describe, it } from '../../support/harness.js';
import { afterEach } from '../../support/delivery-fixtures.js';

interface Frame extends Window {
  rewind: Rewind;
  ready?: boolean;
  calls: unknown[][];
  hostLog(...args: unknown[]): unknown;
  [key: string]: any;
}

const frames: HTMLIFrameElement[] = [];
afterEach(() => frames.splice(0).forEach((frame) => frame.remove()));

/** A host page with the rewind buffer installed with these options. */
async function hostPage(options: object = {}): Promise<Frame> {
  const frame = document.createElement('iframe');
  frame.src = `/test/src/logs/host-page.html?ticket=261127-000431#${encodeURIComponent(JSON.stringify(options))}`;
  document.body.append(frame);
  frames.push(frame);
  const win = frame.contentWindow as unknown as Frame;
  await waitUntil(() => win.ready, 'the rewind buffer loaded in the iframe', { timeout: 10_000 });
  return win;
}

/** What a call threw (errors from the iframe's realm fail instanceof checks against ours). */
function thrown(call: () => unknown): { name?: string; message?: string } {
  try {
    call();
  } catch (error) {
    return error as Error;
  }
  return {};
}

const all = (win: Frame): LogEntry[] => win.rewind.collect({ from: new Date(0), to: new Date(Date.now() + 60_000) });
const find = (win: Frame, kind: string) => all(win).filter((entry) => entry.kind === kind);

describe('rewind buffer', () => {
  it('records console calls of every level and passes the host its return value, this and exceptions', async () => {
    const win = await hostPage();
    for (const level of ['debug', 'log', 'info', 'warn', 'error', 'trace']) expect(win.console[level]('at', level)).to.equal('logged');
    expect(win.calls.length).to.equal(6);
    expect(thrown(() => win.console.log('throw'))).to.include({ name: 'RangeError', message: 'host says no' });
    const entries = find(win, 'console');
    expect(entries.map((entry) => entry.level)).to.deep.equal(['debug', 'log', 'info', 'warn', 'error', 'trace', 'log']);
    expect(entries[3]!.message).to.equal('at warn');
    // The patched function looks like the host's: same name and length.
    expect(win.console.log.name).to.equal('log');
    expect(win.console.log.length).to.equal(win.hostLog.length);
  });

  it('writes arguments out safely: circular references, depth, keys, long strings, errors with stacks', async () => {
    const win = await hostPage();
    const circular: Record<string, unknown> = { name: 'call', legs: [1, 2] };
    circular.self = circular;
    const deep = { a: { b: { c: { d: { e: 1 } } } } };
    const wide = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i]));
    const hostile = { get boom() { throw new Error('getter'); } };
    win.console.log('state', circular, deep);
    win.console.log(wide);
    win.console.log('x'.repeat(100_000));
    win.console.error(new win.TypeError('cannot route chat'));
    expect(() => win.console.log(hostile)).not.to.throw();
    const [first, second, third, fourth] = find(win, 'console').map((entry) => entry.message);
    expect(first).to.equal('state {"name":"call","legs":[1,2],"self":[Circular]} {"a":{"b":{"c":{…}}}}');
    expect(second).to.contain('"k19":19').and.contain('…30 more').and.not.contain('"k20"');
    expect(third!.length).to.be.at.most(2001);
    expect(fourth).to.match(/^TypeError: cannot route chat\n\s+at /);
    expect(win.calls.length).to.equal(5);
  });

  it('writes console arguments out when collected: a throwing getter leaves its entry out, a logging one records nothing', async () => {
    const win = await hostPage();
    const chatty = { get queue() { win.console.log('read during collect'); return 'ABC'; } };
    win.console.log('before');
    win.console.log({ get boom() { throw new Error('getter'); } });
    win.console.log('state', chatty);
    const messages = () => find(win, 'console').map((entry) => entry.message);
    expect(messages()).to.deep.equal(['before', 'state {"queue":"ABC"}']);
    // Collecting again finds the same: the getter's own log line was never recorded.
    expect(messages()).to.deep.equal(['before', 'state {"queue":"ABC"}']);
    expect(win.calls.map((args) => args[0])).to.include('read during collect');
  });

  it('holds its caps under 100,000 console calls', async () => {
    const win = await hostPage({ maxEntries: 500, maxChars: 64 * 1024 });
    for (let i = 0; i < 100_000; i++) win.console.log('call', i, { agent: i % 40 });
    const entries = all(win);
    expect(entries.length).to.be.at.most(500);
    expect(entries.reduce((sum, entry) => sum + entry.message.length + 64, 0)).to.be.at.most(64 * 1024);
    expect(entries.at(-1)!.message).to.equal('call 99999 {"agent":39}');
    expect(win.calls.length).to.equal(100_000);
  });

  it('records a failed fetch to a closed local port without query values, and the host still gets the rejection', async () => {
    const win = await hostPage();
    const error = await win.fetch('http://127.0.0.1:2/api/state?agent=42&token=s3cr3t', { method: 'post' }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(win.TypeError);
    const notFound = await win.fetch('/no-such-file.json?ticket=261127-000431');
    expect(notFound.status).to.equal(404);
    expect(await notFound.text()).to.be.a('string');
    await waitUntil(() => find(win, 'network').length === 2, 'both failures recorded');
    const [refused, missing] = find(win, 'network');
    expect(refused).to.include({ level: 'error', method: 'POST', url: 'http://127.0.0.1:2/api/state?agent&token', status: 0 });
    expect(refused!.message).to.match(/^POST http:\/\/127\.0\.0\.1:2\/api\/state\?agent&token TypeError: Failed to fetch/);
    expect(missing).to.include({ method: 'GET', url: `${location.origin}/no-such-file.json?ticket`, status: 404 });
    expect(missing!.durationMs).to.be.a('number');
    expect(JSON.stringify(all(win))).not.to.contain('s3cr3t').and.not.to.contain('261127-000431');
  });

  it('records a failed XHR, and open() still throws what it threw before', async () => {
    const win = await hostPage();
    const xhr = new win.XMLHttpRequest();
    xhr.open('GET', '/missing.txt?session_id=abc');
    const done = new Promise((resolve) => xhr.addEventListener('loadend', resolve));
    xhr.send();
    await done;
    expect(xhr.status).to.equal(404);
    await waitUntil(() => find(win, 'network').length === 1, 'the XHR failure recorded');
    expect(find(win, 'network')[0]).to.include({ method: 'GET', url: `${location.origin}/missing.txt?session_id`, status: 404 });
    expect(thrown(() => new win.XMLHttpRequest().open('BAD METHOD', '/'))).to.include({ name: 'SyntaxError' });
  });

  it('records a WebSocket that cannot open (error, then an unclean close), never its messages', async () => {
    const win = await hostPage();
    const socket: WebSocket = new win.WebSocket('ws://127.0.0.1:2/cti?agent=42');
    expect(socket).to.be.instanceOf(win.WebSocket);
    expect(win.WebSocket.OPEN).to.equal(1);
    expect(thrown(() => new win.WebSocket('ftp://cti.example/socket'))).to.include({ name: 'SyntaxError' });
    await waitUntil(() => find(win, 'websocket').length === 2, 'error and close recorded', { timeout: 10_000 });
    const [error, close] = find(win, 'websocket');
    expect(error).to.include({ level: 'error', url: 'ws://127.0.0.1:2/cti?agent' });
    expect(close).to.include({ level: 'warn', code: 1006, wasClean: false });
  });

  it('records uncaught errors and unhandled rejections with their stacks', async () => {
    const win = await hostPage();
    win.eval('setTimeout(() => { throw new Error("softphone crashed") })');
    win.eval('Promise.reject(new Error("queue lookup failed"))');
    await waitUntil(() => find(win, 'error').length === 2, 'both recorded');
    const messages = find(win, 'error').map((entry) => entry.message);
    expect(messages.find((m) => m.includes('softphone crashed'))).to.match(/Error: softphone crashed\n\s+at /);
    expect(messages.find((m) => m.includes('queue lookup failed'))).to.match(/^Unhandled rejection: Error: queue lookup failed/);
  });

  it('records navigation and visibility, with URLs stripped of query values', async () => {
    const win = await hostPage();
    win.history.pushState({}, '', '/desktop/incident?id=7781');
    win.dispatchEvent(new win.Event('offline'));
    const pages = find(win, 'page').map((entry) => entry.message);
    expect(pages[0]).to.match(/^Page (navigate|reload|loaded) /);
    expect(pages).to.include(`Page pushState ${location.origin}/desktop/incident?id`);
    expect(pages.some((m) => m.startsWith('Page offline'))).to.equal(true);
  });

  it('installs once: a second install returns the same recorder and patches nothing twice', async () => {
    const win = await hostPage();
    const log = win.console.log;
    expect(win.installRewind({ maxEntries: 1 })).to.equal(win.rewind);
    expect(win.console.log).to.equal(log);
    win.console.log('once');
    expect(find(win, 'console').filter((entry) => entry.message === 'once').length).to.equal(1);
  });

  it('keeps only entries inside the window asked for', async () => {
    const win = await hostPage();
    win.console.log('before');
    const from = new Date(Date.now() + 5);
    await waitUntil(() => Date.now() > from.getTime() + 5);
    win.console.log('inside');
    const to = new Date();
    await waitUntil(() => Date.now() > to.getTime() + 5);
    win.console.log('after');
    expect(win.rewind.collect({ from, to }).map((entry) => entry.message)).to.deep.equal(['inside']);
  });
});
