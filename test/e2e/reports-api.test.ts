/**
 * Citizen reports over real HTTP, against the runtime `npm start` runs (demo data included): a
 * citizen's report with a photo uploaded through its presigned URL, the agents who may and may
 * not move it, and bad inputs answered with a clear 4xx while nothing is stored.
 */
import { fetchJson, getToken } from '../support/http';

const SIREN = '243100518';
const T = `/territories/${SIREN}`;
const CAPITOLE = { lat: 43.6045, lon: 1.4442 };
/** A real 1×1 JPEG. */
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

interface Report {
  id: string;
  status: string;
  version: number;
  bodyId: string;
  commune: string;
  photos: string[];
  contact?: { email?: string };
}
interface Problem {
  status: number;
  detail: string;
  rule?: string;
  errors?: { path: string }[];
}

let citizen: string;
let toulouseAgent: string;
let colomiersAgent: string;

beforeAll(async () => {
  [citizen, toulouseAgent, colomiersAgent] = await Promise.all([
    getToken({ role: 'citizen', sub: 'e2e-jeanne' }),
    getToken({ role: 'agent', territory: SIREN, commune: '31555' }),
    getToken({ role: 'agent', territory: SIREN, commune: '31149' }),
  ]);
});

/** Asks for an upload slot and PUTs the bytes to it, as a browser would. */
const upload = async (bytes: Buffer, contentType = 'image/jpeg') => {
  const slot = await fetchJson<{ uploadUrl: string; photoKey: string; headers: Record<string, string> }>(
    `${T}/photo-uploads`,
    { json: { contentType, size: bytes.length } },
  );
  expect(slot.status).toBe(201);
  const put = await fetch(slot.body.uploadUrl, {
    method: 'PUT',
    headers: { 'content-type': slot.body.headers['Content-Type']! },
    // A copy on its own ArrayBuffer: preact's JSX types bring the DOM's BodyInit, which takes no Buffer.
    body: new Uint8Array(bytes),
  });
  expect(put.status).toBe(200);
  return slot.body.photoKey;
};

const greenSpace = (extra: object = {}) => ({
  category: 'espaces-verts',
  location: CAPITOLE,
  address: 'Square Charles de Gaulle',
  description: 'Branche cassée au-dessus du banc',
  contact: { email: 'jeanne@example.fr' },
  ...extra,
});

/** Every report id of Toulouse, through the public list. */
/** Descriptions of Toulouse's reports (other test files file reports there at the same time). */
const toulouseReports = async () => {
  const seen: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchJson<{ items: { description: string }[]; cursor?: string }>(
      `${T}/reports?commune=31555&limit=100${cursor ? `&cursor=${cursor}` : ''}`,
    );
    seen.push(...page.body.items.map((r) => r.description));
    cursor = page.body.cursor;
  } while (cursor);
  return seen;
};

describe("a citizen's report, from the photo to its resolution", () => {
  let report: Report;

  test('the citizen uploads a photo through the presigned URL and files the report with it', async () => {
    const photoKey = await upload(JPEG);
    const filed = await fetchJson<Report>(`${T}/reports`, {
      json: greenSpace({ photos: [photoKey] }),
      token: citizen,
      headers: { 'idempotency-key': `e2e-${Date.now()}` },
    });
    expect(filed.status).toBe(201);
    expect(filed.headers.get('location')).toBe(`${T}/reports/${filed.body.id}`);
    report = filed.body;
    expect(report).toMatchObject({ status: 'new', commune: '31555', bodyId: '31555', version: 1 });
    expect(report.photos).toEqual([expect.stringMatching(new RegExp(`^photos/${SIREN}/${report.id}/1\\.jpg$`))]);
  });

  test('anyone sees it without personal data, with a link to its photo', async () => {
    const seen = await fetchJson<{ photos: string[]; history: unknown[] }>(`${T}/reports/${report.id}`);
    expect(seen.status).toBe(200);
    expect(JSON.stringify(seen.body)).not.toMatch(/jeanne@example\.fr|e2e-jeanne/);
    const photo = await fetch(seen.body.photos[0]!);
    expect(photo.status).toBe(200);
    expect(Buffer.from(await photo.arrayBuffer())).toEqual(JPEG);
  });

  test('an agent of another commune may not acknowledge it: 403', async () => {
    const refused = await fetchJson<Problem>(`${T}/reports/${report.id}/transitions`, {
      json: { to: 'acknowledged', version: 1 },
      token: colomiersAgent,
    });
    expect(refused.status).toBe(403);
  });

  test("Toulouse's agent acknowledges it with the ETag read, then resolves it; a stale version is a 409", async () => {
    const details = await fetchJson<Report>(`${T}/reports/${report.id}/details`, { token: toulouseAgent });
    expect(details.body.contact?.email).toBe('jeanne@example.fr');
    const etag = details.headers.get('etag')!;
    const acknowledged = await fetchJson<Report>(`${T}/reports/${report.id}/transitions`, {
      json: { to: 'acknowledged', publicNote: 'Les jardiniers passent demain' },
      token: toulouseAgent,
      headers: { 'if-match': etag },
    });
    expect(acknowledged).toMatchObject({ status: 200, body: { status: 'acknowledged', version: 2 } });

    const stale = await fetchJson<Problem>(`${T}/reports/${report.id}/transitions`, {
      json: { to: 'resolved' },
      token: toulouseAgent,
      headers: { 'if-match': etag },
    });
    expect(stale.status).toBe(409);

    const resolved = await fetchJson<Report>(`${T}/reports/${report.id}/transitions`, {
      json: { to: 'resolved', version: 2, publicNote: 'Branche enlevée' },
      token: toulouseAgent,
    });
    expect(resolved).toMatchObject({ status: 200, body: { status: 'resolved', version: 3 } });
    const history = await fetchJson<{ history: { to: string; publicNote?: string }[] }>(`${T}/reports/${report.id}`);
    expect(history.body.history.map((h) => h.to)).toEqual(['new', 'acknowledged', 'resolved']);
  });

  test('an illegal transition is a 409 naming both statuses', async () => {
    const illegal = await fetchJson<Problem>(`${T}/reports/${report.id}/transitions`, {
      json: { to: 'acknowledged', version: 3 },
      token: toulouseAgent,
    });
    expect(illegal.status).toBe(409);
    expect(illegal.body.detail).toMatch(/from resolved to acknowledged/);
  });

  test("it appears in Toulouse's list for its agents, filtered by status", async () => {
    const list = await fetchJson<{ items: { id: string }[] }>(`${T}/bodies/31555/reports?status=resolved&limit=100`, {
      token: toulouseAgent,
    });
    expect(list.status).toBe(200);
    expect(list.body.items.map((r) => r.id)).toContain(report.id);
    const forbidden = await fetchJson(`${T}/bodies/31555/reports`, { token: colomiersAgent });
    expect(forbidden.status).toBe(403);
  });
});

describe('while reporting', () => {
  test('the nearby open reports of the category are offered, and a citizen supports one once', async () => {
    const filed = await fetchJson<Report>(`${T}/reports`, {
      json: greenSpace({ location: { lat: 43.6301, lon: 1.4102 } }),
    });
    expect(filed.status).toBe(201);
    const nearby = await fetchJson<{ items: { id: string; distanceMetres: number }[] }>(
      `${T}/reports/nearby?category=espaces-verts&lat=43.6302&lon=1.4102&radius=50`,
    );
    expect(nearby.body.items.map((r) => r.id)).toContain(filed.body.id);
    const support = () => fetchJson(`${T}/reports/${filed.body.id}/supports`, { method: 'POST', token: citizen });
    expect(await support()).toMatchObject({ status: 201, body: { supportCount: 1 } });
    expect((await support()).status).toBe(409);
  });
});

describe('bad inputs get a clear 4xx and store nothing', () => {
  // Every refused request carries this in its description: none may be found stored afterwards.
  const marker = `refused-${Date.now()}`;
  const refused = (extra: object = {}) => greenSpace({ description: `${marker} Branche cassée`, ...extra });
  afterAll(async () => {
    expect((await toulouseReports()).filter((d) => d.includes(marker))).toEqual([]);
  });

  test('an unknown category: 422 naming it', async () => {
    const response = await fetchJson<Problem>(`${T}/reports`, { json: refused({ category: 'licornes' }) });
    expect(response).toMatchObject({ status: 422, body: { rule: 'category-exists' } });
    expect(response.body.detail).toMatch(/licornes/);
  });

  test('a latitude of 91: 400 naming the field', async () => {
    const response = await fetchJson<Problem>(`${T}/reports`, {
      json: refused({ location: { lat: 91, lon: 1.44 } }),
    });
    expect(response.status).toBe(400);
    expect(response.body.errors?.map((e) => e.path)).toContain('body.location.lat');
  });

  test('a description of 100 kB: 400 saying how long it may be', async () => {
    const response = await fetchJson<Problem>(`${T}/reports`, {
      json: refused({ description: `${marker}${'x'.repeat(100 * 1024)}` }),
    });
    expect(response.status).toBe(400);
    expect(response.body.detail).toMatch(/at most 5000 characters/);
  });

  test('a PDF is refused as a photo: at the upload slot when declared, at filing when disguised', async () => {
    const declared = await fetchJson<Problem>(`${T}/photo-uploads`, {
      json: { contentType: 'application/pdf', size: PDF.length },
    });
    expect(declared.status).toBe(400);
    const disguised = await upload(PDF, 'image/jpeg');
    const response = await fetchJson<Problem>(`${T}/reports`, { json: refused({ photos: [disguised] }) });
    expect(response).toMatchObject({ status: 422, body: { rule: 'photo-type' } });
  });

  test('an upload that does not match its signed type is refused by the object store', async () => {
    const slot = await fetchJson<{ uploadUrl: string }>(`${T}/photo-uploads`, {
      json: { contentType: 'image/png', size: JPEG.length },
    });
    const put = await fetch(slot.body.uploadUrl, {
      method: 'PUT',
      headers: { 'content-type': 'image/jpeg' },
      body: JPEG,
    });
    expect(put.status).toBe(403);
  });

  test('an anonymous report without an email address: 400', async () => {
    const response = await fetchJson<Problem>(`${T}/reports`, { json: refused({ contact: undefined }) });
    expect(response.status).toBe(400);
  });

  test('a point outside the territory: 422 saying so', async () => {
    const response = await fetchJson<Problem>(`${T}/reports`, {
      json: refused({ location: { lat: 48.8566, lon: 2.3522 } }),
    });
    expect(response).toMatchObject({ status: 422, body: { rule: 'inside-territory' } });
    expect(response.body.detail).toMatch(/outside territory Toulouse Métropole/);
  });
});

test('the demo holds a few dozen reports in various states', async () => {
  const statuses = new Set<string>();
  let count = 0;
  for (const insee of ['31555', '31149', '31044', '31069']) {
    const page = await fetchJson<{ items: { status: string }[] }>(`${T}/reports?commune=${insee}&limit=100`);
    count += page.body.items.length;
    for (const r of page.body.items) statuses.add(r.status);
  }
  expect(count).toBeGreaterThanOrEqual(20);
  expect([...statuses].sort()).toEqual(
    expect.arrayContaining(['acknowledged', 'duplicate', 'in_progress', 'new', 'rejected', 'resolved']),
  );
});
