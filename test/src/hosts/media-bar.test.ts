import { expect } from 'chai';
import { describe, it } from '../../support/harness.js';
import { askMediaBar, createMediaBar, MEDIA_BAR_ACTION, mergeMediaBar, shareMediaBar } from '../../../src/hosts/media-bar.js';
import { connectOsvc } from '../../../src/hosts/osvc.js';
import { OsvcSimulator } from '../../support/osvc-double.js';
import { standaloneHost } from '../../../src/hosts/standalone.js';
import { browserAgentContext } from '../../../src/defaults.js';

const osvcAgent = () =>
  browserAgentContext({
    host: 'osvc',
    reporter: { accountId: '4187', login: 'maria.lopez' },
    records: { incidentId: '48213' },
    sources: { 'reporter.accountId': 'OSvC', 'records.incidentId': 'OSvC' },
  });

describe('media bar API', () => {
  it('adds the ACD agent ID, extension and the chat to the OSvC agent, each marked with its source', () => {
    const bar = createMediaBar();
    bar.update({ acdAgentId: '7001', extension: '4411', interaction: { channel: 'chat', id: 'ENG-20931', queue: 'ABC' } });
    const agent = bar.applyTo(osvcAgent());
    expect(agent.host).to.equal('osvc');
    expect(agent.reporter).to.deep.equal({ accountId: '4187', login: 'maria.lopez', acdAgentId: '7001', extension: '4411' });
    expect(agent.records).to.deep.equal({ incidentId: '48213', chatId: 'ENG-20931', queue: 'ABC' });
    expect(agent.sources['reporter.acdAgentId']).to.equal('Media bar');
    expect(agent.sources['records.chatId']).to.equal('Media bar');
    expect(agent.sources['reporter.accountId']).to.equal('OSvC');
  });

  it('files a voice call as an interaction id, and makes a console without OSvC a media-bar host', () => {
    const agent = mergeMediaBar(standaloneHost(), { interaction: { channel: 'voice', id: 'CALL-88', queue: 'Billing Voice' } }, 'Harmony');
    expect(agent.host).to.equal('media-bar');
    expect(agent.records).to.deep.equal({ interactionId: 'CALL-88', queue: 'Billing Voice' });
    expect(agent.sources['records.interactionId']).to.equal('Harmony');
  });

  it('clears the interaction at hang-up and tells listeners about every change', () => {
    const bar = createMediaBar({ initial: { acdAgentId: '7001' } });
    const seen: unknown[] = [];
    const stop = bar.onChange((state) => seen.push(state.interaction?.id ?? null));
    bar.update({ interaction: { channel: 'chat', id: 'ENG-1' } });
    bar.update({ interaction: undefined });
    stop();
    bar.update({ interaction: { channel: 'chat', id: 'ENG-2' } });
    expect(seen).to.deep.equal(['ENG-1', null]);
    expect(bar.applyTo(osvcAgent()).records.chatId).to.equal('ENG-2');
    expect(bar.state.acdAgentId).to.equal('7001');
  });

  it('names a wrong value instead of storing it', () => {
    const bar = createMediaBar();
    expect(() => bar.update({ acdAgentId: 7001 as unknown as string })).to.throw(TypeError, 'acdAgentId must be text');
    expect(() => bar.update({ interaction: { channel: 'chat' } as never })).to.throw(TypeError, 'interaction.id');
    expect(bar.state).to.deep.equal({});
  });

  it('is a log source: state changes and the vendor messages inside the asked window', async () => {
    const bar = createMediaBar();
    const from = new Date(Date.now() - 1000);
    bar.update({ agentState: 'available' });
    bar.update({ interaction: { channel: 'chat', id: 'ENG-7', queue: 'ABC' } });
    bar.log('warn', 'chat server reconnecting');
    bar.update({ interaction: undefined, agentState: 'wrap-up' });
    const lines = await bar.logSource.collect({ from, to: new Date(Date.now() + 1000) });
    expect(bar.logSource.name).to.equal('Media bar');
    expect(lines.map((line) => [line.level, line.message])).to.deep.equal([
      ['info', 'agent state unknown -> available'],
      ['info', 'interaction started: chat ENG-7 (queue ABC)'],
      ['warn', 'chat server reconnecting'],
      ['info', 'agent state available -> wrap-up'],
      ['info', 'interaction ended: chat ENG-7 (queue ABC)'],
    ]);
    expect(lines.every((line) => line.source === 'Media bar' && !Number.isNaN(Date.parse(line.time)))).to.equal(true);
    expect(await bar.logSource.collect({ from: new Date(0), to: new Date(1) })).to.deep.equal([]);
  });
});

describe('media bar across OSvC extensions (registerAction / invokeAction)', () => {
  it('hands its current state to another extension that asks, and none when no bar shares', async () => {
    const sim = new OsvcSimulator();
    const toolbar = await connectOsvc({ loader: sim.loader, appId: 'vendor-toolbar', chat: false });
    const reporterPage = await connectOsvc({ loader: sim.loader, appId: 'triage-kit', chat: false });
    expect(await askMediaBar(reporterPage)).to.equal(undefined);

    const bar = createMediaBar({ initial: { acdAgentId: '7001', extension: '4411' } });
    shareMediaBar(bar, toolbar);
    bar.update({ agentState: 'on-call', interaction: { channel: 'chat', id: 'ENG-20931', queue: 'ABC' } });
    const state = await askMediaBar(reporterPage);
    expect(state).to.deep.equal({ acdAgentId: '7001', extension: '4411', agentState: 'on-call', interaction: { channel: 'chat', id: 'ENG-20931', queue: 'ABC' } });
    expect(mergeMediaBar(reporterPage.agent, state!).sources['reporter.acdAgentId']).to.equal('Media bar');
  });

  it('skips an answer that is not a media-bar state', async () => {
    const sim = new OsvcSimulator();
    const other = await connectOsvc({ loader: sim.loader, appId: 'other', chat: false });
    other.registerAction(MEDIA_BAR_ACTION, () => ({ acdAgentId: 7001 }));
    const bar = createMediaBar({ initial: { extension: '4411' } });
    shareMediaBar(bar, await connectOsvc({ loader: sim.loader, appId: 'toolbar', chat: false }));
    expect(await askMediaBar(other)).to.deep.equal({ extension: '4411' });
  });
});
