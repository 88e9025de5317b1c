/**
 * What the back office added to the reports API, over HTTP: a body's counts per status (agents who
 * may list the body) and an agent's internal note (If-Match, a new version, never in the public
 * view; a stale version is 409, another commune's agent 403).
 */
import { randomUUID } from 'node:crypto';
import { fetchJson, getToken } from '../support/http';

const SIREN = '243100518';
const T = `/territories/${SIREN}`;
/** Toulouse, away from the other suites' spots. */
const SPOT = { lat: 43.5992, lon: 1.4203 };

interface Counts {
  readonly cap: number;
  readonly counts: Record<string, { count: number; more: boolean }>;
}

test("a body's counts per status, for who may list the body", async () => {
  const filed = await fetchJson<{ id: string; bodyId: string }>(`${T}/reports`, {
    json: {
      category: 'espaces-verts',
      location: SPOT,
      description: 'Haie qui déborde',
      contact: { email: `e2e-comptes-${randomUUID()}@example.fr` },
    },
  });
  expect(filed.status).toBe(201);
  expect(filed.body.bodyId).toBe('31555');
  const toulouse = await getToken({ role: 'agent', territory: SIREN, commune: '31555' });
  const counts = await fetchJson<Counts>(`${T}/bodies/31555/report-counts`, { token: toulouse });
  expect(counts.status).toBe(200);
  expect(counts.body.cap).toBe(1000);
  expect(Object.keys(counts.body.counts).sort()).toEqual(
    ['acknowledged', 'duplicate', 'in_progress', 'new', 'rejected', 'resolved'].sort(),
  );
  expect(counts.body.counts.new!.count).toBeGreaterThanOrEqual(1);

  const colomiers = await getToken({ role: 'agent', territory: SIREN, commune: '31149' });
  expect((await fetchJson(`${T}/bodies/31555/report-counts`, { token: colomiers })).status).toBe(403);
});

test('an internal note: a new version, agents only, stale and foreign writers refused', async () => {
  const filed = await fetchJson<{ id: string }>(`${T}/reports`, {
    json: {
      category: 'espaces-verts',
      location: SPOT,
      description: 'Arbre penché',
      contact: { email: `e2e-note-${randomUUID()}@example.fr` },
    },
  });
  const id = filed.body.id;
  const toulouse = await getToken({ role: 'agent', territory: SIREN, commune: '31555' });
  const noted = await fetchJson<{ version: number }>(`${T}/reports/${id}/notes`, {
    token: toulouse,
    headers: { 'if-match': '"1"' },
    json: { internalNote: 'Élagueur prévenu' },
  });
  expect(noted.status).toBe(200);
  expect(noted.body.version).toBe(2);
  expect(noted.headers.get('etag')).toBe('"2"');

  const details = await fetchJson<{ history: { internalNote?: string }[] }>(`${T}/reports/${id}/details`, {
    token: toulouse,
  });
  expect(details.body.history.at(-1)?.internalNote).toBe('Élagueur prévenu');
  const publicView = await fetchJson(`${T}/reports/${id}`);
  expect(JSON.stringify(publicView.body)).not.toContain('Élagueur');

  const stale = await fetchJson(`${T}/reports/${id}/notes`, {
    token: toulouse,
    json: { version: 1, internalNote: 'Trop tard' },
  });
  expect(stale.status).toBe(409);
  const colomiers = await getToken({ role: 'agent', territory: SIREN, commune: '31149' });
  const foreign = await fetchJson(`${T}/reports/${id}/notes`, {
    token: colomiers,
    json: { version: 2, internalNote: 'Pas chez nous' },
  });
  expect(foreign.status).toBe(403);
});
