/**
 * The portfolio as CSV: one row per project, the betagouv `projets-territoire` columns where they
 * map (id, nom, description, phase, phaseStatut, dates, budgetPrevisionnel, programme, createdAt,
 * updatedAt), then the portfolio's own. Import reads the same columns, so an export imports back
 * to the same projects. Lists and objects are JSON in their cell (a Table Schema `array`/`object`);
 * a list of codes may also be written `31555;31149`. Pure.
 */
import { formatEuros } from './money';
import { budgetSummary, type Phase, type Project, type Status } from './portfolio';

/** projets-territoire's labels (its phase has no "done": a finished operation is Opération + Terminé). */
export const PHASE_LABELS: Readonly<Record<Phase, string>> = {
  idea: 'Idée',
  study: 'Étude',
  operation: 'Opération',
  done: 'Opération',
};
export const STATUS_LABELS: Readonly<Record<Status, string>> = {
  'on-track': 'En cours',
  late: 'En retard',
  paused: 'En pause',
  blocked: 'Bloqué',
  abandoned: 'Abandonné',
  finished: 'Terminé',
};

export const CSV_COLUMNS = [
  // projets-territoire
  'id',
  'nom',
  'description',
  'phase',
  'phaseStatut',
  'dateDebutPrevisionnelle',
  'dateFinPrevisionnelle',
  'budgetPrevisionnel',
  'programme',
  'createdAt',
  'updatedAt',
  // the portfolio's own
  'kind',
  'parentId',
  'owner',
  'domain',
  'portfolioPhase',
  'portfolioStatus',
  'communes',
  'leadBody',
  'leadService',
  'progress',
  'weight',
  'latitude',
  'longitude',
  'area',
  'partners',
  'consultationIds',
  'proposalIds',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** Columns an export writes for information and an import does not read (derived, or kept by the platform). */
export const READ_ONLY_COLUMNS: ReadonlySet<CsvColumn> = new Set([
  'budgetPrevisionnel',
  'programme',
  'createdAt',
  'updatedAt',
]);

/** Without these an import cannot make a project. */
export const REQUIRED_COLUMNS: readonly CsvColumn[] = ['nom', 'domain'];

const json = (value: unknown) => JSON.stringify(value);

/** A project's cells by column; `parentTitle` fills `programme`. */
export const projectCells = (p: Project, parentTitle: string | undefined): Record<CsvColumn, string> => ({
  id: p.id,
  nom: p.title,
  description: p.description,
  phase: PHASE_LABELS[p.phase],
  phaseStatut: STATUS_LABELS[p.status],
  dateDebutPrevisionnelle: p.startDate ?? '',
  dateFinPrevisionnelle: p.endDate ?? '',
  budgetPrevisionnel: formatEuros(budgetSummary(p.budget).total.planned),
  programme: parentTitle ?? '',
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
  kind: p.kind,
  parentId: p.parentId ?? '',
  owner: p.owner.level === 'territory' ? 'territory' : p.owner.insee,
  domain: p.domain,
  portfolioPhase: p.phase,
  portfolioStatus: p.status,
  communes: json(p.communes),
  leadBody: p.lead.bodyId,
  leadService: p.lead.serviceId ?? '',
  progress: String(p.progress),
  weight: p.weight === undefined ? '' : String(p.weight),
  latitude: p.location?.type === 'point' ? String(p.location.lat) : '',
  longitude: p.location?.type === 'point' ? String(p.location.lon) : '',
  area: p.location?.type === 'area' ? json(p.location.geometry) : '',
  partners: p.partners.length > 0 ? json(p.partners) : '',
  consultationIds: p.links.consultations.length > 0 ? json(p.links.consultations) : '',
  proposalIds:
    p.links.proposals.length > 0 ? json(p.links.proposals.map((l) => `${l.consultationId}/${l.proposalId}`)) : '',
});

/** A project as a CSV row (CSV_COLUMNS' order); `parentTitle` fills `programme`. */
export const projectRow = (p: Project, parentTitle: string | undefined): string[] => {
  const cells = projectCells(p, parentTitle);
  return CSV_COLUMNS.map((column) => cells[column]);
};

/** Projects in the order of the tree: each parent before its children, siblings by title. */
export const treeOrder = (projects: readonly Project[]): Project[] => {
  const byParent = new Map<string | undefined, Project[]>();
  const ids = new Set(projects.map((p) => p.id));
  for (const p of projects) {
    const parent = p.parentId && ids.has(p.parentId) ? p.parentId : undefined;
    byParent.set(parent, [...(byParent.get(parent) ?? []), p]);
  }
  const ordered: Project[] = [];
  const visit = (parent: string | undefined) => {
    for (const p of (byParent.get(parent) ?? []).sort(
      (a, b) => a.title.localeCompare(b.title, 'fr') || a.id.localeCompare(b.id),
    )) {
      ordered.push(p);
      visit(p.id);
    }
  };
  visit(undefined);
  return ordered;
};

export class CellError extends Error {}

const list = (text: string, column: string): string[] => {
  if (text.trim() === '') return [];
  if (text.trim().startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new CellError(`${column}: not a JSON list`);
    }
    if (!Array.isArray(parsed) || !parsed.every((v) => typeof v === 'string'))
      throw new CellError(`${column}: a JSON list of strings, e.g. ["31555","31149"]`);
    return parsed as string[];
  }
  return text
    .split(/[;,\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
};

const jsonCell = (text: string, column: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    throw new CellError(`${column}: not valid JSON`);
  }
};

const number = (text: string, column: string): number => {
  const value = Number(text.trim().replace(',', '.'));
  if (text.trim() === '' || !Number.isFinite(value)) throw new CellError(`${column}: "${text}" is not a number`);
  return value;
};

const labelled = <T extends string>(labels: Readonly<Record<T, string>>, text: string): T | undefined =>
  (Object.entries(labels) as [T, string][]).find(([, label]) => label.toLowerCase() === text.trim().toLowerCase())?.[0];

/**
 * A row as the request body of a project (the API's schema then checks it), or the cells that
 * cannot be read. Empty cells are left out, so the body's defaults apply.
 */
export const bodyOfRow = (
  cells: Readonly<Partial<Record<CsvColumn, string>>>,
): { body: Record<string, unknown>; errors: string[] } => {
  const errors: string[] = [];
  const body: Record<string, unknown> = {};
  const get = (column: CsvColumn) => {
    const value = cells[column];
    return value === undefined || value.trim() === '' ? undefined : value;
  };
  const read = (fn: () => void) => {
    try {
      fn();
    } catch (error) {
      if (error instanceof CellError) errors.push(error.message);
      else throw error;
    }
  };
  const text = (column: CsvColumn, field: string) => {
    const value = get(column);
    if (value !== undefined) body[field] = value;
  };
  text('nom', 'title');
  text('description', 'description');
  text('kind', 'kind');
  text('parentId', 'parentId');
  text('domain', 'domain');
  text('dateDebutPrevisionnelle', 'startDate');
  text('dateFinPrevisionnelle', 'endDate');
  // The portfolio's own phase and status win over projets-territoire's labels.
  const phase = get('portfolioPhase');
  const phaseLabel = get('phase');
  if (phase !== undefined) body.phase = phase;
  else if (phaseLabel !== undefined) body.phase = labelled(PHASE_LABELS, phaseLabel) ?? phaseLabel;
  const status = get('portfolioStatus');
  const statusLabel = get('phaseStatut');
  if (status !== undefined) body.status = status;
  else if (statusLabel !== undefined) body.status = labelled(STATUS_LABELS, statusLabel) ?? statusLabel;
  const owner = get('owner');
  if (owner !== undefined)
    body.owner = owner === 'territory' ? { level: 'territory' } : { level: 'commune', insee: owner };
  read(() => {
    const communes = get('communes');
    if (communes !== undefined) body.communes = list(communes, 'communes');
  });
  const leadBody = get('leadBody');
  const leadService = get('leadService');
  if (leadBody !== undefined) body.lead = { bodyId: leadBody, ...(leadService ? { serviceId: leadService } : {}) };
  else if (leadService !== undefined) errors.push('leadService: given without leadBody');
  read(() => {
    const progress = get('progress');
    if (progress !== undefined) body.progress = number(progress, 'progress');
  });
  read(() => {
    const weight = get('weight');
    if (weight !== undefined) body.weight = number(weight, 'weight');
  });
  read(() => {
    const [lat, lon, area] = [get('latitude'), get('longitude'), get('area')];
    if (area !== undefined && (lat !== undefined || lon !== undefined))
      throw new CellError('location: a point (latitude, longitude) or an area, not both');
    if (area !== undefined) body.location = { type: 'area', geometry: jsonCell(area, 'area') };
    else if (lat !== undefined || lon !== undefined) {
      if (lat === undefined || lon === undefined) throw new CellError('location: latitude and longitude go together');
      body.location = { type: 'point', lat: number(lat, 'latitude'), lon: number(lon, 'longitude') };
    }
  });
  read(() => {
    const partners = get('partners');
    if (partners !== undefined) body.partners = jsonCell(partners, 'partners');
  });
  read(() => {
    const consultations = get('consultationIds');
    const proposals = get('proposalIds');
    if (consultations === undefined && proposals === undefined) return;
    body.links = {
      consultations: consultations === undefined ? [] : list(consultations, 'consultationIds'),
      proposals: (proposals === undefined ? [] : list(proposals, 'proposalIds')).map((ref) => {
        const [consultationId, proposalId, extra] = ref.split('/');
        if (!consultationId || !proposalId || extra !== undefined)
          throw new CellError(`proposalIds: "${ref}" is not <consultationId>/<proposalId>`);
        return { consultationId, proposalId };
      }),
    };
  });
  return { body, errors };
};
