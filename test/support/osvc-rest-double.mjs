// A stand-in for an Oracle Service Cloud site's Connect REST endpoint, for tests only. It checks
// every request against what Oracle documents (../shared/reference/osvc.md §2) and refuses
// anything else with Oracle-style RFC 7807 errors, so a transport that drifts from the documented
// shapes fails its tests instead of passing against a lenient fake.
import { createServer } from 'node:http';

const INCIDENTS_PATH = '/services/rest/connect/v1.4/incidents';
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * @param {{ sessionToken: string, allowedOrigin?: string, port?: number, host?: string }} options
 * @returns {Promise<import('./osvc-rest-double.d.mts').OsvcRestDouble>}
 */
export async function startOsvcRestDouble({ sessionToken, allowedOrigin, port = 0, host = '127.0.0.1' }) {
  /** @type {import('./osvc-rest-double.d.mts').RecordedRequest[]} */
  const requests = [];
  let nextId = 1000;
  let nextRequestAfterMs = 0;
  /** @type {{ status: number, times: number, body?: unknown }} */
  let fault = { status: 0, times: 0 };
  let accessTokenCounter = 0;

  const cors = (req) => {
    const origin = req.headers.origin;
    if (!origin || (allowedOrigin && origin !== allowedOrigin)) return {};
    return {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Methods': 'GET, POST, PATCH, OPTIONS',
      'Access-Control-Allow-Headers':
        'Authorization, Content-Type, OSvC-CREST-Application-Context, osvc-crest-api-access-token, OSvC-CREST-Suppress-Rules',
      'Access-Control-Expose-Headers': 'osvc-crest-api-access-token, osvc-crest-next-request-after, Retry-After, Location',
      Vary: 'Origin',
    };
  };

  const answer = (req, res, status, body, headers = {}) => {
    res.writeHead(status, { 'Content-Type': 'application/json', ...cors(req), ...headers });
    res.end(body === undefined ? '' : JSON.stringify(body));
  };

  const problem = (status, title, detail, errorCode = 'OSC-CREST-00003') => ({
    type: `https://www.rfc-editor.org/rfc/rfc9110.html#status.${status}`,
    title,
    status,
    detail,
    'o:errorCode': errorCode,
  });

  /** Everything Oracle documents for creating an incident; returns the first violation or null. */
  const violation = (req, rawBody) => {
    const context = req.headers['osvc-crest-application-context'];
    if (!context) return problem(400, 'Bad Request', 'OSvC-CREST-Application-Context header is required for v1.4.');
    if (String(context).length > 40) return problem(400, 'Bad Request', 'OSvC-CREST-Application-Context must be at most 40 characters.');
    const authorization = req.headers.authorization ?? '';
    if (authorization !== `Session ${sessionToken}`) return problem(401, 'Unauthorized', 'Access denied: the session is not valid.', 'OSC-CREST-00001');
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return problem(415, 'Unsupported Media Type', 'Content-Type must be application/json.');
    let body;
    try {
      body = JSON.parse(rawBody);
    } catch {
      return problem(400, 'Bad Request', 'The request body is not valid JSON.');
    }
    if (typeof body.subject !== 'string' || !body.subject.trim()) return problem(400, 'Bad Request', 'subject is required.');
    if (body.subject.length > 240) return problem(400, 'Bad Request', 'subject is at most 240 characters.');
    if (!Array.isArray(body.threads) || body.threads.length === 0) return problem(400, 'Bad Request', 'threads must hold the report note.');
    for (const thread of body.threads) {
      if (typeof thread?.text !== 'string' || !thread.text) return problem(400, 'Bad Request', 'threads[].text is required.');
      if (!Number.isInteger(thread?.entryType?.id)) return problem(400, 'Bad Request', 'threads[].entryType must be a reference {id}.');
    }
    for (const file of body.fileAttachments ?? []) {
      if (typeof file?.fileName !== 'string' || !file.fileName) return problem(400, 'Bad Request', 'fileAttachments[].fileName is required.');
      if (typeof file?.data !== 'string' || !BASE64.test(file.data) || file.data.length % 4 !== 0) {
        return problem(400, 'Bad Request', `fileAttachments[].data of ${file.fileName} is not base64.`);
      }
    }
    for (const ref of ['primaryContact', 'severity', 'queue']) {
      const value = body[ref];
      if (value !== undefined && !(Number.isInteger(value?.id) || typeof value?.lookupName === 'string')) {
        return problem(400, 'Bad Request', `${ref} must be a reference {id} or {lookupName}.`);
      }
    }
    return null;
  };

  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      if (req.method === 'OPTIONS') return answer(req, res, 204);
      const url = new URL(req.url ?? '/', 'http://double');
      const recorded = { method: req.method ?? '', path: url.pathname, headers: { ...req.headers }, body: rawBody, at: Date.now() };
      requests.push(recorded);
      if (url.pathname !== INCIDENTS_PATH) return answer(req, res, 404, problem(404, 'Not Found', `No resource at ${url.pathname}.`, 'OSC-CREST-00013'));
      if (req.method !== 'POST') return answer(req, res, 405, problem(405, 'Method Not Allowed', 'Only POST is supported here.'));
      if (fault.times > 0) {
        fault.times -= 1;
        return answer(req, res, fault.status, fault.body ?? problem(fault.status, 'Injected', 'A fault the test asked for.'));
      }
      const wrong = violation(req, rawBody);
      recorded.accepted = !wrong;
      if (wrong) return answer(req, res, wrong.status, wrong);
      const body = JSON.parse(rawBody);
      const id = nextId++;
      const lookupName = `261127-${String(id).padStart(6, '0')}`;
      const headers = { 'osvc-crest-api-access-token': `qos-${++accessTokenCounter}` };
      if (nextRequestAfterMs > 0) headers['osvc-crest-next-request-after'] = String(nextRequestAfterMs);
      // Oracle's Send-on-Save example answers 200; 201 is what REST would suggest. Both appear in the wild.
      answer(
        req,
        res,
        201,
        {
          id,
          lookupName,
          createdTime: new Date().toISOString(),
          subject: body.subject,
          links: [{ rel: 'canonical', href: `http://${req.headers.host}${INCIDENTS_PATH}/${id}` }],
        },
        { ...headers, Location: `${INCIDENTS_PATH}/${id}` },
      );
    });
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  const origin = `http://${host}:${address.port}`;
  return {
    url: origin,
    restBase: `${origin}/services/rest`,
    requests: () => requests.map((r) => ({ ...r, headers: { ...r.headers } })),
    reset() {
      requests.length = 0;
      fault = { status: 0, times: 0 };
      nextRequestAfterMs = 0;
      accessTokenCounter = 0;
    },
    fail(status, times = 1, body) {
      fault = { status, times, body };
    },
    setNextRequestAfter(ms) {
      nextRequestAfterMs = ms;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve(undefined));
      }),
  };
}
