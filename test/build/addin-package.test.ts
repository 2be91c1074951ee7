import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { describe, it } from '../support/harness.js';
import { parseAddinConfig, triageConfigOf, AddinConfigError } from '../../src/hosts/osvc-addin/config.js';
// @ts-expect-error: a plain .mjs build script without declarations
import { writeZip, readZip, crc32 } from '../../scripts/addin-zip.mjs';

const shipped = () => JSON.parse(readFileSync('osvc/triage-kit.config.json', 'utf8'));
const withDelivery = (delivery: object, rest: object = {}) => ({ ...shipped(), delivery, ...rest });

describe('add-in configuration file', () => {
  it('refuses the shipped file until the administrator puts the intake key in', () => {
    expect(() => parseAddinConfig(shipped())).to.throw(AddinConfigError, 'delivery.apiKey is still the placeholder');
  });

  it('reads an intake configuration into the elements’ configuration', () => {
    const config = parseAddinConfig(withDelivery({ mode: 'intake', intakeUrl: 'https://support.acme.com', apiKey: 'k-123' }, { plan: 'premium', statusPageUrl: 'https://status.acme.com/api/v2/summary.json' }));
    expect(config.ui.headerMenu.itemLabel).to.equal('Report an issue');
    expect(config.ui.sidePane).to.equal(undefined);
    expect(config.maskSelectors).to.include('[data-mask]');
    expect(triageConfigOf(config)).to.deep.include({ plan: 'premium', statusPageUrl: 'https://status.acme.com/api/v2/summary.json' });
    expect(triageConfigOf(config).evidence?.maskSelectors).to.include('[data-mask]');
  });

  it('reads OSvC incident mode, which needs no key', () => {
    const config = parseAddinConfig(withDelivery({ mode: 'osvc-incident', applicationContext: 'triage-kit at Acme' }));
    expect(config.delivery).to.deep.equal({ mode: 'osvc-incident', applicationContext: 'triage-kit at Acme' });
  });

  it('names the wrong field', () => {
    const ok = { mode: 'intake', intakeUrl: 'https://support.acme.com', apiKey: 'k' };
    expect(() => parseAddinConfig(withDelivery({ mode: 'email' }))).to.throw('delivery.mode must be "intake"');
    expect(() => parseAddinConfig(withDelivery({ ...ok, intakeUrl: 'support.acme.com' }))).to.throw('delivery.intakeUrl must be a full http(s) address');
    expect(() => parseAddinConfig(withDelivery(ok, { plan: 'gold' }))).to.throw('plan must be one of: standard, premium');
    expect(() => parseAddinConfig(withDelivery(ok, { osvc: { fields: { incident: 'Incident.IId' } } }))).to.throw('osvc.fields.incident is not a field');
    expect(() => parseAddinConfig(withDelivery({ mode: 'osvc-incident', applicationContext: 'x'.repeat(41) }))).to.throw('at most 40 characters');
    expect(() => parseAddinConfig(withDelivery(ok, { masking: { selectors: [1] } }))).to.throw('masking.selectors');
  });
});

describe('add-in zip writer', () => {
  it('round-trips files through deflate and store with their CRC-32', () => {
    const text = 'Report an issue\n'.repeat(200);
    const zip = writeZip([
      { path: 'triage-kit/a.html', data: text },
      { path: 'triage-kit/js/b.bin', data: new Uint8Array([1, 2, 3]) },
    ]);
    const files = readZip(zip);
    expect([...files.keys()]).to.deep.equal(['triage-kit/a.html', 'triage-kit/js/b.bin']);
    expect(files.get('triage-kit/a.html').toString('utf8')).to.equal(text);
    expect([...files.get('triage-kit/js/b.bin')]).to.deep.equal([1, 2, 3]);
    expect(zip.length).to.be.lessThan(text.length, 'text is deflated');
    expect(crc32(Buffer.from('123456789'))).to.equal(0xcbf43926);
  });

  it('refuses paths that would leave the add-in folder, and damaged entries', () => {
    expect(() => writeZip([{ path: '../evil.js', data: '' }])).to.throw('without ".."');
    const zip = writeZip([{ path: 'a.txt', data: 'hello' }]);
    zip[30 + 'a.txt'.length] ^= 0xff; // a stored body byte
    expect(() => readZip(zip)).to.throw('CRC-32');
  });
});

describe('the built add-in zip (npm run build)', () => {
  it('holds the init file, the modal page, the configuration and every script they load, by relative paths', () => {
    const files: Map<string, Buffer> = readZip(readFileSync('dist/osvc/triage-kit-addin.zip'));
    for (const path of ['triage-kit/triage-kit-init.html', 'triage-kit/triage-kit-reporter.html', 'triage-kit/triage-kit.config.json', 'triage-kit/triage-kit.css']) {
      expect(files.has(path), path).to.equal(true);
    }
    expect(files.get('triage-kit/triage-kit-init.html')!.toString()).to.contain('src="js/osvc-addin-init.js"');
    expect(files.get('triage-kit/triage-kit-reporter.html')!.toString()).to.contain('src="js/osvc-addin-reporter.js"');
    // The rewind buffer loads before the reporter page's own script.
    expect(files.get('triage-kit/triage-kit-reporter.html')!.toString()).to.match(/src="js\/triage-rewind.js"[\s\S]*src="js\/osvc-addin-reporter.js"/);
    for (const [path, data] of files) {
      if (!path.endsWith('.html')) continue;
      for (const [, script] of data.toString().matchAll(/<script[^>]*\ssrc="(?:\.\/)?([^"]+)"/g)) {
        const inZip = path.includes('/js/') ? `triage-kit/js/${script}` : `triage-kit/${script}`;
        expect(files.has(inZip), `${path} loads ${script}`).to.equal(true);
      }
    }
    // Where the modal's iframe may not capture, the screenshot tool opens the capture window beside its chunk.
    expect(files.has('triage-kit/js/triage-capture.html')).to.equal(true);
    let imports = 0;
    for (const [path, data] of files) {
      if (!path.endsWith('.js')) continue;
      for (const [, target] of data.toString().matchAll(/(?:from|import)\s*\(?\s*"(\.\/[^"]+)"/g)) {
        imports++;
        expect(files.has(`triage-kit/js/${target!.slice(2)}`), `${path} imports ${target}`).to.equal(true);
      }
    }
    expect(imports).to.be.greaterThan(10);
    expect(parseAddinConfig.bind(null, JSON.parse(files.get('triage-kit/triage-kit.config.json')!.toString()))).to.throw('placeholder');
  });
});
