/**
 * The transactional outbox end to end on one machine: real DynamoDB Local, the production SQS
 * adapter, the local durable queues and the real audit consumer.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../infra/local/free-port';
import { createGateway, type Gateway } from '../../infra/local/gateway';
import { createHandlerLoader } from '../../infra/local/handler-loader';
import { openLocalQueues, type LocalQueues } from '../../infra/local/queues/local-queues';
import type { Principal } from '../../shared/kernel/principal';
import { consumers } from '../../shared/wiring/consumers';
import { eventually } from '../support/eventually';
import { useFreshTable } from '../support/integration-table';

const SIREN = '243100518';
const admin: Principal = { sub: 'admin-7', role: 'admin', territory: SIREN, issuer: 'test' };

let dataDir: string;
let port: number;
let gateway: Gateway;
let queues: LocalQueues;
let outbox: typeof import('../../shared/events/outbox');
let sendMessages: (typeof import('../../shared/runtime/queue'))['sendMessages'];
let territory: (typeof import('../../shared/territory/territory-app'))['territory'];
let audit: (typeof import('../../shared/audit/audit-app'))['audit'];

const depth = async (queue: string) =>
  (
    (await (await fetch(`http://127.0.0.1:${port}/_local/queues`)).json()) as Record<
      string,
      { visible: number; inFlight: number }
    >
  )[queue]!;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'outbox-'));
  port = await freePort();
  queues = await openLocalQueues({ consumers, dataDir, baseUrl: `http://127.0.0.1:${port}` });
  // The gateway does not listen yet: the queues are unreachable, as in an outage.
  gateway = createGateway({ routes: [], loadHandler: createHandlerLoader(), localRoutes: queues.routes });
  Object.assign(process.env, { QUEUE_URLS: JSON.stringify(queues.queueUrls), SQS_ENDPOINT: queues.sqsEndpoint });
  await useFreshTable('outbox');
  outbox = await import('../../shared/events/outbox');
  ({ sendMessages } = await import('../../shared/runtime/queue'));
  ({ territory } = await import('../../shared/territory/territory-app'));
  ({ audit } = await import('../../shared/audit/audit-app'));
  const { makeImportCommunes } = await import('../../shared/territory/territory-use-cases');
  const { dynamoTerritoryStore } = await import('../../shared/territory/territory-store');
  const { systemClock } = await import('../../shared/kernel/clock');
  const catalogue = { find: async () => ({ siren: SIREN, name: 'Toulouse Métropole', population: 1, members: [] }) };
  await makeImportCommunes({ store: dynamoTerritoryStore, clock: systemClock, catalogue })(admin, SIREN);
});

afterAll(async () => {
  await queues.stopPollers();
  await gateway.close().catch(() => undefined);
  await rm(dataDir, { recursive: true, force: true });
});

test('a change committed while the queues are down keeps its event pending, and the relay sends it once they are back', async () => {
  await territory.saveService(admin, SIREN, SIREN, { id: 'voirie', name: 'Voirie' });
  await expect(outbox.relayPending(0)).rejects.toThrow();

  await gateway.listen(port);
  const relayed = await outbox.relayPending(0);

  expect(relayed).toBe(2); // the import's event and the service's
  expect((await depth('audit')).visible).toBe(2);
  expect(await outbox.relayPending(0)).toBe(0);
});

test('the audit consumer, given the same event twice, records it once', async () => {
  queues.startPollers({ loadHandler: createHandlerLoader(), pollIntervalMs: 20 });
  const saved = await territory.saveService(admin, SIREN, SIREN, { id: 'voirie', name: 'Voirie et réseaux' });
  const entries = () => audit.list(admin, SIREN, 50).then((page) => page.items);
  const after = await eventually(entries, (items) =>
    items.some((e) => (e.after as { name?: string })?.name === 'Voirie et réseaux'),
  );
  const entry = after.find((e) => (e.after as { name?: string })?.name === 'Voirie et réseaux')!;
  expect(entry).toMatchObject({
    before: { name: 'Voirie', version: 1 },
    after: { version: saved.version },
    actor: { sub: 'admin-7' },
  });

  // SQS delivers at least once: the same event again.
  const redelivered = {
    id: entry.eventId,
    type: entry.action,
    occurredAt: entry.at,
    territory: SIREN,
    subject: entry.subject,
    actor: entry.actor,
    data: { before: entry.before, after: entry.after },
  };
  await sendMessages('audit', [{ id: entry.eventId, body: JSON.stringify(redelivered) }]);
  await eventually(
    () => depth('audit'),
    (d) => d.visible === 0 && d.inFlight === 0,
  );

  expect((await entries()).filter((e) => e.eventId === entry.eventId)).toHaveLength(1);
  expect(await entries()).toHaveLength(3);
});
