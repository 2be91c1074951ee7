import { expect } from 'chai';
import { describe, it } from '../../support/harness.js';
import { connectOsvc, osvcLanguageToLocale, OsvcUnavailableError } from '../../../src/hosts/osvc.js';
import type { AgentContext } from '../../../src/context.js';
import { OsvcSimulator, simIncident } from '../../support/osvc-double.js';

const billing = simIncident({ id: 5501, reference: '261127-000042', contactId: 880, queueId: 7, queueName: 'ABC Chat' });
const refunds = simIncident({ id: 5502, reference: '261127-000043', contactId: 881, queueId: 9, queueName: 'Refunds' });

/** Resolves with the next AgentContext the host reports. */
function nextChange(host: { onChange(cb: (agent: AgentContext) => void): () => void }): Promise<AgentContext> {
  return new Promise((resolve) => {
    const stop = host.onChange((agent) => {
      stop();
      resolve(agent);
    });
  });
}

describe('OSvC host adapter', () => {
  it('prefills the agent from the global context and marks each value as coming from OSvC', async () => {
    const sim = new OsvcSimulator({
      agent: { accountId: 4187, login: 'maria.lopez', profileName: 'Tier 1 Chat Agent', interfaceName: 'acme_support', language: 'es_MX' },
    });
    const host = await connectOsvc({ loader: sim.loader });
    expect(host.agent.host).to.equal('osvc');
    expect(host.agent.reporter).to.deep.equal({
      accountId: '4187',
      login: 'maria.lopez',
      profile: 'Tier 1 Chat Agent',
      site: 'acme_support',
    });
    expect(host.agent.locale).to.equal('es-MX');
    expect(host.agent.sources['reporter.accountId']).to.equal('OSvC');
    expect(host.agent.sources['reporter.login']).to.equal('OSvC');
    expect(host.agent.sources.locale).to.equal('OSvC');
    expect(host.agent.timeZone).to.equal(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(sim.loads).to.deep.equal([{ appId: 'triage-kit', version: '1.0' }]);
  });

  it('reads the open incident: id, reference, contact and the queue by its name', async () => {
    const sim = new OsvcSimulator({ records: [billing] });
    const host = await connectOsvc({ loader: sim.loader });
    expect(host.agent.records).to.deep.equal({
      incidentId: '5501',
      incidentReference: '261127-000042',
      contactId: '880',
      queue: 'ABC Chat',
    });
    expect(host.agent.sources['records.incidentReference']).to.equal('OSvC');
    expect(host.agent.sources['records.queue']).to.equal('OSvC');
  });

  it('follows a workspace tab switch with a new AgentContext and keeps the agent', async () => {
    const sim = new OsvcSimulator({ records: [billing, refunds] });
    const host = await connectOsvc({ loader: sim.loader });
    const before = host.agent;
    const changed = nextChange(host);
    sim.switchTo(5502);
    const after = await changed;
    expect(after.records.incidentReference).to.equal('261127-000043');
    expect(after.records.queue).to.equal('Refunds');
    expect(after.reporter.accountId).to.equal(before.reporter.accountId);
    expect(host.agent).to.equal(after);
    // A new object, so context consumers (compared with Object.is) see the change.
    expect(after).to.not.equal(before);
    expect(before.records.incidentReference).to.equal('261127-000042');
  });

  it('picks up the reference a new incident gets when the agent saves it', async () => {
    const draft = simIncident({ id: -1, reference: '', contactId: 880, queueId: 7, queueName: 'ABC Chat' });
    const sim = new OsvcSimulator({ records: [draft] });
    const host = await connectOsvc({ loader: sim.loader });
    expect(host.agent.records.incidentReference).to.equal(undefined);
    expect(host.agent.records.incidentId).to.equal(undefined, 'an unsaved record has no id yet');
    const changed = nextChange(host);
    sim.save(-1, { 'Incident.RefNo': { value: '261127-000050' }, 'Incident.IId': { value: 5600 } }, 5600);
    const after = await changed;
    expect(after.records.incidentReference).to.equal('261127-000050');
    expect(after.records.incidentId).to.equal('5600');
  });

  it('asks the host for the session token every time it is needed', async () => {
    const sim = new OsvcSimulator({ agent: { sessionToken: 'token-one' } });
    const host = await connectOsvc({ loader: sim.loader });
    expect(sim.tokenRequests).to.equal(0, 'connecting does not fetch a token');
    expect(await host.getSessionToken()).to.equal('token-one');
    sim.agent = { ...sim.agent, sessionToken: 'token-two' };
    expect(await host.getSessionToken()).to.equal('token-two');
    expect(sim.tokenRequests).to.equal(2);
    expect(JSON.stringify(host.agent)).to.not.contain('token-');
  });

  it('exposes the REST base and the host logger', async () => {
    const sim = new OsvcSimulator({ agent: { restBase: 'https://site.example/services/rest' } });
    const host = await connectOsvc({ loader: sim.loader, appId: 'triage-test' });
    expect(host.restBase).to.equal('https://site.example/services/rest');
    host.logger.info('hello');
    expect(sim.log).to.deep.include({ logger: 'triage-test', level: 'info', message: 'hello' });
  });

  it('uses the page global ORACLE_SERVICE_CLOUD when no loader is given', async () => {
    const sim = new OsvcSimulator({ agent: { login: 'from.global' } }).install();
    try {
      const host = await connectOsvc();
      expect(host.agent.reporter.login).to.equal('from.global');
    } finally {
      sim.uninstall();
    }
  });

  it('refuses clearly when ORACLE_SERVICE_CLOUD is missing', async () => {
    expect((globalThis as { ORACLE_SERVICE_CLOUD?: unknown }).ORACLE_SERVICE_CLOUD).to.equal(undefined);
    let error: unknown;
    try {
      await connectOsvc();
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(OsvcUnavailableError);
    expect((error as Error).message).to.contain('ORACLE_SERVICE_CLOUD.extension_loader');
    expect((error as Error).message).to.contain('Browser UI add-in');
  });

  it('refuses clearly when the framework has no global context', async () => {
    const sim = new OsvcSimulator({ withoutGlobalContext: true });
    let error: unknown;
    try {
      await connectOsvc({ loader: sim.loader });
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(OsvcUnavailableError);
    expect((error as Error).message).to.contain('getGlobalContext');
  });

  it('reads site-specific field names given in options', async () => {
    const site = simIncident({
      id: 7001,
      reference: 'unused',
      contactId: 1,
      queueId: 1,
      queueName: 'unused',
      extra: {
        'Incident.C$ticket_ref': { value: 'ACME-7001' },
        'Incident.C$routing_queue': { value: 31, label: 'Premium voice' },
      },
    });
    const sim = new OsvcSimulator({ records: [site] });
    const host = await connectOsvc({
      loader: sim.loader,
      fields: { incidentReference: 'Incident.C$ticket_ref', queue: 'Incident.C$routing_queue' },
    });
    expect(host.agent.records.incidentReference).to.equal('ACME-7001');
    expect(host.agent.records.queue).to.equal('Premium voice');
    expect(host.agent.records.contactId).to.equal('1', 'unspecified fields keep their defaults');
  });

  it('logs the field names a site does not have and still fills the incident id from the record', async () => {
    const sim = new OsvcSimulator({ records: [billing] });
    const host = await connectOsvc({ loader: sim.loader, fields: { incidentReference: 'Incident.ReferenceNumber' } });
    expect(host.agent.records).to.deep.equal({ incidentId: '5501' });
    const warning = sim.log.find((line) => line.level === 'warn');
    expect(warning?.message).to.contain('Incident.ReferenceNumber');
    expect(warning?.message).to.contain('connectOsvc({ fields })');
  });

  it('stops reporting changes after dispose', async () => {
    const sim = new OsvcSimulator({ records: [billing, refunds] });
    const host = await connectOsvc({ loader: sim.loader });
    const seen: AgentContext[] = [];
    host.onChange((agent) => seen.push(agent));
    host.dispose();
    sim.switchTo(5502);
    // Let the field read that the switch started finish.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(seen).to.have.length(0);
    expect(host.agent.records.incidentReference).to.equal('261127-000042');
  });
});

describe('OSvC language to locale', () => {
  it('turns OSvC codes and names into BCP 47 tags and gives up on nonsense', () => {
    expect(osvcLanguageToLocale('en_US')).to.equal('en-US');
    expect(osvcLanguageToLocale('es_MX')).to.equal('es-MX');
    expect(osvcLanguageToLocale('Spanish')).to.equal('es');
    expect(osvcLanguageToLocale('')).to.equal(undefined);
    expect(osvcLanguageToLocale('not a language!')).to.equal(undefined);
  });
});

describe('OSvC chat engagement and logs', () => {
  const chatSite = () =>
    new OsvcSimulator({
      records: [billing],
      chat: { engagements: [{ id: 'ENG-20931', incidentId: 5501, queueId: 7, queueName: 'ABC Chat' }], current: 'ENG-20931' },
    });

  it('reads the current chat engagement through the Chat API URL BUI gives', async () => {
    const sim = chatSite();
    const host = await connectOsvc({ loader: sim.loader, loadChatClient: sim.loadChatClient });
    expect(sim.chatLoads).to.deep.equal([sim.chatApiUrl]);
    expect(host.agent.records.chatId).to.equal('ENG-20931');
    expect(host.agent.sources['records.chatId']).to.equal('OSvC Chat');
    expect(host.agent.records.incidentReference).to.equal('261127-000042', 'the workspace record is still read');
  });

  it('follows an accepted and an ended chat, and keeps the chat across a tab switch', async () => {
    const sim = chatSite();
    sim.records.push(refunds);
    const host = await connectOsvc({ loader: sim.loader, loadChatClient: sim.loadChatClient });
    let changed = nextChange(host);
    sim.acceptChat({ id: 'ENG-30001', incidentId: 5502 });
    expect((await changed).records.chatId).to.equal('ENG-30001');
    changed = nextChange(host);
    sim.switchTo(5502);
    const switched = await changed;
    expect(switched.records.incidentReference).to.equal('261127-000043');
    expect(switched.records.chatId).to.equal('ENG-30001');
    changed = nextChange(host);
    sim.endChat('ENG-30001');
    expect((await changed).records.chatId).to.equal('ENG-20931');
  });

  it('gives no chat id on a site without chat, and asks nothing', async () => {
    const sim = new OsvcSimulator({ records: [billing] });
    const host = await connectOsvc({ loader: sim.loader, loadChatClient: sim.loadChatClient });
    expect(host.agent.records.chatId).to.equal(undefined);
    expect(sim.chatLoads).to.deep.equal([]);
  });

  it('logs, and carries on, when the Chat API script cannot be loaded', async () => {
    const sim = chatSite();
    const host = await connectOsvc({ loader: sim.loader, loadChatClient: async (url) => Promise.reject(new Error(`${url} could not be loaded`)) });
    expect(host.agent.records.chatId).to.equal(undefined);
    expect(host.agent.records.incidentId).to.equal('5501');
    const warning = sim.log.find((line) => line.level === 'warn');
    expect(warning?.message).to.contain('Chat API');
    expect(warning?.message).to.contain(sim.chatApiUrl);
  });

  it('offers what went through the extension logger as a log source, still writing to BUI', async () => {
    const sim = chatSite();
    const host = await connectOsvc({ loader: sim.loader, appId: 'triage-kit', loadChatClient: sim.loadChatClient });
    const from = new Date(Date.now() - 1000);
    host.logger.info('report opened');
    host.logger.error('intake answered 503');
    const lines = await host.logSource.collect({ from, to: new Date(Date.now() + 1000) });
    expect(host.logSource.name).to.equal('OSvC extension (triage-kit)');
    expect(lines.map((line) => [line.level, line.message])).to.deep.equal([
      ['info', 'report opened'],
      ['error', 'intake answered 503'],
    ]);
    expect(sim.log.map((line) => line.message)).to.include.members(['report opened', 'intake answered 503']);
    expect(await host.logSource.collect({ from: new Date(0), to: new Date(1) })).to.deep.equal([]);
  });
});

describe('OSvC chat that never answers', () => {
  it('connects without a chat id and says why, instead of waiting forever', async () => {
    const sim = new OsvcSimulator({ records: [billing], chat: { engagements: [{ id: 'ENG-1' }], current: 'ENG-1' } });
    const host = await connectOsvc({ loader: sim.loader, loadChatClient: () => new Promise(() => undefined), chatTimeoutMs: 20 });
    expect(host.agent.records.incidentId).to.equal('5501');
    expect(host.agent.records.chatId).to.equal(undefined);
    expect(sim.log.find((line) => line.level === 'warn')?.message).to.contain('no answer from');
  });
});
