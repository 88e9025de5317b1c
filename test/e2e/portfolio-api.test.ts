/**
 * The portfolio API over real HTTP against the runtime `npm start` runs (every answer checked
 * against its route's declaration): an agent's journey through projects, roll-up, budget lines,
 * milestones, KPIs, CSV import and exports; who may call what (401, 403), bad input (400, 415,
 * 422, 409); public views paged by cursor; the audit log's before → after; and the demo portfolio.
 */
import { demoRows } from '../../infra/local/demo/portfolio-seed';
import { parseCsv } from '../../shared/portfolio/csv';
import { eventually } from '../support/eventually';
import { auditLog, baseUrl, fetchJson, getToken } from '../support/http';

const SIREN = '243100518';
const P = `/territories/${SIREN}/portfolio`;
const UNKNOWN = '01JQ8Z3F6R0000000000000000';

let citizen: string;
let metropolis: string;
let toulouse: string;
let colomiers: string;
let admin: string;

interface ProjectView {
  id: string;
  title: string;
  progress: number;
  version: number;
  status: string;
  budget: { planned: string; committed: string; spent: string; consumption: number | null };
  kpis?: { id: string; name: string; trend: { date: string; value: number }[]; latest?: { value: number } }[];
  milestones?: { id: string; state: string }[];
  children?: { id: string; progress: number }[];
}
interface Page<T> {
  items: T[];
  cursor?: string;
}

const project = (title: string, extra: Record<string, unknown> = {}) => ({
  title,
  domain: 'mobility',
  communes: ['31555'],
  lead: { bodyId: SIREN, serviceId: 'mobilite' },
  phase: 'operation',
  ...extra,
});
const post = <T>(path: string, json: unknown, token = metropolis, headers: Record<string, string> = {}) =>
  fetchJson<T>(path, { json, token, headers });
const put = <T>(path: string, json: unknown, token = metropolis) => fetchJson<T>(path, { method: 'PUT', json, token });
const postCsv = async (text: string, token?: string, contentType = 'text/csv') => {
  const response = await fetch(`${baseUrl()}${P}/import`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: text,
  });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: (await response.json()) as Record<string, unknown>,
  };
};

beforeAll(async () => {
  [citizen, metropolis, toulouse, colomiers, admin] = await Promise.all([
    getToken({ role: 'citizen' }),
    getToken({ role: 'agent', territory: SIREN, sub: 'e2e-metropolis-agent' }),
    getToken({ role: 'agent', territory: SIREN, commune: '31555' }),
    getToken({ role: 'agent', territory: SIREN, commune: '31149' }),
    getToken({ role: 'admin', territory: SIREN }),
  ]);
});

describe("an agent's journey", () => {
  let parent: ProjectView;
  let a: ProjectView;
  let b: ProjectView;

  test('a programme and two weighted projects: 40 % and 80 % at 0.25 and 0.75 roll up to 70 %', async () => {
    const created = await post<ProjectView>(`${P}/projects`, project('E2E programme vélo', { kind: 'programme' }));
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`${P}/projects/${created.body.id}`);
    parent = created.body;
    a = (
      await post<ProjectView>(
        `${P}/projects`,
        project('E2E compteurs', { parentId: parent.id, progress: 40, weight: 0.25 }),
      )
    ).body;
    b = (
      await post<ProjectView>(
        `${P}/projects`,
        project('E2E pistes', { parentId: parent.id, progress: 80, weight: 0.75 }),
      )
    ).body;
    const detail = await fetchJson<ProjectView>(`${P}/projects/${parent.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.progress).toBe(70);
    expect(detail.body.children!.map((c) => c.progress).sort()).toEqual([40, 80]);
  });

  test('a change carries the version read: the next one with the old version is a 409', async () => {
    const body = {
      ...project('E2E compteurs connectés', { parentId: parent.id, progress: 60, weight: 0.25 }),
      version: a.version,
    };
    const changed = await put<ProjectView>(`${P}/projects/${a.id}`, body);
    expect(changed.status).toBe(200);
    expect((await fetchJson<ProjectView>(`${P}/projects/${parent.id}`)).body.progress).toBe(75);
    expect((await put(`${P}/projects/${a.id}`, body)).status).toBe(409);
  });

  test('a creating POST replayed with its Idempotency-Key gives the same project', async () => {
    const key = `e2e-${Date.now()}`;
    const first = await post<ProjectView>(`${P}/projects`, project('E2E rejoué'), metropolis, {
      'idempotency-key': key,
    });
    const again = await post<ProjectView>(`${P}/projects`, project('E2E rejoué'), metropolis, {
      'idempotency-key': key,
    });
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });

  test('budget lines in exact decimals: 0.10 + 0.20 make 0.30 on the project and its parent', async () => {
    for (const planned of ['0.10', '0.20'])
      expect(
        (
          await post(`${P}/projects/${b.id}/budget-lines`, {
            year: 2026,
            kind: 'investment',
            planned,
            spent: '0.15',
            funder: 'ADEME',
          })
        ).status,
      ).toBe(201);
    const lines = await fetchJson<{ items: { planned: string; consumption: number }[] }>(
      `${P}/projects/${b.id}/budget-lines`,
    );
    expect(lines.body.items.map((l) => l.planned)).toEqual(['0.10', '0.20']);
    const parentNow = await fetchJson<ProjectView>(`${P}/projects/${parent.id}`);
    expect(parentNow.body.budget).toEqual({ planned: '0.30', committed: '0', spent: '0.30', consumption: 1 });
    const asNumber = await post<{ errors: { path: string }[] }>(`${P}/projects/${b.id}/budget-lines`, {
      year: 2026,
      kind: 'investment',
      planned: 0.1,
      funder: 'ADEME',
    });
    expect(asNumber.status).toBe(400);
    expect(asNumber.body.errors.map((e) => e.path)).toContain('body.planned');
  });

  test('milestones and a manual KPI with its history show on the public page of the project', async () => {
    expect(
      (
        await post(`${P}/projects/${b.id}/milestones`, {
          title: 'Marché notifié',
          dueDate: '2026-01-15',
          state: 'met',
          metOn: '2026-01-10',
        })
      ).status,
    ).toBe(201);
    const kpi = await post<{ id: string }>(`${P}/projects/${b.id}/kpis`, {
      name: 'Kilomètres de pistes',
      unit: 'km',
      baseline: { value: 10, date: '2025-01-01' },
      target: { value: 40, date: '2027-12-31' },
      direction: 'higher',
      source: { kind: 'manual' },
    });
    expect(kpi.status).toBe(201);
    for (const [date, value] of [
      ['2026-02-01', 12],
      ['2026-03-01', 15.5],
    ] as const)
      expect((await put(`${P}/projects/${b.id}/kpis/${kpi.body.id}/values`, { date, value })).status).toBe(200);
    const history = await fetchJson<Page<{ date: string; value: number }>>(
      `${P}/projects/${b.id}/kpis/${kpi.body.id}/history?limit=1`,
    );
    expect(history.body.items).toEqual([expect.objectContaining({ date: '2026-02-01', value: 12 })]);
    expect(history.body.cursor).toBeDefined();
    const detail = await fetchJson<ProjectView>(`${P}/projects/${b.id}`);
    expect(detail.body.milestones!.map((m) => m.state)).toEqual(['met']);
    expect(detail.body.kpis![0]).toMatchObject({ name: 'Kilomètres de pistes', latest: { value: 15.5 } });
    expect(detail.body.kpis![0]!.trend.map((t) => t.value)).toEqual([12, 15.5]);
    expect(
      (await fetchJson(`${P}/projects/${b.id}/kpis/${kpi.body.id}/compute`, { method: 'POST', token: metropolis }))
        .status,
    ).toBe(422);
  });

  test('the daily trigger marks a milestone past due missed, sets the project late and mails its lead service once', async () => {
    const title = `Jalon E2E ${Date.now()}`;
    const dueDate = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    expect((await post(`${P}/projects/${b.id}/milestones`, { title, dueDate })).status).toBe(201);
    for (let run = 0; run < 2; run++)
      expect((await fetchJson('/_local/schedules/remindLateMilestones/run', { method: 'POST' })).status).toBe(200);
    const mailbox = await fetchJson<{ subject: string }[]>(
      `/_local/mailbox?to=${encodeURIComponent('mobilites@toulouse-metropole.localhost')}`,
    );
    expect(mailbox.body.filter((m) => m.subject.includes(title))).toHaveLength(1);
    expect((await fetchJson<ProjectView>(`${P}/projects/${b.id}`)).body.status).toBe('late');
    const late = await fetchJson<Page<{ milestone: { title: string; state: string } }>>(`${P}/late?limit=100`);
    expect(late.body.items.find((i) => i.milestone.title === title)?.milestone.state).toBe('missed');
    expect((await fetchJson('/_local/schedules/computeLiveKpis/run', { method: 'POST' })).status).toBe(200);
  });

  test('a live KPI computed on demand answers its value and period (or none without data)', async () => {
    const kpi = await post<{ id: string }>(`${P}/projects/${b.id}/kpis`, {
      name: 'NO2 à Toulouse',
      unit: 'µg/m³',
      direction: 'lower',
      source: { kind: 'sensors', property: 'no2', communes: ['31555'], periodDays: 7 },
    });
    const computed = await fetchJson<{ point: { value: number; period: { from: string; to: string } } | null }>(
      `${P}/projects/${b.id}/kpis/${kpi.body.id}/compute`,
      { method: 'POST', token: metropolis },
    );
    expect(computed.status).toBe(200);
    if (computed.body.point)
      expect(computed.body.point.period.to).toBe(`${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`);
  });

  test('every change is in the audit log, before → after', async () => {
    const entries = await eventually(
      () => auditLog(SIREN, admin),
      (log) => log.some((e) => e.action === 'portfolio.project-updated' && e.subject === `project/${a.id}`),
      15_000,
    );
    const created = entries.find((e) => e.action === 'portfolio.project-created' && e.subject === `project/${a.id}`)!;
    expect(created).toMatchObject({ before: null, after: { title: 'E2E compteurs', progress: 40 } });
    const updated = entries.find((e) => e.action === 'portfolio.project-updated' && e.subject === `project/${a.id}`)!;
    expect(updated).toMatchObject({
      before: { progress: 40 },
      after: { title: 'E2E compteurs connectés', progress: 60 },
    });
    expect(
      entries.some(
        (e) => e.action === 'portfolio.budget-line-saved' && e.subject.startsWith(`project/${b.id}/budget-line/`),
      ),
    ).toBe(true);
    expect(entries.some((e) => e.action === 'portfolio.kpi-value-recorded')).toBe(true);
  });

  test('a leaf is deleted (204), then gone (404); a parent with children is refused (422)', async () => {
    expect((await fetchJson(`${P}/projects/${parent.id}`, { method: 'DELETE', token: metropolis })).status).toBe(422);
    expect((await fetchJson(`${P}/projects/${a.id}`, { method: 'DELETE', token: metropolis })).status).toBe(204);
    expect((await fetchJson(`${P}/projects/${a.id}`)).status).toBe(404);
    expect((await fetchJson<ProjectView>(`${P}/projects/${parent.id}`)).body.progress).toBe(80);
  });
});

describe('who may call what', () => {
  test('no token: 401; a citizen: 403', async () => {
    expect((await fetchJson(`${P}/projects`, { json: project('E2E anonyme') })).status).toBe(401);
    expect((await post(`${P}/projects`, project('E2E citoyen'), citizen)).status).toBe(403);
    expect((await postCsv('nom,domain\nX,mobility\n')).status).toBe(401);
    expect((await postCsv('nom,domain\nX,mobility\n', citizen)).status).toBe(403);
  });

  test("a commune's agent may not create the metropolis's projects, nor change another commune's (403)", async () => {
    expect(
      (await post(`${P}/projects`, project('E2E métropole', { owner: { level: 'territory' } }), colomiers)).status,
    ).toBe(403);
    const own = await post<ProjectView>(
      `${P}/projects`,
      project('E2E Toulouse', { owner: { level: 'commune', insee: '31555' }, lead: { bodyId: '31555' } }),
      toulouse,
    );
    expect(own.status).toBe(201);
    const change = await put(
      `${P}/projects/${own.body.id}`,
      { ...project('E2E Colomiers'), version: own.body.version },
      colomiers,
    );
    expect(change.status).toBe(403);
    expect((await fetchJson(`${P}/projects/${own.body.id}`, { method: 'DELETE', token: colomiers })).status).toBe(403);
  });
});

describe('bad input', () => {
  test('wrong fields: a 400 naming each', async () => {
    const response = await post<{ errors: { path: string }[] }>(`${P}/projects`, {
      title: 'X',
      domain: 'mobilite',
      lead: { bodyId: 'metropole' },
      progress: 120,
      communes: ['Toulouse'],
    });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e) => e.path)).toEqual(
      expect.arrayContaining(['body.title', 'body.domain', 'body.lead.bodyId', 'body.progress', 'body.communes.0']),
    );
  });

  test('an unknown project: 404; an id that is not one: 400; a forged cursor: 400', async () => {
    expect((await fetchJson(`${P}/projects/${UNKNOWN}`)).status).toBe(404);
    expect((await fetchJson(`${P}/projects/${UNKNOWN}/milestones`)).status).toBe(404);
    const bad = await fetchJson<{ errors: { path: string }[] }>(`${P}/projects/not-an-id`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e) => e.path)).toContain('path.projectId');
    const forged = Buffer.from(
      JSON.stringify({ gsi5pk: 'TERRITORY#200046977#PORTFOLIO#ALL', gsi5sk: 'x', pk: 'x', sk: 'y' }),
    ).toString('base64url');
    expect((await fetchJson(`${P}/projects?cursor=${forged}`)).status).toBe(400);
    expect((await fetchJson(`${P}/projects?domain=mobilite`)).status).toBe(400);
  });

  test('an import sent as JSON: 415; a file with bad rows: 422 listing each, nothing written', async () => {
    expect((await postCsv('nom,domain\nX,mobility\n', metropolis, 'application/json')).status).toBe(415);
    const refused = await postCsv(
      'nom,domain,communes\nE2E bon,mobility,31555\nE2E mauvais,mobilite,31555\nE2E ailleurs,mobility,75056\n',
      metropolis,
    );
    expect(refused.status).toBe(422);
    expect(refused.type).toMatch(/application\/problem\+json/);
    expect(refused.body.rows).toEqual([
      { row: 3, errors: [expect.stringMatching(/^domain/)] },
      { row: 4, errors: [expect.stringMatching(/75056/)] },
    ]);
    const all = await fetchJson<string>(`${P}/export.csv`);
    expect(all.body).not.toContain('E2E bon');
  });
});

describe('import and exports', () => {
  test('a good CSV goes in (200); the CSV export has it, with the projets-territoire columns', async () => {
    const imported = await postCsv('nom,domain,communes,portfolioStatus\nE2E importé,waste,31149,late\n', metropolis);
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ created: 1, updated: 0 });
    const csv = await fetch(`${baseUrl()}${P}/export.csv`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment/);
    const [header, ...rows] = parseCsv(await csv.text());
    expect(header!.slice(0, 5)).toEqual(['id', 'nom', 'description', 'phase', 'phaseStatut']);
    const row = rows.find((r) => r[1] === 'E2E importé')!;
    expect(row[4]).toBe('En retard');
  });

  test('the OC4IDS export is a project package', async () => {
    const pkg = await fetchJson<{ version: string; projects: { id: string; title: string }[] }>(
      `${P}/export.oc4ids.json`,
    );
    expect(pkg.status).toBe(200);
    expect(pkg.body.version).toBe('0.9');
    expect(pkg.body.projects.some((p) => p.title === 'E2E importé')).toBe(true);
  });
});

describe('the demo portfolio and the public views', () => {
  const demo = demoRows(SIREN);

  test('a first start holds about 85 demo projects in every domain, with budgets, late milestones and KPIs', async () => {
    const last = demo.at(-1)!;
    await eventually(
      () => fetchJson<ProjectView>(`${P}/projects/${last.id}`),
      (r) => r.status === 200,
      60_000,
    );
    const all: ProjectView[] = [];
    let cursor: string | undefined;
    do {
      const page = await fetchJson<Page<ProjectView & { domain: string }>>(
        `${P}/projects?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(page.status).toBe(200);
      all.push(...page.body.items);
      cursor = page.body.cursor;
    } while (cursor);
    const ids = new Set(all.map((p) => p.id));
    expect(demo.every((row) => ids.has(row.id))).toBe(true);
    expect(demo.length).toBeGreaterThanOrEqual(85);
    expect(new Set(demo.map((row) => row.domain)).size).toBe(14);
    const late = await eventually(
      () => fetchJson<Page<{ milestone: { state: string }; project: { status: string } | null }>>(`${P}/late?limit=5`),
      (r) => r.body.items.length >= 5,
      60_000,
    );
    expect(late.body.items.every((i) => i.milestone.state === 'missed')).toBe(true);
    expect(late.body.cursor).toBeDefined();
  }, 130_000);

  test('by domain, commune, phase and status, each page a Query by cursor', async () => {
    const byDomain = await fetchJson<Page<{ domain: string }>>(`${P}/projects?domain=energy&limit=3`);
    expect(byDomain.body.items).toHaveLength(3);
    expect(byDomain.body.items.every((p) => p.domain === 'energy')).toBe(true);
    const next = await fetchJson<Page<{ domain: string }>>(
      `${P}/projects?domain=energy&limit=3&cursor=${encodeURIComponent(byDomain.body.cursor!)}`,
    );
    expect(next.body.items.every((p) => p.domain === 'energy')).toBe(true);
    const inColomiers = await fetchJson<Page<{ communes: string[] }>>(`${P}/projects?commune=31149&limit=100`);
    expect(inColomiers.body.items.length).toBeGreaterThan(3);
    expect(inColomiers.body.items.every((p) => p.communes.includes('31149'))).toBe(true);
    const lateOnes = await fetchJson<Page<{ status: string; phase: string }>>(
      `${P}/projects?status=late&phase=operation&limit=100`,
    );
    expect(lateOnes.body.items.every((p) => p.status === 'late' && p.phase === 'operation')).toBe(true);
    const roots = await fetchJson<Page<{ kind: string; title: string }>>(`${P}/projects?parentId=root&limit=100`);
    expect(roots.body.items.filter((p) => p.kind === 'axis').map((p) => p.title)).toEqual(
      expect.arrayContaining(['Mobilités durables et apaisées', 'Transition écologique et énergétique']),
    );
  });
});
