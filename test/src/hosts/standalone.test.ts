import { expect } from 'chai';
import { describe, it } from '../../support/harness.js';
import { standaloneHost } from '../../../src/hosts/standalone.js';

describe('standalone host', () => {
  it('gives the browser locale and zone and marks host-given values with their source', () => {
    const agent = standaloneHost({
      host: 'media-bar',
      sourceLabel: 'Media bar',
      reporter: { login: 'agent7', acdAgentId: '7007', extension: '' },
      records: { chatId: 'chat-991' },
    });
    expect(agent.host).to.equal('media-bar');
    expect(agent.reporter).to.deep.equal({ login: 'agent7', acdAgentId: '7007', extension: '' });
    expect(agent.records).to.deep.equal({ chatId: 'chat-991' });
    expect(agent.sources).to.deep.equal({
      'reporter.login': 'Media bar',
      'reporter.acdAgentId': 'Media bar',
      'records.chatId': 'Media bar',
    });
    expect(agent.timeZone).to.equal(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });

  it('defaults to a standalone host with nothing prefilled', () => {
    const agent = standaloneHost();
    expect(agent.host).to.equal('standalone');
    expect(agent.reporter).to.deep.equal({});
    expect(agent.sources).to.deep.equal({});
  });

  it('lets explicit sources, locale and zone win', () => {
    const agent = standaloneHost({ reporter: { login: 'x' }, sources: { 'reporter.login': 'SSO' }, locale: 'es-MX', timeZone: 'America/Mexico_City' });
    expect(agent.sources['reporter.login']).to.equal('SSO');
    expect(agent.locale).to.equal('es-MX');
    expect(agent.timeZone).to.equal('America/Mexico_City');
  });
});
