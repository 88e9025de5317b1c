/**
 * Privacy over real HTTP, against the local runtime and its demo data: staff addresses shown to
 * agents only, no e-mail address in any public answer, the personal-data export (signed in only,
 * as a dated attachment) and the register of processing activities.
 */
import { fetchJson, getToken } from '../support/http';
import { routes } from '../../shared/wiring';

const SIREN = '243100518';
const T = `/territories/${SIREN}`;
const CAPITOLE = { lat: 43.6045, lon: 1.4442 };
const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/g;
const STAFF = 'privacy-staff@toulouse-metropole.localhost';

let admin: string;
let citizen: string;

beforeAll(async () => {
  admin = await getToken({ role: 'admin', territory: SIREN });
  citizen = await getToken({ role: 'citizen', sub: 'privacy-e2e-citizen' });
  const saved = await fetchJson(`${T}/bodies/${SIREN}/services/privacy-e2e`, {
    method: 'PUT',
    token: admin,
    json: { name: 'Service de test', email: STAFF },
  });
  expect(saved.status).toBe(200);
});

describe('staff e-mail addresses are for agents only', () => {
  test('the public list of bodies shows the service, not its address', async () => {
    const response = await fetchJson<string>(`${T}/bodies`);
    expect(response.status).toBe(200);
    expect(JSON.stringify(response.body)).toContain('Service de test');
    expect(JSON.stringify(response.body)).not.toContain(STAFF);
  });

  test('an agent of the territory reads them; a citizen, another territory or nobody may not', async () => {
    const agent = await getToken({ role: 'agent', territory: SIREN, commune: '31555' });
    const contacts = await fetchJson(`${T}/body-contacts`, { token: agent });
    expect(contacts.status).toBe(200);
    expect(JSON.stringify(contacts.body)).toContain(STAFF);
    expect((await fetchJson(`${T}/body-contacts`, { token: citizen })).status).toBe(403);
    const stranger = await getToken({ role: 'agent', territory: '200046977' });
    expect((await fetchJson(`${T}/body-contacts`, { token: stranger })).status).toBe(403);
    expect((await fetchJson(`${T}/body-contacts`)).status).toBe(401);
  });

  test('no public GET answer of the territory holds an e-mail address', async () => {
    const sampled = routes.filter(
      (r) => r.access === 'public' && r.method === 'GET' && /^\/territories\/\{siren\}[^{]*$/.test(r.path),
    );
    expect(sampled.map((r) => r.id)).toEqual(expect.arrayContaining(['listBodies', 'listCategories']));
    const found: string[] = [];
    let answered = 0;
    for (const route of sampled) {
      const response = await fetchJson<unknown>(route.path.replace('{siren}', SIREN));
      if (response.status !== 200) continue;
      answered++;
      const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
      for (const address of text.match(EMAIL) ?? []) found.push(`${route.id}: ${address}`);
    }
    expect(found).toEqual([]);
    expect(answered).toBeGreaterThanOrEqual(5);
  });
});

describe('GET /me/personal-data', () => {
  test('without a login: 401', async () => {
    expect((await fetchJson('/me/personal-data')).status).toBe(401);
  });

  test('a citizen downloads their report with their contact, as a dated JSON attachment', async () => {
    const filed = await fetchJson<{ id: string }>(`${T}/reports`, {
      token: citizen,
      json: {
        category: 'espaces-verts',
        location: CAPITOLE,
        description: 'Banc cassé (export)',
        contact: { email: 'export-e2e@example.fr' },
      },
    });
    expect(filed.status).toBe(201);
    const response = await fetchJson<{ reports: { report: { id: string; contact?: { email?: string } } }[] }>(
      '/me/personal-data',
      { token: citizen },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="donnees-personnelles-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    const mine = response.body.reports.find((r) => r.report.id === filed.body.id);
    expect(mine?.report.contact?.email).toBe('export-e2e@example.fr');
  });
});

test('the register of processing activities is public', async () => {
  const response = await fetchJson<{ activities: { context: string; purpose: string }[] }>('/privacy/register');
  expect(response.status).toBe(200);
  expect(response.body.activities.map((a) => a.context)).toEqual(
    expect.arrayContaining(['reports', 'participation', 'territory']),
  );
});

describe('DELETE /me/personal-data', () => {
  test('a citizen asks: 202 at once, the queue consumer erases, the state says done, the export is empty', async () => {
    const leaving = await getToken({ role: 'citizen', sub: 'privacy-e2e-leaving-citizen' });
    const erasedReport = {
      category: 'espaces-verts',
      location: CAPITOLE,
      description: 'Banc cassé (effacement)',
      contact: { email: 'erasure-e2e@example.fr', phone: '0622222222' },
    };
    const filed = await fetchJson<{ id: string }>(`${T}/reports`, {
      token: leaving,
      headers: { 'Idempotency-Key': 'privacy-e2e-erasure-1' },
      json: erasedReport,
    });
    expect(filed.status).toBe(201);
    expect((await fetchJson('/me/personal-data/erasure', { token: leaving })).status).toBe(404);

    const asked = await fetchJson<{ requestId: string; state: string }>('/me/personal-data', {
      method: 'DELETE',
      token: leaving,
    });
    expect(asked.status).toBe(202);
    expect(asked.headers.get('location')).toBe('/me/personal-data/erasure');
    let state = asked.body.state;
    for (let i = 0; i < 100 && state !== 'done'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      state = (await fetchJson<{ state: string }>('/me/personal-data/erasure', { token: leaving })).body.state;
    }
    expect(state).toBe('done');

    const data = await fetchJson<{ reports: unknown[] }>('/me/personal-data', { token: leaving });
    expect(data.body.reports).toEqual([]);
    // The report stays for the agents, without its contact — a retry of the filing included.
    const agent = await getToken({ role: 'agent', territory: SIREN });
    const report = await fetchJson<{ contact?: unknown; description: string }>(
      `${T}/reports/${filed.body.id}/details`,
      {
        token: agent,
      },
    );
    expect(report.body.description).toBe('Banc cassé (effacement)');
    expect(report.body.contact).toBeUndefined();
    const retried = await fetchJson<{ id: string; contact?: unknown }>(`${T}/reports`, {
      token: leaving,
      headers: { 'Idempotency-Key': 'privacy-e2e-erasure-1' },
      json: erasedReport,
    });
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(retried.body.id).toBe(filed.body.id);
    expect(JSON.stringify(retried.body)).not.toContain('erasure-e2e@example.fr');
  });

  test('without a login: 401', async () => {
    expect((await fetchJson('/me/personal-data', { method: 'DELETE' })).status).toBe(401);
  });
});

describe('retention settings', () => {
  test('an admin reads the delays; one out of range is a 400 naming the field; a citizen may not read them', async () => {
    const read = await fetchJson<{ contactRetentionMonths: number }>(`${T}/privacy/retention`, { token: admin });
    expect(read.status).toBe(200);
    const refused = await fetchJson<{ detail?: string }>(`${T}/privacy/retention`, {
      method: 'PUT',
      token: admin,
      json: { contactRetentionMonths: 0, auditRetentionMonths: 60 },
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('contactRetentionMonths');
    expect((await fetchJson(`${T}/privacy/retention`, { token: citizen })).status).toBe(403);
  });
});
