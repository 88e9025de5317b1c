/**
 * The documented column order of every CSV the platform publishes, as Table Schema: the export
 * writes its cells in this order and publishes the schema beside the file (schema.json, linked
 * from the catalogue through dct:conformsTo). Public fields only: no e-mail, name, phone, subject,
 * internal note or agent can be written, since no column holds one.
 */
import { DOMAINS, KINDS, PHASES, STATUSES } from '../portfolio/portfolio';
import { CSV_COLUMNS, PHASE_LABELS, STATUS_LABELS, type CsvColumn } from '../portfolio/portfolio-csv';
import { REPORT_STATUSES } from '../reports/report';
import type { TableField, TableSchema } from './csv';

const INSEE_PATTERN = '^(\\d{5}|2[AB]\\d{3})$';

const field = (
  name: string,
  type: TableField['type'],
  title: string,
  description: string,
  constraints?: TableField['constraints'],
): TableField => ({
  name,
  title,
  description,
  type,
  ...(type === 'datetime' ? { format: 'default' as const } : {}),
  ...(constraints ? { constraints } : {}),
});

const required = { required: true } as const;
const insee = (name: string, what: string) =>
  field(name, 'string', `Code INSEE ${what}`, `Code officiel géographique (INSEE) ${what}`, {
    required: true,
    pattern: INSEE_PATTERN,
  });

const schema = <const F extends readonly TableField[]>(fields: F, primaryKey?: string | readonly string[]) =>
  ({ fields, missingValues: [''], ...(primaryKey ? { primaryKey } : {}) }) as const satisfies TableSchema;

export const REPORTS_SCHEMA = schema(
  [
    field('id', 'string', 'Identifiant', 'Identifiant du signalement (ULID), stable', { required: true, unique: true }),
    field('category', 'string', 'Catégorie', 'Code de la catégorie du signalement', required),
    insee('commune_insee', 'de la commune où se situe le signalement'),
    field('commune_name', 'string', 'Commune', 'Nom de la commune', required),
    field('status', 'string', 'Statut', 'Statut du signalement', { required: true, enum: REPORT_STATUSES }),
    field('overdue', 'boolean', 'En retard', 'Ouvert et au-delà de son délai de traitement', required),
    field('filed_at', 'datetime', 'Déposé le', 'Date et heure du dépôt (ISO 8601, UTC)', required),
    field('acknowledged_at', 'datetime', 'Pris en compte le', 'Date et heure de prise en compte (ISO 8601, UTC)'),
    field('resolved_at', 'datetime', 'Résolu le', 'Date et heure de résolution (ISO 8601, UTC)'),
    field('latitude', 'number', 'Latitude', 'Latitude WGS 84 (degrés décimaux)', required),
    field('longitude', 'number', 'Longitude', 'Longitude WGS 84 (degrés décimaux)', required),
    field('description', 'string', 'Description', 'Description publique donnée au dépôt', required),
  ],
  'id',
);

export const SLA_STATISTICS_SCHEMA = schema(
  [
    insee('commune_insee', 'de la commune'),
    field('commune_name', 'string', 'Commune', 'Nom de la commune', required),
    field('category', 'string', 'Catégorie', 'Code de la catégorie ; vide : toutes catégories confondues'),
    field('period_start', 'datetime', 'Début de période', 'Signalements déposés à partir de (ISO 8601, UTC)', required),
    field('period_end', 'datetime', 'Fin de période', 'Signalements déposés jusqu’à (ISO 8601, UTC)', required),
    field('filed', 'integer', 'Déposés', 'Signalements déposés dans la période', required),
    field('acknowledged', 'integer', 'Pris en compte', 'Signalements pris en compte', required),
    field(
      'median_hours_to_acknowledge',
      'number',
      'Délai médian de prise en compte',
      'Heures ouvrées, médiane ; vide sans signalement pris en compte',
    ),
    field('resolved', 'integer', 'Résolus', 'Signalements résolus', required),
    field('median_hours_to_resolve', 'number', 'Délai médian de résolution', 'Heures ouvrées, médiane'),
    field(
      'judged',
      'integer',
      'Jugés',
      'Signalements résolus avec un objectif de délai, plus les ouverts au-delà du leur',
      required,
    ),
    field('within_target', 'integer', 'Dans les délais', 'Signalements résolus dans leur délai', required),
    field('share_within_target', 'number', 'Part dans les délais', 'within_target / judged, entre 0 et 1'),
    field('open_overdue', 'integer', 'Ouverts en retard', 'Signalements ouverts au-delà de leur délai', required),
  ],
  ['commune_insee', 'category'],
);

export const CONSULTATION_RESULTS_SCHEMA = schema([
  field('consultation_id', 'string', 'Consultation', 'Identifiant de la consultation (ULID)', required),
  field('consultation_title', 'string', 'Titre', 'Titre de la consultation', required),
  field('scope', 'string', 'Périmètre', '« territory » (toute la métropole) ou le code INSEE de la commune', required),
  field('results_computed_at', 'datetime', 'Résultats arrêtés le', 'ISO 8601, UTC', required),
  field('proposals', 'integer', 'Propositions', 'Propositions déposées', required),
  field('supports', 'integer', 'Soutiens', 'Soutiens reçus, toutes propositions', required),
  field('comments', 'integer', 'Commentaires', 'Commentaires publiés', required),
  field('rank', 'integer', 'Rang', 'Rang de la proposition par soutiens ; vide sans proposition'),
  field('proposal_id', 'string', 'Proposition', 'Identifiant de la proposition (ULID)'),
  field('proposal_title', 'string', 'Titre de la proposition', 'Titre de la proposition'),
  field('proposal_supports', 'integer', 'Soutiens de la proposition', 'Soutiens reçus par la proposition'),
]);

export const BUDGET_RESULTS_SCHEMA = schema(
  [
    field('consultation_id', 'string', 'Budget participatif', 'Identifiant de la consultation (ULID)', required),
    field('consultation_title', 'string', 'Titre', 'Titre du budget participatif', required),
    field('budget_eur', 'number', 'Enveloppe (€)', 'Montant de l’enveloppe, en euros', required),
    field('method', 'string', 'Mode de vote', 'knapsack (coût total ≤ enveloppe) ou approval', {
      required: true,
      enum: ['approval', 'knapsack'],
    }),
    field('ballots', 'integer', 'Bulletins', 'Bulletins comptés', required),
    field('spent_eur', 'number', 'Engagé (€)', 'Coût total des projets retenus, en euros', required),
    field('results_computed_at', 'datetime', 'Résultats arrêtés le', 'ISO 8601, UTC', required),
    field('project_id', 'string', 'Projet', 'Identifiant du projet', required),
    field('project_title', 'string', 'Titre du projet', 'Titre du projet', required),
    field('cost_eur', 'number', 'Coût (€)', 'Coût estimé du projet, en euros', required),
    field('votes', 'integer', 'Voix', 'Bulletins qui le retiennent', required),
    field('rank', 'integer', 'Rang', 'Rang au dépouillement', required),
    field('retained', 'boolean', 'Retenu', 'Le projet est financé', required),
  ],
  ['consultation_id', 'project_id'],
);

export const SENSOR_DAILY_AGGREGATES_SCHEMA = schema(
  [
    field('sensor_id', 'string', 'Capteur', 'Identifiant du capteur', required),
    field('sensor_type', 'string', 'Type', 'Type de capteur (modèle de données Smart Data Models)', required),
    insee('commune_insee', 'de la commune du capteur'),
    field('property', 'string', 'Grandeur', 'Grandeur mesurée', required),
    field('unit', 'string', 'Unité', 'Code d’unité UN/CEFACT'),
    field('day', 'date', 'Jour', 'Jour UTC (AAAA-MM-JJ)', required),
    field('count', 'integer', 'Mesures', 'Nombre de mesures du jour', required),
    field('min', 'number', 'Minimum', 'Plus petite valeur du jour', required),
    field('max', 'number', 'Maximum', 'Plus grande valeur du jour', required),
    field('mean', 'number', 'Moyenne', 'Moyenne des valeurs du jour', required),
  ],
  ['sensor_id', 'property', 'day'],
);

export const COMPETENCES_SCHEMA = schema(
  [
    field('category', 'string', 'Catégorie', 'Code de la catégorie de signalement', required),
    field('category_name', 'string', 'Libellé', 'Nom de la catégorie', required),
    field('active', 'boolean', 'Active', 'La catégorie accepte de nouveaux signalements', required),
    insee('commune_insee', 'de la commune'),
    field('commune_name', 'string', 'Commune', 'Nom de la commune', required),
    field('level', 'string', 'Niveau compétent', 'territory (la métropole) ou commune', {
      required: true,
      enum: ['territory', 'commune'],
    }),
    field('body_id', 'string', 'Autorité', 'SIREN de la métropole ou code INSEE de la commune compétente', required),
    field('service', 'string', 'Service', 'Service de l’autorité qui traite la catégorie'),
    field(
      'overridden',
      'boolean',
      'Dérogation',
      'Une exception à la règle de la catégorie vaut pour cette commune',
      required,
    ),
  ],
  ['category', 'commune_insee'],
);

/**
 * The portfolio's projects: the columns of the portfolio's own CSV export (shared/portfolio/
 * portfolio-csv.ts), in its order, so the published file imports back through the portfolio's
 * import. Organisations and figures only: lead body and service, partners (organisations with
 * their SIREN/SIRET), no person.
 */
const PORTFOLIO_FIELDS: Readonly<Record<CsvColumn, Omit<TableField, 'name'>>> = {
  id: {
    type: 'string',
    title: 'Identifiant',
    description: 'Identifiant du projet (ULID), stable',
    constraints: { required: true, unique: true },
  },
  nom: { type: 'string', title: 'Nom', description: 'Nom du projet (projets-territoire : nom)', constraints: required },
  description: { type: 'string', title: 'Description', description: 'Description publique du projet' },
  phase: {
    type: 'string',
    title: 'Phase',
    description: 'Phase au sens de projets-territoire (Idée, Étude, Opération)',
    constraints: { required: true, enum: [...new Set(Object.values(PHASE_LABELS))] },
  },
  phaseStatut: {
    type: 'string',
    title: 'Statut de la phase',
    description: 'Statut au sens de projets-territoire',
    constraints: { required: true, enum: Object.values(STATUS_LABELS) },
  },
  dateDebutPrevisionnelle: { type: 'date', title: 'Début prévu', description: 'AAAA-MM-JJ' },
  dateFinPrevisionnelle: { type: 'date', title: 'Fin prévue', description: 'AAAA-MM-JJ' },
  budgetPrevisionnel: {
    type: 'number',
    title: 'Budget prévisionnel (€)',
    description: 'Montant prévu, toutes années, en euros exacts (lignes du projet et de ses sous-projets)',
    constraints: required,
  },
  programme: { type: 'string', title: 'Programme', description: 'Nom du projet parent (axe ou programme)' },
  createdAt: {
    type: 'datetime',
    format: 'default',
    title: 'Créé le',
    description: 'ISO 8601, UTC',
    constraints: required,
  },
  updatedAt: {
    type: 'datetime',
    format: 'default',
    title: 'Modifié le',
    description: 'ISO 8601, UTC',
    constraints: required,
  },
  kind: {
    type: 'string',
    title: 'Niveau',
    description: 'axis (axe), programme ou project (projet)',
    constraints: { required: true, enum: KINDS },
  },
  parentId: { type: 'string', title: 'Parent', description: 'Identifiant du projet parent' },
  owner: {
    type: 'string',
    title: 'Porteur',
    description: '« territory » (la métropole) ou le code INSEE de la commune qui porte le projet',
    constraints: { required: true, pattern: '^(territory|\\d{5}|2[AB]\\d{3})$' },
  },
  domain: {
    type: 'string',
    title: 'Domaine',
    description: 'Domaine de politique publique',
    constraints: { required: true, enum: DOMAINS },
  },
  portfolioPhase: {
    type: 'string',
    title: 'Phase (portefeuille)',
    description: 'idea, study, operation ou done',
    constraints: { required: true, enum: PHASES },
  },
  portfolioStatus: {
    type: 'string',
    title: 'Statut (portefeuille)',
    description: 'on-track, late, paused, blocked, abandoned ou finished',
    constraints: { required: true, enum: STATUSES },
  },
  communes: {
    type: 'string',
    title: 'Communes',
    description: 'Codes INSEE des communes concernées (tableau JSON)',
    constraints: required,
  },
  leadBody: {
    type: 'string',
    title: 'Autorité pilote',
    description: 'SIREN de la métropole ou code INSEE de la commune qui pilote',
    constraints: required,
  },
  leadService: { type: 'string', title: 'Service pilote', description: 'Service de l’autorité pilote' },
  progress: {
    type: 'number',
    title: 'Avancement (%)',
    description: 'De 0 à 100 ; pour un parent, moyenne pondérée de ses enfants',
    constraints: required,
  },
  weight: { type: 'number', title: 'Poids', description: 'Poids dans l’avancement du parent' },
  latitude: { type: 'number', title: 'Latitude', description: 'Latitude WGS 84 d’un projet localisé en un point' },
  longitude: { type: 'number', title: 'Longitude', description: 'Longitude WGS 84 d’un projet localisé en un point' },
  area: {
    type: 'string',
    title: 'Emprise',
    description: 'Géométrie GeoJSON (Polygon ou MultiPolygon) d’un projet localisé sur une zone',
  },
  partners: {
    type: 'string',
    title: 'Partenaires',
    description: 'Organisations partenaires (tableau JSON : nom, SIREN/SIRET, rôle, expérimentation éventuelle)',
  },
  consultationIds: {
    type: 'string',
    title: 'Consultations',
    description: 'Consultations à l’origine du projet (tableau JSON)',
  },
  proposalIds: {
    type: 'string',
    title: 'Propositions',
    description: 'Propositions citoyennes à l’origine du projet, « consultation/proposition » (tableau JSON)',
  },
};

export const PORTFOLIO_PROJECTS_SCHEMA = schema(
  CSV_COLUMNS.map((name): TableField & { readonly name: CsvColumn } => ({ name, ...PORTFOLIO_FIELDS[name] })),
  'id',
);
