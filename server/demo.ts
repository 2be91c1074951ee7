/**
 * Hosting the demo desktop next to the API, so a person can try the components with one command
 * and the demo's requests are same-origin (no CORS setup needed).
 */
import type { Context, Hono } from 'hono';
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { Env } from './app.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * The file under `root` a URL path names, or undefined. Refuses encoded slashes, NULs, dot
 * segments and symlinks that lead out of `root`.
 */
export async function resolveInside(root: string, urlPath: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.split('/').filter((segment) => segment.length > 0);
  if (segments.some((segment) => segment === '..' || segment === '.')) return undefined;
  const base = resolve(root);
  let candidate = join(base, ...segments);
  try {
    const info = await stat(candidate);
    if (info.isDirectory()) candidate = join(candidate, 'index.html');
    const real = await realpath(candidate);
    const realBase = await realpath(base);
    if (real !== realBase && !real.startsWith(realBase + sep)) return undefined;
    return (await stat(real)).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}

async function serveFile(c: Context<Env>, root: string, urlPath: string): Promise<Response | undefined> {
  const file = await resolveInside(root, urlPath);
  if (!file) return undefined;
  const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  const body = await readFile(file);
  c.header('Cache-Control', 'no-cache');
  c.header('Content-Type', type);
  if (c.req.method === 'HEAD') return c.body(null, 200);
  return c.body(new Uint8Array(body), 200);
}

export function mountDemo(app: Hono<Env>, demo: { dir: string; embedDir: string; config: Record<string, unknown> }): void {
  // The intake URL defaults to the origin the page was loaded from, so the demo's calls stay
  // same-origin whether it was opened as localhost or 127.0.0.1.
  app.get('/demo/config.json', (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ intakeUrl: new URL(c.req.url).origin, ...demo.config });
  });
  app.on(['GET', 'HEAD'], '/embed/*', async (c, next) => (await serveFile(c, demo.embedDir, c.req.path.slice('/embed'.length))) ?? next());
  app.on(['GET', 'HEAD'], '/*', async (c, next) => (await serveFile(c, demo.dir, c.req.path)) ?? next());
}
