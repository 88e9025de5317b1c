/**
 * Partner API keys against DynamoDB Local and over HTTP through the local gateway: several keys
 * at once for rotation, revocation with immediate effect, 401 problem+json for any bad key, and
 * batches checked before they are queued.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../infra/local/free-port';
import { createGateway, type Gateway } from '../../infra/local/gateway';
import { createHandlerLoader } from '../../infra/local/handler-loader';
import { openLocalQueues, type LocalQueues } from '../../infra/local/queues/local-queues';
import type { Principal } from '../../shared/kernel/principal';
import { sensorRoutes } from '../../shared/sensors/sensors-routes';
import { consumerDeclarations } from '../../shared/wiring/consumers';
import { admin, checkedAnswers, setUpSensors, SIREN } from '../support/sensors-fixtures';

const consumer = consumerDeclarations.writeObservations;

let dataDir: string;
let url: string;
let gateway: Gateway;
let queues: LocalQueues;
type Context = Awaited<ReturnType<typeof setUpSensors>>;
let sensors: Context['sensors'];
let errors: Context['errors'];
let firstKey: string;

const push = (key: string | undefined, observations: unknown[], siren = SIREN, header = 'x-api-key') =>
  fetch(`${url}/territories/${siren}/observations`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(key ? { [header]: header === 'authorization' ? `ApiKey ${key}` : key } : {}),
    },
    body: JSON.stringify({ observations }),
  });

const reading = (overrides: Record<string, unknown> = {}) => ({
  sensorId: 'air-1',
  property: 'no2',
  value: 31.2,
  unit: 'GQ',
  observedAt: new Date(Date.now() - 60_000).toISOString(),
  ...overrides,
});

const queued = async () =>
  ((await (await fetch(`${url}/_local/queues`)).json()) as Record<string, { visible: number }>)[consumer.queue]!
    .visible;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'sensors-keys-'));
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  queues = await openLocalQueues({ consumers: [consumer], dataDir, baseUrl: url });
  Object.assign(process.env, { QUEUE_URLS: JSON.stringify(queues.queueUrls), SQS_ENDPOINT: queues.sqsEndpoint });
  ({ sensors, errors } = await setUpSensors('sensors-keys'));
  gateway = createGateway({
    routes: [sensorRoutes.ingestObservations],
    loadHandler: createHandlerLoader(),
    localRoutes: queues.routes,
    ...(await checkedAnswers([sensorRoutes.ingestObservations])),
  });
  await gateway.listen(port);
  gateway.open();
  await sensors.registerPartner(admin, SIREN, { id: 'atmo', name: 'Atmo Occitanie', kind: 'association' });
  await sensors.registerPartner(admin, SIREN, { id: 'citelum', name: 'Citelum', kind: 'company' });
  firstKey = (await sensors.issueApiKey(admin, SIREN, 'atmo', 'first')).key;
  await sensors.saveSensor(admin, SIREN, 'air-1', {
    type: 'AirQualityObserved',
    name: 'Capitole',
    partnerId: 'atmo',
    location: { lat: 43.6045, lon: 1.4442 },
    properties: ['no2'],
  });
  await sensors.saveSensor(admin, SIREN, 'lamp-1', {
    type: 'Streetlight',
    name: 'Rue Alsace-Lorraine 12',
    partnerId: 'citelum',
    location: { lat: 43.6032, lon: 1.4451 },
    properties: ['status'],
  });
});

afterAll(async () => {
  await gateway.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('rotation and revocation', () => {
  test('a partner holds several active keys at once: a new one works before the old one is revoked', async () => {
    const second = await sensors.issueApiKey(admin, SIREN, 'atmo', 'second');
    expect((await push(firstKey, [reading()])).status).toBe(202);
    expect((await push(second.key, [reading()], SIREN, 'authorization')).status).toBe(202);
  });

  test('a revoked key is refused at once with a 401 problem; the other keys still work', async () => {
    const spare = await sensors.issueApiKey(admin, SIREN, 'atmo', 'spare');
    await sensors.revokeApiKey(admin, SIREN, 'atmo', spare.keyId);

    const refused = await push(spare.key, [reading()]);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(await refused.json()).toMatchObject({ type: 'urn:ville-ouverte:problem:unauthenticated', status: 401 });
    expect((await push(firstKey, [reading()])).status).toBe(202);
  });

  test('no key, a malformed key, a key with one character changed, or another territory: 401', async () => {
    const tampered = firstKey.slice(0, -1) + (firstKey.endsWith('x') ? 'y' : 'x');
    for (const response of [
      await push(undefined, [reading()]),
      await push('not-a-key', [reading()]),
      await push(tampered, [reading()]),
      await push(firstKey, [reading()], '243300316'),
    ])
      expect(response.status).toBe(401);
  });

  test('keys are listed with their label, hint and status, never the key or its hash', async () => {
    const keys = await sensors.listApiKeys(admin, SIREN, 'atmo');
    expect(keys.map((k) => [k.label, k.status])).toEqual([
      ['first', 'active'],
      ['second', 'active'],
      ['spare', 'revoked'],
    ]);
    expect(JSON.stringify(keys)).not.toContain(firstKey.slice(-20));
    expect(keys.every((k) => !('hash' in k))).toBe(true);
    expect(firstKey.endsWith(keys[0]!.hint)).toBe(true);
  });

  test('only an admin of the territory issues or revokes keys', async () => {
    const agent: Principal = { sub: 'agent-1', role: 'agent', territory: SIREN, issuer: 'test' };
    const bordeaux: Principal = { ...admin, territory: '243300316' };
    await expect(sensors.issueApiKey(agent, SIREN, 'atmo', 'x')).rejects.toBeInstanceOf(errors.ForbiddenError);
    await expect(sensors.issueApiKey(bordeaux, SIREN, 'atmo', 'x')).rejects.toBeInstanceOf(errors.ForbiddenError);
  });
});

describe('checking a batch before it is queued', () => {
  test('a good batch is acknowledged with 202 and queued as one message', async () => {
    const before = await queued();
    const response = await push(firstKey, [
      reading(),
      reading({ observedAt: new Date(Date.now() - 120_000).toISOString() }),
    ]);
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ accepted: 2, batchId: expect.any(String) });
    expect(await queued()).toBe(before + 1);
  });

  test('a bad batch is a 400 naming each offending index, and nothing is queued', async () => {
    const before = await queued();
    const response = await push(firstKey, [
      reading(),
      reading({ sensorId: 'air-9' }),
      reading({ unit: 'GP' }),
      reading({ observedAt: new Date(Date.now() + 3_600_000).toISOString() }),
      reading({ value: 'high' }),
      reading({ sensorId: 'lamp-1', property: 'status', value: 'ok', unit: undefined }),
      reading({ observedAt: new Date(Date.now() - 8 * 86_400_000).toISOString() }),
    ]);
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { errors: { path: string; message: string }[] };
    expect(problem.errors).toEqual([
      { path: 'observations.1.sensorId', message: 'unknown sensor air-9' },
      { path: 'observations.2.unit', message: 'no2 is measured in GQ, not GP' },
      { path: 'observations.3.observedAt', message: 'is in the future' },
      { path: 'observations.4.value', message: 'must be a number' },
      { path: 'observations.5.sensorId', message: 'sensor lamp-1 belongs to another partner' },
      { path: 'observations.6.observedAt', message: 'is older than 7 days' },
    ]);
    expect(await queued()).toBe(before);
  });

  test('more than 500 observations, or a time without its offset, are refused by the schema with the index', async () => {
    expect(
      (
        await push(
          firstKey,
          Array.from({ length: 501 }, () => reading()),
        )
      ).status,
    ).toBe(400);
    const response = await push(firstKey, [reading(), reading({ observedAt: '2025-03-14 10:00' })]);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe(
      'body.observations.1.observedAt',
    );
  });
});
