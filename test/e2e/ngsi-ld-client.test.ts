/**
 * FIWARE's own JavaScript client, ngsijs (`NGSI.Connection#ld`), against the NGSI-LD API of the
 * local runtime and its demo sensors: the calls a dashboard makes, without the NGSILD-Tenant header
 * (the local runtime names the demo territory as the default tenant). Then what a browser and a
 * partner see: the headers CORS exposes, and the scheme a refused API key is asked for.
 */
import { createRequire } from 'node:module';
import { eventually } from '../support/eventually';
import { baseUrl, fetchJson } from '../support/http';

const SIREN = '243100518';
const urn = (type: string, id: string) => `urn:ngsi-ld:${type}:${SIREN}:${id}`;

/** The part of ngsijs this test calls (the package ships no types). */
interface LdPage<T> {
  readonly results: T;
  readonly count?: number | null;
  readonly format: string;
}
type Entity = Record<string, unknown> & { id: string; type: string };
type Instances = { type: string; value: unknown; observedAt: string }[];
interface NgsiLd {
  listTypes(options?: { details?: boolean; tenant?: string }): Promise<LdPage<unknown>>;
  getType(options: string | { type: string; tenant?: string }): Promise<{ type: Record<string, unknown> }>;
  queryEntities(options: Record<string, unknown>): Promise<LdPage<Entity[]>>;
  getEntity(options: string | Record<string, unknown>): Promise<{ entity: Entity; format: string }>;
  queryTemporalEntities(options: Record<string, unknown>): Promise<LdPage<Entity[]>>;
}
interface NgsiModule {
  Connection: new (url: string) => { readonly ld: NgsiLd };
  BadRequestError: new () => Error;
  NotFoundError: new () => Error;
}

// ngsijs is CommonJS and runs on Node's http module as is: no fetch or XMLHttpRequest shim needed.
const NGSI = createRequire(import.meta.url)('ngsijs') as NgsiModule;
let ld: NgsiLd;

beforeAll(() => {
  ld = new NGSI.Connection(baseUrl()).ld;
});

/**
 * The demo's sensors among the entities: other tests of the run add their own (`e2e-…`) to the
 * same territory meanwhile, so exact lists and counts are of the demo's only.
 */
const ids = (entities: readonly Entity[]) =>
  entities
    .map((e) => e.id.split(':').at(-1)!)
    .filter((id) => !id.startsWith('e2e-'))
    .sort();
const DEMO_STREETLIGHTS = 14;

describe('ngsijs against the NGSI-LD API, without NGSILD-Tenant', () => {
  test('ld.listTypes: the EntityTypeList of the demo territory; with details, each type and its attributes', async () => {
    const list = await ld.listTypes();
    expect(list.results).toMatchObject({
      type: 'EntityTypeList',
      typeList: expect.arrayContaining([
        'AirQualityObserved',
        'NoiseLevelObserved',
        'TrafficFlowObserved',
        'WeatherObserved',
        'Streetlight',
      ]),
    });
    const detailed = (await ld.listTypes({ details: true })).results as {
      type: string;
      typeName: string;
      attributeNames: string[];
    }[];
    const air = detailed.find((t) => t.typeName === 'AirQualityObserved');
    expect(air?.type).toBe('EntityType');
    expect(air?.attributeNames).toEqual(expect.arrayContaining(['location', 'dateObserved', 'no2', 'pm25']));
    expect(detailed.find((t) => t.typeName === 'Streetlight')?.attributeNames).toContain('status');
  });

  test('ld.getType: the EntityTypeInfo of a type, by short or expanded name; an unknown type is NotFound', async () => {
    const { type } = await ld.getType('Streetlight');
    expect(type).toMatchObject({ type: 'EntityTypeInfo', typeName: 'Streetlight' });
    expect(type.entityCount).toBeGreaterThanOrEqual(DEMO_STREETLIGHTS);
    expect(type.attributeDetails).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ attributeName: 'status', type: 'Attribute', attributeTypes: ['Property'] }),
        expect.objectContaining({ attributeName: 'location', attributeTypes: ['GeoProperty'] }),
      ]),
    );
    const expanded = await ld.getType('https://smartdatamodels.org/dataModel.Streetlighting/Streetlight');
    expect(expanded.type.entityCount).toBeGreaterThanOrEqual(DEMO_STREETLIGHTS);
    await expect(ld.getType('Vehicle')).rejects.toBeInstanceOf(NGSI.NotFoundError);
  });

  test('ld.queryEntities with q: "|" (or), ";" (and) and parentheses, and the count', async () => {
    const failing = await eventually(
      () =>
        ld.queryEntities({
          type: 'Streetlight',
          q: '(status=="defectiveLamp"|status=="columnIssue");illuminanceLevel<0.5',
          count: true,
        }),
      (page) => page.results.length > 0,
      30_000,
    );
    expect(ids(failing.results)).toEqual(['sl-daurade-2']);
    expect(failing.count).toBe(failing.results.length);
    const either = await ld.queryEntities({
      type: 'Streetlight',
      q: 'status=="defectiveLamp"|name=="Lampadaire Colomiers centre 1"',
    });
    expect(ids(either.results)).toEqual(['sl-colomiers-1', 'sl-daurade-2']);
  }, 40_000);

  test('ld.queryEntities with a bad q is a BadRequestError', async () => {
    await expect(ld.queryEntities({ type: 'Streetlight', q: '(status=="ok"' })).rejects.toBeInstanceOf(
      NGSI.BadRequestError,
    );
  });

  test('ld.queryEntities with georel: within and intersects a Polygon, near a Point', async () => {
    // Around the three lamps of quai de la Daurade, and nothing else.
    const daurade = JSON.stringify([
      [
        [1.438, 43.6005],
        [1.442, 43.6005],
        [1.442, 43.6035],
        [1.438, 43.6035],
        [1.438, 43.6005],
      ],
    ]);
    for (const georel of ['within', 'intersects']) {
      const page = await ld.queryEntities({ type: 'Streetlight', georel, geometry: 'Polygon', coordinates: daurade });
      expect(ids(page.results)).toEqual(['sl-daurade-1', 'sl-daurade-2', 'sl-daurade-3']);
    }
    const near = await ld.queryEntities({
      type: 'NoiseLevelObserved',
      georel: 'near;maxDistance==200',
      geometry: 'Point',
      coordinates: '[1.4442,43.6045]',
    });
    expect(ids(near.results)).toEqual(['noise-capitole']);
  });

  test('ld.getEntity: an entity by id, in its Smart Data Models form', async () => {
    const { entity, format } = await ld.getEntity(urn('AirQualityObserved', 'air-capitole'));
    expect(format).toBe('application/ld+json');
    expect(entity).toMatchObject({
      id: urn('AirQualityObserved', 'air-capitole'),
      type: 'AirQualityObserved',
      location: { type: 'GeoProperty', value: { type: 'Point', coordinates: [1.4442, 43.6045] } },
    });
    await expect(ld.getEntity(urn('AirQualityObserved', 'nope'))).rejects.toBeInstanceOf(NGSI.NotFoundError);
  });

  test('ld.queryTemporalEntities of one entity (by id): its last instances, oldest first', async () => {
    const page = await eventually(
      () =>
        ld.queryTemporalEntities({
          type: 'AirQualityObserved',
          id: urn('AirQualityObserved', 'air-jean-jaures'),
          attrs: 'no2',
          lastN: 5,
        }),
      (p) => ((p.results[0]?.no2 as Instances | undefined)?.length ?? 0) === 5,
      30_000,
    );
    expect(page.results).toHaveLength(1);
    const no2 = page.results[0]!.no2 as Instances;
    expect(no2.every((i) => i.type === 'Property' && typeof i.value === 'number')).toBe(true);
    const times = no2.map((i) => i.observedAt);
    expect([...times].sort()).toEqual(times);
  }, 40_000);

  test('ld.queryTemporalEntities over a type with timerel and lastN: every counter, its last 3 hours', async () => {
    const since = new Date(Date.now() - 24 * 3_600_000);
    const page = await eventually(
      () =>
        ld.queryTemporalEntities({
          type: 'TrafficFlowObserved',
          attrs: 'intensity',
          timerel: 'after',
          timeAt: since,
          lastN: 3,
          limit: 50,
          count: true,
        }),
      (p) => p.results.length === 10 && p.results.every((e) => (e.intensity as Instances | undefined)?.length === 3),
      30_000,
    );
    expect(page.count).toBe(10);
    for (const entity of page.results) {
      expect(entity.type).toBe('TrafficFlowObserved');
      expect((entity.intensity as Instances).every((i) => Date.parse(i.observedAt) > since.getTime())).toBe(true);
    }
    // Paged by limit and offset: two pages of five are the ten counters.
    const pageOf = (offset: number) =>
      ld.queryTemporalEntities({ type: 'TrafficFlowObserved', attrs: 'intensity', lastN: 1, limit: 5, offset });
    const [first, second] = await Promise.all([pageOf(0), pageOf(5)]);
    expect([...ids(first.results), ...ids(second.results)].sort()).toEqual(ids(page.results));
  }, 40_000);

  test('a tenant named in the header still wins: an unknown one is refused', async () => {
    expect((await ld.listTypes({ tenant: SIREN })).results).toMatchObject({ type: 'EntityTypeList' });
    await expect(ld.listTypes({ tenant: '999999999' })).rejects.toThrow(/404/);
  });
});

describe('what a browser and a partner see', () => {
  test('CORS exposes Link and NGSILD-Results-Count, and the preflight allows NGSILD-Tenant and Link', async () => {
    const answer = await fetchJson('/ngsi-ld/v1/entities?type=Streetlight&count=true', {
      headers: { origin: 'https://dashboard.example', accept: 'application/json' },
    });
    expect(answer.status).toBe(200);
    const exposed = (answer.headers.get('access-control-expose-headers') ?? '').toLowerCase();
    for (const header of ['link', 'ngsild-results-count', 'location']) expect(exposed.split(/,\s*/)).toContain(header);
    expect(answer.headers.get('link')).toMatch(/smartdatamodels/);
    expect(Number(answer.headers.get('ngsild-results-count'))).toBeGreaterThanOrEqual(DEMO_STREETLIGHTS);

    const preflight = await fetch(`${baseUrl()}/ngsi-ld/v1/entities`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://dashboard.example',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'ngsild-tenant, link',
      },
    });
    const allowed = (preflight.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    expect(allowed).toContain('ngsild-tenant');
    expect(allowed.split(',')).toContain('link');
  });

  test('a partner without a valid API key is asked for one: WWW-Authenticate ApiKey, not Bearer', async () => {
    const response = await fetchJson(`/territories/${SIREN}/observations`, {
      headers: { 'x-api-key': 'vo_nope_nope' },
      json: {
        observations: [
          { sensorId: 'air-capitole', property: 'no2', value: 1, unit: 'GQ', observedAt: new Date().toISOString() },
        ],
      },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('ApiKey');
  });
});
