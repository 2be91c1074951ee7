// Browser only: the session token must not land in any storage the page can read later.
import { expect } from 'chai';
import { describe, it } from '../../harness.js';
import { connectOsvc } from '../../../src/hosts/osvc.js';
import { OsvcSimulator, simIncident } from '../../support/osvc-double.js';

const TOKEN = 'secret-session-7f3a9c';

async function everythingStored(): Promise<string> {
  const parts: string[] = [document.cookie];
  for (const storage of [localStorage, sessionStorage]) {
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i)!;
      parts.push(key, storage.getItem(key) ?? '');
    }
  }
  for (const info of await indexedDB.databases()) {
    if (!info.name) continue;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(info.name!);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    for (const storeName of Array.from(db.objectStoreNames)) {
      const rows = await new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction(storeName).objectStore(storeName).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      parts.push(JSON.stringify(rows));
    }
    db.close();
  }
  return parts.join('\n');
}

describe('OSvC session token', () => {
  it('is handed to the caller and kept nowhere: not in the agent context, storage, cookies or IndexedDB', async () => {
    const sim = new OsvcSimulator({
      agent: { sessionToken: TOKEN },
      records: [simIncident({ id: 1, reference: '261127-000001', contactId: 2, queueId: 3, queueName: 'ABC' })],
    }).install();
    try {
      const host = await connectOsvc();
      expect(await host.getSessionToken()).to.equal(TOKEN);
      expect(await host.getSessionToken()).to.equal(TOKEN);
      expect(sim.tokenRequests).to.equal(2);
      expect(JSON.stringify(host.agent)).to.not.contain(TOKEN);
      expect(sim.log.map((line) => line.message).join('\n')).to.not.contain(TOKEN);
      expect(await everythingStored()).to.not.contain(TOKEN);
    } finally {
      sim.uninstall();
    }
  });
});
