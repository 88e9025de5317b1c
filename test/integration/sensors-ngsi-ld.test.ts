/**
 * Reading sensors against DynamoDB Local: latest values by type, commune and bounding box, and the
 * NGSI-LD subset over HTTP through the local gateway (content negotiation, @context, ETSI errors,
 * temporal and aggregated representations).
 */
import { freePort } from '../../infra/local/free-port';
import { createGateway, type Gateway } from '../../infra/local/gateway';
import { createHandlerLoader } from '../../infra/local/handler-loader';
import { sensorRoutes } from '../../shared/sensors/sensors-routes';
import { admin, batchOf, checkedAnswers, recentHour, setUpSensors, SIREN } from '../support/sensors-fixtures';

let url: string;
let gateway: Gateway;
let sensors: Awaited<ReturnType<typeof setUpSensors>>['sensors'];
let ingestion: Awaited<ReturnType<typeof setUpSensors>>['ingestion'];

const CAPITOLE = { lat: 43.6045, lon: 1.4442 };
const AIR_1 = `urn:ngsi-ld:AirQualityObserved:${SIREN}:air-1`;
const LINK =
  '<https://smartdatamodels.org/context.jsonld>; rel="http://www.w3.org/ns/json-ld#context"; type="application/ld+json"';
const H3 = recentHour(3);
const H2 = recentHour(2);
const iso = (t: number) => new Date(t).toISOString();

const get = async (path: string, headers: Record<string, string> = { 'NGSILD-Tenant': SIREN }) => {
  const response = await fetch(`${url}${path}`, { headers });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
};
const ids = (body: unknown) => (body as { id: string }[]).map((e) => e.id.split(':').at(-1));

beforeAll(async () => {
  const context = await setUpSensors('sensors-ngsi-ld');
  ({ sensors, ingestion } = context);
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  const routes = Object.values(sensorRoutes);
  gateway = createGateway({ routes, loadHandler: createHandlerLoader(), ...(await checkedAnswers(routes)) });
  await gateway.listen(port);
  gateway.open();
  await sensors.registerPartner(admin, SIREN, { id: 'atmo', name: 'Atmo Occitanie', kind: 'association' });
  const save = (
    id: string,
    type: 'AirQualityObserved' | 'Streetlight',
    location: { lat: number; lon: number },
    properties: string[],
  ) => sensors.saveSensor(admin, SIREN, id, { type, name: id, partnerId: 'atmo', location, properties });
  await save('air-1', 'AirQualityObserved', CAPITOLE, ['no2', 'pm10']);
  await save('air-2', 'AirQualityObserved', { lat: 43.6114, lon: 1.4536 }, ['no2']); // Matabiau, ~1.1 km
  await save('air-3', 'AirQualityObserved', { lat: 43.61, lon: 1.3 }, ['no2']); // Colomiers
  await save('lamp-1', 'Streetlight', { lat: 43.6032, lon: 1.4451 }, ['status']); // ~160 m
  const at = (t: number, minutes: number) => iso(t + minutes * 60_000);
  await ingestion.writeObservations(
    batchOf([
      { sensorId: 'air-1', property: 'no2', value: 10, observedAt: at(H3, 0) },
      { sensorId: 'air-1', property: 'no2', value: 20, observedAt: at(H3, 20) },
      { sensorId: 'air-1', property: 'no2', value: 30.5, observedAt: at(H3, 40) },
      { sensorId: 'air-1', property: 'no2', value: 40, observedAt: at(H2, 0) },
      { sensorId: 'air-1', property: 'no2', value: 50, observedAt: at(H2, 30) },
      { sensorId: 'air-1', property: 'pm10', value: 12, observedAt: at(H2, 30) },
      { sensorId: 'air-2', property: 'no2', value: 22, observedAt: at(H2, 30) },
      { sensorId: 'lamp-1', property: 'status', value: 'ok', observedAt: at(H2, 10) },
    ]),
  );
});

afterAll(() => gateway.close());

describe('latest values', () => {
  test('by type, by commune and within a bounding box', async () => {
    const byType = await sensors.listSensors(SIREN, { type: 'AirQualityObserved' }, 50);
    expect(byType.items.map((s) => s.id)).toEqual(['air-1', 'air-2', 'air-3']);
    expect(byType.items[0]!.latest.no2).toEqual({ value: 50, observedAt: iso(H2 + 30 * 60_000) });
    const colomiers = await sensors.listSensors(SIREN, { commune: '31149' }, 50);
    expect(colomiers.items.map((s) => s.id)).toEqual(['air-3']);
    const nearCapitole = await sensors.listSensors(SIREN, { bbox: [1.44, 43.6, 1.45, 43.607] }, 50);
    expect(nearCapitole.items.map((s) => s.id)).toEqual(['air-1', 'lamp-1']);
    const world = await sensors.listSensors(SIREN, { bbox: [-180, -90, 180, 90] }, 50);
    expect(world.items).toHaveLength(4);
  });

  test('a long list comes in pages', async () => {
    const first = await sensors.listSensors(SIREN, {}, 3);
    expect(first.items.map((s) => s.id)).toEqual(['air-1', 'air-2', 'air-3']);
    const second = await sensors.listSensors(SIREN, {}, 3, first.cursor);
    expect(second.items.map((s) => s.id)).toEqual(['lamp-1']);
    expect(second.cursor).toBeUndefined();
  });

  test('the series of a status has no rollups, and says so', async () => {
    await expect(sensors.series(SIREN, 'lamp-1', 'status', { resolution: 'hour', limit: 10 })).rejects.toMatchObject({
      rule: 'rollups-numeric',
    });
  });
});

describe('NGSI-LD entities', () => {
  test('as application/json, the @context is in a Link header and entities follow the Smart Data Model', async () => {
    const { status, headers, body } = await get('/ngsi-ld/v1/entities?type=AirQualityObserved');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/json');
    expect(headers.get('link')).toBe(LINK);
    expect(ids(body)).toEqual(['air-1', 'air-2', 'air-3']);
    expect((body as Record<string, unknown>[])[0]).toMatchObject({
      id: AIR_1,
      type: 'AirQualityObserved',
      location: { type: 'GeoProperty', value: { type: 'Point', coordinates: [1.4442, 43.6045] } },
      no2: { type: 'Property', value: 50, unitCode: 'GQ', observedAt: iso(H2 + 30 * 60_000) },
      dateObserved: { type: 'Property', value: { '@type': 'DateTime', '@value': iso(H2 + 30 * 60_000) } },
    });
    expect((body as Record<string, unknown>[])[0]).not.toHaveProperty('@context');
  });

  test('as application/ld+json, each entity carries its @context and there is no Link header', async () => {
    const { headers, body } = await get('/ngsi-ld/v1/entities?type=Streetlight', {
      'NGSILD-Tenant': SIREN,
      Accept: 'application/ld+json',
    });
    expect(headers.get('content-type')).toBe('application/ld+json');
    expect(headers.get('link')).toBeNull();
    expect(body).toEqual([
      expect.objectContaining({
        type: 'Streetlight',
        status: expect.objectContaining({ value: 'ok' }),
        '@context': [
          'https://smartdatamodels.org/context.jsonld',
          'https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld',
        ],
      }),
    ]);
  });

  test('q filters on property values', async () => {
    expect(ids((await get('/ngsi-ld/v1/entities?type=AirQualityObserved&q=no2>40')).body)).toEqual(['air-1']);
    expect(ids((await get('/ngsi-ld/v1/entities?q=status=="ok"')).body)).toEqual(['lamp-1']);
  });

  test('georel=near;maxDistance finds what lies within the distance, nearest first', async () => {
    const near = await get(
      `/ngsi-ld/v1/entities?georel=${encodeURIComponent('near;maxDistance==500')}&geometry=Point&coordinates=[1.4442,43.6045]`,
    );
    expect(ids(near.body)).toEqual(['air-1', 'lamp-1']);
  });

  test('limit, offset and count=true page the answer and give the total', async () => {
    const page = await get('/ngsi-ld/v1/entities?type=AirQualityObserved&limit=1&offset=1&count=true');
    expect(ids(page.body)).toEqual(['air-2']);
    expect(page.headers.get('ngsild-results-count')).toBe('3');
  });

  test('an entity by id, and simplified with options=keyValues', async () => {
    const normalized = await get(`/ngsi-ld/v1/entities/${AIR_1}`);
    expect(normalized.body).toMatchObject({ id: AIR_1, pm10: { value: 12, unitCode: 'GQ' } });
    const simplified = await get(`/ngsi-ld/v1/entities/${AIR_1}?options=keyValues&attrs=no2,pm10`, {});
    expect(simplified.body).toEqual({ id: AIR_1, type: 'AirQualityObserved', no2: 50, pm10: 12 });
  });
});

describe('NGSI-LD temporal', () => {
  const between = `timerel=between&timeAt=${iso(H3)}&endTimeAt=${iso(H2 + 3_600_000)}`;

  test('instances between two times, oldest first, with their unit', async () => {
    const { status, body } = await get(`/ngsi-ld/v1/temporal/entities/${AIR_1}?${between}&attrs=no2`);
    expect(status).toBe(200);
    const no2 = (body as { no2: { value: number; observedAt: string; unitCode: string }[] }).no2;
    expect(no2.map((i) => i.value)).toEqual([10, 20, 30.5, 40, 50]);
    expect(no2[0]).toEqual({ type: 'Property', value: 10, observedAt: iso(H3), unitCode: 'GQ' });
  });

  test('lastN keeps the last instances; temporalValues gives [value, time] pairs', async () => {
    const { body } = await get(`/ngsi-ld/v1/temporal/entities/${AIR_1}?attrs=no2&lastN=2&options=temporalValues`);
    expect(body).toEqual({
      id: AIR_1,
      type: 'AirQualityObserved',
      no2: {
        type: 'Property',
        values: [
          [40, iso(H2)],
          [50, iso(H2 + 30 * 60_000)],
        ],
      },
    });
  });

  test('timerel=before excludes timeAt itself', async () => {
    const { body } = await get(`/ngsi-ld/v1/temporal/entities/${AIR_1}?attrs=no2&timerel=before&timeAt=${iso(H2)}`);
    expect((body as { no2: { value: number }[] }).no2.map((i) => i.value)).toEqual([10, 20, 30.5]);
  });

  test('aggrMethods with PT1H answers each method as [value, startAt, endAt] per hour', async () => {
    const { body } = await get(
      `/ngsi-ld/v1/temporal/entities/${AIR_1}?${between}&attrs=no2&aggrMethods=totalCount,min,max,sum,avg&aggrPeriodDuration=PT1H`,
    );
    const [h3, h2, h1] = [iso(H3), iso(H2), iso(H2 + 3_600_000)];
    expect((body as { no2: unknown }).no2).toEqual({
      type: 'Property',
      totalCount: [
        [3, h3, h2],
        [2, h2, h1],
      ],
      min: [
        [10, h3, h2],
        [40, h2, h1],
      ],
      max: [
        [30.5, h3, h2],
        [50, h2, h1],
      ],
      sum: [
        [60.5, h3, h2],
        [90, h2, h1],
      ],
      avg: [
        [60.5 / 3, h3, h2],
        [45, h2, h1],
      ],
    });
  });

  test('P1D aggregates by day', async () => {
    const { body } = await get(
      `/ngsi-ld/v1/temporal/entities/${AIR_1}?attrs=pm10&aggrMethods=max&aggrPeriodDuration=P1D`,
    );
    const day = iso(H2).slice(0, 10);
    expect((body as { pm10: unknown }).pm10).toEqual({
      type: 'Property',
      max: [[12, `${day}T00:00:00.000Z`, iso(Date.parse(`${day}T00:00:00Z`) + 86_400_000)]],
    });
  });
});

describe('NGSI-LD errors use ETSI problem types', () => {
  test.each([
    [
      'an unknown entity',
      `/ngsi-ld/v1/entities/urn:ngsi-ld:AirQualityObserved:${SIREN}:nope`,
      { 'NGSILD-Tenant': SIREN },
      404,
      'ResourceNotFound',
    ],
    ['no tenant', '/ngsi-ld/v1/entities?type=AirQualityObserved', {}, 400, 'BadRequestData'],
    [
      'an unknown tenant',
      '/ngsi-ld/v1/entities?type=AirQualityObserved',
      { 'NGSILD-Tenant': '999999999' },
      404,
      'NonexistentTenant',
    ],
    ['a query with no criterion', '/ngsi-ld/v1/entities', { 'NGSILD-Tenant': SIREN }, 400, 'BadRequestData'],
    ['a q it cannot read', '/ngsi-ld/v1/entities?q=no2>>1', { 'NGSILD-Tenant': SIREN }, 400, 'BadRequestData'],
    [
      'an aggregation period it does not keep',
      `/ngsi-ld/v1/temporal/entities/${AIR_1}?aggrMethods=avg&aggrPeriodDuration=PT15M`,
      {},
      422,
      'OperationNotSupported',
    ],
    [
      'a limit above 1000',
      '/ngsi-ld/v1/entities?type=Streetlight&limit=5000',
      { 'NGSILD-Tenant': SIREN },
      403,
      'TooManyResults',
    ],
  ])('%s', async (_name, path, headers, status, type) => {
    const response = await get(path, headers as Record<string, string>);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.body).toMatchObject({ type: `https://uri.etsi.org/ngsi-ld/errors/${type}`, status });
  });

  test('a representation it cannot give is 406', async () => {
    expect(
      (await get('/ngsi-ld/v1/entities?type=Streetlight', { 'NGSILD-Tenant': SIREN, Accept: 'text/html' })).status,
    ).toBe(406);
  });
});

describe('NGSI-LD temporal, more instances than one answer holds', () => {
  const DENSE = `urn:ngsi-ld:NoiseLevelObserved:${SIREN}:noise-dense`;
  const start = recentHour(20);

  beforeAll(async () => {
    await sensors.saveSensor(admin, SIREN, 'noise-dense', {
      type: 'NoiseLevelObserved',
      name: 'noise-dense',
      partnerId: 'atmo',
      location: { lat: 43.56, lon: 1.5 },
      properties: ['LAeq'],
    });
    const readings = Array.from({ length: 1100 }, (_, i) => ({
      sensorId: 'noise-dense',
      property: 'LAeq',
      value: 40 + (i % 30),
      observedAt: iso(start + i * 60_000),
    }));
    for (let i = 0; i < readings.length; i += 500)
      await ingestion.writeObservations(batchOf(readings.slice(i, i + 500)));
  }, 60_000);

  test('answers 206 with the first 1000 instances and the range asked for in Content-Range', async () => {
    const { status, headers, body } = await get(`/ngsi-ld/v1/temporal/entities/${DENSE}?attrs=LAeq`);
    expect(status).toBe(206);
    expect(headers.get('content-range')).toMatch(/^date-time \S+Z-\S+Z\/\*$/);
    const instances = (body as { LAeq: { observedAt: string }[] }).LAeq;
    expect(instances).toHaveLength(1000);
    expect(instances[0]!.observedAt).toBe(iso(start));
  });

  test('lastN is never partial', async () => {
    const { status, body } = await get(`/ngsi-ld/v1/temporal/entities/${DENSE}?attrs=LAeq&lastN=3`);
    expect(status).toBe(200);
    expect((body as { LAeq: { observedAt: string }[] }).LAeq.map((i) => i.observedAt)).toEqual(
      [1097, 1098, 1099].map((i) => iso(start + i * 60_000)),
    );
  });

  test('over a type, 100 instances an attribute at most: 206 with Content-Range; lastN above 100 is refused', async () => {
    const query = `/ngsi-ld/v1/temporal/entities?type=NoiseLevelObserved&attrs=LAeq&count=true`;
    const { status, headers, body } = await get(query);
    expect(status).toBe(206);
    expect(headers.get('content-range')).toMatch(/^date-time \S+Z-\S+Z\/\*$/);
    const dense = (body as { id: string; LAeq: { observedAt: string }[] }[]).find((e) => e.id === DENSE);
    expect(dense?.LAeq).toHaveLength(100);
    expect(dense?.LAeq[0]!.observedAt).toBe(iso(start));
    const refused = await get(`${query}&lastN=101`);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ type: 'https://uri.etsi.org/ngsi-ld/errors/TooManyResults' });
  });
});
