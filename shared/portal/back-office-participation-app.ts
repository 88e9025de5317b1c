/**
 * What the back office's participation pages show and do, through the participation use cases
 * (never the table): the agent's territory and the consultations they manage, a consultation's
 * moderation queue with each content and its flags' reasons, the consultation forms (validated
 * here, then refused or accepted by the use cases, which check the agent's rights again).
 */
import * as z from 'zod';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../kernel/errors';
import type { Principal } from '../kernel/principal';
import { Ulid } from '../kernel/schemas';
import { createConsultation } from '../participation/create-consultation-app';
import { canManage } from '../participation/participation-access';
import { participation } from '../participation/participation-app';
import { BALLOT_METHODS, isAfter, PHASES, type Consultation, type Phase } from '../participation/participation';
import { BoundaryGeometry } from '../territory/territory-shared-schemas';
import { formErrorsFrom, type FieldLabels, type FormErrors } from './form-errors';
import type { Messages } from './i18n';
import { timelineOf } from './participation-pages-app';
import { territory } from './portal-app';

export { participation };

const MODERATION_PAGE = 20;
const CONSULTATIONS_PAGE = 50;
/** Consultations offered in the moderation queue's choice (the most recent first). */
const CHOICE_PAGE = 100;

/** The territory the agent works for; an agent without one has nothing here. */
export const agentSiren = (principal: Principal): string => {
  if (!principal.territory) throw new ForbiddenError('This account belongs to no territory');
  return principal.territory;
};

const communeNames = async (siren: string): Promise<ReadonlyMap<string, string>> =>
  new Map((await territory.listCommunes(siren)).map((c) => [c.insee, c.name]));

export const scopeName = (t: Messages, c: Consultation, names: ReadonlyMap<string, string>): string =>
  c.scope.level === 'territory'
    ? t.backOfficeParticipation.consultations.territory
    : (names.get(c.scope.insee) ?? c.scope.insee);

/** A use case's refusal in French: this area's rules first, then the portal's. */
export const participationRefusal = (
  t: Messages,
  error: unknown,
  labels: FieldLabels,
  ruleFields: Readonly<Record<string, string>> = {},
): FormErrors | undefined => formErrorsFrom(t, error, labels, ruleFields, t.backOfficeParticipation.rules);

// ——— moderation ———

export type ModerationStatus = 'pending' | 'hidden';
type Queue = Awaited<ReturnType<typeof participation.moderationQueue>>;
export type ModerationItem = Queue['items'][number] & { readonly proposalTitle?: string };

export interface ModerationView {
  readonly consultations: readonly { readonly id: string; readonly title: string }[];
  readonly consultationId?: string;
  readonly status: ModerationStatus;
  readonly items: readonly ModerationItem[];
  readonly cursor?: string;
}

export const loadModeration = async (
  principal: Principal,
  query: { consultationId?: string; status: ModerationStatus; cursor?: string },
): Promise<ModerationView> => {
  const siren = agentSiren(principal);
  const list = await participation.listConsultations(siren, { limit: CHOICE_PAGE });
  const consultations = list.items.filter((c) => canManage(principal, c)).map((c) => ({ id: c.id, title: c.title }));
  if (!query.consultationId) return { consultations, status: query.status, items: [] };
  const queue = await participation.moderationQueue(principal, siren, query.consultationId, query.status, {
    limit: MODERATION_PAGE,
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  // A comment is shown with the title of its proposal.
  const titles = new Map<string, string>();
  for (const item of queue.items) if ('title' in item.content) titles.set(item.content.id, item.content.title);
  const items = await Promise.all(
    queue.items.map(async (item) => {
      if (item.target.kind === 'proposal') return item;
      const { proposalId } = item.target;
      if (!titles.has(proposalId)) {
        const found = await participation
          .getProposal(principal, siren, query.consultationId!, proposalId)
          .then((p) => p.proposal.title)
          .catch(() => proposalId);
        titles.set(proposalId, found);
      }
      return { ...item, proposalTitle: titles.get(proposalId) };
    }),
  );
  // The chosen consultation is offered even when older than the choice's page.
  const chosen = consultations.some((c) => c.id === query.consultationId)
    ? consultations
    : [
        ...consultations,
        {
          id: query.consultationId,
          title: (await participation.getConsultation(siren, query.consultationId)).consultation.title,
        },
      ];
  return {
    consultations: chosen,
    consultationId: query.consultationId,
    status: query.status,
    items,
    ...(queue.cursor ? { cursor: queue.cursor } : {}),
  };
};

export const ModerationForm = z.object({
  consultation: Ulid('a consultation id'),
  proposalId: Ulid('a proposal id'),
  commentId: Ulid('a comment id').optional(),
  acte: z.enum(['masquer', 'retablir']),
  reason: z.string().trim().min(3).max(500).optional(),
});
export type ModerationInput = z.output<typeof ModerationForm>;

/** Hides or restores; `stale` when someone did it meanwhile (the page then shows the state as it is). */
export const moderateContent = async (principal: Principal, input: ModerationInput): Promise<'done' | 'stale'> => {
  const siren = agentSiren(principal);
  const target = input.commentId
    ? { kind: 'comment' as const, proposalId: input.proposalId, commentId: input.commentId }
    : { kind: 'proposal' as const, proposalId: input.proposalId };
  try {
    if (input.acte === 'masquer') {
      if (!input.reason)
        throw new InvalidInputError('A public reason is needed', [{ path: 'reason', message: 'required' }]);
      await participation.moderate(principal, siren, input.consultation, target, input.reason);
    } else {
      await participation.moderate(principal, siren, input.consultation, target, null);
    }
    return 'done';
  } catch (error) {
    // Already hidden, already restored, or changed between the read and the write.
    if (error instanceof ConflictError) return 'stale';
    throw error;
  }
};

// ——— consultations ———

export interface ConsultationRow {
  readonly consultation: Consultation;
  readonly scopeName: string;
  readonly manageable: boolean;
}

export const loadConsultationRows = async (
  t: Messages,
  principal: Principal,
  cursor?: string,
): Promise<{ rows: ConsultationRow[]; cursor?: string }> => {
  const siren = agentSiren(principal);
  const [names, list] = await Promise.all([
    communeNames(siren),
    participation.listConsultations(siren, { limit: CONSULTATIONS_PAGE, ...(cursor ? { cursor } : {}) }),
  ]);
  return {
    rows: list.items.map((c) => ({
      consultation: c,
      scopeName: scopeName(t, c, names),
      manageable: canManage(principal, c),
    })),
    ...(list.cursor ? { cursor: list.cursor } : {}),
  };
};

/** The scopes an agent may create a consultation for: their commune, or the territory and every commune. */
export const scopeChoices = async (t: Messages, principal: Principal) => {
  const siren = agentSiren(principal);
  const communes = (await territory.listCommunes(siren)).sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  if (principal.role !== 'admin' && principal.commune) {
    return communes.filter((c) => c.insee === principal.commune).map((c) => ({ value: c.insee, label: c.name }));
  }
  return [
    { value: 'territoire', label: t.backOfficeParticipation.consultations.territory },
    ...communes.map((c) => ({ value: c.insee, label: c.name })),
  ];
};

/**
 * What the area map of the consultation form draws as context: the territory's communes (their
 * boundaries come from the public API, GET /territories/{siren}/communes/{insee}) and their box.
 */
export const areaMapOf = async (principal: Principal): Promise<AreaMapView> => {
  const siren = agentSiren(principal);
  return areaMapFrom(siren, await territory.listCommunes(siren));
};
const areaMapFrom = (
  siren: string,
  all: readonly {
    readonly insee: string;
    readonly boundary?: { readonly bbox: readonly [number, number, number, number] };
  }[],
): AreaMapView => {
  const communes = all.filter((c) => c.boundary);
  const boxes = communes.map((c) => c.boundary!.bbox);
  return {
    siren,
    communes: communes.map((c) => c.insee),
    ...(boxes.length > 0
      ? {
          bbox: [
            Math.min(...boxes.map((b) => b[0])),
            Math.min(...boxes.map((b) => b[1])),
            Math.max(...boxes.map((b) => b[2])),
            Math.max(...boxes.map((b) => b[3])),
          ] as const,
        }
      : {}),
  };
};
export interface AreaMapView {
  readonly siren: string;
  readonly communes: readonly string[];
  readonly bbox?: readonly [number, number, number, number];
}

/**
 * A `datetime-local` value read as Paris time, as an ISO instant with its offset. The offset is
 * the one Paris has at that moment (+01:00 or +02:00), found with Intl.
 */
export const parisInstant = (local: string): string | undefined => {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) return undefined;
  const [y, mo, d, h, mi] = match.slice(1).map(Number) as [number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  if (Number.isNaN(asUtc)) return undefined;
  const offsetAt = (instant: number) => {
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Paris',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    }).formatToParts(new Date(instant));
    const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute')) - instant;
  };
  const first = asUtc - offsetAt(asUtc);
  return new Date(asUtc - offsetAt(first)).toISOString();
};

/** An ISO instant as a `datetime-local` value in Paris time. */
export const parisLocal = (iso: string): string => {
  const text = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
  return text.replace(' ', 'T');
};

const blankIsAbsent = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankIsAbsent, schema.optional());
const LocalDate = z
  .string()
  .refine((text) => parisInstant(text) !== undefined, 'a date and time')
  .transform((text) => parisInstant(text)!);
const Whole = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v),
    z.number().int().min(min).max(max),
  );
const Euros = z.preprocess(
  (v) => (typeof v === 'string' && /^\s*[\d\s\u00a0\u202f]+\s*$/.test(v) ? Number(v.replace(/\s/g, '')) : v),
  z.number().int().positive().max(1_000_000_000),
);

export const NewConsultationForm = z.object({
  title: z.string().trim().min(3).max(200),
  body: z.string().trim().min(1).max(20_000),
  scope: z.string().regex(/^(territoire|\d[\dAB]\d{3})$/),
  area: optional(z.string().max(900_000)),
  information: optional(LocalDate),
  proposals: optional(LocalDate),
  voting: optional(LocalDate),
  closed: optional(LocalDate),
  results: optional(LocalDate),
  residents: z.enum(['anyone', 'scope']).default('anyone'),
  acceptDeclaredResidence: optional(z.literal('oui')),
  minimumAge: optional(Whole(0, 120)),
  budgetAmount: optional(Euros),
  budgetMethod: optional(z.enum(BALLOT_METHODS)),
  minSelections: optional(Whole(0, 100)),
  maxSelections: optional(Whole(1, 100)),
});
export type NewConsultationInput = z.output<typeof NewConsultationForm>;

export const newConsultationLabels = (t: Messages): FieldLabels => t.backOfficeParticipation.form.fields;

/** Creates the consultation; a field the form cannot take is an InvalidInputError naming it. */
export const createFromForm = async (t: Messages, principal: Principal, input: NewConsultationInput) => {
  const siren = agentSiren(principal);
  const f = t.backOfficeParticipation.form;
  let area: z.output<typeof BoundaryGeometry> | undefined;
  if (input.area) area = areaOf(t, input.area);
  const budgetGiven = [input.budgetAmount, input.budgetMethod, input.maxSelections].filter((v) => v !== undefined);
  if (budgetGiven.length > 0 && budgetGiven.length < 3) {
    throw new FormRefusal({ fields: { budgetAmount: f.budgetIncomplete }, general: [] });
  }
  const schedule = Object.fromEntries(
    PHASES.map((phase) => [phase, input[phase]] as const).filter(([, at]) => at !== undefined),
  );
  return createConsultation(principal, siren, {
    scope: input.scope === 'territoire' ? { level: 'territory' } : { level: 'commune', insee: input.scope },
    title: input.title,
    body: input.body,
    ...(area ? { area } : {}),
    schedule,
    eligibility: {
      residents: input.residents,
      acceptDeclaredResidence: input.acceptDeclaredResidence === 'oui',
      ...(input.minimumAge !== undefined ? { minimumAge: input.minimumAge } : {}),
    },
    ...(input.budgetAmount !== undefined && input.budgetMethod && input.maxSelections !== undefined
      ? {
          budget: {
            amount: input.budgetAmount,
            method: input.budgetMethod,
            minSelections: input.minSelections ?? 1,
            maxSelections: input.maxSelections,
          },
        }
      : {}),
  });
};

/** A refusal the page computed itself (not a use case's): shown as it is. */
export class FormRefusal extends Error {
  constructor(readonly errors: FormErrors) {
    super('form refused');
  }
}

// ——— one consultation ———

export const loadConsultationForAgent = async (t: Messages, principal: Principal, id: string) => {
  const siren = agentSiren(principal);
  const [{ consultation, area, counts }, communes] = await Promise.all([
    participation.getConsultation(siren, id),
    territory.listCommunes(siren),
  ]);
  const names = new Map(communes.map((c) => [c.insee, c.name]));
  const manageable = canManage(principal, consultation);
  const projectsOpen = consultation.budget !== undefined && !isAfter(consultation.phase, 'proposals');
  const [projects, proposals] = await Promise.all([
    consultation.budget ? participation.listProjects(siren, id) : Promise.resolve([]),
    manageable && projectsOpen
      ? participation.listProposals(principal, siren, id, 'supported', { limit: 100 }).then((p) => p.items)
      : Promise.resolve([]),
  ]);
  const retained = new Set(projects.map((p) => p.proposalId).filter(Boolean));
  return {
    consultation,
    hasArea: area !== undefined,
    /** The map to draw a new area on (the edit form, before proposals open). */
    areaMap: areaMapFrom(siren, communes),
    counts,
    scopeName: scopeName(t, consultation, names),
    manageable,
    projectsOpen,
    projects,
    proposals: proposals.filter((p) => !retained.has(p.id)).map((p) => ({ id: p.id, title: p.title })),
    nextPhases: nextPhasesOf(consultation),
    timeline: timelineOf(consultation),
  };
};
export type AgentConsultationView = Awaited<ReturnType<typeof loadConsultationForAgent>>;

/** Where a consultation may go from its phase: forward (voting only with a budget), or back to voting once closed. */
export const nextPhasesOf = (c: Consultation): Phase[] => {
  const forward = PHASES.filter((p) => isAfter(p, c.phase) && (p !== 'voting' || c.budget !== undefined));
  const reopen: Phase[] = c.phase === 'closed' && c.budget && !c.resultsComputedAt ? ['voting'] : [];
  return [...reopen, ...forward];
};

export const PhaseForm = z.object({
  acte: z.literal('etape'),
  phase: z.enum(PHASES),
  reason: z.string().trim().min(3).max(500),
});
export const ProjectForm = z.object({
  acte: z.literal('projet'),
  proposalId: optional(Ulid('a proposal id')),
  // Named apart from the edit form's fields, which share the page (distinct ids).
  projectTitle: optional(z.string().trim().min(3).max(150)),
  projectDescription: optional(z.string().trim().min(1).max(5000)),
  cost: Euros,
});
export const RemoveProjectForm = z.object({ acte: z.literal('retirer-projet'), projectId: Ulid('a project id') });

/** The edit form: what the agent may still change (the page shows only those fields). */
export const EditForm = z.object({
  acte: z.literal('modifier'),
  version: Whole(1, Number.MAX_SAFE_INTEGER),
  title: z.string().trim().min(3).max(200),
  body: z.string().trim().min(1).max(20_000),
  proposals: optional(LocalDate),
  voting: optional(LocalDate),
  closed: optional(LocalDate),
  results: optional(LocalDate),
  residents: optional(z.enum(['anyone', 'scope'])),
  acceptDeclaredResidence: optional(z.literal('oui')),
  minimumAge: optional(Whole(0, 120)),
  area: optional(z.string().max(900_000)),
  removeArea: optional(z.literal('oui')),
});
export type EditInput = z.output<typeof EditForm>;

export const editLabels = (t: Messages): FieldLabels => {
  const f = t.backOfficeParticipation.form.fields;
  return {
    title: f.title,
    body: f.body,
    proposals: f.proposals,
    voting: f.voting,
    closed: f.closed,
    results: f.results,
    residents: f.residents,
    minimumAge: f.minimumAge,
    area: f.area,
  };
};

/** The area typed as GeoJSON text (a Feature is taken for its geometry); a FormRefusal when it is not one. */
const areaOf = (t: Messages, text: string) => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const geometry =
    parsed && typeof parsed === 'object' && 'geometry' in parsed ? (parsed as { geometry: unknown }).geometry : parsed;
  const checked = BoundaryGeometry.safeParse(geometry);
  if (!checked.success) {
    throw new FormRefusal({ fields: { area: t.backOfficeParticipation.form.areaInvalid }, general: [] });
  }
  return checked.data;
};

/** Saves the edit; `stale` when someone changed the consultation since the form was read. */
export const editFromForm = async (
  t: Messages,
  principal: Principal,
  id: string,
  input: EditInput,
): Promise<'done' | 'stale'> => {
  const siren = agentSiren(principal);
  const { consultation: c } = await participation.getConsultation(siren, id);
  const schedule = Object.fromEntries(
    (['proposals', 'voting', 'closed', 'results'] as const)
      .filter((phase) => isAfter(phase, c.phase))
      .map((phase) => [phase, input[phase] ?? null]),
  );
  const before = c.phase === 'information';
  try {
    await participation.editConsultation(principal, siren, id, {
      title: input.title,
      body: input.body,
      version: input.version,
      schedule,
      ...(before && input.residents
        ? {
            eligibility: {
              residents: input.residents,
              acceptDeclaredResidence: input.acceptDeclaredResidence === 'oui',
              ...(input.minimumAge !== undefined ? { minimumAge: input.minimumAge } : {}),
            },
          }
        : {}),
      ...(before && input.removeArea ? { area: null } : before && input.area ? { area: areaOf(t, input.area) } : {}),
    });
    return 'done';
  } catch (error) {
    if (error instanceof ConflictError) return 'stale';
    throw error;
  }
};

/** A consultation's values as the edit form shows them (dates in Paris time). */
export const editValues = (c: Consultation): Readonly<Record<string, string | undefined>> => ({
  version: String(c.version),
  title: c.title,
  body: c.body,
  proposals: c.schedule.proposals ? parisLocal(c.schedule.proposals) : undefined,
  voting: c.schedule.voting ? parisLocal(c.schedule.voting) : undefined,
  closed: c.schedule.closed ? parisLocal(c.schedule.closed) : undefined,
  results: c.schedule.results ? parisLocal(c.schedule.results) : undefined,
  residents: c.eligibility.residents,
  acceptDeclaredResidence: c.eligibility.acceptDeclaredResidence ? 'oui' : undefined,
  minimumAge: c.eligibility.minimumAge === undefined ? undefined : String(c.eligibility.minimumAge),
});

export const phaseLabels = (t: Messages): FieldLabels => {
  const c = t.backOfficeParticipation.consultation;
  return { phase: c.movePhase, reason: c.moveReason };
};
export const projectLabels = (t: Messages): FieldLabels => {
  const c = t.backOfficeParticipation.consultation;
  return {
    proposalId: c.proposal,
    projectTitle: c.projectTitle,
    projectDescription: c.projectDescription,
    cost: c.cost,
  };
};

export { NotFoundError };
