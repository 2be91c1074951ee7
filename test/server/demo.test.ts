// Demo hosting: the demo desktop at /, the embed bundle at /embed/, its config, correct types,
// security headers on HTML, and no way out of the served folders.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, writeFile, rm, symlink } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG, auth, makeTicket, postTicket, startTestServer, type TestServer, SUPPORT_KEY } from '../support/server-harness.js';

/** A GET with the path sent exactly as written (fetch would normalise `..` away). */
function rawGet(base: string, path: string): Promise<{ status: number; body: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('demo hosting', () => {
  let server: TestServer;
  let root: string;
  const config = { apiKey: 'demo-key', plan: 'premium' };

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'triage-demo-'));
    const demo = join(root, 'demo');
    const embed = join(root, 'embed');
    await mkdir(join(demo, 'assets'), { recursive: true });
    await mkdir(embed, { recursive: true });
    await writeFile(join(root, 'secret.txt'), 'TOP SECRET');
    await writeFile(join(demo, 'index.html'), '<!doctype html><title>Demo desktop</title><script type="module" src="app.js"></script>');
    await writeFile(join(demo, 'app.js'), 'export const ok = true;');
    await writeFile(join(demo, 'assets', 'desk.css'), 'body { margin: 0 }');
    await writeFile(join(demo, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    await writeFile(join(demo, 'assets', 'pixel.png'), PNG);
    await writeFile(join(demo, 'assets', 'data.json'), '{"a":1}');
    await writeFile(join(embed, 'triage-kit.js'), 'export const embed = 1;');
    await symlink(join(root, 'secret.txt'), join(demo, 'escape.txt'));
    server = await startTestServer({ demo: { dir: demo, embedDir: embed, config } });
  });
  after(async () => {
    await server.close();
    await rm(root, { recursive: true, force: true });
  });

  it('serves the demo page at / with the security headers', async () => {
    const response = await fetch(`${server.url}/`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
    const csp = response.headers.get('content-security-policy')!;
    assert.match(csp, /^default-src 'self'; script-src 'self';/);
    // Strict: no inline script or style, no eval, no plugins.
    assert.doesNotMatch(csp, /unsafe-|\*/);
    assert.match(csp, /style-src 'self';.*object-src 'none'/);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
    assert.match(await response.text(), /Demo desktop/);
    assert.equal((await fetch(`${server.url}/index.html`)).status, 200);
  });

  it('serves each file type with its content type', async () => {
    for (const [path, type] of [
      ['/app.js', 'text/javascript; charset=utf-8'],
      ['/assets/desk.css', 'text/css; charset=utf-8'],
      ['/assets/logo.svg', 'image/svg+xml'],
      ['/assets/pixel.png', 'image/png'],
      ['/assets/data.json', 'application/json; charset=utf-8'],
      ['/embed/triage-kit.js', 'text/javascript; charset=utf-8'],
    ]) {
      const response = await fetch(`${server.url}${path}`);
      assert.equal(response.status, 200, path);
      assert.equal(response.headers.get('content-type'), type, path);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff', path);
    }
    assert.deepEqual(new Uint8Array(await (await fetch(`${server.url}/assets/pixel.png`)).arrayBuffer()), PNG);
  });

  it('answers the demo config without a key, with the intake URL of the origin it was asked on', async () => {
    const response = await fetch(`${server.url}/demo/config.json`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { intakeUrl: server.url, ...config });
    const byName = await fetch(`${server.url.replace('127.0.0.1', 'localhost')}/demo/config.json`);
    assert.equal((await byName.json()).intakeUrl, server.url.replace('127.0.0.1', 'localhost'));
  });

  it('never serves a file outside the demo folders', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/embed/../../secret.txt',
      '/embed/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/%252e%252e/secret.txt',
      '/escape.txt',
      '/app.js%00.png',
      '/%E0%A4%A',
      '/..\\secret.txt',
    ]) {
      const { status, body } = await rawGet(server.url, path);
      assert.ok(status >= 400 && status < 500, `${path}: ${status}`);
      assert.ok(!body.includes('TOP SECRET'), path);
    }
  });

  it('keeps the API and the admin pages reachable beside the demo', async () => {
    assert.equal((await fetch(`${server.url}/api/health`)).status, 200);
    assert.equal((await postTicket(server.url, makeTicket())).status, 201);
    assert.equal((await fetch(`${server.url}/api/tickets`, { headers: auth(SUPPORT_KEY) })).status, 200);
    assert.equal((await fetch(`${server.url}/admin/login`)).status, 200);
    const missing = await fetch(`${server.url}/nope.html`);
    assert.equal(missing.status, 404);
  });
});
