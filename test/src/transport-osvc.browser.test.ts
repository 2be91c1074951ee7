// The OSvC transport in Chromium against the REST double (the one stand-in we allow: OSvC itself
// cannot run here). The double refuses anything off Oracle's documented shapes, so a pass means
// the request matched them; its request log shows what was sent.
import { expect } from '@open-wc/testing';
import { describe, it } from '../support/harness.js';
import { createOsvcTransport } from '../../src/transports/osvc.js';
import { createOutbox } from '../../src/outbox.js';
import type { Transport } from '../../src/delivery.js';
import type { RecordedRequest } from '../support/osvc-rest-double.mjs';
import {
  afterEach,
  before,
  beforeEach,
  deleteDatabase,
  dumpDatabase,
  isSent,
  loadEnv,
  makeTicket,
  pngFile,
  waitForEntry,
  withFiles,
  type IntakeEnv,
  command,
  rejection,
} from '../support/delivery-fixtures.js';

const incidentRequests = async () =>
  (await command<RecordedRequest[]>('osvc-requests')).filter((r) => r.method === 'POST' && r.path === '/services/rest/connect/v1.4/incidents');

describe('OSvC transport (Connect REST double)', () => {
  let env: IntakeEnv;
  let tokenAsks = 0;
  let transport: Transport;

  before(async () => {
    env = await loadEnv();
  });
  beforeEach(async () => {
    await command('osvc-reset');
    tokenAsks = 0;
    transport = createOsvcTransport({
      restBase: env.OSVC_REST_BASE,
      applicationContext: 'triage-kit tests',
      getSessionToken: async () => {
        tokenAsks += 1;
        return env.OSVC_SESSION_TOKEN;
      },
      mapping: { entryTypeId: 1, severity: (level) => ({ lookupName: `Sev ${level}` }), primaryContact: () => ({ id: 1339 }) },
    });
  });
  afterEach(() => command('osvc-reset'));

  it('creates an incident with the report as a labelled note and the files inline, answering its reference', async () => {
    const png = await pngFile();
    const ticket = withFiles(makeTicket({ records: { queue: 'ABC', chatId: '88' } }), [png], 'screenshot');
    const result = await transport.send(ticket, [png]);
    expect(result.reference).to.match(/^\d{6}-\d{6}$/);

    const [request] = await incidentRequests();
    expect(request.accepted).to.equal(true);
    expect(request.headers['osvc-crest-application-context']).to.equal('triage-kit tests');
    expect(request.headers.authorization).to.equal(`Session ${env.OSVC_SESSION_TOKEN}`);
    const body = JSON.parse(request.body);
    expect(body.subject).to.equal(ticket.summary);
    expect(body.severity).to.deep.equal({ lookupName: 'Sev 1' });
    expect(body.primaryContact).to.deep.equal({ id: 1339 });
    expect(body.threads[0].entryType).to.deep.equal({ id: 1 });
    expect(body.threads[0].text).to.contain(`Ticket id: ${ticket.id}`).and.contain('Records: chat 88, queue ABC');
    const bytes = Uint8Array.from(atob(body.fileAttachments[0].data), (c) => c.charCodeAt(0));
    expect(body.fileAttachments[0].fileName).to.equal('screen.png');
    expect([...bytes]).to.deep.equal([...new Uint8Array(await png.blob.arrayBuffer())]);
  });

  it('asks the host for the session at every send and echoes the QoS token of the previous answer', async () => {
    await transport.send(makeTicket(), []);
    await transport.send(makeTicket(), []);
    expect(tokenAsks).to.equal(2);
    const [first, second] = await incidentRequests();
    expect(first.headers['osvc-crest-api-access-token']).to.equal(undefined);
    expect(second.headers['osvc-crest-api-access-token']).to.equal('qos-1');
  });

  it('waits as long as osvc-crest-next-request-after asks before the next request', async () => {
    await command('osvc-next-request-after', { ms: 400 });
    await transport.send(makeTicket(), []);
    await transport.send(makeTicket(), []);
    const [first, second] = await incidentRequests();
    expect(second.at - first.at).to.be.at.least(400);
  });

  it('calls an expired session (401) permanent, in words, without the token', async () => {
    const stale = createOsvcTransport({ restBase: env.OSVC_REST_BASE, getSessionToken: async () => 'stale-session-token' });
    const error = await rejection(stale.send(makeTicket(), []));
    expect(error.permanent).to.equal(true);
    expect(error.status).to.equal(401);
    expect(error.message).to.contain('session has expired').and.not.contain('stale-session-token');
  });

  it('retries 5xx and 429 but not other 4xx', async () => {
    await command('osvc-fail', { status: 503, times: 1 });
    expect((await rejection(transport.send(makeTicket(), []))).permanent).to.equal(false);
    await command('osvc-fail', { status: 429, times: 1 });
    expect((await rejection(transport.send(makeTicket(), []))).permanent).to.equal(false);
    await command('osvc-fail', { status: 400, times: 1, body: { title: 'Bad Request', detail: 'Queue is not valid.', status: 400, 'o:errorCode': 'OSC-CREST-00003' } });
    const refused = await rejection(transport.send(makeTicket(), []));
    expect(refused.permanent).to.equal(true);
    expect(refused.message).to.contain('Queue is not valid.');
    expect(refused.code).to.equal('OSC-CREST-00003');
  });

  it('keeps the session token out of IndexedDB when the outbox delivers through OSvC', async () => {
    const dbName = `outbox-osvc-${crypto.randomUUID()}`;
    const outbox = createOutbox({ transport, dbName, backoff: { baseMs: 5, maxMs: 20 } });
    try {
      const png = await pngFile();
      const ticket = withFiles(makeTicket(), [png], 'screenshot');
      // Unknown fields (like a token a careless host put on the ticket) are stripped before storing.
      const careless = { ...ticket, authorization: `Session ${env.OSVC_SESSION_TOKEN}` } as typeof ticket;
      const sent = waitForEntry(outbox, ticket.id, isSent);
      await outbox.submit(careless, [png]);
      const entry = await sent;
      expect(entry.delivery.state === 'sent' && entry.delivery.result.reference).to.match(/^\d{6}-\d{6}$/);
      expect((await incidentRequests())[0].headers.authorization).to.equal(`Session ${env.OSVC_SESSION_TOKEN}`);

      const everything = await dumpDatabase(dbName);
      expect(everything).to.contain(ticket.id);
      expect(everything).to.not.contain(env.OSVC_SESSION_TOKEN);
      expect(JSON.stringify({ ...localStorage, ...sessionStorage })).to.not.contain(env.OSVC_SESSION_TOKEN);
    } finally {
      outbox.close();
      await deleteDatabase(dbName);
    }
  });

  it('is a strict double: it refuses requests off the documented shapes, so passing tests mean something', async () => {
    const url = `${env.OSVC_REST_BASE}/connect/v1.4/incidents`;
    const good = {
      'OSvC-CREST-Application-Context': 'triage-kit tests',
      Authorization: `Session ${env.OSVC_SESSION_TOKEN}`,
      'Content-Type': 'application/json',
    };
    const body = { subject: 'x', threads: [{ text: 'note', entryType: { id: 1 } }] };
    const post = async (headers: Record<string, string>, payload: unknown) =>
      (await fetch(url, { method: 'POST', headers, body: JSON.stringify(payload) })).status;
    const { ['OSvC-CREST-Application-Context']: _context, ...withoutContext } = good;
    expect(await post(withoutContext, body)).to.equal(400);
    expect(await post({ ...good, 'OSvC-CREST-Application-Context': 'x'.repeat(41) }, body)).to.equal(400);
    expect(await post({ ...good, Authorization: 'Session someone-else' }, body)).to.equal(401);
    expect(await post(good, { ...body, threads: [{ text: 'note', entryType: 'Note' }] })).to.equal(400);
    expect(await post(good, { ...body, fileAttachments: [{ fileName: 'a.png', data: 'not base64!' }] })).to.equal(400);
    expect(await post(good, { threads: body.threads })).to.equal(400);
    expect(await post(good, body)).to.equal(201);
  });
});
