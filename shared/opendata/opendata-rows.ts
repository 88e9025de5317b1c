/**
 * What each published record holds: the other contexts' values turned into rows and features by
 * allow-list, field by field. Each function takes only the fields it may publish (a `Pick` of the
 * record), so a personal field (a report's contact, reporter, agent or internal note; a proposal's
 * author) cannot reach a file without a change here. Pure.
 */
import type { Consultation, Results } from '../participation/participation';
import type { Report } from '../reports/report';
import type { CategorySlaFigures, SlaFigures } from '../reports/sla';
import type { RollupView, Sensor } from '../sensors/sensors';
import type { Boundary } from '../territory/geometry';
import { resolveCompetence, type Category, type Commune } from '../territory/territory';
import type { Cell } from './csv';
import type {
  BUDGET_RESULTS_SCHEMA,
  COMPETENCES_SCHEMA,
  CONSULTATION_RESULTS_SCHEMA,
  REPORTS_SCHEMA,
  SENSOR_DAILY_AGGREGATES_SCHEMA,
  SLA_STATISTICS_SCHEMA,
} from './table-schemas';

/** A row of a schema's table: one cell per column name. */
export type RowOf<S extends { readonly fields: readonly { readonly name: string }[] }> = {
  readonly [K in S['fields'][number]['name']]: Cell;
};

/** The fields of a report that are public (report-schemas.ts PublicReportView), and of those, what is published. */
export type PublishedReport = Pick<
  Report,
  | 'id'
  | 'category'
  | 'commune'
  | 'status'
  | 'overdue'
  | 'createdAt'
  | 'acknowledgedAt'
  | 'resolvedAt'
  | 'location'
  | 'description'
>;

export const reportRow = (r: PublishedReport, communeName: string): RowOf<typeof REPORTS_SCHEMA> => ({
  id: r.id,
  category: r.category,
  commune_insee: r.commune,
  commune_name: communeName,
  status: r.status,
  overdue: r.overdue,
  filed_at: r.createdAt,
  acknowledged_at: r.acknowledgedAt,
  resolved_at: r.resolvedAt,
  latitude: r.location.lat,
  longitude: r.location.lon,
  description: r.description,
});

/** A GeoJSON Feature of a report: a Point, the row's other cells as properties (absent ones null). */
export const reportFeature = (r: PublishedReport, communeName: string) => {
  const { latitude: _lat, longitude: _lon, ...properties } = reportRow(r, communeName);
  return {
    type: 'Feature' as const,
    id: r.id,
    geometry: { type: 'Point' as const, coordinates: [r.location.lon, r.location.lat] },
    properties: Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, v ?? null])),
  };
};

export const slaRows = (
  commune: Pick<Commune, 'insee' | 'name'>,
  stats: {
    readonly from: string;
    readonly to: string;
    readonly all: SlaFigures;
    readonly categories: readonly CategorySlaFigures[];
  },
): RowOf<typeof SLA_STATISTICS_SCHEMA>[] =>
  [{ ...stats.all, category: undefined as string | undefined }, ...stats.categories].map((f) => ({
    commune_insee: commune.insee,
    commune_name: commune.name,
    category: f.category,
    period_start: stats.from,
    period_end: stats.to,
    filed: f.filed,
    acknowledged: f.acknowledged,
    median_hours_to_acknowledge: f.medianHoursToAcknowledge,
    resolved: f.resolved,
    median_hours_to_resolve: f.medianHoursToResolve,
    judged: f.judged,
    within_target: f.withinTarget,
    share_within_target: f.shareWithinTarget,
    open_overdue: f.openOverdue,
  }));

type PublishedConsultation = Pick<Consultation, 'id' | 'title' | 'scope'>;
type ProposalResults = Extract<Results, { kind: 'proposals' }>;
type BudgetResults = Extract<Results, { kind: 'budget' }>;

const scopeOf = (c: PublishedConsultation) => (c.scope.level === 'territory' ? 'territory' : c.scope.insee);

/** The published figures of a consultation, its most supported proposals without their authors. */
export const consultationResult = (c: PublishedConsultation, results: ProposalResults) => ({
  consultationId: c.id,
  title: c.title,
  scope: scopeOf(c),
  computedAt: results.computedAt,
  proposals: results.proposals,
  supports: results.supports,
  comments: results.comments,
  topProposals: results.topProposals.map((p, i) => ({
    rank: i + 1,
    proposalId: p.proposalId,
    title: p.title,
    supports: p.supports,
  })),
});
export type ConsultationResult = ReturnType<typeof consultationResult>;

/** One row per top proposal (one row with empty proposal cells when there is none). */
export const consultationRows = (result: ConsultationResult): RowOf<typeof CONSULTATION_RESULTS_SCHEMA>[] => {
  const common = {
    consultation_id: result.consultationId,
    consultation_title: result.title,
    scope: result.scope,
    results_computed_at: result.computedAt,
    proposals: result.proposals,
    supports: result.supports,
    comments: result.comments,
  };
  const none = { rank: undefined, proposal_id: undefined, proposal_title: undefined, proposal_supports: undefined };
  if (result.topProposals.length === 0) return [{ ...common, ...none }];
  return result.topProposals.map((p) => ({
    ...common,
    rank: p.rank,
    proposal_id: p.proposalId,
    proposal_title: p.title,
    proposal_supports: p.supports,
  }));
};

export const budgetResult = (c: PublishedConsultation, results: BudgetResults) => ({
  consultationId: c.id,
  title: c.title,
  scope: scopeOf(c),
  computedAt: results.computedAt,
  budget: results.budget,
  method: results.method,
  ballots: results.ballots,
  spent: results.spent,
  tieBreak: results.tieBreak,
  projects: results.projects.map((p) => ({
    projectId: p.projectId,
    title: p.title,
    cost: p.cost,
    votes: p.votes,
    rank: p.rank,
    retained: p.retained,
  })),
});
export type BudgetResult = ReturnType<typeof budgetResult>;

export const budgetRows = (result: BudgetResult): RowOf<typeof BUDGET_RESULTS_SCHEMA>[] =>
  result.projects.map((p) => ({
    consultation_id: result.consultationId,
    consultation_title: result.title,
    budget_eur: result.budget,
    method: result.method,
    ballots: result.ballots,
    spent_eur: result.spent,
    results_computed_at: result.computedAt,
    project_id: p.projectId,
    project_title: p.title,
    cost_eur: p.cost,
    votes: p.votes,
    rank: p.rank,
    retained: p.retained,
  }));

type PublishedSensor = Pick<Sensor, 'id' | 'type' | 'name' | 'partnerId' | 'location' | 'commune' | 'properties'>;

export const sensorAggregateRow = (
  sensor: PublishedSensor,
  property: { readonly name: string; readonly unitCode?: string },
  rollup: RollupView,
): RowOf<typeof SENSOR_DAILY_AGGREGATES_SCHEMA> => ({
  sensor_id: sensor.id,
  sensor_type: sensor.type,
  commune_insee: sensor.commune.insee,
  property: property.name,
  unit: property.unitCode,
  day: rollup.start.slice(0, 10),
  count: rollup.count,
  min: rollup.min,
  max: rollup.max,
  mean: rollup.mean,
});

export const sensorFeature = (sensor: PublishedSensor) => ({
  type: 'Feature' as const,
  id: sensor.id,
  geometry: { type: 'Point' as const, coordinates: [sensor.location.lon, sensor.location.lat] },
  properties: {
    id: sensor.id,
    name: sensor.name,
    type: sensor.type,
    partner: sensor.partnerId,
    commune_insee: sensor.commune.insee,
    commune_name: sensor.commune.name,
    properties: sensor.properties.map((p) => p.name),
    units: sensor.properties.map((p) => p.unitCode ?? null),
  },
});

export const communeFeature = (
  commune: Pick<Commune, 'insee' | 'name' | 'population' | 'boundary'>,
  boundary: Boundary | undefined,
) => ({
  type: 'Feature' as const,
  id: commune.insee,
  geometry: boundary ?? null,
  properties: {
    insee: commune.insee,
    name: commune.name,
    population: commune.population,
    boundary_source: commune.boundary?.source ?? null,
  },
});

export const competenceRows = (
  siren: string,
  category: Category,
  communes: readonly Pick<Commune, 'insee' | 'name'>[],
): RowOf<typeof COMPETENCES_SCHEMA>[] =>
  communes.map((commune) => {
    const resolved = resolveCompetence(siren, category, commune.insee);
    return {
      category: category.code,
      category_name: category.name,
      active: category.active ?? true,
      commune_insee: commune.insee,
      commune_name: commune.name,
      level: resolved.bodyKind,
      body_id: resolved.bodyId,
      service: resolved.service,
      overridden: resolved.overridden,
    };
  });
