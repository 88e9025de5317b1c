/**
 * The Open311 use cases against DynamoDB Local, over the real report and territory stores:
 * jurisdictions by SIREN or INSEE code, posting (and what is refused, storing nothing), and GET
 * requests served by the communes' index — a period, statuses, services, ids — newest first.
 */
import {
  CAPITOLE,
  citizen,
  COLOMIERS,
  COLOMIERS_CENTRE,
  metropolitanAgent,
  north,
  setUpReports,
  SIREN,
  TOULOUSE,
  type ReportsFixture,
} from '../support/reports-fixtures';

let open311: ReportsFixture['open311'];
let reports: ReportsFixture['reports'];
let territory: ReportsFixture['territory'];
let clock: ReportsFixture['clock'];
let errors: ReportsFixture['errors'];

beforeAll(async () => {
  ({ open311, reports, territory, clock, errors } = await setUpReports('open311', { start: '2026-03-02T08:00:00Z' }));
});

/** A pothole posted as an Open311 client posts it. */
const post = (jurisdiction: string, point = CAPITOLE, extra: object = {}) =>
  open311.postServiceRequest(undefined, {
    jurisdiction_id: jurisdiction,
    service_code: 'voirie',
    lat: point.lat,
    long: point.lon,
    attribute: { nature: 'nid-de-poule' },
    email: 'jeanne@example.fr',
    description: 'Nid-de-poule profond',
    ...extra,
  });

/** Every request of a commune filed since the start of the tests (ids), newest first. */
const allIds = async (jurisdiction: string) =>
  (
    await open311.listServiceRequests({
      jurisdiction_id: jurisdiction,
      service_request_id: [],
      service_code: [],
      status: [],
      start_date: new Date('2026-01-01T00:00:00Z'),
    })
  ).map((r) => r.service_request_id);

describe('jurisdictions', () => {
  test("the territory's SIREN and a commune's INSEE code are jurisdictions; services are the active categories", async () => {
    const bySiren = await open311.listServices(SIREN);
    expect(bySiren.map((s) => s.service_code).sort()).toEqual(['espaces-verts', 'proprete', 'voirie']);
    expect(bySiren.find((s) => s.service_code === 'espaces-verts')?.group).toBe('Communes');
    const inColomiers = await open311.listServices(COLOMIERS);
    // Street cleaning is Colomiers' own in Colomiers (the competence table's override).
    expect(inColomiers.find((s) => s.service_code === 'proprete')?.group).toBe('Colomiers');
    expect(inColomiers.find((s) => s.service_code === 'voirie')?.group).toBe('Toulouse Métropole');
  });

  test('an unknown SIREN, an INSEE code of a commune elsewhere, or anything else is not found', async () => {
    for (const id of ['200054781', '75056', 'sfgov.org']) {
      await expect(open311.listServices(id)).rejects.toBeInstanceOf(errors.NotFoundError);
    }
  });

  test('a withdrawn or unknown service has no definition', async () => {
    await expect(open311.getServiceDefinition(SIREN, 'ancienne')).rejects.toBeInstanceOf(errors.NotFoundError);
    await expect(open311.getServiceDefinition(SIREN, 'licornes')).rejects.toBeInstanceOf(errors.NotFoundError);
    expect((await open311.getServiceDefinition(TOULOUSE, 'voirie')).attributes[0]).toMatchObject({
      code: 'nature',
      datatype: 'singlevaluelist',
      required: true,
    });
  });
});

describe('posting a service request', () => {
  test("a commune's INSEE code as jurisdiction: filed on channel open311, routed, answered with who handles it", async () => {
    const [created] = await post(TOULOUSE);
    expect(created).toEqual({
      service_request_id: expect.stringMatching(/^[0-9A-Z]{26}$/),
      service_notice: expect.stringMatching(/^Signalement transmis à Toulouse Métropole — Voirie\. Résolution visée/),
      account_id: null,
    });
    const { report } = await reports.getPublic(SIREN, created!.service_request_id);
    expect(report).toMatchObject({
      channel: 'open311',
      commune: TOULOUSE,
      bodyId: SIREN,
      contact: { email: 'jeanne@example.fr' },
    });
  });

  test("a signed-in citizen's request is theirs; its account_id is their subject", async () => {
    const [created] = await open311.postServiceRequest(citizen('c-open311'), {
      jurisdiction_id: SIREN,
      service_code: 'espaces-verts',
      lat: CAPITOLE.lat,
      long: CAPITOLE.lon,
    });
    expect(created!.account_id).toBe('c-open311');
    const { report } = await reports.getPublic(SIREN, created!.service_request_id);
    // No description given: the service's name says what it is about.
    expect(report).toMatchObject({ reporterSub: 'c-open311', description: 'espaces-verts', bodyId: TOULOUSE });
  });

  test('a point in another commune than the INSEE jurisdiction is refused, and nothing is stored', async () => {
    const before = await allIds(SIREN);
    const attempt = post(COLOMIERS, CAPITOLE);
    await expect(attempt).rejects.toMatchObject({
      rule: 'inside-jurisdiction',
      message: expect.stringContaining('is in Toulouse (31555), not in Colomiers (31149)'),
    });
    expect(await allIds(SIREN)).toEqual(before);
  });

  test('an address alone is refused: it cannot be geocoded here', async () => {
    const attempt = open311.postServiceRequest(undefined, {
      jurisdiction_id: SIREN,
      service_code: 'voirie',
      address_string: '1 place du Capitole, Toulouse',
      email: 'jeanne@example.fr',
    });
    await expect(attempt).rejects.toMatchObject({
      issues: [
        { path: 'body.lat', message: expect.stringContaining('cannot geocode address_string') },
        { path: 'body.long', message: expect.stringContaining('cannot geocode address_string') },
      ],
    });
  });

  test('an unknown service is not found; an anonymous post without email and missing attributes are invalid', async () => {
    const before = await allIds(SIREN);
    await expect(post(SIREN, CAPITOLE, { service_code: 'licornes' })).rejects.toBeInstanceOf(errors.NotFoundError);
    await expect(post(SIREN, CAPITOLE, { email: undefined })).rejects.toBeInstanceOf(errors.InvalidInputError);
    await expect(post(SIREN, CAPITOLE, { attribute: {} })).rejects.toMatchObject({
      issues: [{ path: 'body.answers.nature', message: expect.stringMatching(/^required/) }],
    });
    expect(await allIds(SIREN)).toEqual(before);
  });

  test('a media_url is kept with the request and read back as its media', async () => {
    const [created] = await post(SIREN, CAPITOLE, { media_url: 'https://img.example/trou.jpg' });
    const [request] = await open311.getServiceRequest(SIREN, created!.service_request_id);
    expect(request!.media_url).toBe('https://img.example/trou.jpg');
  });
});

describe('GET requests', () => {
  const filed: Record<string, string> = {};
  const at = async (
    iso: string,
    name: string,
    jurisdiction: string,
    point: { lat: number; lon: number },
    extra = {},
  ) => {
    clock.set(iso);
    filed[name] = (await post(jurisdiction, point, extra))[0]!.service_request_id;
  };

  beforeAll(async () => {
    // Months after the requests posted above, so that the default 90 days hold these only.
    await at('2026-04-01T09:00:00Z', 'spring', TOULOUSE, CAPITOLE);
    await at('2026-08-01T09:00:00Z', 'toulouse1', TOULOUSE, north(CAPITOLE, 100));
    await at('2026-08-02T09:00:00Z', 'colomiers1', COLOMIERS, COLOMIERS_CENTRE);
    await at('2026-08-03T09:00:00Z', 'toulouse2', TOULOUSE, north(CAPITOLE, 200));
    await at('2026-08-04T09:00:00Z', 'colomiers2', COLOMIERS, COLOMIERS_CENTRE, {
      service_code: 'proprete',
      attribute: {},
    });
    clock.set('2026-08-05T09:00:00Z');
    await reports.changeStatus(metropolitanAgent, SIREN, filed.toulouse2!, {
      to: 'rejected',
      version: 1,
      publicNote: 'Hors voirie',
    });
  });

  const list = (query: Partial<import('../../shared/open311/open311-use-cases').RequestsQuery>) =>
    open311.listServiceRequests({
      jurisdiction_id: SIREN,
      service_request_id: [],
      service_code: [],
      status: [],
      ...query,
    });
  const namesOf = (requests: { service_request_id: string }[]) =>
    requests.map((r) => Object.keys(filed).find((name) => filed[name] === r.service_request_id) ?? 'other');

  test('by default the last 90 days of the whole territory, its communes merged newest first', async () => {
    const requests = await list({});
    expect(namesOf(requests)).toEqual(['colomiers2', 'toulouse2', 'colomiers1', 'toulouse1']);
  });

  test('a period reads by the index: what was filed before start_date is left out', async () => {
    expect(
      namesOf(await list({ start_date: new Date('2026-03-15T00:00:00Z'), end_date: new Date('2026-05-01T00:00:00Z') })),
    ).toEqual(['spring']);
    expect(
      namesOf(await list({ start_date: new Date('2026-08-02T00:00:00Z'), end_date: new Date('2026-08-03T12:00:00Z') })),
    ).toEqual(['toulouse2', 'colomiers1']);
  });

  test('status and service_code narrow it; a commune jurisdiction keeps its own', async () => {
    expect(namesOf(await list({ status: ['closed'] }))).toEqual(['toulouse2']);
    expect(namesOf(await list({ status: ['open'], service_code: ['proprete'] }))).toEqual(['colomiers2']);
    expect(namesOf(await list({ jurisdiction_id: COLOMIERS }))).toEqual(['colomiers2', 'colomiers1']);
  });

  test("ids override every other argument; unknown ids and another commune's are left out", async () => {
    const requests = await list({
      jurisdiction_id: TOULOUSE,
      service_request_id: [
        filed.spring!,
        filed.colomiers1!,
        '01JD3Q8M6ZP0R9V4X2B7C5N1TS',
        'not-an-id',
        filed.toulouse2!,
      ],
      status: ['open'],
    });
    expect(namesOf(requests)).toEqual(['spring', 'toulouse2']);
    expect(requests[1]).toMatchObject({ status: 'closed', status_notes: 'Hors voirie' });
  });

  test('a request reads with its service name and the agency responsible, without personal data', async () => {
    const [request] = await open311.getServiceRequest(COLOMIERS, filed.colomiers2!);
    expect(request).toMatchObject({
      service_code: 'proprete',
      service_name: 'proprete',
      agency_responsible: 'Colomiers',
      status: 'open',
    });
    expect(JSON.stringify(request)).not.toContain('jeanne@example.fr');
    await expect(open311.getServiceRequest(TOULOUSE, filed.colomiers2!)).rejects.toBeInstanceOf(errors.NotFoundError);
    expect(await open311.getToken(COLOMIERS, filed.colomiers2!)).toEqual([
      { service_request_id: filed.colomiers2, token: filed.colomiers2 },
    ]);
  });

  test('at most the limit, newest first, when more were filed than asked', async () => {
    const communes = (await territory.listCommunes(SIREN)).map((c) => c.insee);
    const newest = await reports.listFiled(SIREN, { communes, from: '2026-07-01T00:00:00.000Z', limit: 3 });
    expect(newest.map((r) => r.id)).toEqual([filed.colomiers2, filed.toulouse2, filed.colomiers1]);
  });
});
