/**
 * A citizen's journey over real HTTP, against the runtime `npm start` runs: a participatory budget
 * of Toulouse from proposal to support, comment, project, vote, closing by the scheduled trigger,
 * and published results; with the rules answered as problems naming them, and no personal data
 * on public pages.
 */
import { randomUUID } from 'node:crypto';
import { eventually } from '../support/eventually';
import { auditLog, fetchJson, getToken, type JsonResponse } from '../support/http';

const SIREN = '243100518';
const run = randomUUID().slice(0, 8);
const subs = { camille: `e2e-camille-${run}`, dominique: `e2e-dominique-${run}`, eve: `e2e-eve-${run}` };

interface Problem {
  status: number;
  rule?: string;
  detail: string;
}

const expectRule = (response: JsonResponse<unknown>, rule: string) => {
  expect(response.status).toBe(422);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  expect((response.body as Problem).rule).toBe(rule);
};

/** Nothing a public page returns names a citizen other than by the display name they chose. */
const expectNoPersonalData = (response: JsonResponse<unknown>) => {
  const text = JSON.stringify(response.body);
  for (const secret of [
    ...Object.values(subs),
    'authorKey',
    'birthdate',
    '1990-07-14',
    'residence',
    'scopePostalCodes',
  ]) {
    expect(text).not.toContain(secret);
  }
};

let agent: string;
let admin: string;
let camille: string;
let dominique: string;
let eve: string;
let colomiersResident: string;
let base: string;
let proposalId: string;
const projects: Record<string, string> = {};

beforeAll(async () => {
  [agent, admin, camille, dominique, eve, colomiersResident] = await Promise.all([
    getToken({ role: 'agent', territory: SIREN, commune: '31555' }),
    getToken({ role: 'admin', territory: SIREN }),
    getToken({ role: 'citizen', sub: subs.camille, birthdate: '1990-07-14', residenceInsee: '31555' }),
    getToken({ role: 'citizen', sub: subs.dominique, birthdate: '1985-01-02', postalCode: '31400' }),
    getToken({ role: 'citizen', sub: subs.eve, birthdate: '2001-05-05', residenceInsee: '31555' }),
    getToken({ role: 'citizen', birthdate: '1970-01-01', residenceInsee: '31149' }),
  ]);
});

test('an agent of Toulouse opens a participatory budget for the residents of Toulouse', async () => {
  const response = await fetchJson<{ id: string; phase: string }>(`/territories/${SIREN}/consultations`, {
    token: agent,
    json: {
      scope: { level: 'commune', insee: '31555' },
      title: `Budget participatif du quartier (${run})`,
      body: '50 000 € pour vos idées.',
      schedule: { proposals: new Date().toISOString() },
      eligibility: { residents: 'scope', minimumAge: 16 },
      budget: { amount: 50_000, method: 'knapsack', minSelections: 1, maxSelections: 2 },
    },
  });

  expect(response.status).toBe(201);
  expect(response.body.phase).toBe('proposals');
  base = `/territories/${SIREN}/consultations/${response.body.id}`;
});

test('a resident proposes an idea under the display name she chose; a retry with the same key creates nothing more', async () => {
  await fetchJson(`/territories/${SIREN}/participation-profile`, {
    method: 'PUT',
    token: camille,
    json: { displayName: 'Camille des Carmes' },
  });
  const send = () =>
    fetchJson<{ id: string; authorName: string }>(`${base}/proposals`, {
      token: camille,
      json: { title: 'Des arbres rue des Filatiers', body: 'De l’ombre en été.' },
      headers: { 'Idempotency-Key': `proposal-${run}` },
    });

  const first = await send();
  const retry = await send();

  expect(first.status).toBe(201);
  expect(first.body.authorName).toBe('Camille des Carmes');
  expect(retry.body.id).toBe(first.body.id);
  proposalId = first.body.id;
});

test('another resident supports it (twice: counted once) and comments; a resident of Colomiers is refused by the residence rule', async () => {
  const support = () =>
    fetchJson<{ supportCount: number }>(`${base}/proposals/${proposalId}/support`, { method: 'PUT', token: dominique });
  expect((await support()).body.supportCount).toBe(1);
  expect((await support()).body.supportCount).toBe(1);

  const comment = await fetchJson(`${base}/proposals/${proposalId}/comments`, {
    token: dominique,
    json: { body: 'Oui, et des bancs !', displayName: 'Dominique' },
  });
  expect(comment.status).toBe(201);

  expectRule(
    await fetchJson(`${base}/proposals/${proposalId}/support`, { method: 'PUT', token: colomiersResident }),
    'eligibility-residence',
  );
});

test('the public sees the proposal, its support and its comment by display names only', async () => {
  const list = await fetchJson<{ items: { id: string; supportCount: number; authorName: string }[] }>(
    `${base}/proposals?order=random`,
  );
  expect(list.body.items).toEqual([
    expect.objectContaining({ id: proposalId, supportCount: 1, authorName: 'Camille des Carmes' }),
  ]);
  expectNoPersonalData(list);
  const comments = await fetchJson(`${base}/proposals/${proposalId}/comments`);
  expect(comments.body).toMatchObject({ items: [{ authorName: 'Dominique', body: 'Oui, et des bancs !' }] });
  expectNoPersonalData(comments);
});

test('a proposal may carry a photo uploaded through the same presigned slot as reports; a file that is no image is refused', async () => {
  const upload = async (bytes: Buffer, contentType: string) => {
    const slot = await fetchJson<{ uploadUrl: string; photoKey: string; headers: Record<string, string> }>(
      `/territories/${SIREN}/photo-uploads`,
      { json: { contentType, size: bytes.length } },
    );
    const put = await fetch(slot.body.uploadUrl, {
      method: 'PUT',
      headers: { 'content-type': slot.body.headers['Content-Type']! },
      // A copy on its own ArrayBuffer: preact's JSX types bring the DOM's BodyInit, which takes no Buffer.
      body: new Uint8Array(bytes),
    });
    expect(put.status).toBe(200);
    return slot.body.photoKey;
  };
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('a photo')]);
  const submit = (photoKey: string) =>
    fetchJson<{ id: string; photoUrl?: string }>(`${base}/proposals`, {
      token: eve,
      json: { title: 'Un kiosque à musique', body: 'Voir la photo.', displayName: 'Ève', photoKey },
    });

  expectRule(await submit(await upload(Buffer.from('not an image at all'), 'image/png')), 'photo-type');
  const created = await submit(await upload(png, 'image/png'));
  expect(created.status).toBe(201);

  const shown = await fetchJson<{ photoUrl: string }>(`${base}/proposals/${created.body.id}`);
  const photo = await fetch(shown.body.photoUrl);
  expect(Buffer.from(await photo.arrayBuffer())).toEqual(png);
});

test('the agent retains the proposal as a project, adds two, and opens the vote', async () => {
  const add = async (key: string, json: object) => {
    const response = await fetchJson<{ id: string }>(`${base}/projects`, { token: agent, json });
    expect(response.status).toBe(201);
    projects[key] = response.body.id;
  };
  await add('trees', { proposalId, cost: 30_000 });
  await add('benches', { title: 'Des bancs', description: 'Dix bancs.', cost: 15_000 });
  await add('fountain', { title: 'Une fontaine', description: 'À boire.', cost: 25_000 });

  const moved = await fetchJson<{ phase: string }>(`${base}/phase`, {
    token: agent,
    json: { phase: 'voting', reason: 'Fin du dépôt des idées' },
  });
  expect(moved.body.phase).toBe('voting');
});

test('residents vote; a ballot over the budget or with too many projects is refused by the rule it breaks', async () => {
  const vote = (token: string, projectIds: string[]) =>
    fetchJson<{ version: number }>(`${base}/ballot`, { method: 'PUT', token, json: { projectIds } });

  expectRule(await vote(camille, [projects.trees!, projects.fountain!]), 'ballot-budget-cap');
  expectRule(await vote(camille, [projects.trees!, projects.benches!, projects.fountain!]), 'ballot-max-selections');
  expect((await vote(camille, [projects.fountain!])).status).toBe(200);
  expect((await vote(camille, [projects.trees!])).body.version).toBe(2); // she changed her mind
  expect((await vote(dominique, [projects.trees!, projects.benches!])).status).toBe(200);
  expect((await vote(eve, [projects.fountain!])).status).toBe(200);

  const consultation = await fetchJson<{ counts: { ballots: number } }>(base);
  expect(consultation.body.counts.ballots).toBe(3);
});

test('closed by the agent, counted by the scheduled trigger: results published, by the published rule', async () => {
  await fetchJson(`${base}/phase`, { token: agent, json: { phase: 'closed', reason: 'Fin du vote' } });
  expect((await fetchJson(`${base}/results`)).status).toBe(404);

  const runResponse = await fetchJson('/_local/schedules/advanceConsultationPhases/run', { method: 'POST' });
  expect(runResponse.status).toBe(200);

  const results = await fetchJson<{
    ballots: number;
    spent: number;
    projects: { projectId: string; votes: number; retained: boolean }[];
  }>(`${base}/results`);
  expect(results.status).toBe(200);
  // trees: 2 votes; benches and fountain: 1 each — the cheaper one first; the fountain no longer fits.
  expect(results.body).toMatchObject({ ballots: 3, spent: 45_000 });
  expect(results.body.projects.map((p) => [p.projectId, p.votes, p.retained])).toEqual([
    [projects.trees, 2, true],
    [projects.benches, 1, true],
    [projects.fountain, 1, false],
  ]);
  expectNoPersonalData(results);
  expect((await fetchJson<{ phase: string }>(base)).body.phase).toBe('results');
});

test("the agent's moves and the publication of the results are in the audit log", async () => {
  const consultationId = base.split('/').at(-1)!;
  const consultationActions = async () =>
    (await auditLog(SIREN, admin))
      .filter((e) => e.subject.startsWith(`consultation/${consultationId}`))
      .map((e) => e.action);
  const actions = await eventually(consultationActions, (found) => found.includes('participation.results-published'));
  expect(actions.filter((a) => a === 'participation.phase-changed')).toHaveLength(2);
  expect(actions).toContain('participation.project-saved');
});
