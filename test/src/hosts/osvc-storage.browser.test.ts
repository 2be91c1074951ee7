// Browser only: the whole OSvC path, simulated Browser UI -> connectOsvc -> OSvC transport -> real
// outbox (IndexedDB) -> the test plugin's Connect REST double; then the session token must be
// nowhere the page keeps anything.
import { expect } from 'chai';
import { executeServerCommand } from '@web/test-runner-commands';
import { describe, it } from '../../support/harness.js';
import { connectOsvc } from '../../../src/hosts/osvc.js';
import { createOutbox } from '../../../src/outbox.js';
import { createOsvcTransport } from '../../../src/transports/osvc.js';
import type { RecordedRequest } from '../../support/osvc-rest-double.mjs';
import { OsvcSimulator, simIncident } from '../../support/osvc-double.js';
import { deleteDatabase, isSent, loadEnv, makeTicket, waitForEntry } from '../../support/delivery-fixtures.js';

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
  it('is asked from the host at send time, reaches Connect REST, and is kept in no storage', async () => {
    const env = await loadEnv();
    await executeServerCommand('osvc-reset');
    const token = env.OSVC_SESSION_TOKEN;
    const sim = new OsvcSimulator({
      agent: { sessionToken: token, restBase: env.OSVC_REST_BASE },
      records: [simIncident({ id: 1, reference: '261127-000001', contactId: 2, queueId: 3, queueName: 'ABC' })],
    }).install();
    const dbName = `osvc-token-${crypto.randomUUID()}`;
    const host = await connectOsvc();
    const outbox = createOutbox({
      dbName,
      transport: createOsvcTransport({ restBase: host.restBase, getSessionToken: () => host.getSessionToken() }),
    });
    try {
      expect(sim.tokenRequests).to.equal(0, 'no token before there is something to send');
      const ticket = makeTicket({ reporter: host.agent.reporter, records: host.agent.records });
      const entry = await outbox.submit(ticket, []);
      await waitForEntry(outbox, entry.id, isSent);
      expect(sim.tokenRequests).to.be.at.least(1);

      const requests = (await executeServerCommand('osvc-requests')) as RecordedRequest[];
      const created = requests.filter((request) => request.method === 'POST' && request.accepted);
      expect(created).to.have.length(1);
      expect(created[0]!.headers.authorization).to.equal(`Session ${token}`);

      expect(JSON.stringify(host.agent)).to.not.contain(token);
      expect(sim.log.map((line) => line.message).join('\n')).to.not.contain(token);
      const stored = await everythingStored();
      expect(stored).to.contain(ticket.id, 'the scan does see the outbox');
      expect(stored).to.not.contain(token);
    } finally {
      outbox.close();
      sim.uninstall();
      await deleteDatabase(dbName);
    }
  });
});
