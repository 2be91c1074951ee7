import { expect } from 'chai';
import { describe, it } from '../support/harness.js';
import { REASONS, type ReasonKey } from '../../src/severity.js';
import { en } from '../../src/strings.js';
import { es } from '../../src/strings-es.js';

const KEYS = Object.keys(REASONS) as ReasonKey[];

/** The `{name}` placeholders of a template, sorted, so two templates compare by what they need. */
const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!).sort();

describe('severity reasons in the string catalogs', () => {
  it('uses the core table itself as the English catalog, so the text exists once', () => {
    expect(en.reasons).to.equal(REASONS);
  });

  it('translates every reason into Spanish with the same placeholders', () => {
    expect(Object.keys(es.reasons).sort()).to.deep.equal([...KEYS].sort());
    for (const key of KEYS) {
      const spanish = es.reasons[key];
      expect(spanish, key).to.be.a('string').and.not.equal(REASONS[key]);
      expect(placeholders(spanish), key).to.deep.equal(placeholders(REASONS[key]));
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
