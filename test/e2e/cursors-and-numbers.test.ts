/**
 * Hostile and clumsy input on public and admin routes, over HTTP: a cursor is opaque and only
 * pages the list it came from (anything else is a 400 invalid-cursor, never a 500); numbers the
 * table cannot hold, and query-string numbers that are not decimals, are refused naming the field.
 */
import { fetchJson, getToken } from '../support/http';

const SIREN = '243100518';
const T = `/territories/${SIREN}`;

interface Page {
  items: { id: string }[];
  cursor?: string;
}
interface Problem {
  type: string;
  detail: string;
  errors?: { path: string; message: string }[];
}

/** The same cursor with one character changed. */
const tampered = (cursor: string, at: number) =>
  `${cursor.slice(0, at)}${cursor[at] === 'A' ? 'B' : 'A'}${cursor.slice(at + 1)}`;

const expectInvalidCursor = async (path: string) => {
  const response = await fetchJson<Problem>(path);
  expect(response.status).toBe(400);
  expect(response.body.type).toBe('urn:ville-ouverte:problem:invalid-cursor');
};

describe.each([
  ['reports of a commune', `${T}/reports?commune=31555&limit=1`, `${T}/reports?commune=31149&limit=1`],
  ['consultations', `${T}/consultations?limit=1`, `${T}/reports?commune=31555&limit=1`],
])('the cursor of a public list: %s', (_, list, otherList) => {
  let first: Page;

  beforeAll(async () => {
    first = (await fetchJson<Page>(list)).body;
  });

  test('is opaque, and a genuine one pages on', async () => {
    expect(first.cursor).toBeDefined();
    const cursor = first.cursor!;
    expect(Buffer.from(cursor, 'base64url').toString('latin1')).not.toMatch(/TERRITORY|gsi|REPORT|CONSULTATION/);
    const next = await fetchJson<Page>(`${list}&cursor=${cursor}`);
    expect(next.status).toBe(200);
    expect(next.body.items.map((i) => i.id)).not.toContain(first.items[0]!.id);
  });

  test('changed anywhere, cut, lengthened or forged: 400 invalid-cursor', async () => {
    const cursor = first.cursor!;
    for (const at of [0, 5, Math.floor(cursor.length / 2), cursor.length - 1])
      await expectInvalidCursor(`${list}&cursor=${tampered(cursor, at)}`);
    await expectInvalidCursor(`${list}&cursor=${cursor.slice(0, -3)}`);
    await expectInvalidCursor(`${list}&cursor=${cursor}AAAA`);
    await expectInvalidCursor(`${list}&cursor=${'A'.repeat(1400)}`);
    const readable = Buffer.from(JSON.stringify({ pk: `TERRITORY#${SIREN}`, sk: 'X', extra: 1 })).toString('base64url');
    await expectInvalidCursor(`${list}&cursor=${readable}`);
  });

  test('replayed on another list (another commune, another kind of list): 400', async () => {
    await expectInvalidCursor(`${otherList}&cursor=${first.cursor!}`);
  });
});

describe('numbers', () => {
  const issuesOf = async (path: string) => {
    const response = await fetchJson<Problem>(path);
    expect(response.status).toBe(400);
    return (response.body.errors ?? []).map((e) => e.path);
  };

  test('hex, binary, blank and unstorable query-string numbers are refused, naming the parameter', async () => {
    expect(await issuesOf(`${T}/locate?lat=0x10&lon=1.44`)).toEqual(['query.lat']);
    expect(await issuesOf(`${T}/locate?lat=43.6&lon=0b1`)).toEqual(['query.lon']);
    expect(await issuesOf(`${T}/locate?lat=%20&lon=1.44`)).toEqual(['query.lat']);
    expect(await issuesOf(`${T}/locate?lat=1e-200&lon=1.44`)).toEqual(['query.lat']);
    expect(await issuesOf(`${T}/reports/nearby?category=voirie&lat=0x10&lon=1.44`)).toEqual(['query.lat']);
    expect(await issuesOf(`${T}/reports?bbox=1e-200,43.5,1.5,43.7`)).toEqual(['query.bbox']);
    expect(await issuesOf(`${T}/reports?commune=31555&limit=0x10`)).toEqual(['query.limit']);
  });

  test('a decimal query-string number still works', async () => {
    expect((await fetchJson(`${T}/locate?lat=43.6045&lon=1.4442`)).status).toBe(200);
  });

  test('SLA statistics from after to: 400 saying so', async () => {
    const response = await fetchJson<Problem>(
      `${T}/communes/31555/sla-statistics?from=2026-06-01T00:00:00Z&to=2026-05-01T00:00:00Z`,
    );
    expect(response.status).toBe(400);
    expect(response.body.detail).toMatch(/from .* is after to/);
  });

  test('a report whose location or an alert threshold the table cannot hold: 400, nothing stored', async () => {
    const filed = await fetchJson<Problem>(`${T}/reports`, {
      method: 'POST',
      json: {
        category: 'voirie',
        location: { lat: 1e-200, lon: 1.4442 },
        description: 'Nombre hostile',
        contact: { email: 'x@example.fr' },
      },
    });
    expect(filed.status).toBe(400);
    expect(filed.body.errors?.map((e) => e.path)).toEqual(['body.location.lat']);

    const admin = await getToken({ role: 'admin', territory: SIREN });
    for (const threshold of [1e200, 9007199254740993]) {
      const rule = await fetchJson<Problem>(`${T}/sensor-alert-rules/hostile-number`, {
        method: 'PUT',
        token: admin,
        json: { name: 'x', type: 'AirQualityObserved', property: 'no2', operator: 'GT', threshold },
      });
      expect(rule.status).toBe(400);
      expect(rule.body.errors?.map((e) => e.path)).toEqual(['body.threshold']);
    }
    const rules = await fetchJson<{ id: string }[] | { items: { id: string }[] }>(`${T}/sensor-alert-rules`, {
      token: admin,
    });
    expect(JSON.stringify(rules.body)).not.toContain('hostile-number');
  });
});
