/**
 * Open311 GeoReport v2 over real HTTP, as a client written against the specification uses it
 * (http://wiki.open311.org/GeoReport_v2): discovery first, services in XML, a service definition,
 * a form-encoded POST with attribute[...], then following the request by id, by list and by
 * token. Bad requests get the specification's error list, with its status, and store nothing.
 */
import { DOMParser, type Element } from '@xmldom/xmldom';
import { eventually } from '../support/eventually';
import { auditLog, baseUrl, fetchJson, getToken } from '../support/http';

const SIREN = '243100518';
const TOULOUSE = '31555';
const COLOMIERS = '31149';
const CAPITOLE = { lat: '43.6045', long: '1.4442' };
/** A word no other test writes: a request's description carries it, so "nothing stored" is checkable. */
const MARK = `open311-e2e-${Date.now()}`;

interface Answer<T> {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
  readonly json: T;
}

let endpoint: string;

/** GET or POST on the Open311 endpoint, as a plain HTTP client does it. */
const call = async <T = unknown>(
  resource: string,
  options: { form?: Record<string, string | string[]>; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer<T>> => {
  const form = options.form
    ? new URLSearchParams(
        Object.entries(options.form).flatMap(([name, value]) =>
          (Array.isArray(value) ? value : [value]).map((v): [string, string] => [name, v]),
        ),
      ).toString()
    : options.body;
  const response = await fetch(`${endpoint}/${resource}`, {
    method: form === undefined ? 'GET' : 'POST',
    headers: {
      ...(options.form ? { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' } : {}),
      ...options.headers,
    },
    body: form,
  });
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  return {
    status: response.status,
    contentType,
    text,
    json: (contentType.includes('json') ? JSON.parse(text) : undefined) as T,
  };
};

const parseXml = (text: string) =>
  new DOMParser({
    onError: (level, message) => {
      throw new Error(`${level}: ${message}`);
    },
  }).parseFromString(text, 'text/xml').documentElement!;
const children = (element: Element, name: string): Element[] =>
  Array.from(element.childNodes).filter((n): n is Element => n.nodeType === 1 && (n as Element).tagName === name);
const textOf = (element: Element, name: string) => children(element, name)[0]?.textContent;

interface Request {
  service_request_id: string;
  status: string;
  status_notes: string | null;
  service_code: string;
  service_name: string;
  description: string;
  agency_responsible: string;
  requested_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  zipcode: string | null;
  lat: number;
  long: number;
}
type Errors = { code: number; description: string }[];

const pothole = (extra: Record<string, string | string[]> = {}) => ({
  jurisdiction_id: TOULOUSE,
  service_code: 'voirie',
  ...CAPITOLE,
  address_string: '1 place du Capitole, 31000 Toulouse',
  email: 'jeanne.open311@example.fr',
  first_name: 'Jeanne',
  last_name: 'Martin',
  phone: '+33 6 12 34 56 78',
  device_id: 'tt222111',
  description: `Nid-de-poule devant le Capitole ${MARK}`,
  'attribute[nature]': 'nid-de-poule',
  'attribute[danger]': 'oui',
  ...extra,
});

/** The descriptions of Toulouse's requests of the last 90 days. */
const toulouseDescriptions = async () =>
  (await call<Request[]>(`requests.json?jurisdiction_id=${TOULOUSE}`)).json.map((r) => r.description);

beforeAll(async () => {
  const discovery = await fetch(`${baseUrl()}/open311/v2/discovery.json`);
  const body = (await discovery.json()) as { endpoints: { specification: string; url: string }[] };
  // A client finds the endpoint through discovery, then calls it.
  endpoint = body.endpoints.find((e) => e.specification === 'http://wiki.open311.org/GeoReport_v2')!.url;
});

describe('discovery', () => {
  test('names the GeoReport v2 endpoint with both formats, in JSON and in XML', async () => {
    const json = await call<{ changeset: string; contact: string; key_service: string; endpoints: unknown[] }>(
      'discovery.json',
    );
    expect(json.status).toBe(200);
    expect(json.json).toMatchObject({
      changeset: expect.any(String),
      contact: expect.any(String),
      key_service: expect.any(String),
      endpoints: [
        {
          specification: 'http://wiki.open311.org/GeoReport_v2',
          url: `${baseUrl()}/open311/v2`,
          changeset: expect.any(String),
          type: 'production',
          formats: ['application/json', 'text/xml'],
        },
      ],
    });
    const xml = await call('discovery.xml');
    expect(xml.contentType).toBe('text/xml; charset=utf-8');
    const root = parseXml(xml.text);
    expect(root.tagName).toBe('discovery');
    expect(textOf(children(children(root, 'endpoints')[0]!, 'endpoint')[0]!, 'url')).toBe(endpoint);
  });
});

describe('services', () => {
  test("services.xml lists the territory's categories as services, parsed as XML", async () => {
    const answer = await call(`services.xml?jurisdiction_id=${TOULOUSE}`);
    expect(answer.status).toBe(200);
    expect(answer.text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const services = children(parseXml(answer.text), 'service');
    const voirie = services.find((s) => textOf(s, 'service_code') === 'voirie')!;
    expect(['metadata', 'type', 'group'].map((name) => textOf(voirie, name))).toEqual([
      'true',
      'realtime',
      'Toulouse Métropole',
    ]);
    expect(services.map((s) => textOf(s, 'service_code'))).toEqual(
      expect.arrayContaining(['eclairage-public', 'proprete', 'espaces-verts', 'stationnement']),
    );
  });

  test("services.json answers the same for the territory's SIREN", async () => {
    const answer = await call<{ service_code: string; service_name: string }[]>(
      `services.json?jurisdiction_id=${SIREN}`,
    );
    expect(answer.contentType).toBe('application/json; charset=utf-8');
    expect(answer.json.find((s) => s.service_code === 'voirie')?.service_name).toBe(
      'Voirie (nids-de-poule, chaussée, trottoirs)',
    );
  });

  test("a service definition gives the category's questions as attributes, lists with their values", async () => {
    const answer = await call<{
      service_code: string;
      attributes: { code: string; datatype: string; values: { key: string }[] }[];
    }>(`services/voirie.json?jurisdiction_id=${TOULOUSE}`);
    expect(answer.json.service_code).toBe('voirie');
    expect(answer.json.attributes[0]).toMatchObject({
      variable: true,
      code: 'nature',
      datatype: 'singlevaluelist',
      required: true,
      order: 1,
    });
    expect(answer.json.attributes[0]!.values.map((v) => v.key)).toContain('nid-de-poule');
    const xml = parseXml((await call(`services/proprete.xml?jurisdiction_id=${TOULOUSE}`)).text);
    expect(xml.tagName).toBe('service_definition');
    expect(textOf(children(children(xml, 'attributes')[0]!, 'attribute')[0]!, 'datatype')).toBe('multivaluelist');
  });
});

describe('a service request, from its POST to its following', () => {
  let id: string;

  test('a form-encoded POST with attribute[...] files it and answers its id and notice', async () => {
    const answer = await call<{ service_request_id: string; service_notice: string; account_id: null }[]>(
      'requests.json',
      { form: pothole() },
    );
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual([
      {
        service_request_id: expect.stringMatching(/^[0-9A-Z]{26}$/),
        service_notice: expect.stringContaining('Toulouse Métropole'),
        account_id: null,
      },
    ]);
    id = answer.json[0]!.service_request_id;
  });

  test('GET requests/{id}.json is a one-element list with its status and no personal data', async () => {
    const answer = await call<Request[]>(`requests/${id}.json?jurisdiction_id=${TOULOUSE}`);
    expect(answer.json).toEqual([
      expect.objectContaining({
        service_request_id: id,
        status: 'open',
        service_code: 'voirie',
        service_name: 'Voirie (nids-de-poule, chaussée, trottoirs)',
        description: `Nid-de-poule devant le Capitole ${MARK}`,
        agency_responsible: 'Toulouse Métropole — Direction de la voirie',
        address: '1 place du Capitole, 31000 Toulouse',
        // Toulouse has six postal codes: the address names one of them.
        zipcode: '31000',
        lat: 43.6045,
        long: 1.4442,
        requested_datetime: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
        expected_datetime: expect.stringMatching(/Z$/),
      }),
    ]);
    expect(answer.text).not.toMatch(/jeanne|Martin|12 34 56|tt222111/);
  });

  test('GET requests.json?service_request_id=…&status=open finds it (ids override the status)', async () => {
    const answer = await call<Request[]>(
      `requests.json?jurisdiction_id=${SIREN}&service_request_id=${id},01JD3Q8M6ZP0R9V4X2B7C5N1TS&status=open`,
    );
    expect(answer.json.map((r) => r.service_request_id)).toEqual([id]);
  });

  test('GET requests.xml lists it among the open voirie requests of the last 90 days, as XML', async () => {
    const answer = await call(`requests.xml?jurisdiction_id=${TOULOUSE}&status=open&service_code=voirie`);
    const requests = children(parseXml(answer.text), 'request');
    const mine = requests.find((r) => textOf(r, 'service_request_id') === id)!;
    expect(['status', 'service_code', 'lat', 'address', 'zipcode'].map((name) => textOf(mine, name))).toEqual([
      'open',
      'voirie',
      '43.6045',
      '1 place du Capitole, 31000 Toulouse',
      '31000',
    ]);
    expect(requests.every((r) => textOf(r, 'status') === 'open' && textOf(r, 'service_code') === 'voirie')).toBe(true);
  });

  test('its token is its id: requests are realtime', async () => {
    const answer = await call(`tokens/${id}.json?jurisdiction_id=${TOULOUSE}`);
    expect(answer.json).toEqual([{ service_request_id: id, token: id }]);
  });

  test("in Colomiers' jurisdiction it does not exist", async () => {
    const answer = await call<Errors>(`requests/${id}.json?jurisdiction_id=${COLOMIERS}`);
    expect(answer.status).toBe(404);
    expect(answer.json).toEqual([{ code: 404, description: expect.stringContaining(id) }]);
  });
});

describe('more ways to post', () => {
  test('a multivaluelist is repeated attribute[code][]=…, in XML', async () => {
    const answer = await call('requests.xml', {
      form: {
        jurisdiction_id: SIREN,
        service_code: 'proprete',
        ...CAPITOLE,
        email: 'jeanne.open311@example.fr',
        description: `Déchets et verre ${MARK}`,
        'attribute[type][]': ['dechets', 'verre'],
      },
    });
    expect(answer.status).toBe(200);
    const request = children(parseXml(answer.text), 'request')[0]!;
    expect(textOf(request, 'service_request_id')).toMatch(/^[0-9A-Z]{26}$/);
    expect(children(request, 'account_id')[0]!.childNodes.length).toBe(0);
  });

  test("a bearer token is honoured: the citizen's subject is its account_id", async () => {
    const token = await getToken({ role: 'citizen', sub: 'e2e-open311-citizen' });
    const { email: _email, ...withoutEmail } = pothole();
    const answer = await call<{ account_id: string }[]>('requests.json', {
      form: withoutEmail,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(answer.status).toBe(200);
    expect(answer.json[0]!.account_id).toBe('e2e-open311-citizen');
  });

  test('a retry with the same Idempotency-Key answers the same request', async () => {
    const headers = { 'idempotency-key': `${MARK}-retry` };
    const first = await call<{ service_request_id: string }[]>('requests.json', { form: pothole(), headers });
    const retry = await call<{ service_request_id: string }[]>('requests.json', { form: pothole(), headers });
    expect(retry.json[0]!.service_request_id).toBe(first.json[0]!.service_request_id);
  });

  test('one Idempotency-Key, one request: requests.json then requests.xml file it once, each answered in its format', async () => {
    const description = `${MARK}-both-formats`;
    const headers = { 'idempotency-key': `${MARK}-formats` };
    const json = await call<{ service_request_id: string }[]>('requests.json', {
      form: pothole({ description }),
      headers,
    });
    const xml = await call('requests.xml', { form: pothole({ description }), headers });
    expect([json.status, xml.status]).toEqual([200, 200]);
    expect(xml.contentType).toContain('xml');
    const request = children(parseXml(xml.text), 'request')[0]!;
    expect(textOf(request, 'service_request_id')).toBe(json.json[0]!.service_request_id);
    expect((await toulouseDescriptions()).filter((d) => d === description)).toHaveLength(1);
  });

  test('a key reused for another request: 422; a key still in use: 409 — both as Open311 error lists', async () => {
    const headers = { 'idempotency-key': `${MARK}-reused` };
    await call('requests.json', { form: pothole({ description: `${MARK}-first` }), headers });
    const reused = await call<Errors>('requests.json', { form: pothole({ description: `${MARK}-other` }), headers });
    expect(reused.status).toBe(422);
    expect(reused.json).toEqual([{ code: 422, description: expect.stringContaining('Idempotency-Key') }]);
    const reusedXml = await call('requests.xml', { form: pothole({ description: `${MARK}-other` }), headers });
    expect(reusedXml.status).toBe(422);
    expect(children(parseXml(reusedXml.text), 'error')).toHaveLength(1);
    expect((await toulouseDescriptions()).filter((d) => d === `${MARK}-other`)).toEqual([]);

    // Concurrent first requests with one key: one files it, the others replay it or are told to wait (409).
    const concurrent = { 'idempotency-key': `${MARK}-concurrent` };
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        call<Errors>('requests.json', { form: pothole({ description: `${MARK}-concurrent` }), headers: concurrent }),
      ),
    );
    for (const answer of answers.filter((a) => a.status !== 200)) {
      expect(answer.status).toBe(409);
      expect(answer.json).toEqual([{ code: 409, description: expect.stringContaining('in progress') }]);
    }
    expect((await toulouseDescriptions()).filter((d) => d === `${MARK}-concurrent`)).toHaveLength(1);
  });
});

describe("bad requests get the specification's error list and store nothing", () => {
  const refused = `${MARK}-refused`;

  test('an unknown service_code: 404', async () => {
    const answer = await call<Errors>('requests.json', {
      form: pothole({ service_code: 'licornes', description: refused }),
    });
    expect(answer.status).toBe(404);
    expect(answer.json).toEqual([
      { code: 404, description: expect.stringContaining('service_code licornes not found') },
    ]);
  });

  test('a latitude out of range: 400, naming lat', async () => {
    const answer = await call<Errors>('requests.json', { form: pothole({ lat: '91', description: refused }) });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual([{ code: 400, description: 'lat: lat is between -90 and 90' }]);
  });

  test('no location, or an address alone: 400 saying lat and long are required', async () => {
    const { lat: _lat, long: _long, ...noPoint } = pothole({ description: refused });
    const answer = await call<Errors>('requests.json', { form: noPoint });
    expect(answer.status).toBe(400);
    expect(answer.json.map((e) => e.description)).toEqual([
      expect.stringMatching(/^lat: required: this endpoint cannot geocode address_string/),
      expect.stringMatching(/^long: required/),
    ]);
  });

  test("a commune's INSEE code with a point in another commune: 400", async () => {
    const answer = await call<Errors>('requests.json', {
      form: pothole({ jurisdiction_id: COLOMIERS, description: refused }),
    });
    expect(answer.status).toBe(400);
    expect(answer.json[0]!.description).toContain('not in Colomiers (31149)');
  });

  test('an unknown jurisdiction: 404, in XML for .xml', async () => {
    const answer = await call('requests.xml', {
      form: pothole({ jurisdiction_id: 'sfgov.org', description: refused }),
    });
    expect(answer.status).toBe(404);
    expect(answer.contentType).toBe('text/xml; charset=utf-8');
    const error = children(parseXml(answer.text), 'error')[0]!;
    expect([textOf(error, 'code'), textOf(error, 'description')]).toEqual([
      '404',
      expect.stringContaining('jurisdiction_id sfgov.org not found'),
    ]);
  });

  test('a missing required attribute: 400, naming attribute[nature]', async () => {
    const { 'attribute[nature]': _nature, ...rest } = pothole({ description: refused });
    const answer = await call<Errors>('requests.json', { form: rest });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual([{ code: 400, description: expect.stringMatching(/^attribute\[nature\]: required/) }]);
  });

  test('a JSON body instead of a form: 400, still an Open311 error list', async () => {
    const answer = await call<Errors>('requests.json', {
      body: JSON.stringify({ jurisdiction_id: TOULOUSE, service_code: 'voirie', description: refused }),
      headers: { 'content-type': 'application/json' },
    });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual([{ code: 400, description: expect.stringContaining('x-www-form-urlencoded') }]);
  });

  test('GET requests without jurisdiction_id, or over more than 90 days: 400', async () => {
    const missing = await call<Errors>('requests.json');
    expect(missing.status).toBe(400);
    expect(missing.json[0]!.description).toMatch(/^jurisdiction_id: jurisdiction_id was not provided/);
    const tooLong = await call<Errors>(
      `requests.json?jurisdiction_id=${SIREN}&start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z`,
    );
    expect(tooLong.status).toBe(400);
  });

  test('an unknown service definition and an unknown format: 404 and 400', async () => {
    expect((await call(`services/licornes.json?jurisdiction_id=${SIREN}`)).status).toBe(404);
    const html = await call<Errors>(`services/voirie.html?jurisdiction_id=${SIREN}`);
    expect(html.status).toBe(400);
    expect(html.json[0]!.description).toContain('.json or .xml');
  });

  test('none of the refused requests was stored', async () => {
    const descriptions = await toulouseDescriptions();
    expect(descriptions.some((d) => d.includes(MARK))).toBe(true);
    expect(descriptions.filter((d) => d.includes(refused))).toEqual([]);
  });
});

describe('zipcode and address, in both formats', () => {
  test("a request in Colomiers (one postal code) shows the commune's code and the address given", async () => {
    const posted = await call<{ service_request_id: string }[]>('requests.json', {
      form: pothole({
        jurisdiction_id: COLOMIERS,
        lat: '43.6112',
        long: '1.3355',
        address_string: 'Place Alex Raymond',
      }),
    });
    expect(posted.status).toBe(200);
    const id = posted.json[0]!.service_request_id;
    const json = await call<Request[]>(`requests/${id}.json?jurisdiction_id=${COLOMIERS}`);
    expect(json.json[0]).toMatchObject({ address: 'Place Alex Raymond', zipcode: '31770' });
    const xml = children(parseXml((await call(`requests/${id}.xml?jurisdiction_id=${COLOMIERS}`)).text), 'request')[0]!;
    expect([textOf(xml, 'address'), textOf(xml, 'zipcode')]).toEqual(['Place Alex Raymond', '31770']);
    const listed = children(
      parseXml((await call(`requests.xml?jurisdiction_id=${SIREN}&service_request_id=${id}`)).text),
      'request',
    );
    expect(listed.map((r) => textOf(r, 'zipcode'))).toEqual(['31770']);
  });

  test('in Toulouse (six codes) without one in the address, the zipcode is empty rather than a guess', async () => {
    const posted = await call<{ service_request_id: string }[]>('requests.json', {
      form: pothole({ address_string: 'Place du Capitole' }),
    });
    const id = posted.json[0]!.service_request_id;
    expect((await call<Request[]>(`requests/${id}.json?jurisdiction_id=${TOULOUSE}`)).json[0]!.zipcode).toBeNull();
    const xml = children(parseXml((await call(`requests/${id}.xml?jurisdiction_id=${TOULOUSE}`)).text), 'request')[0]!;
    expect(textOf(xml, 'zipcode') ?? '').toBe('');
  });
});

describe('client applications and api_key', () => {
  interface Client {
    id: string;
    name: string;
    status: string;
    apiKey?: string;
  }
  let adminToken: string;
  const clientsPath = `/territories/${SIREN}/open311/clients`;
  const settingsPath = `/territories/${SIREN}/open311/settings`;

  beforeAll(async () => {
    adminToken = await getToken({ role: 'admin', territory: SIREN, sub: 'e2e-open311-admin' });
  });

  test('registered: its key once; a POST with it is filed and agents see the client; revoked: 403 in both formats', async () => {
    const registered = await fetchJson<Client>(clientsPath, {
      json: { name: `Appli e2e ${MARK}`, contact: 'dev@appli.example' },
      token: adminToken,
    });
    expect(registered.status).toBe(201);
    expect(registered.headers.get('cache-control')).toBe('no-store');
    const { id, apiKey } = registered.body;
    expect(apiKey).toMatch(/^vo_/);

    // The list shows it without its key or the key's hash.
    const listed = await fetchJson<{ items: Client[] }>(clientsPath, { token: adminToken });
    expect(listed.status).toBe(200);
    expect(listed.body.items.find((c) => c.id === id)).toMatchObject({ status: 'active', name: `Appli e2e ${MARK}` });
    expect(JSON.stringify(listed.body)).not.toContain(apiKey!);
    expect(JSON.stringify(listed.body)).not.toMatch(/"hash"|[0-9a-f]{64}/);

    const posted = await call<{ service_request_id: string }[]>('requests.json', {
      form: pothole({ api_key: apiKey! }),
    });
    expect(posted.status).toBe(200);
    const agentToken = await getToken({ role: 'agent', territory: SIREN, sub: 'e2e-open311-agent' });
    const report = await fetchJson<{ channel: string; clientApp?: { id: string; name: string } }>(
      `/territories/${SIREN}/reports/${posted.json[0]!.service_request_id}/details`,
      { token: agentToken },
    );
    expect(report.body).toMatchObject({ channel: 'open311', clientApp: { id, name: `Appli e2e ${MARK}` } });

    const revoked = await fetchJson<Client>(`${clientsPath}/${id}`, { method: 'DELETE', token: adminToken });
    expect(revoked.body.status).toBe('revoked');
    const refused = await call<Errors>('requests.json', { form: pothole({ api_key: apiKey! }) });
    expect(refused.status).toBe(403);
    expect(refused.json).toEqual([{ code: 403, description: expect.stringMatching(/^api_key was revoked/) }]);
    const refusedXml = await call('requests.xml', { form: pothole({ api_key: apiKey! }) });
    expect(refusedXml.status).toBe(403);
    expect(textOf(children(parseXml(refusedXml.text), 'error')[0]!, 'description')).toMatch(/revoked/);
    const wrong = await call<Errors>('requests.json', { form: pothole({ api_key: 'not-a-key' }) });
    expect(wrong.status).toBe(403);
    expect(wrong.json[0]!.description).toMatch(/^api_key is not valid/);

    // The audit log keeps who registered and revoked it, never the key.
    const mine = (entries: Awaited<ReturnType<typeof auditLog>>) =>
      entries.filter((e) => e.subject === `open311/client/${id}`);
    const entries = mine(
      await eventually(
        () => auditLog(SIREN, adminToken),
        (all) => mine(all).length === 2,
      ),
    );
    expect(entries.map((e) => [e.action, e.actor?.sub]).sort()).toEqual([
      ['open311.client-registered', 'e2e-open311-admin'],
      ['open311.client-revoked', 'e2e-open311-admin'],
    ]);
    expect(JSON.stringify(entries)).not.toContain(apiKey!);
  });

  test('a territory that requires keys refuses a POST without one (403), then takes them again', async () => {
    const before = await fetchJson<{ allowPostsWithoutKey: boolean }>(settingsPath, { token: adminToken });
    expect(before.body.allowPostsWithoutKey).toBe(true);
    const set = await fetchJson(settingsPath, {
      method: 'PUT',
      json: { allowPostsWithoutKey: false },
      token: adminToken,
    });
    expect(set.status).toBe(200);
    try {
      const refused = await call<Errors>('requests.json', { form: pothole() });
      expect(refused.status).toBe(403);
      expect(refused.json[0]!.description).toMatch(/^api_key was not provided/);
    } finally {
      // Other tests of the run post without a key.
      await fetchJson(settingsPath, { method: 'PUT', json: { allowPostsWithoutKey: true }, token: adminToken });
    }
    expect((await call('requests.json', { form: pothole() })).status).toBe(200);
  });

  test('only a territory admin manages clients', async () => {
    const agentToken = await getToken({ role: 'agent', territory: SIREN, sub: 'e2e-open311-agent' });
    expect((await fetchJson(clientsPath, { token: agentToken })).status).toBe(403);
    expect((await fetchJson(clientsPath, { json: { name: 'X', contact: 'x' } })).status).toBe(401);
  });
});
