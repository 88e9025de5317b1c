/**
 * The open-data context: what a territory publishes (its datasets, their files and formats), where
 * the files live, how they are identified, and the records that say what was published when.
 * Pure: no AWS.
 *
 * Files: `open-data/{siren}/{dataset}/latest.{ext}` always holds the newest export (a stable URL);
 * each run also keeps `open-data/{siren}/{dataset}/{YYYY-MM-DD}.{ext}` (a rerun the same day
 * replaces that day's copy), and each CSV has its Table Schema at `…/{dataset}/schema.json`.
 * Identifiers depend on the territory and the dataset only, never on a run, a host or a
 * deployment, so a harvester matches a dataset across runs, restarts and redeployments.
 */
import * as z from 'zod';
import type { TableSchema } from './csv';
import {
  BUDGET_RESULTS_SCHEMA,
  COMPETENCES_SCHEMA,
  CONSULTATION_RESULTS_SCHEMA,
  PORTFOLIO_PROJECTS_SCHEMA,
  REPORTS_SCHEMA,
  SENSOR_DAILY_AGGREGATES_SCHEMA,
  SLA_STATISTICS_SCHEMA,
} from './table-schemas';

export const FORMATS = {
  csv: {
    extension: 'csv',
    contentType: 'text/csv; charset=utf-8',
    mediaType: 'text/csv',
    fileType: 'CSV',
  },
  geojson: {
    extension: 'geojson',
    contentType: 'application/geo+json',
    mediaType: 'application/geo+json',
    fileType: 'GEOJSON',
  },
  json: {
    extension: 'json',
    contentType: 'application/json; charset=utf-8',
    mediaType: 'application/json',
    fileType: 'JSON',
  },
} as const;
export type FormatName = keyof typeof FORMATS;
export const FORMAT_NAMES = Object.keys(FORMATS) as FormatName[];

/** The EU data-theme vocabulary (http://publications.europa.eu/resource/authority/data-theme). */
export const THEMES = {
  GOVE: { fr: 'Gouvernement et secteur public', en: 'Government and public sector' },
  REGI: { fr: 'Régions et villes', en: 'Regions and cities' },
  ENVI: { fr: 'Environnement', en: 'Environment' },
  SOCI: { fr: 'Population et société', en: 'Population and society' },
  TECH: { fr: 'Science et technologie', en: 'Science and technology' },
} as const;
export type Theme = keyof typeof THEMES;

/** The EU frequency vocabulary (http://publications.europa.eu/resource/authority/frequency). */
export const FREQUENCIES = {
  DAILY: { fr: 'quotidienne', en: 'daily' },
  IRREG: { fr: 'irrégulière', en: 'irregular' },
} as const;
export type Frequency = keyof typeof FREQUENCIES;

/** The platform's APIs, each a dcat:DataService of the catalogue. */
export type ServiceName = 'rest' | 'open311' | 'ngsi-ld';

export interface DatasetDefinition {
  readonly slug: string;
  readonly title: string;
  readonly description: string;
  readonly keywords: readonly string[];
  readonly themes: readonly Theme[];
  readonly frequency: Frequency;
  /** What the export writes, in this order. */
  readonly formats: readonly FormatName[];
  /** The columns of its CSV, when it has one. */
  readonly schema?: TableSchema;
  /** The APIs that serve the same data live. */
  readonly services: readonly ServiceName[];
  /** The standard a format's file follows, beyond a CSV's Table Schema (dct:conformsTo of that distribution). */
  readonly standards?: Partial<Record<FormatName, { readonly iri: string; readonly title: string }>>;
}

/** OC4IDS 0.9, the Open Contracting for Infrastructure Data Standard: its project package. */
export const OC4IDS_STANDARD = {
  iri: 'https://standard.open-contracting.org/infrastructure/0.9/en/',
  title: 'Open Contracting for Infrastructure Data Standard (OC4IDS) 0.9 : paquet de projets',
} as const;

const define = <const D extends DatasetDefinition>(d: D) => d;

/** Every dataset a territory publishes. Slugs are part of URLs and identifiers: never rename one. */
export const DATASETS = [
  define({
    slug: 'reports',
    title: 'Signalements citoyens',
    description:
      'Un enregistrement par signalement déposé sur le territoire (voirie, propreté, espaces verts…) : catégorie, ' +
      'commune, statut, retard éventuel, dates de dépôt, de prise en compte et de résolution, position et ' +
      'description publique. Aucune donnée personnelle : ni courriel, ni nom, ni téléphone, ni identifiant de ' +
      'compte, ni note interne, ni agent.',
    keywords: ['signalement', 'voirie', 'propreté', 'espace public', 'gestion urbaine'],
    themes: ['GOVE', 'REGI'],
    frequency: 'DAILY',
    formats: ['csv', 'geojson'],
    schema: REPORTS_SCHEMA,
    services: ['rest', 'open311'],
  }),
  define({
    slug: 'sla-statistics',
    title: 'Délais de traitement des signalements par commune et catégorie',
    description:
      'Pour chaque commune, par catégorie et toutes catégories confondues, sur les 90 derniers jours : ' +
      'signalements déposés, pris en compte, résolus, délais médians en heures ouvrées et part traitée dans les délais.',
    keywords: ['signalement', 'qualité de service', 'délai', 'engagement de service'],
    themes: ['GOVE'],
    frequency: 'DAILY',
    formats: ['csv'],
    schema: SLA_STATISTICS_SCHEMA,
    services: ['rest'],
  }),
  define({
    slug: 'consultation-results',
    title: 'Résultats des consultations citoyennes',
    description:
      'Les résultats publiés des consultations : nombre de propositions, de soutiens et de commentaires, et les ' +
      'propositions les plus soutenues.',
    keywords: ['participation citoyenne', 'consultation', 'concertation'],
    themes: ['GOVE', 'SOCI'],
    frequency: 'IRREG',
    formats: ['csv', 'json'],
    schema: CONSULTATION_RESULTS_SCHEMA,
    services: ['rest'],
  }),
  define({
    slug: 'budget-results',
    title: 'Résultats des budgets participatifs',
    description:
      'Le dépouillement publié de chaque budget participatif : enveloppe, bulletins, et pour chaque projet son coût, ' +
      'ses voix, son rang et s’il est retenu.',
    keywords: ['budget participatif', 'participation citoyenne', 'vote'],
    themes: ['GOVE', 'SOCI'],
    frequency: 'IRREG',
    formats: ['csv', 'json'],
    schema: BUDGET_RESULTS_SCHEMA,
    services: ['rest'],
  }),
  define({
    slug: 'sensor-daily-aggregates',
    title: 'Mesures des capteurs urbains : agrégats quotidiens',
    description:
      'Pour chaque capteur et chaque grandeur numérique mesurée, par jour UTC : nombre de mesures, minimum, ' +
      'maximum et moyenne.',
    keywords: ['capteur', 'qualité de l’air', 'bruit', 'internet des objets', 'mesure'],
    themes: ['ENVI', 'TECH'],
    frequency: 'DAILY',
    formats: ['csv'],
    schema: SENSOR_DAILY_AGGREGATES_SCHEMA,
    services: ['rest', 'ngsi-ld'],
  }),
  define({
    slug: 'sensors',
    title: 'Capteurs urbains',
    description: 'Les capteurs du territoire, leur type, les grandeurs qu’ils mesurent, leur commune et leur position.',
    keywords: ['capteur', 'internet des objets', 'ville intelligente'],
    themes: ['ENVI', 'TECH'],
    frequency: 'DAILY',
    formats: ['geojson'],
    services: ['rest', 'ngsi-ld'],
  }),
  define({
    slug: 'communes',
    title: 'Communes du territoire et leurs limites',
    description:
      'Les communes membres, avec leur code INSEE, leur population et leurs limites (polygones WGS 84) ; une ' +
      'limite de démonstration est approximative et le dit (boundary_source).',
    keywords: ['commune', 'limites administratives', 'découpage administratif'],
    themes: ['REGI', 'GOVE'],
    frequency: 'IRREG',
    formats: ['geojson'],
    services: ['rest'],
  }),
  define({
    slug: 'competences',
    title: 'Table des compétences : qui traite quelle catégorie de signalement',
    description:
      'Pour chaque catégorie de signalement et chaque commune, l’autorité compétente (la métropole ou la commune) ' +
      'et son service, dérogations communales comprises.',
    keywords: ['compétence', 'intercommunalité', 'signalement'],
    themes: ['GOVE'],
    frequency: 'IRREG',
    formats: ['csv'],
    schema: COMPETENCES_SCHEMA,
    services: ['rest'],
  }),
  define({
    slug: 'portfolio-projects',
    title: 'Portefeuille des projets de la ville intelligente',
    description:
      'Les projets de la métropole et de ses communes (axes, programmes, projets) : domaine, communes concernées, ' +
      'autorité et service pilotes, partenaires (des organisations, start-up en expérimentation comprises), phase, ' +
      'statut, dates, avancement, budget prévisionnel. En CSV avec les colonnes du schéma projets-territoire puis ' +
      'celles du portefeuille (celles de son export, que son import relit), et en JSON au standard OC4IDS 0.9 ' +
      '(budgets par année, jalons, indicateurs et leurs cibles). Aucune donnée personnelle.',
    keywords: ['projet', 'ville intelligente', 'investissement', 'projets-territoire', 'OC4IDS'],
    themes: ['GOVE', 'REGI'],
    frequency: 'DAILY',
    formats: ['csv', 'json'],
    schema: PORTFOLIO_PROJECTS_SCHEMA,
    standards: { json: OC4IDS_STANDARD },
    services: ['rest'],
  }),
] as const satisfies readonly DatasetDefinition[];

export type DatasetSlug = (typeof DATASETS)[number]['slug'];
export const DATASET_SLUGS = DATASETS.map((d) => d.slug) as readonly DatasetSlug[];
export const datasetDefinition = (slug: string): DatasetDefinition | undefined => DATASETS.find((d) => d.slug === slug);

// ---------------------------------------------------------------------------------------------
// Where the files are, and what names them

const folder = (siren: string, slug: string) => `open-data/${siren}/${slug}`;

/** The stable name of a dataset's newest file in a format. */
export const latestKey = (siren: string, slug: string, format: FormatName) =>
  `${folder(siren, slug)}/latest.${FORMATS[format].extension}`;

/** The copy a run keeps, named by its UTC day. */
export const datedKey = (siren: string, slug: string, format: FormatName, at: Date) =>
  `${folder(siren, slug)}/${at.toISOString().slice(0, 10)}.${FORMATS[format].extension}`;

/** The Table Schema beside a dataset's CSV. */
export const schemaKey = (siren: string, slug: string) => `${folder(siren, slug)}/schema.json`;

/**
 * Identifiers, stable IRIs: the same for a territory's dataset across runs, restarts and
 * deployments (they name no host). URNs, as the platform's NGSI-LD ids and problem types are.
 */
export const ids = {
  publisher: (siren: string) => `urn:ville-ouverte:territory:${siren}`,
  catalog: (siren: string) => `urn:ville-ouverte:territory:${siren}:catalog`,
  dataset: (siren: string, slug: string) => `urn:ville-ouverte:territory:${siren}:dataset:${slug}`,
  distribution: (siren: string, slug: string, format: FormatName) =>
    `urn:ville-ouverte:territory:${siren}:dataset:${slug}:${format}`,
  service: (siren: string, service: ServiceName) => `urn:ville-ouverte:territory:${siren}:service:${service}`,
} as const;

// ---------------------------------------------------------------------------------------------
// Records

const Instant = z.string();

/** One published file: where it is, its size and SHA-256, when it was written. */
export const DistributionRecord = z.object({
  format: z.enum(FORMAT_NAMES as [FormatName, ...FormatName[]]),
  /** The stable key (latest.{ext}). */
  key: z.string(),
  /** The dated copy of the same bytes. */
  datedKey: z.string(),
  byteSize: z.number().int().min(0),
  /** Lower-case hex. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  modified: Instant,
});
export type DistributionRecord = z.output<typeof DistributionRecord>;

/** What a territory publishes of one dataset, as of its last export. */
export const DatasetRecord = z.object({
  territory: z.string(),
  slug: z.string(),
  /** The first export's time. */
  issued: Instant,
  /** The last export's time (UTC). */
  modified: Instant,
  /** Records (rows, features) in the last export. */
  records: z.number().int().min(0),
  distributions: z.array(DistributionRecord),
  /** The Table Schema's key, for a dataset with a CSV. */
  schemaKey: z.string().optional(),
});
export type DatasetRecord = z.output<typeof DatasetRecord>;

export const EXPORT_STATUSES = ['queued', 'running', 'done', 'failed', 'skipped'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

/** One export of a territory's datasets: asked for by the nightly schedule or by an admin. */
export const ExportRunRecord = z.object({
  id: z.string(),
  territory: z.string(),
  trigger: z.enum(['schedule', 'admin']),
  status: z.enum(EXPORT_STATUSES),
  requestedAt: Instant,
  startedAt: Instant.optional(),
  finishedAt: Instant.optional(),
  /** Why it failed or was skipped. */
  detail: z.string().optional(),
  /** What it published, once done. */
  datasets: z
    .array(
      z.object({
        slug: z.string(),
        records: z.number().int(),
        files: z.array(DistributionRecord.pick({ format: true, key: true, byteSize: true, sha256: true })),
      }),
    )
    .optional(),
});
export type ExportRun = z.output<typeof ExportRunRecord>;

/** The queue message asking for one export (not a domain event). */
export const ExportMessage = z.object({ territory: z.string().regex(/^\d{9}$/), exportId: z.string().min(1) });
export type ExportMessage = z.output<typeof ExportMessage>;

/** An export holds its territory this long at most (Lambda runs 15 minutes at most). */
export const EXPORT_LEASE_MS = 20 * 60_000;
