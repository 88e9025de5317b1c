/**
 * The inbox page's counts per status over HTTP, on the local runtime and its demo data (filed
 * through the store, so every body has its counts): a Balma agent's page shows the body's counts
 * as the JSON route gives them, exact (never "plus de"), and a report filed then acknowledged
 * moves them by one each. Balma's green spaces are this suite's own: no other suite reports there.
 */
import { randomUUID } from 'node:crypto';
import { HttpVisitor } from '../browser/http-visitor';
import { fetchJson, getToken } from '../support/http';

const SIREN = '243100518';
const T = `/territories/${SIREN}`;
const BALMA = '31044';
/** Balma's centroid (infra/local/demo/toulouse-metropole-centroids.csv). */
const SPOT = { lat: 43.6111, lon: 1.5047 };
const AGENT = { role: 'agent', territory: SIREN, commune: BALMA } as const;
const LABELS = {
  new: 'Nouveau',
  acknowledged: 'Pris en compte',
  in_progress: 'En cours de traitement',
  resolved: 'Résolu',
  rejected: 'Rejeté',
  duplicate: 'Doublon',
} as const;
type Status = keyof typeof LABELS;

interface Counts {
  readonly counts: Record<Status, { count: number; more: boolean }>;
}

let token: string;
const visitor = new HttpVisitor();

beforeAll(async () => {
  token = await getToken(AGENT);
  await visitor.signIn({ ...AGENT, email: `agent-comptes-${randomUUID()}@example.fr` } as never);
});

/** The counts the JSON route gives for Balma's body. */
const jsonCounts = async () => {
  const answer = await fetchJson<Counts>(`${T}/bodies/${BALMA}/report-counts`, { token });
  expect(answer.status).toBe(200);
  return answer.body.counts;
};

/** The counts the inbox page shows, status by status, as numbers (its text without the markup). */
const pageCounts = async (): Promise<Record<Status, number>> => {
  const page = await visitor.get('/agents/signalements');
  expect(page.status).toBe(200);
  const counts = page.text.slice(
    page.text.indexOf('inbox-counts'),
    page.text.indexOf('</ul>', page.text.indexOf('inbox-counts')),
  );
  const text = counts.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
  expect(text).not.toContain('plus de');
  return Object.fromEntries(
    Object.entries(LABELS).map(([status, label]) => {
      const shown = new RegExp(`${label} : ([\\d\\u202f ]+?)(?= [A-ZÉ]|\\s*$)`).exec(text)?.[1];
      expect({ status, shown }).toEqual({ status, shown: expect.any(String) });
      return [status, Number(shown!.replace(/[\s\u202f]/g, ''))];
    }),
  ) as Record<Status, number>;
};

test("the inbox page shows the body's exact counts, and they follow a filing and a transition", async () => {
  const before = await jsonCounts();
  expect(Object.values(before).every((c) => !c.more)).toBe(true);
  expect(await pageCounts()).toEqual(Object.fromEntries(Object.entries(before).map(([s, c]) => [s, c.count])));

  const filed = await fetchJson<{ id: string; bodyId: string }>(`${T}/reports`, {
    json: {
      category: 'espaces-verts',
      location: SPOT,
      description: 'Massif piétiné',
      contact: { email: `e2e-comptes-page-${randomUUID()}@example.fr` },
    },
  });
  expect(filed.status).toBe(201);
  expect(filed.body.bodyId).toBe(BALMA);
  const moved = await fetchJson(`${T}/reports/${filed.body.id}/transitions`, {
    token,
    json: { to: 'acknowledged', version: 1 },
  });
  expect(moved.status).toBe(200);

  expect(await pageCounts()).toEqual({
    ...Object.fromEntries(Object.entries(before).map(([s, c]) => [s, c.count])),
    acknowledged: before.acknowledged.count + 1,
  });
});
