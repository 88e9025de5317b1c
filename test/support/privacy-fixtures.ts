/**
 * A territory where two citizens, Anne and Bob, have done everything the platform keeps about a
 * person: reports filed (with contact data) and supported, a participation profile, proposals,
 * comments, a support, a flag, a ballot. Shared by the export, erasure and retention tests.
 */
import type { Principal } from '../../shared/kernel/principal';
import { CAPITOLE, metropolitanAgent, north, pothole, setUpReports, SIREN } from './reports-fixtures';

export const anne: Principal = { sub: 'citizen-anne-4f1e', role: 'citizen', issuer: 'test' };
export const bob: Principal = { sub: 'citizen-bob-9c2d', role: 'citizen', issuer: 'test' };

export const setUpPrivacy = async (label: string) => {
  const env = await setUpReports(label, { start: '2026-03-01T08:00:00.000Z' });
  const { participationStore: store } = await import('../../shared/participation/participation-app');
  const { makeParticipationUseCases, makeCreateConsultation } =
    await import('../../shared/participation/participation-use-cases');
  const { territoryDirectory } = await import('../../shared/participation/territory-directory');
  const { storedPostalCodes } = await import('../../shared/participation/stored-postal-codes');
  const deps = { store, clock: env.clock, territory: territoryDirectory(env.territory) };
  const participation = makeParticipationUseCases(deps);
  const createConsultation = makeCreateConsultation({ ...deps, postalCodes: storedPostalCodes(env.territory) });
  const annesReport = await env.reports.fileReport(
    anne,
    SIREN,
    pothole(CAPITOLE, { contact: { email: 'anne@example.fr', phone: '0600000001' } }),
  );
  const bobsReport = await env.reports.fileReport(
    bob,
    SIREN,
    pothole(north(CAPITOLE, 2000), { contact: { email: 'bob@example.fr', phone: '0600000002' } }),
  );
  await env.reports.support(anne, SIREN, bobsReport.id);

  const consultation = await createConsultation(metropolitanAgent, SIREN, {
    scope: { level: 'territory' },
    title: 'Budget participatif',
    body: 'Vos projets.',
    schedule: {
      proposals: '2026-03-01T08:00:00.000Z',
      voting: '2026-04-01T00:00:00.000Z',
      closed: '2026-04-15T00:00:00.000Z',
    },
    eligibility: { residents: 'anyone', acceptDeclaredResidence: false },
    budget: { amount: 100_000, method: 'knapsack', minSelections: 1, maxSelections: 2 },
  });
  await participation.saveProfile(anne, SIREN, { displayName: 'Anne' });
  const annesProposal = await participation.submitProposal(anne, SIREN, consultation.id, {
    title: 'Des bancs place du Capitole',
    body: 'Pour s’asseoir.',
    displayName: 'Anne',
  });
  const bobsProposal = await participation.submitProposal(bob, SIREN, consultation.id, {
    title: 'Une piste cyclable',
    body: 'Rue de Metz.',
    displayName: 'Bob',
  });
  const annesComment = await participation.addComment(anne, SIREN, consultation.id, bobsProposal.id, {
    body: 'Bonne idée',
  });
  await participation.addComment(bob, SIREN, consultation.id, annesProposal.id, { body: 'Merci', displayName: 'Bob' });
  await participation.support(anne, SIREN, consultation.id, bobsProposal.id);
  await participation.flag(
    anne,
    SIREN,
    consultation.id,
    { kind: 'proposal', proposalId: bobsProposal.id },
    'hors sujet',
  );
  const project = await participation.saveProject(metropolitanAgent, SIREN, consultation.id, {
    title: 'Bancs',
    description: '…',
    cost: 10_000,
  });
  env.clock.set('2026-04-01T00:00:00.000Z');
  await participation.advancePhases();
  await participation.submitBallot(anne, SIREN, consultation.id, [project.id]);
  const ids = {
    annesReport: annesReport.id,
    bobsReport: bobsReport.id,
    annesProposal: annesProposal.id,
    bobsProposal: bobsProposal.id,
    annesComment: annesComment.id,
    project: project.id,
    consultation: consultation.id,
  };
  return { env, participation, ids };
};
