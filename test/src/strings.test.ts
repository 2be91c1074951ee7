import { expect } from 'chai';
import { describe, it } from '../support/harness.js';
import { REASONS, type ReasonKey } from '../../src/severity.js';
import { addCatalog, catalogFor, en, loadCatalog, localize, type Strings } from '../../src/strings.js';
import { launcherEn, launcherEs } from '../../src/strings/launcher.js';
import { reportsEn } from '../../src/strings/reports.js';
import { reportsEs } from '../../src/strings/reports-es.js';
import { screenshotEn } from '../../src/strings/screenshot.js';
import { screenshotEditorEn } from '../../src/strings/screenshot-editor.js';
import { screenshotEs } from '../../src/strings/screenshot-es.js';
import { logsEn } from '../../src/strings/logs.js';
import { logsEs } from '../../src/strings/logs-es.js';
import { statusEn } from '../../src/strings/status.js';
import { statusEs } from '../../src/strings/status-es.js';
import { es } from '../../src/strings-es.js';

const KEYS = Object.keys(REASONS) as ReasonKey[];

/** The `{name}` placeholders of a template, sorted, so two templates compare by what they need. */
const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!).sort();

describe('severity reasons in the string catalogs', () => {
  it('uses the core table itself as the English catalog, so the text exists once', () => {
    // The reporter adds one reason of its own: "several" as the agent said it (compose.ts).
    expect(en.reasons).to.deep.equal({ ...REASONS, severalAgents: en.reasons.severalAgents });
    for (const key of KEYS) expect(en.reasons[key], key).to.equal(REASONS[key]);
  });

  it('translates every reason into Spanish with the same placeholders', () => {
    expect(Object.keys(es.reasons).sort()).to.deep.equal(Object.keys(en.reasons).sort());
    for (const key of Object.keys(en.reasons) as (keyof typeof en.reasons)[]) {
      const spanish = es.reasons[key];
      expect(spanish, key).to.be.a('string').and.not.equal(en.reasons[key]);
      expect(placeholders(spanish), key).to.deep.equal(placeholders(en.reasons[key]));
    }
  });

  it('names the severities in Spanish reasons as the Spanish catalog names them', () => {
    // A reason that ends on a level must use that level's Spanish name, not the English one.
    const names: [string, string][] = [
      ['System Outage', es.sev1],
      ['Major Impairment', es.sev2],
      ['Minor Loss of Service', es.sev3],
      ['No Loss of Service', es.sev4],
    ];
    for (const key of KEYS) {
      for (const [english, spanish] of names) {
        if (!REASONS[key].includes(english)) continue;
        expect(es.reasons[key].toLowerCase(), key).to.contain(spanish.toLowerCase());
        expect(es.reasons[key], key).to.not.contain(english);
      }
    }
  });
});

/** Every leaf of a catalog as 'path' -> text ('categories.voice.label'). */
function leaves(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  return Object.entries(value as object).flatMap(([key, inner]) => leaves(inner, path ? `${path}.${key}` : key));
}

describe('the catalogs of every element', () => {
  it('has every English string in Spanish, translated, with the same placeholders', () => {
    const spanish = new Map(leaves(es));
    const english = leaves(en);
    expect([...spanish.keys()].sort()).to.deep.equal(english.map(([path]) => path).sort());
    // The required mark reads the same in every language.
    const same = new Set(['required']);
    for (const [path, text] of english) {
      expect(spanish.get(path), path).to.be.a('string').and.not.equal('');
      if (!same.has(path)) expect(spanish.get(path), `${path} is not translated`).to.not.equal(text);
      expect(placeholders(spanish.get(path)!), path).to.deep.equal(placeholders(text));
    }
  });

  it('assembles one catalog from each element\'s part, the launcher\'s included', () => {
    for (const [part, english, spanish] of [
      ['launcher', launcherEn, launcherEs],
      ['reports', reportsEn, reportsEs],
      ['screenshot', screenshotEn, screenshotEs],
      ['screenshot editor', screenshotEditorEn, screenshotEs],
      ['logs', logsEn, logsEs],
      ['status', statusEn, statusEs],
    ] as const) {
      for (const key of Object.keys(english)) {
        expect(en, part).to.have.property(key, english[key as keyof typeof english]);
        expect(es, part).to.have.property(key, spanish[key as keyof typeof spanish]);
      }
    }
  });

  it('lays a host\'s overrides over a catalog key by key, and reasons reason by reason', () => {
    const words = localize(es, { send: 'Mandar', reasons: { question: 'Pregunta.' } });
    expect(words.send).to.equal('Mandar');
    expect(words.title).to.equal(es.title);
    expect(words.reasons.question).to.equal('Pregunta.');
    expect(words.reasons.enhancement).to.equal(es.reasons.enhancement);
    expect(es.send, 'the catalog itself is untouched').to.equal('Enviar informe');
  });

  it('loads Spanish for any Spanish locale on first use, and takes a host\'s language without casts', async () => {
    expect(catalogFor('en-US'), 'English is each element\'s own part').to.equal(undefined);
    await loadCatalog('es-MX');
    expect(catalogFor('es-AR')).to.equal(es);
    expect(loadCatalog('es-ES'), 'nothing to wait for once loaded').to.equal(undefined);
    expect(loadCatalog('de-DE'), 'a language without a catalog reads as English').to.equal(undefined);

    const pirate: Strings = { ...en, send: 'Fire away' };
    addCatalog('en-x-pirate', pirate);
    expect(catalogFor('en-GB')?.send).to.equal('Fire away');
  });
});
