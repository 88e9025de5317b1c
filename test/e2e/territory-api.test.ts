/**
 * The territory API over real HTTP, against the runtime `npm start` runs (with its demo data):
 * who may call what, bad input answered with a problem+json 4xx and never a 500, real boundaries.
 */
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { eventually } from '../support/eventually';
import { auditLog, baseUrl, fetchJson, getToken } from '../support/http';
import { describeWithSharedData, realCommuneBoundaries } from '../support/shared-data';

const SIREN = '243100518';
const T = `/territories/${SIREN}`;

interface Problem {
  type: string;
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
}

const expectProblem = (response: { status: number; headers: Headers; body: unknown }, status: number) => {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  expect(response.body).toMatchObject({ status, type: expect.stringMatching(/^urn:ville-ouverte:problem:/) });
  return response.body as Problem;
};

let admin: string;
let citizen: string;
let toulouseAgent: string;

beforeAll(async () => {
  [admin, citizen, toulouseAgent] = await Promise.all([
    getToken({ role: 'admin', territory: SIREN }),
    getToken({ role: 'citizen' }),
    getToken({ role: 'agent', territory: SIREN, commune: '31555' }),
  ]);
});

describe('the demo territory of a first start', () => {
  test('is Toulouse Métropole with its 37 communes, marked as demo data, each with a boundary', async () => {
    const territory = await fetchJson<{ name: string; communeCount: number; demo: boolean }>(T);
    expect(territory.body).toMatchObject({ name: 'Toulouse Métropole', communeCount: 37, demo: true });
    const communes = await fetchJson<{ items: { boundary?: { source: string } }[] }>(`${T}/communes`);
    expect(communes.body.items).toHaveLength(37);
    expect(communes.body.items.every((c) => c.boundary?.source.startsWith('demo'))).toBe(true);
  });

  test('places the Place du Capitole in Toulouse', async () => {
    const located = await fetchJson<{ insee: string; name: string }>(`${T}/locate?lat=43.6045&lon=1.4442`);
    expect(located.status).toBe(200);
    expect(located.body).toMatchObject({ insee: '31555', name: 'Toulouse' });
  });

  test('resolves street cleaning to the metropolis in Toulouse and to the commune in Colomiers', async () => {
    const toulouse = await fetchJson(`${T}/categories/proprete/competence?insee=31555`);
    const colomiers = await fetchJson(`${T}/categories/proprete/competence?insee=31149`);
    expect(toulouse.body).toMatchObject({ bodyId: SIREN, service: 'proprete', overridden: false });
    expect(colomiers.body).toMatchObject({ bodyId: '31149', overridden: true });
  });
});

describe('locate', () => {
  test('a point in Paris, outside every commune, is a 404 that says so', async () => {
    const problem = expectProblem(await fetchJson(`${T}/locate?lat=48.8566&lon=2.3522`), 404);
    expect(problem.detail).toMatch(/No commune/);
  });

  test('a latitude that is not a number, or beyond 90, is a 400 naming the parameter', async () => {
    for (const query of ['lat=abc&lon=1.44', 'lat=91&lon=1.44', 'lon=1.44']) {
      const problem = expectProblem(await fetchJson(`${T}/locate?${query}`), 400);
      expect(problem.errors?.map((e) => e.path)).toContain('query.lat');
    }
  });

  test('an unknown territory is a 404', async () => {
    expectProblem(await fetchJson('/territories/200000000/locate?lat=43.6&lon=1.44'), 404);
  });
});

describe('who may call what', () => {
  test('an admin route without a token is a 401 asking for a bearer token', async () => {
    const response = await fetchJson(`${T}/import`, { method: 'POST' });
    expectProblem(response, 401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
  });

  test('a citizen token cannot call an admin route: 403', async () => {
    const problem = expectProblem(await fetchJson(`${T}/import`, { method: 'POST', token: citizen }), 403);
    expect(problem.detail).toMatch(/requires the admin role/);
  });

  test('a token signed by someone else is refused: 401', async () => {
    const [header, payload] = admin.split('.');
    const forged = `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;
    expectProblem(await fetchJson(`${T}/import`, { method: 'POST', token: forged }), 401);
  });

  test('a Toulouse agent manages a service of Toulouse but cannot touch Colomiers: 403', async () => {
    const own = await fetchJson(`${T}/bodies/31555/services/voirie-communale`, {
      method: 'PUT',
      token: toulouseAgent,
      json: { name: 'Voirie communale' },
    });
    expect(own.status).toBe(200);
    const other = await fetchJson(`${T}/bodies/31149/services/voirie-communale`, {
      method: 'PUT',
      token: toulouseAgent,
      json: { name: 'Voirie communale' },
    });
    expect(expectProblem(other, 403).detail).toMatch(/31555 may not act on commune 31149/);
  });

  test('an admin of Bordeaux Métropole cannot change a category of Toulouse Métropole: 403', async () => {
    const bordeaux = await getToken({ role: 'admin', territory: '243300316' });
    const response = await fetchJson(`${T}/categories/voirie`, {
      method: 'PUT',
      token: bordeaux,
      json: { name: 'Voirie', competence: { level: 'territory', service: 'voirie' } },
    });
    expectProblem(response, 403);
  });
});

describe('bad input is a 4xx problem, never a 500, and changes nothing', () => {
  const servicePath = `${T}/bodies/${SIREN}/services/voirie`;

  const rawRequest = (body: string, contentType = 'application/json') =>
    fetch(`${baseUrl()}${servicePath}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${admin}`, 'content-type': contentType },
      body,
    }).then(async (r) => ({ status: r.status, headers: r.headers, body: (await r.json()) as unknown }));

  test('malformed JSON: 400 saying the body is not valid JSON', async () => {
    expect(expectProblem(await rawRequest('{"name": '), 400).detail).toMatch(/not valid JSON/);
  });

  test('wrong types: 400 listing each offending field', async () => {
    const problem = expectProblem(await rawRequest(JSON.stringify({ name: 42, email: 'not-an-email' })), 400);
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(['body.email', 'body.name']);
  });

  test('a body over the route limit: 413', async () => {
    const problem = expectProblem(await rawRequest(JSON.stringify({ name: 'x'.repeat(300 * 1024) })), 413);
    expect(problem.detail).toMatch(/larger than 262144 bytes/);
  });

  test('a body that is not JSON: 415', async () => {
    expectProblem(await rawRequest('name=Voirie', 'application/x-www-form-urlencoded'), 415);
  });

  test('none of these changed the service', async () => {
    const bodies = await fetchJson<{ items: { id: string; services: { id: string; name: string }[] }[] }>(
      `${T}/bodies`,
    );
    const voirie = bodies.body.items.find((b) => b.id === SIREN)?.services.find((s) => s.id === 'voirie');
    expect(voirie?.name).toBe('Direction de la voirie');
  });

  test('a self-intersecting boundary: 400 saying so, and the stored boundary is unchanged', async () => {
    const before = await fetchJson<{ boundary: { version: number } }>(`${T}/communes/31003`);
    const bowTie = {
      type: 'Polygon',
      coordinates: [
        [
          [1.58, 43.56],
          [1.6, 43.58],
          [1.6, 43.56],
          [1.58, 43.58],
          [1.58, 43.56],
        ],
      ],
    };
    const response = await fetchJson(`${T}/communes/31003/boundary`, {
      method: 'PUT',
      token: admin,
      json: { geometry: bowTie },
    });
    expect(expectProblem(response, 400).detail).toMatch(/intersects itself/);
    const after = await fetchJson<{ boundary: { version: number } }>(`${T}/communes/31003`);
    expect(after.body.boundary.version).toBe(before.body.boundary.version);
  });

  test('a geometry that is a Point: 400 naming the accepted types', async () => {
    const response = await fetchJson(`${T}/communes/31003/boundary`, {
      method: 'PUT',
      token: admin,
      json: { geometry: { type: 'Point', coordinates: [1.5, 43.5] } },
    });
    expect(expectProblem(response, 400).errors?.[0]?.path).toBe('body.geometry.type');
  });
});

describe('the audit log', () => {
  test("keeps an admin's change with who, when, before and after", async () => {
    const sub = (JSON.parse(Buffer.from(admin.split('.')[1]!, 'base64url').toString()) as { sub: string }).sub;
    const saved = await fetchJson(`${T}/bodies/${SIREN}/services/mobilier-urbain`, {
      method: 'PUT',
      token: admin,
      json: { name: 'Mobilier urbain et signalétique' },
    });
    expect(saved.status).toBe(200);
    const items = await eventually(
      async () => await auditLog(SIREN, admin),
      (entries) => entries.some((e) => e.actor?.sub === sub),
    );
    expect(items.find((e) => e.actor?.sub === sub)).toMatchObject({
      action: 'territory.service-saved',
      subject: `body/${SIREN}/service/mobilier-urbain`,
      at: expect.any(String),
      before: { name: 'Service du mobilier urbain' },
      after: { name: 'Mobilier urbain et signalétique' },
    });
  });

  test('is not readable by an agent: 403', async () => {
    expectProblem(await fetchJson(`${T}/audit`, { token: toulouseAgent }), 403);
  });
});

describe('the API reference', () => {
  test('GET /api is an HTML page that loads Swagger UI from our own origin', async () => {
    const page = await fetchJson<string>('/api');
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.body).toContain('api-reference/swagger-ui-bundle.js');
    const bundle = await fetch(`${baseUrl()}/api-reference/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
  });

  test('GET /openapi.json is the OpenAPI 3.1 document of the declared routes', async () => {
    const document = await fetchJson<{ openapi: string; paths: Record<string, unknown> }>('/openapi.json');
    expect(document.body.openapi).toBe('3.1.0');
    expect(Object.keys(document.body.paths)).toContain('/territories/{siren}/locate');
  });
});

describeWithSharedData('real IGN boundaries sent over HTTP', () => {
  const features = realCommuneBoundaries();

  beforeAll(async () => {
    for (const feature of features) {
      const response = await fetchJson(`${T}/communes/${feature.properties.code}/boundary`, {
        method: 'PUT',
        token: admin,
        json: { geometry: feature.geometry, source: 'IGN Admin Express' },
      });
      expect(response.status).toBe(200);
    }
  });

  test('come back exactly as sent', async () => {
    for (const feature of features) {
      const commune = await fetchJson<{ geometry: unknown }>(`${T}/communes/${feature.properties.code}`);
      expect(commune.body.geometry).toEqual(feature.geometry);
    }
  });

  test('and locate agrees with them on 60 points across the territory', async () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 60; i++) {
      const [lon, lat] = [1.25 + random() * 0.4, 43.5 + random() * 0.26];
      const expected = features
        .filter((f) => booleanPointInPolygon([lon, lat], f.geometry as never))
        .map((f) => f.properties.code);
      const response = await fetchJson<{ insee: string }>(`${T}/locate?lat=${lat}&lon=${lon}`);
      if (expected.length === 0) expect(response.status).toBe(404);
      else expect(expected).toContain(response.body.insee);
    }
  });
});
