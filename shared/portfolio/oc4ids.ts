/**
 * The portfolio in the Open Contracting for Infrastructure Data Standard (OC4IDS 0.9.5): one
 * project per portfolio project, in a project package. Empty lists and strings are left out (the
 * schema wants at least one item, at least one character). Pure.
 *
 * Mapping: phase idea → identification, study → preparation, operation → implementation,
 * done → completion, and an abandoned project is `cancelled`; the domain gives the sector (the
 * projectSector codelist where it has one: mobility → transport…, else the domain's own code, the
 * list being open); the communes are a gazetteer location (INSEE codes) and a point or area a
 * GeoJSON one; budget lines become budget breakdowns by year and kind; milestones keep their
 * states (missed → notMet, partlyMet → partiallyMet); progress and KPIs' latest values are
 * metrics, KPIs' targets forecasts; the lead body is the public authority and the partners the
 * other parties; the parent and children are related projects.
 */
import { formatEuros } from './money';
import { budgetSummary, type Domain, type Kpi, type Milestone, type MilestoneState, type Project } from './portfolio';

export const OC4IDS_VERSION = '0.9';
export const OC4IDS_LICENCE = 'https://www.etalab.gouv.fr/licence-ouverte-open-licence';

const SECTORS: Readonly<Partial<Record<Domain, string>>> = {
  mobility: 'transport',
  energy: 'energy',
  waste: 'waste',
  environment: 'environment',
  'digital-infrastructure': 'communications',
  housing: 'socialHousing',
  culture: 'culture',
  tourism: 'tourism',
  security: 'security',
  social: 'socialProtection',
  'public-space': 'urbanDevelopment',
};

const MILESTONE_STATUS: Readonly<Record<MilestoneState, string>> = {
  scheduled: 'scheduled',
  met: 'met',
  missed: 'notMet',
  partlyMet: 'partiallyMet',
};

const statusOf = (p: Project): string => {
  if (p.status === 'abandoned') return 'cancelled';
  return { idea: 'identification', study: 'preparation', operation: 'implementation', done: 'completion' }[p.phase];
};

const instant = (day: string) => `${day}T00:00:00Z`;
const endOf = (day: string) => `${day}T23:59:59Z`;
const euros = (cents: number) => ({ amount: Number(formatEuros(cents)), currency: 'EUR' });

/** Leaves out undefined fields and empty lists, strings and objects. */
const compact = (value: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(value).filter(
      ([, v]) =>
        v !== undefined &&
        v !== '' &&
        !(Array.isArray(v) && v.length === 0) &&
        !(typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0),
    ),
  );

export interface Oc4idsContext {
  readonly territoryName: string;
  readonly bodyName: (bodyId: string) => string;
  readonly milestones: readonly Milestone[];
  readonly kpis: readonly Kpi[];
  readonly children: readonly Pick<Project, 'id' | 'title'>[];
  readonly parent?: Pick<Project, 'id' | 'title'>;
}

/** A project identifier: an OC4IDS prefix would be registered for a deployment; this one names the territory. */
export const oc4idsId = (p: Pick<Project, 'territory' | 'id'>) => `oc4ids-vo${p.territory}-${p.id}`;

export const oc4idsProject = (p: Project, context: Oc4idsContext): Record<string, unknown> => {
  const budget = budgetSummary(p.budget);
  const authorityId = `FR-SIREN-${p.lead.bodyId}`;
  const parties = [
    compact({
      id: authorityId,
      name: context.bodyName(p.lead.bodyId),
      roles: ['publicAuthority'],
      ...(p.lead.bodyId.length === 9 ? { identifier: { scheme: 'FR-RCS', id: p.lead.bodyId } } : {}),
    }),
    ...p.partners.map((partner, i) =>
      compact({
        id: partner.siren ? `FR-RCS-${partner.siren}` : `partner-${i + 1}`,
        name: partner.name,
        roles: [partner.experimentation ? 'experimentation' : 'partner'],
        ...(partner.siren ? { identifier: { scheme: 'FR-RCS', id: partner.siren, legalName: partner.name } } : {}),
        ...(partner.siret ? { additionalIdentifiers: [{ scheme: 'FR-SIRET', id: partner.siret }] } : {}),
      }),
    ),
  ];
  const locations = [
    ...(p.communes.length > 0
      ? [
          {
            id: 'communes',
            description: 'Communes concernées',
            gazetteer: { scheme: 'FR-INSEE-COG', identifiers: [...p.communes] },
          },
        ]
      : []),
    ...(p.location?.type === 'point'
      ? [{ id: 'point', geometry: { type: 'Point', coordinates: [p.location.lon, p.location.lat] } }]
      : []),
    ...(p.location?.type === 'area'
      ? [{ id: 'area', geometry: { type: p.location.geometry.type, coordinates: p.location.geometry.coordinates } }]
      : []),
  ];
  const breakdown = budget.years.flatMap((y) =>
    (['investment', 'operating'] as const)
      .filter((kind) => y[kind].planned !== 0)
      .map((kind) => ({
        id: `${y.year}-${kind}`,
        description: `${kind === 'investment' ? 'Investissement' : 'Fonctionnement'} ${y.year}`,
        amount: euros(y[kind].planned),
        period: { startDate: instant(`${y.year}-01-01`), endDate: endOf(`${y.year}-12-31`) },
      })),
  );
  const milestones = context.milestones.map((m) =>
    compact({
      id: m.id,
      title: m.title,
      description: m.description,
      type: 'timelinePlanning',
      dueDate: instant(m.dueDate),
      ...(m.metOn ? { dateMet: instant(m.metOn) } : {}),
      dateModified: m.updatedAt,
      status: MILESTONE_STATUS[m.state],
    }),
  );
  const unit = (k: Kpi) => ({ name: k.unit });
  const metrics = [
    {
      id: 'progress',
      title: 'Avancement',
      description:
        p.children && Object.keys(p.children).length > 0 ? 'Moyenne pondérée des sous-projets' : 'Avancement déclaré',
      observations: [{ id: 'progress', measure: p.progress, unit: { name: 'percent' } }],
    },
    ...context.kpis
      .filter((k) => k.latest)
      .map((k) => ({
        id: `kpi-${k.id}`,
        title: k.name,
        observations: [
          {
            id: `${k.id}-${k.latest!.date}`,
            measure: k.latest!.value,
            unit: unit(k),
            period: { startDate: instant(k.latest!.date), endDate: endOf(k.latest!.date) },
          },
        ],
      })),
  ];
  const forecasts = context.kpis
    .filter((k) => k.target)
    .map((k) => ({
      id: `kpi-${k.id}`,
      title: k.name,
      observations: [
        {
          id: `${k.id}-target`,
          measure: k.target!.value,
          unit: unit(k),
          period: { endDate: endOf(k.target!.date) },
          ...(k.baseline ? { notes: `Valeur de référence ${k.baseline.value} ${k.unit} le ${k.baseline.date}` } : {}),
        },
      ],
    }));
  const related = [
    ...(context.parent
      ? [
          {
            id: `parent-${context.parent.id}`,
            scheme: 'oc4ids',
            identifier: oc4idsId({ territory: p.territory, id: context.parent.id }),
            relationship: 'parent',
            title: context.parent.title,
          },
        ]
      : []),
    ...context.children.map((c) => ({
      id: `child-${c.id}`,
      scheme: 'oc4ids',
      identifier: oc4idsId({ territory: p.territory, id: c.id }),
      relationship: 'child',
      title: c.title,
    })),
  ];
  return compact({
    id: oc4idsId(p),
    updated: p.updatedAt,
    language: 'fr',
    identifiers: [{ id: p.id, scheme: 'ville-ouverte' }],
    publicAuthority: { id: authorityId, name: context.bodyName(p.lead.bodyId) },
    title: p.title,
    description: p.description,
    status: statusOf(p),
    sector: [SECTORS[p.domain] ?? p.domain],
    period: compact({
      ...(p.startDate ? { startDate: instant(p.startDate) } : {}),
      ...(p.endDate ? { endDate: endOf(p.endDate) } : {}),
    }),
    locations,
    budget:
      budget.total.planned > 0
        ? compact({
            amount: euros(budget.total.planned),
            ...(breakdown.length > 0
              ? {
                  budgetBreakdowns: [
                    { id: 'by-year-and-kind', description: 'Par année et nature', budgetBreakdown: breakdown },
                  ],
                }
              : {}),
          })
        : undefined,
    parties,
    milestones,
    metrics,
    forecasts,
    relatedProjects: related,
    ...(p.status === 'finished' || p.phase === 'done'
      ? {
          completion: compact({
            endDate: p.endDate ? endOf(p.endDate) : undefined,
            finalValue: budget.total.spent > 0 ? euros(budget.total.spent) : undefined,
          }),
        }
      : {}),
  });
};

export const oc4idsPackage = (
  publisher: string,
  publishedDate: string,
  projects: readonly Record<string, unknown>[],
) => ({
  version: OC4IDS_VERSION,
  publishedDate,
  publisher: { name: publisher },
  license: OC4IDS_LICENCE,
  publicationPolicy:
    'Données ouvertes du portefeuille de projets ; montants exacts en euros (les sommes sont faites en centimes).',
  projects: [...projects],
});
