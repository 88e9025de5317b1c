/** The demo participation a first start shows: an open consultation with its debate, and a budget open for votes. */
import { fetchJson } from '../support/http';

const SIREN = '243100518';

interface ConsultationView {
  id: string;
  title: string;
  phase: string;
  budget?: { amount: number };
  counts: { proposals: number; comments: number; ballots: number };
}

let consultations: ConsultationView[];

beforeAll(async () => {
  const list = await fetchJson<{ items: ConsultationView[] }>(`/territories/${SIREN}/consultations?limit=100`);
  consultations = list.body.items.filter((c) => !c.title.includes('quartier ('));
});

test('a consultation of Toulouse is open for proposals, with proposals and comments', async () => {
  // The demo's own consultation: other tests open consultations of their own in the same runtime.
  const open = consultations.find((c) => c.title === 'Quelles berges de Garonne pour demain ?')!;
  expect(open.phase).toBe('proposals');
  const { body } = await fetchJson<ConsultationView>(`/territories/${SIREN}/consultations/${open.id}`);

  expect(body.counts.proposals).toBeGreaterThanOrEqual(5);
  expect(body.counts.comments).toBeGreaterThanOrEqual(2);
  const proposals = await fetchJson<{ items: { supportCount: number }[] }>(
    `/territories/${SIREN}/consultations/${open.id}/proposals?order=supported`,
  );
  expect(proposals.body.items[0]!.supportCount).toBeGreaterThan(0);
});

test('a participatory budget is in its voting phase, with projects and ballots', async () => {
  const budget = consultations.find((c) => c.title === 'Budget participatif métropolitain 2026')!;
  expect(budget.phase).toBe('voting');
  const { body } = await fetchJson<ConsultationView>(`/territories/${SIREN}/consultations/${budget.id}`);
  const projects = await fetchJson<{ items: unknown[] }>(`/territories/${SIREN}/consultations/${budget.id}/projects`);

  expect(projects.body.items.length).toBeGreaterThanOrEqual(3);
  expect(body.counts.ballots).toBeGreaterThan(0);
});
