/**
 * Who may take part, against DynamoDB Local: the consultation's rule is checked at every act
 * (proposal, support, comment, ballot), and each refusal names the condition that failed.
 */
import type { Principal } from '../../shared/kernel/principal';
import {
  citizen,
  COLOMIERS,
  refusal,
  setUpParticipation,
  SIREN,
  TOULOUSE,
  toulouseAgent,
} from '../support/participation-fixtures';

let env: Awaited<ReturnType<typeof setUpParticipation>>;
let residentsOnly: string;
let sixteenAndOver: string;
let proposalId: string;

/** Every act of a citizen in a consultation, each refused or accepted for the same reason. */
const acts = (id: string, who: Principal) => [
  () => env.participation.submitProposal(who, SIREN, id, { title: 'Une idée', body: '…', displayName: 'Quelqu’un' }),
  () => env.participation.support(who, SIREN, id, proposalId),
  () => env.participation.addComment(who, SIREN, id, proposalId, { body: 'Oui !', displayName: 'Quelqu’un' }),
];
const allActs = (id: string, who: Principal) => Promise.all(acts(id, who).map((act) => act()));

beforeAll(async () => {
  env = await setUpParticipation('participation-eligibility');
  const create = (title: string, eligibility: Parameters<typeof env.createConsultation>[2]['eligibility']) =>
    env.createConsultation(toulouseAgent, SIREN, {
      scope: { level: 'commune', insee: TOULOUSE },
      title,
      body: '…',
      schedule: { proposals: '2026-03-01T08:00:00.000Z' },
      eligibility,
    });
  residentsOnly = (await create('Pour les Toulousains', { residents: 'scope', acceptDeclaredResidence: true })).id;
  sixteenAndOver = (await create('Dès 16 ans', { residents: 'anyone', acceptDeclaredResidence: false, minimumAge: 16 }))
    .id;
  // The proposal the acts aim at, by an eligible citizen.
  proposalId = (
    await env.participation.submitProposal(citizen('founder', { residenceInsee: TOULOUSE }), SIREN, residentsOnly, {
      title: 'Un marché bio',
      body: '…',
      displayName: 'Fondatrice',
    })
  ).id;
});

describe('residents of the scope only', () => {
  test('a resident by the INSEE code of their identity claims takes part', async () => {
    await expect(allActs(residentsOnly, citizen('insee', { residenceInsee: TOULOUSE }))).resolves.toHaveLength(3);
  });

  test('a resident by a postal code only Toulouse uses takes part', async () => {
    await expect(allActs(residentsOnly, citizen('postal', { postalCode: '31400' }))).resolves.toHaveLength(3);
  });

  test('a resident of Colomiers is refused at every act, by the residence rule', async () => {
    for (const act of acts(residentsOnly, citizen('colomiers', { residenceInsee: COLOMIERS }))) {
      expect(await refusal(act())).toBe('eligibility-residence');
    }
  });

  test('a postal code of another commune is refused by the residence rule, saying why', async () => {
    await expect(
      env.participation.submitProposal(citizen('elsewhere', { postalCode: '31770' }), SIREN, residentsOnly, {
        title: 'Une idée',
        body: '…',
        displayName: 'Ailleurs',
      }),
    ).rejects.toMatchObject({ rule: 'eligibility-residence', message: expect.stringMatching(/postal code/) });
  });

  test('without residence claims, the refusal says the residence is unknown; a declared address in Toulouse then counts', async () => {
    const anonymous = citizen('no-claims');
    for (const act of acts(residentsOnly, anonymous))
      expect(await refusal(act())).toBe('eligibility-residence-unknown');

    await env.participation.saveProfile(anonymous, SIREN, {
      displayName: 'Voisin',
      residence: { lat: 43.605, lon: 1.435 },
    });

    await expect(allActs(residentsOnly, anonymous)).resolves.toHaveLength(3);
  });

  test('a declared address in Colomiers is refused by the residence rule', async () => {
    const neighbour = citizen('declared-colomiers');
    await env.participation.saveProfile(neighbour, SIREN, { residence: { lat: 43.615, lon: 1.335 } });
    for (const act of acts(residentsOnly, neighbour)) expect(await refusal(act())).toBe('eligibility-residence');
  });

  test('an address outside the territory cannot be declared', async () => {
    expect(
      await refusal(env.participation.saveProfile(citizen('paris'), SIREN, { residence: { lat: 48.85, lon: 2.35 } })),
    ).toBe('residence-in-territory');
  });
});

describe('a minimum age', () => {
  test('is checked on the birthdate claim: old enough takes part, too young is refused by the age rule', async () => {
    const now = env.clock.now().toISOString().slice(0, 10);
    const sixteenToday = `${Number(now.slice(0, 4)) - 16}${now.slice(4)}`;
    const sixteenTomorrow = `${Number(now.slice(0, 4)) - 16}${new Date(Date.parse(now) + 86_400_000).toISOString().slice(4, 10)}`;
    await expect(
      env.participation.submitProposal(citizen('teen', { birthdate: sixteenToday }), SIREN, sixteenAndOver, {
        title: 'Un skatepark',
        body: '…',
        displayName: 'Léa',
      }),
    ).resolves.toBeDefined();
    expect(
      await refusal(
        env.participation.submitProposal(citizen('kid', { birthdate: sixteenTomorrow }), SIREN, sixteenAndOver, {
          title: 'Un toboggan',
          body: '…',
          displayName: 'Tom',
        }),
      ),
    ).toBe('eligibility-minimum-age');
  });

  test('without a birthdate claim, the refusal says the birthdate is unknown', async () => {
    expect(
      await refusal(
        env.participation.submitProposal(citizen('ageless'), SIREN, sixteenAndOver, {
          title: 'Une idée',
          body: '…',
          displayName: 'Sans âge',
        }),
      ),
    ).toBe('eligibility-birthdate-unknown');
  });
});

describe('ballots check the rule too', () => {
  test('a citizen of Colomiers cannot vote in a Toulouse residents-only budget', async () => {
    const budget = await env.createConsultation(toulouseAgent, SIREN, {
      scope: { level: 'commune', insee: TOULOUSE },
      title: 'Budget des Toulousains',
      body: '…',
      schedule: { voting: '2026-03-01T08:00:00.000Z', closed: '2026-03-20T00:00:00.000Z' },
      eligibility: { residents: 'scope', acceptDeclaredResidence: false },
      budget: { amount: 1000, method: 'approval', minSelections: 0, maxSelections: 1 },
    });
    expect(budget.phase).toBe('voting');
    expect(
      await refusal(env.participation.submitBallot(citizen('c', { residenceInsee: COLOMIERS }), SIREN, budget.id, [])),
    ).toBe('eligibility-residence');
    await expect(
      env.participation.submitBallot(citizen('t', { residenceInsee: TOULOUSE }), SIREN, budget.id, []),
    ).resolves.toMatchObject({ replaced: false });
  });
});
