/**
 * The personal-data export against DynamoDB Local: a citizen's reports (with their own contact),
 * the report they support (without its reporter's contact), their proposal, comment, support,
 * flag, ballot and profile — and nothing of another citizen.
 */
import type { Principal } from '../../shared/kernel/principal';
import type { PersonalData } from '../../shared/privacy/personal-data';
import {
  CAPITOLE,
  metropolitanAgent,
  north,
  pothole,
  setUpReports,
  SIREN,
  type ReportsFixture,
} from '../support/reports-fixtures';

const anne: Principal = { sub: 'anne', role: 'citizen', issuer: 'test' };
const bob: Principal = { sub: 'bob', role: 'citizen', issuer: 'test' };

let env: ReportsFixture;
let exportOf: (p: Principal) => Promise<PersonalData>;
let ids: Record<string, string>;

beforeAll(async () => {
  env = await setUpReports('privacy-export', { start: '2026-03-01T08:00:00.000Z' });
  const { participationStore: store } = await import('../../shared/participation/participation-app');
  const { makeParticipationUseCases, makeCreateConsultation } =
    await import('../../shared/participation/participation-use-cases');
  const { territoryDirectory } = await import('../../shared/participation/territory-directory');
  const { etalabPostalCodes } = await import('../../shared/participation/etalab-postal-codes');
  const { makePersonalDataUseCases } = await import('../../shared/privacy/personal-data');
  const { dynamoPersonStore } = await import('../../shared/privacy/personal-data-store');
  const deps = { store, clock: env.clock, territory: territoryDirectory(env.territory) };
  const participation = makeParticipationUseCases(deps);
  const createConsultation = makeCreateConsultation({ ...deps, postalCodes: etalabPostalCodes });
  const privacy = makePersonalDataUseCases({
    territories: env.territory,
    reports: env.reports,
    person: dynamoPersonStore,
    clock: env.clock,
  });
  exportOf = privacy.exportPersonalData;

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
  ids = {
    annesReport: annesReport.id,
    bobsReport: bobsReport.id,
    annesProposal: annesProposal.id,
    bobsProposal: bobsProposal.id,
    annesComment: annesComment.id,
    project: project.id,
    consultation: consultation.id,
  };
});

describe("a citizen's personal-data export", () => {
  let data: PersonalData;
  beforeAll(async () => {
    data = await exportOf(anne);
  });

  test('holds the reports they filed, with their contact, and those they support, without the reporter’s', () => {
    const filed = data.reports.find((r) => r.report.id === ids.annesReport);
    expect(filed).toMatchObject({ territory: SIREN, reason: 'reporter' });
    expect(filed?.report.contact).toMatchObject({ email: 'anne@example.fr', phone: '0600000001' });
    const supported = data.reports.find((r) => r.report.id === ids.bobsReport);
    expect(supported?.reason).toBe('supporter');
    expect(supported?.report.contact).toBeUndefined();
    expect(supported?.report.reporterSub).toBeUndefined();
  });

  test('holds their proposal, comment, support, flag and ballot (which project they chose)', () => {
    const p = data.participation;
    expect(p.profiles).toEqual([{ territory: SIREN, profile: expect.objectContaining({ displayName: 'Anne' }) }]);
    expect(p.proposals.map((x) => x.id)).toEqual([ids.annesProposal]);
    expect(p.comments.map((x) => x.id)).toEqual([ids.annesComment]);
    expect(p.supports).toEqual([
      expect.objectContaining({ territory: SIREN, consultationId: ids.consultation, proposalId: ids.bobsProposal }),
    ]);
    expect(p.flags).toEqual([
      expect.objectContaining({ target: { kind: 'proposal', proposalId: ids.bobsProposal }, reason: 'hors sujet' }),
    ]);
    expect(p.ballots).toEqual([
      expect.objectContaining({
        consultationId: ids.consultation,
        ballot: expect.objectContaining({ projectIds: [ids.project] }),
      }),
    ]);
  });

  test("holds nothing of another citizen: no address, no proposal, no comment of Bob's", () => {
    const text = JSON.stringify(data);
    expect(text).not.toContain('bob@example.fr');
    expect(text).not.toContain('0600000002');
    expect(text).not.toContain('Merci');
    expect(data.participation.proposals.map((x) => x.id)).not.toContain(ids.bobsProposal);
  });

  test("Bob's export holds his and none of Anne's", async () => {
    const bobs = await exportOf(bob);
    expect(bobs.reports.map((r) => r.report.id)).toEqual([ids.bobsReport]);
    expect(bobs.participation.proposals.map((x) => x.id)).toEqual([ids.bobsProposal]);
    expect(bobs.participation.ballots).toEqual([]);
    expect(JSON.stringify(bobs)).not.toContain('anne@example.fr');
  });
});
