/**
 * The participation figure the dashboards add to the consultation's counters: its supports,
 * counted in the support's own transaction, so concurrent supports on several proposals and
 * withdrawals leave it equal to the supports that remain.
 */
import { citizen, setUpParticipation, SIREN, TOULOUSE, toulouseAgent } from '../support/participation-fixtures';

let env: Awaited<ReturnType<typeof setUpParticipation>>;

beforeAll(async () => {
  env = await setUpParticipation('statistics-participation');
});

test("a consultation's supports: every proposal's supports, withdrawals taken off", async () => {
  const { id } = await env.createConsultation(toulouseAgent, SIREN, {
    scope: { level: 'commune', insee: TOULOUSE },
    title: 'Des idées pour le canal',
    body: 'Proposez, soutenez.',
    schedule: { proposals: '2026-03-01T08:00:00.000Z', closed: '2026-04-01T00:00:00.000Z' },
    eligibility: { residents: 'anyone', acceptDeclaredResidence: false },
  });
  const submit = (title: string) =>
    env.participation.submitProposal(citizen(`author-${title}`), SIREN, id, { title, body: '…', displayName: 'A' });
  const [benches, trees] = [await submit('Des bancs'), await submit('Des arbres')];

  await Promise.all([
    ...Array.from({ length: 6 }, (_, i) => env.participation.support(citizen(`fan-${i}`), SIREN, id, benches.id)),
    ...Array.from({ length: 4 }, (_, i) => env.participation.support(citizen(`fan-${i}`), SIREN, id, trees.id)),
  ]);
  await env.participation.withdrawSupport(citizen('fan-0'), SIREN, id, benches.id);
  // A repeated support or withdrawal changes nothing.
  await env.participation.support(citizen('fan-1'), SIREN, id, benches.id);
  await env.participation.withdrawSupport(citizen('fan-0'), SIREN, id, benches.id);

  await expect(env.store.counts(SIREN, id)).resolves.toMatchObject({ proposals: 2, supports: 9 });
});
