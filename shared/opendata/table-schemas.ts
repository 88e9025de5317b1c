/**
 * The documented column order of every CSV the platform publishes, as Table Schema: the export
 * writes its cells in this order and publishes the schema beside the file (schema.json, linked
 * from the catalogue through dct:conformsTo). Public fields only: no e-mail, name, phone, subject,
 * internal note or agent can be written, since no column holds one.
 */
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
