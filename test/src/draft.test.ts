import { expect } from 'chai';
import { describe, it } from '../support/harness.js';
import { newForm } from '../../src/compose.js';
import { DRAFT_KEY, clearDraft, hasContent, loadDraft, saveDraft } from '../../src/draft.js';

/** The three Storage methods drafts use, over a Map (Node has no localStorage). */
function memoryStore() {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, value),
    removeItem: (key: string) => void map.delete(key),
  };
}

const now = new Date('2026-12-01T20:30:00Z');
const fresh = () => newForm(now, 'America/New_York', '4f9c1a52-7d1e-4c55-9a43-2b7f0c1d9e10');

describe('drafts', () => {
  it('keeps every typed field across a save and a load', () => {
    const store = memoryStore();
    const form = { ...fresh(), summary: 'Chats not routing', category: 'chat-routing' as const, agentsAffected: '4', workaround: true, records: { queue: 'ABC' } };
    saveDraft(form, store);
    expect(loadDraft(fresh(), store)).to.deep.equal(form);
  });

  it('keeps the status incident the agent linked, and only as text', () => {
    const store = memoryStore();
    saveDraft({ ...fresh(), linkedStatusIncident: '80d0cs6kpsps' }, store);
    expect(loadDraft(fresh(), store)!.linkedStatusIncident).to.equal('80d0cs6kpsps');
    store.setItem(DRAFT_KEY, JSON.stringify({ summary: 'x', linkedStatusIncident: { id: 'inc' } }));
    expect(loadDraft(fresh(), store)).not.to.have.property('linkedStatusIncident');
  });

  it('stores under one namespaced key', () => {
    const store = memoryStore();
    saveDraft({ ...fresh(), summary: 'x' }, store);
    expect([...store.map.keys()]).to.deep.equal([DRAFT_KEY]);
    expect(DRAFT_KEY.startsWith('triage-kit:')).to.equal(true);
  });

  it('writes only the form own fields, so nothing else (a token) can ride along', () => {
    const store = memoryStore();
    const polluted = { ...fresh(), summary: 'x', token: 'Bearer s3cr3t', reporter: { login: 'ana', password: 42 } } as never;
    saveDraft(polluted, store);
    const text = store.map.get(DRAFT_KEY)!;
    expect(text).not.to.contain('s3cr3t');
    expect(text).not.to.contain('password');
    expect(text).to.contain('ana');
  });

  it('ignores stored values of the wrong type and unknown keys when loading', () => {
    const store = memoryStore();
    store.setItem(DRAFT_KEY, JSON.stringify({ summary: 5, observed: 'seen', apiKey: 'k', workaround: 'yes' }));
    const form = loadDraft(fresh(), store)!;
    expect(form.summary).to.equal('');
    expect(form.observed).to.equal('seen');
    expect(form.workaround).to.equal(false);
    expect(form).not.to.have.property('apiKey');
  });

  it('returns nothing for a corrupted draft instead of throwing', () => {
    const store = memoryStore();
    store.setItem(DRAFT_KEY, '{not json');
    expect(loadDraft(fresh(), store)).to.equal(undefined);
  });

  it('clears the draft', () => {
    const store = memoryStore();
    saveDraft({ ...fresh(), summary: 'x' }, store);
    clearDraft(store);
    expect(loadDraft(fresh(), store)).to.equal(undefined);
  });

  it('calls a fresh form empty and a form with typed words or edited identifiers started', () => {
    expect(hasContent(fresh())).to.equal(false);
    expect(hasContent({ ...fresh(), steps: 'clicked login' })).to.equal(true);
    expect(hasContent({ ...fresh(), reporter: { extension: '4410' } })).to.equal(true);
    expect(hasContent({ ...fresh(), summary: '   ' })).to.equal(false);
  });

  it('calls a form started by a choice alone: a quick pick, a box, a frequency, a level, a linked incident', () => {
    const choices: Partial<ReturnType<typeof fresh>>[] = [
      { severalAgents: true },
      { workaround: true },
      { coreFunction: false },
      { stillHappening: true },
      { frequency: 'intermittent' },
      { chosenLevel: 2 },
      { linkedStatusIncident: 'inc-42' },
    ];
    for (const choice of choices) expect(hasContent({ ...fresh(), ...choice }), JSON.stringify(choice)).to.equal(true);
    // What the form fills in itself is no input of the agent's.
    expect(hasContent(newForm(new Date(), 'Europe/Madrid'))).to.equal(false);
  });
});
