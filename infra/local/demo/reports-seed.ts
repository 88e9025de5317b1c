/**
 * Demo reports for a newcomer: the demo categories gain their questions (Open311 attributes) and
 * resolution targets, then a few dozen reports are filed across the communes of Toulouse
 * Métropole over the last weeks, and moved along the workflow by the bodies that handle them, with
 * public and internal notes. Everything goes through the use cases, with a clock set back to when
 * each step happened, so the history reads like a living platform's.
 */
import { systemClock, type Clock } from '../../../shared/kernel/clock';
import type { ObjectStore } from '../../../shared/kernel/object-store';
import type { Principal } from '../../../shared/kernel/principal';
import { businessHoursDueDates } from '../../../shared/reports/due-dates';
import type { ReportStatus } from '../../../shared/reports/report';
import { dynamoReportStore, markBodyWatched } from '../../../shared/reports/report-store';
import { makeReportUseCases } from '../../../shared/reports/report-use-cases';
import type { CategoryQuestion } from '../../../shared/territory/territory';
import { territory } from '../../../shared/territory/territory-app';

/** Questions and targets (business hours) of the demo categories. */
export const CATEGORY_DETAILS: Record<string, { slaHours: number; questions: CategoryQuestion[] }> = {
  voirie: {
    slaHours: 40,
    questions: [
      {
        code: 'nature',
        label: 'Nature du problème',
        datatype: 'singlevaluelist',
        required: true,
        values: [
          { key: 'nid-de-poule', name: 'Nid-de-poule' },
          { key: 'trottoir', name: 'Trottoir abîmé' },
          { key: 'affaissement', name: 'Affaissement de chaussée' },
        ],
      },
      {
        code: 'danger',
        label: 'Danger immédiat pour les usagers ?',
        datatype: 'singlevaluelist',
        required: false,
        values: [
          { key: 'oui', name: 'Oui' },
          { key: 'non', name: 'Non' },
        ],
      },
    ],
  },
  'eclairage-public': {
    slaHours: 24,
    questions: [
      { code: 'lampadaires', label: 'Nombre de lampadaires éteints', datatype: 'number', required: true },
      { code: 'numero', label: 'Numéro inscrit sur le mât', datatype: 'string', required: false },
    ],
  },
  proprete: {
    slaHours: 16,
    questions: [
      {
        code: 'type',
        label: 'Type de salissure',
        datatype: 'multivaluelist',
        required: false,
        values: [
          { key: 'dechets', name: 'Déchets' },
          { key: 'dejections', name: 'Déjections' },
          { key: 'verre', name: 'Verre brisé' },
        ],
      },
    ],
  },
  'tags-graffiti': {
    slaHours: 80,
    questions: [
      {
        code: 'support',
        label: 'Support',
        datatype: 'singlevaluelist',
        required: true,
        values: [
          { key: 'public', name: 'Bâtiment ou mobilier public' },
          { key: 'prive', name: 'Façade privée' },
        ],
      },
      {
        code: 'injurieux',
        label: 'Contenu injurieux ?',
        datatype: 'singlevaluelist',
        required: false,
        values: [
          { key: 'oui', name: 'Oui' },
          { key: 'non', name: 'Non' },
        ],
      },
    ],
  },
  'depots-sauvages': {
    slaHours: 24,
    questions: [{ code: 'volume', label: 'Volume estimé (m³)', datatype: 'number', required: false }],
  },
  'mobilier-urbain': {
    slaHours: 80,
    questions: [
      {
        code: 'objet',
        label: 'Objet concerné',
        datatype: 'singlevaluelist',
        required: true,
        values: [
          { key: 'banc', name: 'Banc' },
          { key: 'potelet', name: 'Potelet' },
          { key: 'abribus', name: 'Abribus' },
          { key: 'corbeille', name: 'Corbeille' },
        ],
      },
    ],
  },
  'espaces-verts': {
    slaHours: 120,
    questions: [
      {
        code: 'arbre-tombe',
        label: 'Un arbre ou une branche est tombé',
        datatype: 'singlevaluelist',
        required: false,
        values: [
          { key: 'oui', name: 'Oui' },
          { key: 'non', name: 'Non' },
        ],
      },
    ],
  },
  stationnement: {
    slaHours: 8,
    questions: [
      { code: 'plaque', label: "Plaque d'immatriculation (si visible)", datatype: 'string', required: false },
      { code: 'depuis', label: 'Depuis quand ?', datatype: 'datetime', required: false },
    ],
  },
};

interface DemoReport {
  readonly category: string;
  readonly lat: number;
  readonly lon: number;
  readonly address: string;
  readonly description: string;
  readonly answers?: Record<string, string | number | string[]>;
  /** Days before today it was filed. */
  readonly daysAgo: number;
  /** The statuses it went through after `new`, a day apart, with the public note of each. */
  readonly path?: readonly (readonly [ReportStatus, string?])[];
}

const DEMO_REPORTS: readonly DemoReport[] = [
  {
    category: 'voirie',
    lat: 43.6047,
    lon: 1.4437,
    address: 'Place du Capitole, Toulouse',
    description: 'Pavé descellé devant la mairie, risque de chute.',
    answers: { nature: 'trottoir', danger: 'oui' },
    daysAgo: 2,
  },
  {
    category: 'voirie',
    lat: 43.6112,
    lon: 1.4541,
    address: 'Boulevard de Strasbourg, Toulouse',
    description: 'Nid-de-poule profond sur la voie de droite.',
    answers: { nature: 'nid-de-poule' },
    daysAgo: 12,
    path: [
      ['acknowledged', 'Signalement pris en compte par la direction de la voirie.'],
      ['in_progress', 'Intervention programmée cette semaine.'],
    ],
  },
  {
    category: 'voirie',
    lat: 43.5931,
    lon: 1.4512,
    address: 'Rue des Trente-Six Ponts, Toulouse',
    description: 'Chaussée affaissée au niveau du regard.',
    answers: { nature: 'affaissement' },
    daysAgo: 30,
    path: [['acknowledged'], ['in_progress'], ['resolved', 'La chaussée a été reprise.']],
  },
  {
    category: 'eclairage-public',
    lat: 43.6005,
    lon: 1.4339,
    address: 'Quai de la Daurade, Toulouse',
    description: 'Trois lampadaires éteints le long du quai.',
    answers: { lampadaires: 3 },
    daysAgo: 4,
    path: [['acknowledged', "Transmis à l'équipe d'astreinte."]],
  },
  {
    category: 'eclairage-public',
    lat: 43.6158,
    lon: 1.4279,
    address: 'Allées de Barcelone, Toulouse',
    description: 'Lampadaire qui clignote toute la nuit.',
    answers: { lampadaires: 1, numero: 'TLS-4512' },
    daysAgo: 20,
    path: [['acknowledged'], ['resolved', 'Ampoule remplacée.']],
  },
  {
    category: 'proprete',
    lat: 43.6068,
    lon: 1.4487,
    address: 'Rue Bayard, Toulouse',
    description: 'Sacs poubelles éventrés sur le trottoir.',
    answers: { type: ['dechets'] },
    daysAgo: 1,
  },
  {
    category: 'proprete',
    lat: 43.5986,
    lon: 1.4402,
    address: 'Place Saint-Georges, Toulouse',
    description: 'Verre brisé sous les bancs.',
    answers: { type: ['verre', 'dechets'] },
    daysAgo: 6,
    path: [['acknowledged'], ['in_progress'], ['resolved', 'Nettoyage effectué.']],
  },
  {
    category: 'tags-graffiti',
    lat: 43.6031,
    lon: 1.4466,
    address: 'Rue du Taur, Toulouse',
    description: 'Tag sur la façade de l’école.',
    answers: { support: 'public', injurieux: 'non' },
    daysAgo: 9,
    path: [['acknowledged', 'Effacement prévu sous quinze jours.']],
  },
  {
    category: 'tags-graffiti',
    lat: 43.6091,
    lon: 1.4402,
    address: 'Rue Pargaminières, Toulouse',
    description: 'Graffiti sur une porte privée.',
    answers: { support: 'prive' },
    daysAgo: 15,
    path: [['rejected', 'Les façades privées relèvent de leur propriétaire.']],
  },
  {
    category: 'depots-sauvages',
    lat: 43.5802,
    lon: 1.4025,
    address: 'Chemin de Lestang, Toulouse',
    description: 'Matelas et gravats abandonnés au bord du chemin.',
    answers: { volume: 2 },
    daysAgo: 3,
    path: [['acknowledged']],
  },
  {
    category: 'depots-sauvages',
    lat: 43.6402,
    lon: 1.4601,
    address: 'Avenue des États-Unis, Toulouse',
    description: 'Électroménager déposé sur le trottoir.',
    daysAgo: 25,
    path: [['acknowledged'], ['in_progress'], ['resolved', 'Enlèvement réalisé.']],
  },
  {
    category: 'mobilier-urbain',
    lat: 43.5963,
    lon: 1.4531,
    address: 'Grand Rond, Toulouse',
    description: 'Banc cassé, une latte manque.',
    answers: { objet: 'banc' },
    daysAgo: 40,
    path: [['acknowledged'], ['in_progress']],
  },
  {
    category: 'espaces-verts',
    lat: 43.5958,
    lon: 1.4529,
    address: 'Jardin des Plantes, Toulouse',
    description: 'Branche cassée qui pend au-dessus de l’allée.',
    answers: { 'arbre-tombe': 'oui' },
    daysAgo: 5,
    path: [['acknowledged', 'Les jardiniers passeront sécuriser la zone.']],
  },
  {
    category: 'stationnement',
    lat: 43.6075,
    lon: 1.4411,
    address: 'Rue Peyrolières, Toulouse',
    description: 'Voiture garée sur la piste cyclable.',
    daysAgo: 1,
  },
  {
    category: 'voirie',
    lat: 43.6108,
    lon: 1.3347,
    address: 'Allée du Rouergue, Colomiers',
    description: 'Bordure de trottoir cassée.',
    answers: { nature: 'trottoir' },
    daysAgo: 7,
    path: [['acknowledged']],
  },
  {
    category: 'proprete',
    lat: 43.6115,
    lon: 1.3361,
    address: 'Place du Marché, Colomiers',
    description: 'Marché terminé, déchets laissés sur place.',
    answers: { type: ['dechets'] },
    daysAgo: 2,
    path: [['acknowledged', 'La propreté urbaine de Colomiers intervient demain.']],
  },
  {
    category: 'espaces-verts',
    lat: 43.6132,
    lon: 1.329,
    address: 'Parc du Cabirol, Colomiers',
    description: 'Pelouse ravinée près de l’aire de jeux.',
    daysAgo: 18,
    path: [['acknowledged'], ['in_progress'], ['resolved', 'Regazonnage effectué.']],
  },
  {
    category: 'stationnement',
    lat: 43.6101,
    lon: 1.3383,
    address: 'Rue Gilet, Colomiers',
    description: 'Camion stationné sur le passage piéton.',
    daysAgo: 10,
    path: [['acknowledged'], ['resolved', 'Verbalisé.']],
  },
  {
    category: 'eclairage-public',
    lat: 43.6071,
    lon: 1.3433,
    address: 'Avenue Édouard Herriot, Colomiers',
    description: 'Rue entière dans le noir.',
    answers: { lampadaires: 8 },
    daysAgo: 3,
    path: [['acknowledged'], ['in_progress', 'Panne de l’armoire électrique, réparation en cours.']],
  },
  {
    category: 'voirie',
    lat: 43.5569,
    lon: 1.4701,
    address: 'Avenue de Toulouse, Ramonville',
    description: 'Trou dans la chaussée après des travaux.',
    answers: { nature: 'nid-de-poule' },
    daysAgo: 14,
    path: [['acknowledged'], ['in_progress']],
  },
  {
    category: 'depots-sauvages',
    lat: 43.6112,
    lon: 1.5051,
    address: 'Route de Castres, Balma',
    description: 'Pneus abandonnés dans le fossé.',
    answers: { volume: 1 },
    daysAgo: 8,
  },
  {
    category: 'tags-graffiti',
    lat: 43.6121,
    lon: 1.5037,
    address: 'Place de la Libération, Balma',
    description: 'Tags sur l’abribus.',
    answers: { support: 'public' },
    daysAgo: 22,
    path: [['acknowledged'], ['resolved', 'Abribus nettoyé.']],
  },
  {
    category: 'mobilier-urbain',
    lat: 43.5691,
    lon: 1.3935,
    address: 'Avenue Jean Jaurès, Cugnaux',
    description: 'Potelet arraché.',
    answers: { objet: 'potelet' },
    daysAgo: 11,
    path: [['acknowledged']],
  },
  {
    category: 'espaces-verts',
    lat: 43.6385,
    lon: 1.3923,
    address: 'Parc de Blagnac, Blagnac',
    description: 'Arrosage automatique qui fuit.',
    daysAgo: 4,
  },
  {
    category: 'voirie',
    lat: 43.6372,
    lon: 1.3905,
    address: 'Avenue du Général de Gaulle, Blagnac',
    description: 'Marquage au sol effacé au carrefour.',
    answers: { nature: 'trottoir' },
    daysAgo: 35,
    path: [['acknowledged'], ['in_progress'], ['resolved', 'Marquage refait.']],
  },
  {
    category: 'proprete',
    lat: 43.6703,
    lon: 1.4228,
    address: 'Route de Fronton, Aucamville',
    description: 'Dépôt de déchets verts au pied des conteneurs.',
    answers: { type: ['dechets'] },
    daysAgo: 5,
    path: [['acknowledged'], ['in_progress']],
  },
  {
    category: 'eclairage-public',
    lat: 43.5453,
    lon: 1.5069,
    address: 'Rue du Lauragais, Saint-Orens-de-Gameville',
    description: 'Lampadaire penché après un choc.',
    answers: { lampadaires: 1 },
    daysAgo: 16,
    path: [['acknowledged'], ['in_progress']],
  },
  {
    category: 'stationnement',
    lat: 43.6406,
    lon: 1.3915,
    address: 'Place des Arts, Blagnac',
    description: 'Véhicule ventouse depuis trois semaines.',
    daysAgo: 12,
    path: [['acknowledged']],
  },
  {
    category: 'voirie',
    lat: 43.6049,
    lon: 1.444,
    address: 'Place du Capitole, Toulouse',
    description: 'Pavés qui bougent devant le Capitole.',
    answers: { nature: 'trottoir' },
    daysAgo: 1,
    path: [['duplicate', 'Déjà signalé : suivez le signalement d’origine.']],
  },
  {
    category: 'depots-sauvages',
    lat: 43.6257,
    lon: 1.4847,
    address: 'Rue de la Colombette, L’Union',
    description: 'Cartons abandonnés devant un commerce fermé.',
    daysAgo: 27,
    path: [['acknowledged'], ['resolved', 'Enlevé par les services.']],
  },
  {
    category: 'tags-graffiti',
    lat: 43.5718,
    lon: 1.3912,
    address: 'Place de l’Église, Cugnaux',
    description: 'Inscription injurieuse sur le mur du cimetière.',
    answers: { support: 'public', injurieux: 'oui' },
    daysAgo: 2,
    path: [['acknowledged', 'Effacement prioritaire (contenu injurieux).'], ['in_progress']],
  },
  {
    category: 'proprete',
    lat: 43.5971,
    lon: 1.4325,
    address: 'Prairie des Filtres, Toulouse',
    description: 'Poubelles débordantes après le week-end.',
    answers: { type: ['dechets', 'verre'] },
    daysAgo: 45,
    path: [['acknowledged'], ['resolved', 'Collecte renforcée le lundi.']],
  },
];

const DAY = 24 * 3600 * 1000;

/** No photo in the demo: the object store is never reached. */
const noObjects: ObjectStore = {
  presignUpload: () => Promise.reject(new Error('the demo seed uploads no photo')),
  presignDownload: () => Promise.reject(new Error('the demo seed uploads no photo')),
  head: () => Promise.resolve(undefined),
  readRange: () => Promise.reject(new Error('the demo seed uploads no photo')),
  copy: () => Promise.reject(new Error('the demo seed uploads no photo')),
};

/** Gives the demo categories their questions and targets, then files and moves the demo reports. */
export const seedDemoReports = async (siren: string, admin: Principal): Promise<void> => {
  // The categories are separate items: saved side by side.
  await Promise.all(
    (await territory.listCategories(siren)).map(async (category) => {
      const details = CATEGORY_DETAILS[category.code];
      if (!details) return;
      const { overrides: _overrides, version: _version, ...fields } = category;
      await territory.saveCategory(admin, siren, { ...fields, ...details });
    }),
  );

  // Each report on its own clock, set to when it happened: reports are filed in parallel.
  const reportsAt = (clock: Clock) =>
    makeReportUseCases({
      store: dynamoReportStore,
      territory,
      objects: noObjects,
      dueDates: businessHoursDueDates(territory),
      clock,
    });
  const today = Date.now();
  const fileDemoReport = async (demo: DemoReport, i: number, duplicateTarget?: string): Promise<string> => {
    let now = new Date(today - demo.daysAgo * DAY - (i % 7) * 3600 * 1000);
    const reports = reportsAt({ now: () => now });
    const citizen: Principal = { sub: `demo-citizen-${(i % 9) + 1}`, role: 'citizen', issuer: 'local-seed' };
    const report = await reports.fileReport(i % 4 === 3 ? undefined : citizen, siren, {
      category: demo.category,
      location: { lat: demo.lat, lon: demo.lon },
      address: demo.address,
      description: demo.description,
      answers: demo.answers,
      contact: { email: `habitant${(i % 9) + 1}@example.fr` },
    });
    let version = report.version;
    for (const [step, [to, publicNote]] of (demo.path ?? []).entries()) {
      now = new Date(now.getTime() + (step === 0 ? 5 : 20) * 3600 * 1000);
      const duplicateOf = to === 'duplicate' ? duplicateTarget : undefined;
      const moved = await reports.changeStatus(admin, siren, report.id, {
        to,
        version,
        ...(publicNote ? { publicNote } : {}),
        internalNote: `Démo : passage en ${to}`,
        ...(duplicateOf ? { duplicateOf } : {}),
      });
      version = moved.version;
    }
    return report.id;
  };
  // The first report (Place du Capitole) before the others: the duplicates point at it.
  const [first, ...others] = DEMO_REPORTS;
  const firstId = await fileDemoReport(first!, 0);
  await Promise.all(others.map((demo, i) => fileDemoReport(demo, i + 1, firstId)));
  // A few neighbours say "me too" on it.
  const reports = reportsAt(systemClock);
  for (const n of [2, 3, 4]) {
    await reports.support({ sub: `demo-neighbour-${n}`, role: 'citizen', issuer: 'local-seed' }, siren, firstId);
  }
  // Every demo report was filed by this code, with its SLA watch item: the SLA engine can read the
  // bodies' work lists at once (a body is read from gsi7 until marked; report-store.ts).
  await Promise.all((await territory.listBodies(siren)).map((body) => markBodyWatched(siren, body.id)));
};
