/**
 * Demo participation for a first `npm start`: a consultation of Toulouse open for proposals, with
 * proposals, supports and comments; and a metropolitan participatory budget in its voting phase,
 * with projects and a few ballots. Goes through the same use cases as the API (the agent's acts
 * as the demo admin, so the audit log shows them); demo citizens carry FranceConnect-like claims.
 */
import { createConsultation } from '../../../shared/participation/create-consultation-app';
import { participation } from '../../../shared/participation/participation-app';
import type { Principal } from '../../../shared/kernel/principal';

const DAY = 86_400_000;

const demoCitizen = (name: string, residenceInsee: string): Principal => ({
  sub: `demo-citizen-${name.toLowerCase().replace(/\W+/g, '-')}`,
  role: 'citizen',
  issuer: 'local-seed',
  birthdate: '1988-04-12',
  residenceInsee,
});

const CITIZENS = [
  demoCitizen('Camille', '31555'),
  demoCitizen('Yanis', '31555'),
  demoCitizen('Inès', '31555'),
  demoCitizen('Hugo', '31149'),
  demoCitizen('Lucie', '31069'),
  demoCitizen('Mathieu', '31555'),
];
const name = (c: Principal) => c.sub.replace('demo-citizen-', '').replace(/^./, (l) => l.toUpperCase());

const IDEAS = [
  {
    title: 'Des fontaines à boire le long des quais',
    body: 'Les étés sont chauds : de l’eau fraîche tous les 500 m.',
    at: [43.5995, 1.4395],
  },
  {
    title: 'Une passerelle piétonne vers la prairie des Filtres',
    body: 'Relier les deux rives sans voiture.',
    at: [43.5968, 1.4372],
  },
  {
    title: 'Plus d’ombre place Saint-Pierre',
    body: 'Planter des arbres et installer des voiles d’ombrage.',
    at: [43.6033, 1.4378],
  },
  { title: 'Des bancs face au fleuve', body: 'Pour s’asseoir et regarder le coucher de soleil.', at: [43.601, 1.4385] },
  { title: 'Un parcours sportif sur les berges', body: 'Quelques agrès en libre accès.', at: [43.595, 1.436] },
  {
    title: 'Des toilettes publiques propres et ouvertes tard',
    body: 'Indispensable pour les familles.',
    at: undefined,
  },
];

const PROJECTS = [
  { title: 'Rénover l’aire de jeux du Jardin des Plantes', cost: 180_000 },
  { title: '300 arceaux vélo dans les communes de la métropole', cost: 90_000 },
  { title: 'Un jardin partagé à Colomiers', cost: 60_000 },
  { title: 'Éclairage solaire des chemins piétons de Blagnac', cost: 150_000 },
  { title: 'Des composteurs collectifs dans 20 résidences', cost: 40_000 },
];

/** Returns false when the territory already has consultations. */
export const seedDemoParticipation = async (siren: string, admin: Principal): Promise<boolean> => {
  if ((await participation.listConsultations(siren, { limit: 1 })).items.length > 0) return false;
  const now = Date.now();
  const iso = (offsetDays: number) => new Date(now + offsetDays * DAY).toISOString();

  // The two consultations are independent: written side by side.
  const seedBerges = async () => {
    const berges = await createConsultation(admin, siren, {
      scope: { level: 'commune', insee: '31555' },
      title: 'Quelles berges de Garonne pour demain ?',
      body: 'Toulouse réaménage ses quais. Proposez vos idées, soutenez celles des autres, discutez-en.',
      schedule: { information: iso(-10), proposals: iso(-3), closed: iso(30) },
      eligibility: { residents: 'scope', acceptDeclaredResidence: true },
    });
    const toulousains = CITIZENS.filter((c) => c.residenceInsee === '31555');
    const proposals = await Promise.all(
      IDEAS.map((idea, i) => {
        const author = toulousains[i % toulousains.length]!;
        return participation.submitProposal(author, siren, berges.id, {
          title: idea.title,
          body: idea.body,
          displayName: name(author),
          ...(idea.at ? { location: { lat: idea.at[0]!, lon: idea.at[1]! } } : {}),
        });
      }),
    );
    // One proposal's supports one after the other (they count on the same item), proposals side by side.
    await Promise.all(
      proposals.map(async (proposal, i) => {
        for (const supporter of toulousains.slice(0, (i * 3) % (toulousains.length + 1))) {
          await participation.support(supporter, siren, berges.id, proposal.id);
        }
      }),
    );
    const [first, second] = proposals;
    const question = await participation.addComment(toulousains[1]!, siren, berges.id, first!.id, {
      body: 'Bonne idée ! Avec de l’eau potable filtrée ?',
      displayName: name(toulousains[1]!),
    });
    await participation.addComment(toulousains[0]!, siren, berges.id, first!.id, {
      body: 'Oui, comme les fontaines Wallace de Paris.',
      replyTo: question.id,
      displayName: name(toulousains[0]!),
    });
    await participation.addComment(toulousains[2]!, siren, berges.id, second!.id, {
      body: 'Attention aux crues : il faudrait une passerelle démontable.',
      displayName: name(toulousains[2]!),
    });
  };
  const seedBudget = async () => {
    const budget = await createConsultation(admin, siren, {
      scope: { level: 'territory' },
      title: 'Budget participatif métropolitain 2026',
      body: '500 000 € pour des projets choisis par les habitants de la métropole. Choisissez jusqu’à 3 projets.',
      schedule: {},
      eligibility: { residents: 'scope', acceptDeclaredResidence: true, minimumAge: 16 },
      budget: { amount: 500_000, method: 'knapsack', minSelections: 1, maxSelections: 3 },
    });
    const projects = [];
    for (const project of PROJECTS) {
      projects.push(
        await participation.saveProject(admin, siren, budget.id, { ...project, description: project.title }),
      );
    }
    await participation.movePhase(admin, siren, budget.id, {
      phase: 'voting',
      reason: 'Ouverture du vote (données de démonstration)',
      schedule: { closed: iso(21) },
    });
    for (const [i, voter] of CITIZENS.entries()) {
      const picks = [projects[i % projects.length]!, projects[(i + 2) % projects.length]!];
      await participation.submitBallot(
        voter,
        siren,
        budget.id,
        picks.map((p) => p.id),
      );
    }
  };
  await Promise.all([seedBerges(), seedBudget()]);
  return true;
};
