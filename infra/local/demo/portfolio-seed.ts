/**
 * The demo portfolio for a first `npm start`: 85 projects of Toulouse Métropole and some of its
 * communes — 4 axes, 12 programmes, 69 projects across every policy domain — with budget lines
 * (investment and operating, 2025–2027, several funders), milestones (some missed, their projects
 * late), partners (some start-ups experimenting), and KPIs: manual ones with a history, live ones
 * from the demo sensors (NO2, traffic, noise) and the demo reports (share of road reports resolved
 * within target).
 *
 * The projects go in as a CSV through the import use case (the same as POST …/portfolio/import),
 * then lines, milestones and KPIs through the use cases, as the demo admin (the audit log shows
 * them), all in the background like the sensors' history. The use cases run on a store that keeps
 * their ~370 changes and then writes them, then their events, in a dozen transactions
 * (portfolio-batch.ts): change by change, each a commit and an event marked sent, it took most of
 * a first start. The live KPIs follow once the sensors' history and the reports are in.
 * Idempotent: does nothing once the territory has projects (a first start stopped while writing
 * keeps what it wrote; remove .local/ to start over).
 * `demoPortfolioCsv` is pure (the import test and the bench use it); the rest imports the
 * platform's modules when it runs, so a test can import this file after choosing its table.
 */
import type { Principal } from '../../../shared/kernel/principal';
import { formatCsv } from '../../../shared/portfolio/csv';
import { derivedId } from '../../../shared/portfolio/exchange-use-cases';
import type { BudgetKind, Domain, MilestoneState, Phase, Status } from '../../../shared/portfolio/portfolio';
import { CSV_COLUMNS, type CsvColumn } from '../../../shared/portfolio/portfolio-csv';
// A type only: the module itself is imported when the seeding runs, after the table is chosen.
import type { makePortfolioUseCases } from '../../../shared/portfolio/portfolio-use-cases';

const TOULOUSE = '31555';
const COLOMIERS = '31149';
const BLAGNAC = '31069';
const BALMA = '31044';
const TOURNEFEUILLE = '31557';
const CUGNAUX = '31157';
const CORNEBARRIEU = '31150';
const MAIN_COMMUNES = [TOULOUSE, COLOMIERS, BLAGNAC, BALMA, TOURNEFEUILLE, CUGNAUX];

/** Services of the metropolis that lead projects (their address gets the late-milestone mails). */
export const PORTFOLIO_SERVICES = [
  { id: 'mobilite', name: 'Direction des mobilités', email: 'mobilites@toulouse-metropole.localhost' },
  {
    id: 'transition-ecologique',
    name: 'Direction de la transition écologique',
    email: 'transition@toulouse-metropole.localhost',
  },
  { id: 'numerique', name: 'Direction du numérique', email: 'numerique@toulouse-metropole.localhost' },
  { id: 'attractivite', name: "Direction de l'attractivité", email: 'attractivite@toulouse-metropole.localhost' },
  { id: 'solidarites', name: 'Direction des solidarités', email: 'solidarites@toulouse-metropole.localhost' },
];

interface DemoNode {
  readonly title: string;
  readonly domain: Domain;
  readonly service?: string;
}
interface DemoProject extends DemoNode {
  readonly communes: readonly string[];
  /** A commune's own project (led by that commune), under the metropolis's programme. */
  readonly owner?: string;
  readonly ownerService?: string;
  readonly weight?: number;
  readonly partner?: { readonly name: string; readonly role: string; readonly experimentation?: string };
}

const AXES: readonly (DemoNode & {
  readonly programmes: readonly (DemoNode & { readonly projects: readonly DemoProject[] })[];
})[] = [
  {
    title: 'Mobilités durables et apaisées',
    domain: 'mobility',
    service: 'mobilite',
    programmes: [
      {
        title: 'Réseau express vélo et mobilités actives',
        domain: 'mobility',
        service: 'mobilite',
        projects: [
          {
            title: 'Réseau express vélo : ligne Blagnac – Ramonville',
            domain: 'mobility',
            communes: [BLAGNAC, TOULOUSE],
            weight: 0.35,
          },
          {
            title: 'Compteurs vélo connectés sur le réseau express',
            domain: 'mobility',
            communes: [TOULOUSE],
            weight: 0.1,
            partner: {
              name: 'Vélométrie (start-up toulousaine)',
              role: 'capteurs de comptage',
              experimentation: 'Comptage fiable à 97 % sur 6 mois ; déploiement décidé',
            },
          },
          {
            title: 'Stationnements vélo sécurisés en gare',
            domain: 'mobility',
            communes: [TOULOUSE, COLOMIERS],
            weight: 0.2,
          },
          {
            title: 'Zones apaisées autour des écoles',
            domain: 'mobility',
            communes: [COLOMIERS],
            owner: COLOMIERS,
            weight: 0.1,
          },
          {
            title: 'Vélo-école et remise en selle des seniors',
            domain: 'silver-economy',
            communes: [TOULOUSE],
            weight: 0.1,
          },
          {
            title: 'Jalonnement piéton numérique du centre-ville',
            domain: 'mobility',
            communes: [TOULOUSE],
            weight: 0.15,
          },
        ],
      },
      {
        title: 'Stationnement et logistique urbaine intelligents',
        domain: 'mobility',
        service: 'mobilite',
        projects: [
          {
            title: 'Capteurs de places de stationnement libres',
            domain: 'mobility',
            communes: [TOULOUSE],
            partner: {
              name: 'ParkSense',
              role: 'capteurs et application',
              experimentation: 'Expérimentation sur 400 places du quartier Carmes',
            },
          },
          { title: 'Aires de livraison dynamiques', domain: 'economy', communes: [TOULOUSE] },
          { title: 'Centre de distribution urbaine en vélos-cargos', domain: 'economy', communes: [TOULOUSE, BLAGNAC] },
          {
            title: 'Parkings relais : guidage en temps réel',
            domain: 'mobility',
            communes: [COLOMIERS, TOURNEFEUILLE],
          },
          {
            title: 'Recharge des véhicules électriques en voirie',
            domain: 'energy',
            communes: [TOULOUSE, COLOMIERS, BLAGNAC, TOURNEFEUILLE],
          },
          {
            title: 'Covoiturage domicile-travail de la zone aéroportuaire',
            domain: 'mobility',
            communes: [BLAGNAC, CORNEBARRIEU],
          },
        ],
      },
      {
        title: 'Information voyageurs et intermodalité',
        domain: 'mobility',
        service: 'mobilite',
        projects: [
          {
            title: "Calculateur d'itinéraires multimodal ouvert",
            domain: 'digital-infrastructure',
            communes: MAIN_COMMUNES,
          },
          { title: 'Écrans d’information voyageurs aux arrêts', domain: 'mobility', communes: [TOULOUSE, COLOMIERS] },
          { title: 'Accessibilité des arrêts pour les personnes malvoyantes', domain: 'social', communes: [TOULOUSE] },
          { title: 'Comptage des flux de circulation', domain: 'mobility', communes: [TOULOUSE, COLOMIERS, BALMA] },
          { title: 'Billettique sans contact sur tout le réseau', domain: 'mobility', communes: MAIN_COMMUNES },
          {
            title: 'Navettes autonomes sur le campus de Rangueil',
            domain: 'mobility',
            communes: [TOULOUSE],
            partner: {
              name: 'NavLab Mobility',
              role: 'opérateur des navettes',
              experimentation: 'Essai de 12 mois, 2 navettes, en cours',
            },
          },
        ],
      },
    ],
  },
  {
    title: 'Transition écologique et énergétique',
    domain: 'environment',
    service: 'transition-ecologique',
    programmes: [
      {
        title: "Qualité de l'air et îlots de fraîcheur",
        domain: 'environment',
        service: 'transition-ecologique',
        projects: [
          {
            title: "Micro-capteurs de qualité de l'air dans les quartiers",
            domain: 'environment',
            communes: [TOULOUSE, TOURNEFEUILLE, CUGNAUX],
            partner: {
              name: 'AirLab Toulouse',
              role: 'micro-capteurs',
              experimentation: 'Comparaison avec les stations de référence : écart < 10 %',
            },
          },
          { title: 'Plan arbres : 100 000 arbres plantés', domain: 'environment', communes: MAIN_COMMUNES },
          {
            title: 'Cours d’école Oasis',
            domain: 'environment',
            communes: [TOULOUSE],
            owner: TOULOUSE,
            ownerService: 'espaces-verts',
          },
          { title: 'Îlots de fraîcheur et brumisateurs connectés', domain: 'environment', communes: [TOULOUSE] },
          {
            title: "Suivi de l'humidité des sols des parcs",
            domain: 'environment',
            communes: [BLAGNAC],
            owner: BLAGNAC,
            ownerService: 'espaces-verts',
            partner: {
              name: 'Hydrosol',
              role: 'sondes et tableau de bord',
              experimentation: "Arrosage réduit d'un tiers sur 3 parcs",
            },
          },
          {
            title: 'Désimperméabilisation des places',
            domain: 'public-space',
            communes: [COLOMIERS],
            owner: COLOMIERS,
          },
        ],
      },
      {
        title: 'Sobriété énergétique du patrimoine public',
        domain: 'energy',
        service: 'transition-ecologique',
        projects: [
          { title: 'Rénovation énergétique des groupes scolaires', domain: 'energy', communes: [TOULOUSE, COLOMIERS] },
          { title: 'Télérelève des compteurs des bâtiments publics', domain: 'energy', communes: [TOULOUSE] },
          {
            title: 'Solaire en toiture des équipements sportifs',
            domain: 'energy',
            communes: [BLAGNAC, TOURNEFEUILLE],
          },
          { title: 'Réseau de chaleur urbain du Mirail', domain: 'energy', communes: [TOULOUSE] },
          { title: 'Pilotage du chauffage des gymnases', domain: 'energy', communes: [COLOMIERS] },
          { title: "Observatoire de l'énergie du territoire", domain: 'energy', communes: MAIN_COMMUNES },
        ],
      },
      {
        title: 'Déchets : réduire, trier, valoriser',
        domain: 'waste',
        service: 'transition-ecologique',
        projects: [
          {
            title: 'Conteneurs enterrés à capteurs de remplissage',
            domain: 'waste',
            communes: [TOULOUSE, COLOMIERS],
            partner: {
              name: 'TriConnect',
              role: 'capteurs de remplissage',
              experimentation: 'Tournées de collecte réduites de 18 %',
            },
          },
          { title: 'Tarification incitative : étude', domain: 'waste', communes: [TOURNEFEUILLE] },
          { title: 'Collecte des biodéchets en porte-à-porte', domain: 'waste', communes: [TOULOUSE] },
          { title: 'Recycleries de quartier', domain: 'waste', communes: [TOULOUSE, BALMA] },
          { title: 'Lutte contre les dépôts sauvages', domain: 'waste', communes: [TOULOUSE] },
          { title: 'Application de tri pour les habitants', domain: 'waste', communes: MAIN_COMMUNES },
        ],
      },
    ],
  },
  {
    title: 'Territoire numérique au service des habitants',
    domain: 'e-citizenship',
    service: 'numerique',
    programmes: [
      {
        title: 'Services publics en ligne et participation',
        domain: 'e-citizenship',
        service: 'numerique',
        projects: [
          { title: 'Portail citoyen Ville Ouverte', domain: 'e-citizenship', communes: MAIN_COMMUNES },
          { title: "Signalements dans l'espace public (Open311)", domain: 'e-citizenship', communes: MAIN_COMMUNES },
          { title: 'Budget participatif métropolitain', domain: 'e-citizenship', communes: MAIN_COMMUNES },
          {
            title: "Démarches d'état civil en ligne",
            domain: 'e-citizenship',
            communes: [COLOMIERS],
            owner: COLOMIERS,
          },
          { title: 'Accueil numérique de proximité', domain: 'social', communes: [BLAGNAC] },
          { title: 'Identité numérique des usagers', domain: 'e-citizenship', communes: MAIN_COMMUNES },
        ],
      },
      {
        title: 'Infrastructures et données ouvertes',
        domain: 'digital-infrastructure',
        service: 'numerique',
        projects: [
          {
            title: 'Réseau LoRaWAN métropolitain',
            domain: 'digital-infrastructure',
            communes: [TOULOUSE, COLOMIERS, BLAGNAC],
          },
          {
            title: 'Plateforme de données urbaines et API NGSI-LD',
            domain: 'digital-infrastructure',
            communes: MAIN_COMMUNES,
          },
          { title: 'Portail open data et catalogue DCAT', domain: 'digital-infrastructure', communes: MAIN_COMMUNES },
          { title: "Fibre des zones d'activité", domain: 'digital-infrastructure', communes: [CORNEBARRIEU, BLAGNAC] },
          { title: 'Jumeau numérique du centre-ville', domain: 'digital-infrastructure', communes: [TOULOUSE] },
          { title: 'Hébergement souverain des données', domain: 'digital-infrastructure', communes: [] },
        ],
      },
      {
        title: 'Attractivité, tourisme et culture connectés',
        domain: 'tourism',
        service: 'attractivite',
        projects: [
          { title: 'Wi-Fi public des sites touristiques', domain: 'tourism', communes: [TOULOUSE] },
          {
            title: 'Parcours patrimoine en réalité augmentée',
            domain: 'culture',
            communes: [TOULOUSE],
            partner: {
              name: 'Patrimoine XR',
              role: 'application de visite',
              experimentation: 'Essai au couvent des Jacobins, 2 000 visiteurs',
            },
          },
          { title: 'Billetterie unifiée des musées', domain: 'culture', communes: [TOULOUSE] },
          { title: 'Compteurs de fréquentation des sites touristiques', domain: 'tourism', communes: [TOULOUSE] },
          { title: "Programme d'appui aux start-up locales", domain: 'economy', communes: [TOULOUSE, BLAGNAC] },
          {
            title: 'Place de marché des commerces de proximité',
            domain: 'economy',
            communes: [COLOMIERS],
            owner: COLOMIERS,
          },
        ],
      },
    ],
  },
  {
    title: 'Cadre de vie, sécurité et solidarités',
    domain: 'public-space',
    service: 'solidarites',
    programmes: [
      {
        title: 'Espaces publics et éclairage intelligents',
        domain: 'public-space',
        projects: [
          {
            title: 'Éclairage public intelligent (LED et télégestion)',
            domain: 'public-space',
            communes: [TOULOUSE, COLOMIERS],
          },
          { title: 'Mobilier urbain connecté', domain: 'public-space', communes: [TOULOUSE] },
          { title: 'Voirie : programme nids-de-poule', domain: 'public-space', communes: [TOULOUSE] },
          { title: 'Fontaines connectées', domain: 'public-space', communes: [TOULOUSE] },
          { title: 'Bancs solaires et recharge USB', domain: 'public-space', communes: [BLAGNAC], owner: BLAGNAC },
          { title: 'Sonomètres des places festives', domain: 'public-space', communes: [TOULOUSE] },
        ],
      },
      {
        title: 'Tranquillité publique et prévention',
        domain: 'security',
        projects: [
          { title: 'Renouvellement des caméras de vidéoprotection', domain: 'security', communes: [TOULOUSE] },
          { title: 'Centre de supervision urbain mutualisé', domain: 'security', communes: [COLOMIERS, BLAGNAC] },
          { title: 'Alerte des habitants en cas de crue', domain: 'security', communes: MAIN_COMMUNES },
          {
            title: 'Prévention routière aux abords des collèges',
            domain: 'security',
            communes: [TOULOUSE],
            owner: TOULOUSE,
            ownerService: 'police-municipale',
          },
        ],
      },
      {
        title: 'Solidarités, logement et bien-vieillir',
        domain: 'social',
        service: 'solidarites',
        projects: [
          { title: 'Téléassistance des personnes âgées', domain: 'silver-economy', communes: [TOULOUSE, COLOMIERS] },
          {
            title: 'Maisons connectées pour le maintien à domicile',
            domain: 'silver-economy',
            communes: [BLAGNAC],
            partner: {
              name: 'Domisens',
              role: 'capteurs de chute',
              experimentation: '30 logements équipés, évaluation en cours',
            },
          },
          { title: 'Observatoire du logement social', domain: 'housing', communes: MAIN_COMMUNES },
          { title: 'Rénovation des copropriétés dégradées', domain: 'housing', communes: [TOULOUSE] },
          { title: 'Conseillers numériques et inclusion', domain: 'social', communes: [TOULOUSE, COLOMIERS, BLAGNAC] },
          { title: 'Jardins partagés au pied des immeubles', domain: 'housing', communes: [TOULOUSE, BALMA] },
          { title: 'Épicerie solidaire itinérante', domain: 'social', communes: [TOURNEFEUILLE, CUGNAUX] },
        ],
      },
    ],
  },
];

/** The same numbers every first start. */
const randomFrom = (seed: number) => {
  let state = seed % 2147483647 || 1;
  return () => (state = (state * 16807) % 2147483647) / 2147483647;
};

export interface DemoRow {
  readonly id: string;
  readonly title: string;
  readonly kind: 'axis' | 'programme' | 'project';
  readonly parentId?: string;
  readonly domain: Domain;
  readonly owner?: string;
  readonly lead: { readonly bodyId: string; readonly serviceId?: string };
  readonly communes: readonly string[];
  readonly phase: Phase;
  readonly status: Status;
  readonly progress: number;
  readonly weight?: number;
  readonly startDate: string;
  readonly endDate: string;
  readonly partners: readonly unknown[];
}

const PHASES: readonly Phase[] = ['idea', 'study', 'operation', 'operation', 'operation', 'done'];
const PROGRESS: Readonly<Record<Phase, readonly [number, number]>> = {
  idea: [0, 10],
  study: [10, 35],
  operation: [35, 90],
  done: [100, 100],
};

/** The demo tree as rows, parents first; ids derived from the territory and the row. */
export const demoRows = (siren: string): DemoRow[] => {
  const random = randomFrom(20260512);
  const rows: DemoRow[] = [];
  let n = 0;
  const id = () => derivedId(siren, 'demo-portfolio', ++n);
  for (const axis of AXES) {
    const axisId = id();
    rows.push({
      id: axisId,
      title: axis.title,
      kind: 'axis',
      domain: axis.domain,
      lead: { bodyId: siren, ...(axis.service ? { serviceId: axis.service } : {}) },
      communes: [],
      phase: 'operation',
      status: 'on-track',
      progress: 0,
      startDate: '2024-01-01',
      endDate: '2030-12-31',
      partners: [],
    });
    for (const programme of axis.programmes) {
      const programmeId = id();
      rows.push({
        id: programmeId,
        title: programme.title,
        kind: 'programme',
        parentId: axisId,
        domain: programme.domain,
        lead: { bodyId: siren, ...(programme.service ? { serviceId: programme.service } : {}) },
        communes: [],
        phase: 'operation',
        status: 'on-track',
        progress: 0,
        startDate: '2024-06-01',
        endDate: '2028-12-31',
        partners: [],
      });
      for (const project of programme.projects) {
        const phase = PHASES[Math.floor(random() * PHASES.length)]!;
        const [low, high] = PROGRESS[phase];
        const progress = Math.round(low + random() * (high - low));
        const status: Status =
          phase === 'done'
            ? 'finished'
            : random() < 0.06
              ? 'paused'
              : random() < 0.05
                ? 'blocked'
                : random() < 0.03
                  ? 'abandoned'
                  : 'on-track';
        const startYear = 2024 + Math.floor(random() * 3);
        rows.push({
          id: id(),
          title: project.title,
          kind: 'project',
          parentId: programmeId,
          domain: project.domain,
          ...(project.owner ? { owner: project.owner } : {}),
          lead: project.owner
            ? { bodyId: project.owner, ...(project.ownerService ? { serviceId: project.ownerService } : {}) }
            : { bodyId: siren, ...(programme.service ? { serviceId: programme.service } : {}) },
          communes: project.communes,
          phase,
          status,
          progress,
          ...(project.weight !== undefined ? { weight: project.weight } : {}),
          startDate: `${startYear}-0${1 + Math.floor(random() * 9)}-01`,
          endDate: `${startYear + 1 + Math.floor(random() * 3)}-12-31`,
          partners: project.partner
            ? [
                {
                  name: project.partner.name,
                  role: project.partner.role,
                  ...(project.partner.experimentation
                    ? {
                        experimentation: {
                          startDate: `${startYear}-09-01`,
                          endDate: `${startYear + 1}-08-31`,
                          outcome: project.partner.experimentation,
                        },
                      }
                    : {}),
                },
              ]
            : [],
        });
      }
    }
  }
  return rows;
};

/** The demo portfolio as the CSV the import takes (the export's columns). */
export const demoPortfolioCsv = (siren: string): string => {
  const rows = demoRows(siren);
  const cells = (row: DemoRow): Record<CsvColumn, string> => ({
    id: row.id,
    nom: row.title,
    description: `${row.title} — ${row.kind === 'project' ? 'projet' : row.kind} du portefeuille de Toulouse Métropole (données de démonstration).`,
    phase: '',
    phaseStatut: '',
    dateDebutPrevisionnelle: row.startDate,
    dateFinPrevisionnelle: row.endDate,
    budgetPrevisionnel: '',
    programme: '',
    createdAt: '',
    updatedAt: '',
    kind: row.kind,
    parentId: row.parentId ?? '',
    owner: row.owner ?? 'territory',
    domain: row.domain,
    portfolioPhase: row.phase,
    portfolioStatus: row.status,
    communes: JSON.stringify(row.communes),
    leadBody: row.lead.bodyId,
    leadService: row.lead.serviceId ?? '',
    progress: row.kind === 'project' ? String(row.progress) : '',
    weight: row.weight === undefined ? '' : String(row.weight),
    latitude: '',
    longitude: '',
    area: '',
    partners: row.partners.length > 0 ? JSON.stringify(row.partners) : '',
    consultationIds: '',
    proposalIds: '',
  });
  return formatCsv([[...CSV_COLUMNS], ...rows.map((row) => CSV_COLUMNS.map((c) => cells(row)[c]))]);
};

const FUNDERS = [
  'Toulouse Métropole',
  'État — DSIL',
  'Région Occitanie',
  'Union européenne — FEDER',
  'Banque des Territoires',
  'ADEME',
];

/** Projects whose first milestone was missed (their projects are late). */
const LATE = new Set([
  'Réseau express vélo : ligne Blagnac – Ramonville',
  'Recharge des véhicules électriques en voirie',
  'Réseau de chaleur urbain du Mirail',
  'Collecte des biodéchets en porte-à-porte',
  'Jumeau numérique du centre-ville',
  'Billetterie unifiée des musées',
  'Centre de supervision urbain mutualisé',
  'Rénovation des copropriétés dégradées',
]);

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
const euros = (amount: number) => String(Math.round(amount / 100) * 100);

/**
 * Returns false when the territory already has a portfolio. Everything is written in the
 * background, like the sensors' history, so the platform opens without waiting; demoPortfolio()
 * settles when it is in, live KPIs included.
 */
export const seedDemoPortfolio = async (
  siren: string,
  admin: Principal,
  /** What the live KPIs are computed from (the demo sensors' history, the demo reports): settles once written. */
  liveSources: Promise<unknown>,
): Promise<boolean> => {
  const { portfolio } = await import('../../../shared/portfolio/portfolio-app');
  const { territory } = await import('../../../shared/territory/territory-app');
  const { logger } = await import('../../../shared/runtime/logger');
  if ((await portfolio.listProjects(siren, {}, { limit: 1 })).items.length > 0) return false;
  const metropolis = (await territory.listBodies(siren)).find((b) => b.id === siren);
  // Each service is its own item: saved side by side.
  await Promise.all(
    PORTFOLIO_SERVICES.filter((service) => !metropolis?.services.some((s) => s.id === service.id)).map((service) =>
      territory.saveService(admin, siren, siren, service),
    ),
  );
  const started = Date.now();
  let projectsWritten = () => {};
  written = new Promise((resolve) => (projectsWritten = resolve));
  seeding = (async () => {
    // The use cases themselves, on a store that keeps their changes and writes them in bulk.
    const { portfolioDeps } = await import('../../../shared/portfolio/portfolio-app');
    const { makePortfolioUseCases } = await import('../../../shared/portfolio/portfolio-use-cases');
    const { makeExchangeUseCases } = await import('../../../shared/portfolio/exchange-use-cases');
    const { batchedPortfolioStore } = await import('./portfolio-batch');
    const batch = batchedPortfolioStore(portfolioDeps.store);
    const batched = makePortfolioUseCases({ ...portfolioDeps, store: batch.store });
    const imported = await makeExchangeUseCases({ ...portfolioDeps, store: batch.store }).importProjects(
      admin,
      siren,
      demoPortfolioCsv(siren),
    );
    if (!imported.ok) throw new Error(`The demo portfolio does not import: ${JSON.stringify(imported.rows)}`);
    await seedDetails(batched, siren, admin);
    const changes = await batch.write();
    projectsWritten();
    logger.info('demo portfolio written', { projects: imported.created, changes, ms: Date.now() - started });
    await liveSources;
    const { livePortfolio } = await import('../../../shared/portfolio/live-kpis-app');
    await livePortfolio.computeLiveKpis();
    logger.info('demo portfolio seeded', { ms: Date.now() - started });
  })()
    .catch((error: unknown) => logger.error('demo portfolio not seeded', error as Error))
    .finally(projectsWritten);
  return true;
};

type PortfolioUseCases = ReturnType<typeof makePortfolioUseCases>;

/** Budget lines, milestones (some missed, their projects late), KPIs and their values. */
const seedDetails = async (portfolio: PortfolioUseCases, siren: string, admin: Principal): Promise<void> => {
  const { parseEuros } = await import('../../../shared/portfolio/money');
  const { inputOf } = await import('../../../shared/portfolio/project-use-cases');
  const random = randomFrom(7);
  const projects = demoRows(siren).filter((row) => row.kind === 'project');
  for (const row of projects) {
    // Budget lines: an investment line, and an operating one for half of them.
    const planned = 50_000 + Math.floor(random() * 40) * 50_000;
    const done = row.progress / 100;
    const kinds: BudgetKind[] = random() < 0.5 ? ['investment', 'operating'] : ['investment'];
    for (const [i, kind] of kinds.entries()) {
      const amount = kind === 'investment' ? planned : planned / 5;
      const committed = amount * Math.min(1, done + 0.2);
      await portfolio.saveBudgetLine(admin, siren, row.id, undefined, {
        year: 2025 + i,
        kind,
        planned: parseEuros(euros(amount))!,
        committed: parseEuros(euros(committed))!,
        spent: parseEuros(euros(committed * done))!,
        funder: FUNDERS[Math.floor(random() * FUNDERS.length)]!,
      });
    }
    // Milestones: one past (met, or missed for the late projects), one ahead.
    const late = LATE.has(row.title);
    const past: MilestoneState = late ? 'missed' : row.phase === 'idea' ? 'partlyMet' : 'met';
    await portfolio.saveMilestone(admin, siren, row.id, undefined, {
      title: row.phase === 'idea' || row.phase === 'study' ? 'Étude de faisabilité rendue' : 'Marché notifié',
      dueDate: day(-20 - Math.floor(random() * 60)),
      state: past,
      ...(past === 'met' || past === 'partlyMet' ? { metOn: day(-15) } : {}),
    });
    await portfolio.saveMilestone(admin, siren, row.id, undefined, {
      title: row.phase === 'done' ? 'Bilan publié' : 'Mise en service',
      dueDate: day(15 + Math.floor(random() * 300)),
      state: 'scheduled',
    });
    if (late) {
      const project = await portfolio.getProject(siren, row.id);
      await portfolio.updateProject(admin, siren, row.id, {
        ...inputOf(project),
        status: 'late',
        version: project.version,
      });
    }
  }

  // KPIs: live ones from the demo sensors and reports, manual ones with a history.
  const byTitle = new Map(projects.map((row) => [row.title, row.id]));
  const kpi = (title: string, input: Parameters<typeof portfolio.saveKpi>[4]) =>
    portfolio.saveKpi(admin, siren, byTitle.get(title)!, undefined, input);
  await kpi("Micro-capteurs de qualité de l'air dans les quartiers", {
    name: 'Concentration moyenne en NO2 à Toulouse (7 jours)',
    unit: 'µg/m³',
    baseline: { value: 32, date: '2024-01-01' },
    target: { value: 25, date: '2027-12-31' },
    direction: 'lower',
    source: { kind: 'sensors', property: 'no2', sensorType: 'AirQualityObserved', communes: [TOULOUSE], periodDays: 7 },
  });
  await kpi('Comptage des flux de circulation', {
    name: 'Véhicules par heure sur les boucles de comptage (7 jours)',
    unit: 'véh/h',
    target: { value: 350, date: '2028-12-31' },
    direction: 'lower',
    source: {
      kind: 'sensors',
      property: 'intensity',
      sensorType: 'TrafficFlowObserved',
      communes: [TOULOUSE, COLOMIERS, BALMA],
      periodDays: 7,
    },
  });
  await kpi('Sonomètres des places festives', {
    name: 'Niveau sonore moyen place du Capitole et Saint-Pierre (7 jours)',
    unit: 'dB(A)',
    target: { value: 60, date: '2026-12-31' },
    direction: 'lower',
    source: { kind: 'sensors', property: 'LAeq', sensorIds: ['noise-capitole', 'noise-saint-pierre'], periodDays: 7 },
  });
  await kpi('Voirie : programme nids-de-poule', {
    name: 'Signalements de voirie résolus dans les délais à Toulouse (90 jours)',
    unit: 'part',
    target: { value: 0.9, date: '2026-12-31' },
    direction: 'higher',
    source: { kind: 'reports', commune: TOULOUSE, category: 'voirie', figure: 'shareWithinTarget', periodDays: 90 },
  });
  await kpi("Signalements dans l'espace public (Open311)", {
    name: 'Signalements déposés à Toulouse (30 jours)',
    unit: 'signalements',
    direction: 'higher',
    source: { kind: 'reports', commune: TOULOUSE, figure: 'filed', periodDays: 30 },
  });
  const manual = async (title: string, input: Parameters<typeof portfolio.saveKpi>[4], values: readonly number[]) => {
    const saved = await kpi(title, input);
    for (const [i, value] of values.entries())
      await portfolio.recordValue(admin, siren, saved.projectId, saved.id, {
        date: day(-30 * (values.length - 1 - i)),
        value,
      });
  };
  await manual(
    'Éclairage public intelligent (LED et télégestion)',
    {
      name: "Consommation d'électricité de l'éclairage public",
      unit: 'MWh/mois',
      baseline: { value: 2150, date: '2023-01-01' },
      target: { value: 1200, date: '2028-12-31' },
      direction: 'lower',
      source: { kind: 'manual' },
    },
    [1980, 1910, 1850, 1790, 1760, 1705],
  );
  await manual(
    'Compteurs vélo connectés sur le réseau express',
    {
      name: 'Passages de vélos par jour (moyenne mensuelle)',
      unit: 'passages/jour',
      baseline: { value: 8200, date: '2024-01-01' },
      target: { value: 15000, date: '2027-12-31' },
      direction: 'higher',
      source: { kind: 'manual' },
    },
    [9100, 9650, 10200, 10900, 11400, 11850],
  );
  await manual(
    'Portail citoyen Ville Ouverte',
    {
      name: 'Comptes citoyens actifs',
      unit: 'comptes',
      target: { value: 50000, date: '2027-06-30' },
      direction: 'higher',
      source: { kind: 'manual' },
    },
    [3200, 6100, 9800, 13400],
  );
};

let seeding: Promise<void> = Promise.resolve();
let written: Promise<void> = Promise.resolve();

/** Settles once the demo portfolio is written, before its live KPIs (at once when none was seeded). */
export const demoPortfolioWritten = (): Promise<void> => written;

/** Settles once the demo portfolio, its details and live KPIs are in (at once when none was seeded). */
export const demoPortfolio = (): Promise<void> => seeding;
