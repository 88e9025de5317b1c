/**
 * The personal-data export against DynamoDB Local: a citizen's reports (with their own contact),
 * the report they support (without its reporter's contact), their proposal, comment, support,
 * flag, ballot and profile — and nothing of another citizen.
 */
import type { Principal } from '../../shared/kernel/principal';
import type { PersonalData } from '../../shared/privacy/personal-data';
import { anne, bob, setUpPrivacy } from '../support/privacy-fixtures';
import { SIREN } from '../support/reports-fixtures';

let exportOf: (p: Principal) => Promise<PersonalData>;
let ids: Record<string, string>;

beforeAll(async () => {
  const fixture = await setUpPrivacy('privacy-export');
  ids = fixture.ids;
  const { makePersonalDataUseCases } = await import('../../shared/privacy/personal-data');
  const { dynamoPersonStore } = await import('../../shared/privacy/personal-data-store');
  exportOf = makePersonalDataUseCases({
    territories: fixture.env.territory,
    reports: fixture.env.reports,
    person: dynamoPersonStore,
    clock: fixture.env.clock,
  }).exportPersonalData;
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
