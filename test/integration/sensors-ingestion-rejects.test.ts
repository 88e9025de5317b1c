/**
 * What the writer cannot store fails alone, against DynamoDB Local: the rest of the message is
 * written, the points set aside are listed for the territory's admins (which partner, when, why),
 * a message given up on at its last receive is listed too, and an admin re-drives it after a fix.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SQSEvent } from 'aws-lambda';
import { freePort } from '../../infra/local/free-port';
import { createGateway, type Gateway } from '../../infra/local/gateway';
import { createHandlerLoader } from '../../infra/local/handler-loader';
import { createLambdaContext } from '../../infra/local/lambda-context';
import { openLocalQueues, type LocalQueues } from '../../infra/local/queues/local-queues';
import type { ObservationBatch } from '../../shared/sensors/sensors';
import { consumerDeclarations } from '../../shared/wiring/consumers';
import {
  admin,
  batchOf,
  recentHour,
  setUpSensors,
  SIREN,
  sqsEventOf,
  toulouseAgent,
} from '../support/sensors-fixtures';

type Context = Awaited<ReturnType<typeof setUpSensors>>;
let sensors: Context['sensors'];
let errors: Context['errors'];
let ingestion: Context['ingestion'];
let writeHandler: (event: SQSEvent) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;
/** Batches the re-drive queued (a fake queue: the writer is called with them by the test). */
const queued: ObservationBatch[] = [];

let dataDir: string;
let gateway: Gateway;
let queues: LocalQueues;

beforeAll(async () => {
  process.env.LOG_LEVEL = 'SILENT';
  // The writer sends the hours it marks dirty to the rollups' queue (delayed: its consumer does not run here).
  dataDir = await mkdtemp(join(tmpdir(), 'sensors-rejects-'));
  const port = await freePort();
  queues = await openLocalQueues({
    consumers: [consumerDeclarations.materializeSensorRollups],
    dataDir,
    baseUrl: `http://127.0.0.1:${port}`,
  });
  gateway = createGateway({ routes: [], loadHandler: createHandlerLoader(), localRoutes: queues.routes });
  await gateway.listen(port);
  Object.assign(process.env, { QUEUE_URLS: JSON.stringify(queues.queueUrls), SQS_ENDPOINT: queues.sqsEndpoint });
  let partnerWithKey: Context['partnerWithKey'];
  let clock: Context['clock'];
  ({ sensors, errors, partnerWithKey, clock } = await setUpSensors('sensors-rejects'));
  const { handler } = await import('../../functions/sensors/write-observations');
  writeHandler = (event) =>
    handler(event, createLambdaContext('writeObservations', 30_000)) as ReturnType<typeof writeHandler>;
  const { makeIngestionUseCases } = await import('../../shared/sensors/ingestion-use-cases');
  const { dynamoSensorRegistry } = await import('../../shared/sensors/sensor-registry-store');
  const { dynamoObservationStore } = await import('../../shared/sensors/observation-store');
  const { dynamoRejectStore } = await import('../../shared/sensors/ingestion-reject-store');
  ingestion = makeIngestionUseCases({
    registry: dynamoSensorRegistry,
    observations: dynamoObservationStore,
    rejects: dynamoRejectStore,
    queue: { send: async (batch) => void queued.push(batch) },
    rollups: { send: async () => undefined },
    onLatestValues: async () => ({ opened: 0, closed: 0 }),
    clock,
  });

  await partnerWithKey('atmo');
  const station = { type: 'AirQualityObserved' as const, partnerId: 'atmo', location: { lat: 43.6045, lon: 1.4442 } };
  await sensors.saveSensor(admin, SIREN, 'air-1', { ...station, name: 'Capitole', properties: ['no2', 'pm10'] });
});

afterAll(async () => {
  await gateway.close();
  await rm(dataDir, { recursive: true, force: true });
});

const at = (minutes: number) => new Date(recentHour(3) + minutes * 60_000).toISOString();
const latestNo2 = async () => (await sensors.getSensor(SIREN, 'air-1')).latest.no2?.value;

test('a poison point fails alone: the valid one of its message is stored, the others set aside for the admins', async () => {
  const batch = batchOf([
    { sensorId: 'air-1', property: 'no2', value: 43.43, observedAt: at(0) },
    { sensorId: 'air-1', property: 'no2', value: 1e308, observedAt: at(1) },
    { sensorId: 'air-1', property: 'pm10', value: 1e-200, observedAt: at(2) },
    // Arrives as 9007199254740992: not the number sent.
    { sensorId: 'air-1', property: 'pm10', value: 9007199254740993, observedAt: at(3) },
  ]);
  const result = await writeHandler(sqsEventOf(batch) as unknown as SQSEvent);
  expect(result.batchItemFailures).toEqual([]);
  expect(await latestNo2()).toBe(43.43);

  const { items } = await ingestion.listRejected(admin, SIREN, { limit: 10 });
  const rejection = items.find((r) => r.batchId === batch.batchId)!;
  expect(rejection).toMatchObject({
    partnerId: 'atmo',
    kind: 'points',
    state: 'rejected',
    receivedAt: batch.receivedAt,
  });
  expect(rejection.points.map((p) => [p.property, p.value])).toEqual(
    expect.arrayContaining([
      ['no2', '1e+308'],
      ['pm10', '1e-200'],
      ['pm10', '9007199254740992'],
    ]),
  );
  expect(rejection.points).toHaveLength(3);
  expect(rejection.points[0]!.reason).toMatch(/can store/);

  // Delivered again (at least once): the same rejection, not a second one.
  await writeHandler(sqsEventOf(batch) as unknown as SQSEvent);
  const again = await ingestion.listRejected(admin, SIREN, { limit: 10 });
  expect(again.items.filter((r) => r.batchId === batch.batchId)).toHaveLength(1);
});

test("the rejections are the territory admins' to see: an agent is refused", async () => {
  await expect(ingestion.listRejected(toulouseAgent, SIREN, { limit: 10 })).rejects.toBeInstanceOf(
    errors.ForbiddenError,
  );
});

test('a message the writer gives up on at its last receive is listed, then re-driven once after the fix', async () => {
  const { observationBatchConsumer } = await import('../../shared/sensors/observation-consumer');
  const batch = batchOf([{ sensorId: 'air-1', property: 'no2', value: 51.5, observedAt: at(30) }]);
  // The store fails every time (here: a writer that throws), until the last of the declared receives.
  const failing = observationBatchConsumer(
    consumerDeclarations.writeObservations,
    async () => {
      throw new Error('the store is unavailable');
    },
    (b, reason) => ingestion.recordFailedMessage(b, reason),
  );
  const event = sqsEventOf(batch) as unknown as SQSEvent;
  event.Records[0]!.attributes.ApproximateReceiveCount = String(consumerDeclarations.writeObservations.maxReceiveCount);
  // Every record failed: the invocation fails, SQS moves the message to the DLQ, as before.
  await expect(failing(event, createLambdaContext('writeObservations', 30_000))).rejects.toThrow();

  const rejection = (await ingestion.listRejected(admin, SIREN, { limit: 10 })).items.find(
    (r) => r.batchId === batch.batchId,
  )!;
  expect(rejection).toMatchObject({
    kind: 'message',
    partnerId: 'atmo',
    reason: expect.stringContaining('unavailable'),
  });
  expect(await latestNo2()).toBe(43.43);

  // The store is back: the admin re-drives; the points are queued again, and written.
  const redriven = await ingestion.redriveRejected(admin, SIREN, rejection.id);
  expect(redriven.state).toBe('redriven');
  expect(queued.at(-1)).toMatchObject({ partnerId: 'atmo', observations: [{ value: 51.5, observedAt: at(30) }] });
  await ingestion.writeObservations(queued.at(-1)!);
  expect(await latestNo2()).toBe(51.5);
  await expect(ingestion.redriveRejected(admin, SIREN, rejection.id)).rejects.toBeInstanceOf(errors.ConflictError);
  await expect(ingestion.redriveRejected(admin, SIREN, '0'.repeat(32))).rejects.toBeInstanceOf(errors.NotFoundError);
});
