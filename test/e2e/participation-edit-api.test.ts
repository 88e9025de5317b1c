/**
 * Editing a consultation over HTTP (`PATCH …/consultations/{id}`): the agent's edit is answered
 * with the new version; a second edit from the same version read is a 409 that changes nothing;
 * a citizen is refused; eligibility is refused once proposals are open.
 */
import { randomUUID } from 'node:crypto';
import { fetchJson, getToken } from '../support/http';

const SIREN = '243100518';
const run = randomUUID().slice(0, 8);

test('an agent edits a consultation; a stale version is a 409, a citizen a 403, eligibility after opening a 422', async () => {
  const [agent, citizen] = await Promise.all([
    getToken({ role: 'agent', territory: SIREN }),
    getToken({ role: 'citizen', sub: `edit-${run}` }),
  ]);
  const created = await fetchJson<{ id: string; version: number }>(`/territories/${SIREN}/consultations`, {
    token: agent,
    json: { scope: { level: 'territory' }, title: `À modifier (${run})`, body: '…' },
  });
  expect(created.status).toBe(201);
  const path = `/territories/${SIREN}/consultations/${created.body.id}`;
  const edit = (token: string, json: unknown) =>
    fetchJson<{ title: string; version: number }>(path, { method: 'PATCH', token, json });

  const first = await edit(agent, {
    title: `Modifiée (${run})`,
    body: 'Nouveau texte',
    version: created.body.version,
    eligibility: { minimumAge: 16 },
  });
  expect(first.status).toBe(200);
  expect(first.body).toMatchObject({ title: `Modifiée (${run})`, version: created.body.version + 1 });

  const stale = await edit(agent, { title: 'Perdue', body: '…', version: created.body.version });
  expect(stale.status).toBe(409);
  expect((await fetchJson<{ title: string }>(path)).body.title).toBe(`Modifiée (${run})`);

  expect((await edit(citizen, { title: 'Non', body: '…', version: first.body.version })).status).toBe(403);

  const opened = await fetchJson<{ version: number }>(`${path}/phase`, {
    token: agent,
    json: { phase: 'proposals', reason: 'Ouverture (test)' },
  });
  expect(opened.status).toBe(200);
  const late = await edit(agent, {
    title: 'Trop tard',
    body: '…',
    version: opened.body.version,
    eligibility: { residents: 'scope' },
  });
  expect(late.status).toBe(422);
});
