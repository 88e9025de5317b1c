/**
 * What the portfolio's page tests (e2e over HTTP, and in a browser) create through the API before
 * they look: an axis of the metropolis with two projects weighted 0.25 and 0.75 at 40 % and 80 %
 * (the axis at 70 %), a budget line, a missed milestone and a scheduled one, a manual KPI with two
 * values, a partner in experimentation. Titles carry the run's id, so files and runs never mix.
 */
import { fetchJson, getToken } from './http';

export const SIREN = '243100518';
export const TOULOUSE = '31555';
const P = `/territories/${SIREN}/portfolio`;

export interface PortfolioPageData {
  readonly run: string;
  readonly axis: { readonly id: string; readonly title: string };
  readonly sensors: { readonly id: string; readonly title: string };
  readonly seniors: { readonly id: string; readonly title: string };
  readonly kpiId: string;
  readonly missedId: string;
  readonly scheduledId: string;
  readonly adminToken: string;
}

const created = async <T>(path: string, token: string, json: unknown): Promise<T> => {
  const answer = await fetchJson<T>(path, { token, json });
  if (answer.status !== 201) throw new Error(`POST ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
};

export const createPortfolioPageData = async (label: string): Promise<PortfolioPageData> => {
  const run = `${label}-${Date.now().toString(36)}`;
  const adminToken = await getToken({ role: 'admin', territory: SIREN });
  const base = { lead: { bodyId: SIREN }, communes: [TOULOUSE], phase: 'operation', status: 'on-track' };
  const axis = await created<{ id: string; title: string }>(`${P}/projects`, adminToken, {
    ...base,
    kind: 'axis',
    title: `Aînés connectés ${run}`,
    domain: 'silver-economy',
    description: 'Un axe de test <script>alert(1)</script>',
  });
  const seniors = await created<{ id: string; title: string }>(`${P}/projects`, adminToken, {
    ...base,
    parentId: axis.id,
    title: `Accompagnement numérique des aînés ${run}`,
    domain: 'silver-economy',
    progress: 40,
    weight: 0.25,
    partners: [
      {
        name: 'SeniorTech SAS',
        siren: '812345678',
        role: 'start-up en expérimentation',
        experimentation: { startDate: '2026-03-01', endDate: '2026-09-30', outcome: 'Concluant' },
      },
    ],
  });
  const sensors = await created<{ id: string; title: string }>(`${P}/projects`, adminToken, {
    ...base,
    parentId: axis.id,
    title: `Capteurs de chute à domicile ${run}`,
    domain: 'silver-economy',
    progress: 80,
    weight: 0.75,
  });
  await created(`${P}/projects/${seniors.id}/budget-lines`, adminToken, {
    year: 2026,
    kind: 'investment',
    planned: '1000000.50',
    committed: '400000',
    spent: '250000.25',
    funder: 'Toulouse Métropole',
  });
  const missed = await created<{ id: string }>(`${P}/projects/${seniors.id}/milestones`, adminToken, {
    title: `Tablettes distribuées ${run}`,
    dueDate: '2019-01-15',
    state: 'missed',
  });
  const scheduled = await created<{ id: string }>(`${P}/projects/${seniors.id}/milestones`, adminToken, {
    title: `Ateliers ouverts ${run}`,
    dueDate: '2027-03-01',
  });
  const kpi = await created<{ id: string }>(`${P}/projects/${seniors.id}/kpis`, adminToken, {
    name: `Aînés accompagnés ${run}`,
    unit: 'personnes',
    baseline: { value: 0, date: '2026-01-01' },
    target: { value: 500, date: '2026-12-31' },
    direction: 'higher',
    source: { kind: 'manual' },
  });
  for (const [date, value] of [
    ['2026-10-01', 120],
    ['2026-11-01', 260],
  ] as const) {
    const answer = await fetchJson(`${P}/projects/${seniors.id}/kpis/${kpi.id}/values`, {
      method: 'PUT',
      token: adminToken,
      json: { date, value },
    });
    if (answer.status >= 300) throw new Error(`KPI value answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  }
  return {
    run,
    axis,
    sensors,
    seniors,
    kpiId: kpi.id,
    missedId: missed.id,
    scheduledId: scheduled.id,
    adminToken,
  };
};

/** A project as the API gives it (its progress and version). */
export const projectOf = async (id: string) =>
  (await fetchJson<{ progress: number; version: number; title: string }>(`${P}/projects/${id}`)).body;
