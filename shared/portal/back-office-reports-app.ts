/**
 * What the back office's reports pages show and do, through the reports and territory use cases
 * (never the table): the inbox of a body (one index page per request, counts per status, the time
 * left in the body's business hours), a report with its acts (each from the version read; a stale
 * one is told, not applied), and filing a report for a citizen (the portal's report form, plus the
 * channel and the caller's contact).
 */
import * as z from 'zod';
import { defaultBodyCalendar } from '../calendar/business-calendar';
import { slaStateOf, type SlaState } from './back-office-reports-sla';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError, RuleViolationError } from '../kernel/errors';
import { ULID_PATTERN } from '../kernel/ids';
import { isTerritoryAdmin, type Principal } from '../kernel/principal';
import type { FileReportInput } from '../reports/filing-use-cases';
import type { StatusCount } from '../reports/report-ports';
import {
  canManage,
  isOpen,
  nextStatuses,
  REPORT_STATUSES,
  type Contact,
  type HistoryEntry,
  type Report,
  type ReportStatus,
} from '../reports/report';
import { reports } from '../reports/reports-app';
import { resolveCompetence, type Body, type Category } from '../territory/territory';
import type { REPORT_ACT_NOTICES } from './back-office-reports-pages-routes';
import type { FieldLabels, FormErrors } from './form-errors';
import type { Messages } from './i18n';
import { portalTerritory, territory } from './portal-app';

export const INBOX_PAGE_SIZE = 50;
/** Around a report, the open ones of its category offered as its original. */
const NEARBY_RADIUS = 300;

const requireTerritory = async (): Promise<string> => {
  const siren = await portalTerritory();
  if (!siren) throw new NotFoundError('No territory is configured');
  return siren;
};

export type { SlaKind, SlaState } from './back-office-reports-sla';

const calendarsOf = (bodies: readonly Body[]) => {
  const byId = new Map(bodies.map((b) => [b.id, b.sla?.calendar ?? defaultBodyCalendar]));
  return (bodyId: string) => byId.get(bodyId) ?? defaultBodyCalendar;
};

const byName = <T extends { readonly name: string }>(items: readonly T[]) =>
  [...items].sort((a, b) => a.name.localeCompare(b.name, 'fr'));

// ——— The inbox ———

/** The inbox's query as its GET form sends it (empty choices already absent). */
export const InboxQuery = z.object({
  organisme: z.string().max(20).optional(),
  statut: z.enum(REPORT_STATUSES).optional(),
  categorie: z.string().max(40).optional(),
  commune: z
    .string()
    .regex(/^(\d{5}|2[AB]\d{3})$/)
    .optional(),
  retard: z.literal('oui').optional(),
  du: z.iso.date().optional(),
  au: z.iso.date().optional(),
  ordre: z.enum(['recents', 'anciens']).optional(),
  suite: z.string().max(2000).optional(),
});
export type InboxQuery = z.output<typeof InboxQuery>;

export interface InboxRow {
  readonly id: string;
  readonly createdAt: string;
  readonly categoryName: string;
  readonly communeName: string;
  readonly status: ReportStatus;
  readonly address?: string;
  readonly dueAt?: string;
  readonly sla: SlaState;
}

export interface InboxView {
  readonly body: { readonly id: string; readonly name: string; readonly kind: Body['kind'] };
  /** An admin chooses the body; others see their own. */
  readonly bodies?: readonly { readonly id: string; readonly name: string }[];
  readonly categories: readonly { readonly code: string; readonly name: string }[];
  /** The communes to filter on (a commune's body: none, it is one commune). */
  readonly communes: readonly { readonly insee: string; readonly name: string }[];
  readonly query: InboxQuery;
  readonly counts: Readonly<Record<ReportStatus, StatusCount>>;
  readonly rows: readonly InboxRow[];
  readonly cursor?: string;
  /** The dates cross: nothing is listed, the form says why. */
  readonly datesCrossed: boolean;
}

/** The body an agent works for: their commune's, the metropolis's; an admin's choice (the metropolis first). */
const bodyFor = (principal: Principal, siren: string, bodies: readonly Body[], chosen: string | undefined): Body => {
  const find = (id: string) => bodies.find((b) => b.id === id);
  if (isTerritoryAdmin(principal, siren)) return (chosen ? find(chosen) : undefined) ?? find(siren) ?? bodies[0]!;
  if (principal.role !== 'agent' || principal.territory !== siren) {
    throw new ForbiddenError(`Only the agents of territory ${siren} have an inbox here`);
  }
  const own = find(principal.commune ?? siren);
  if (!own) throw new NotFoundError(`No body ${principal.commune ?? siren} in territory ${siren}`);
  return own;
};

export const loadInbox = async (principal: Principal, query: InboxQuery, now = new Date()): Promise<InboxView> => {
  const siren = await requireTerritory();
  const [bodies, categories, communes] = await Promise.all([
    territory.listBodies(siren),
    territory.listCategories(siren),
    territory.listCommunes(siren),
  ]);
  if (bodies.length === 0) throw new NotFoundError(`Territory ${siren} has no body`);
  const body = bodyFor(principal, siren, bodies, query.organisme);
  const datesCrossed = query.du !== undefined && query.au !== undefined && query.du > query.au;
  // A filter naming nothing of this territory is no filter (a GET form edited by hand).
  const category = categories.find((c) => c.code === query.categorie)?.code;
  const commune = body.kind === 'territory' ? communes.find((c) => c.insee === query.commune)?.insee : undefined;
  const [page, counts] = await Promise.all([
    datesCrossed
      ? Promise.resolve({ items: [] as Report[] })
      : reports.listForBody(principal, siren, body.id, {
          ...(query.statut ? { status: query.statut } : {}),
          ...(category ? { category } : {}),
          ...(commune ? { commune } : {}),
          ...(query.retard ? { overdue: true } : {}),
          ...(query.du ? { from: query.du } : {}),
          ...(query.au ? { to: query.au } : {}),
          order: query.ordre === 'anciens' ? 'oldest' : 'newest',
          limit: INBOX_PAGE_SIZE,
          ...(query.suite ? { cursor: query.suite } : {}),
        }),
    reports.countForBody(principal, siren, body.id),
  ]);
  const categoryNames = new Map(categories.map((c) => [c.code, c.name]));
  const communeNames = new Map(communes.map((c) => [c.insee, c.name]));
  const calendarOf = calendarsOf(bodies);
  return {
    body: { id: body.id, name: body.name, kind: body.kind },
    ...(isTerritoryAdmin(principal, siren)
      ? {
          bodies: [
            ...bodies.filter((b) => b.kind === 'territory'),
            ...byName(bodies.filter((b) => b.kind !== 'territory')),
          ].map((b) => ({ id: b.id, name: b.name })),
        }
      : {}),
    categories: byName(categories).map((c) => ({ code: c.code, name: c.name })),
    communes: body.kind === 'territory' ? byName(communes).map((c) => ({ insee: c.insee, name: c.name })) : [],
    query: {
      ...query,
      ...(category ? { categorie: category } : { categorie: undefined }),
      ...(commune ? { commune } : { commune: undefined }),
      ...(body.id !== query.organisme ? { organisme: isTerritoryAdmin(principal, siren) ? body.id : undefined } : {}),
    },
    counts,
    rows: page.items.map((r) => ({
      id: r.id,
      createdAt: r.createdAt,
      categoryName: categoryNames.get(r.category) ?? r.category,
      communeName: communeNames.get(r.commune) ?? r.commune,
      status: r.status,
      ...(r.address ? { address: r.address } : {}),
      ...(r.dueAt ? { dueAt: r.dueAt } : {}),
      sla: slaStateOf(r, calendarOf(r.bodyId), now),
    })),
    ...('cursor' in page && page.cursor ? { cursor: page.cursor } : {}),
    datesCrossed,
  };
};

// ——— A report ———

/** The acts of the report page, as its forms name them (`acte`). */
export const ACTS = ['prendre-en-compte', 'commencer', 'resoudre', 'rejeter', 'doublon', 'categorie', 'note'] as const;
export type Act = (typeof ACTS)[number];

/** What each act's 303 asks the report page to say. */
export const ACT_NOTICES = {
  'prendre-en-compte': 'pris-en-compte',
  commencer: 'commence',
  resoudre: 'resolu',
  rejeter: 'rejete',
  doublon: 'doublon',
  categorie: 'categorie',
  note: 'note',
} as const satisfies Record<Act, (typeof REPORT_ACT_NOTICES)[number]>;
export type ActNotice = (typeof ACT_NOTICES)[Act];

export interface CategoryDestination {
  readonly code: string;
  readonly name: string;
  /** The body (and service) the competence table gives for this report's commune. */
  readonly destination: string;
}

export interface ReportDetailView {
  readonly report: Report;
  readonly categoryName: string;
  readonly communeName: string;
  readonly handledBy: string;
  readonly history: readonly HistoryEntry[];
  readonly categoryNames: ReadonlyMap<string, string>;
  readonly photoUrls: readonly string[];
  readonly contact?: Contact;
  readonly sla: SlaState;
  /** The visitor may act on it (the API would let them). */
  readonly manages: boolean;
  /** The acts the workflow allows from its status, for who manages it. */
  readonly acts: readonly Act[];
  readonly nearby: readonly {
    readonly id: string;
    readonly categoryName: string;
    readonly where: string;
    readonly distanceMetres: number;
    readonly status: ReportStatus;
  }[];
  readonly categories: readonly CategoryDestination[];
}

const destinationOf = (bodies: readonly Body[], bodyId: string, service: string | undefined) => {
  const body = bodies.find((b) => b.id === bodyId);
  const name = body?.name ?? bodyId;
  const serviceName = service ? (body?.services.find((s) => s.id === service)?.name ?? service) : undefined;
  return serviceName ? `${name} (service ${serviceName})` : name;
};

const actsFor = (report: Report): Act[] => {
  const next = nextStatuses(report.status);
  const acts: Act[] = [];
  if (next.includes('acknowledged')) acts.push('prendre-en-compte');
  // From "resolved", in_progress is a reopening: the reporter's (or a new report's) doing, not offered here.
  if (next.includes('in_progress') && report.status !== 'resolved') acts.push('commencer');
  if (next.includes('resolved')) acts.push('resoudre');
  if (next.includes('rejected')) acts.push('rejeter');
  if (next.includes('duplicate')) acts.push('doublon');
  if (isOpen(report.status)) acts.push('categorie');
  acts.push('note');
  return acts;
};

export const loadReportDetail = async (principal: Principal, reportId: string): Promise<ReportDetailView> => {
  const siren = await requireTerritory();
  // 403 (in words) to whom the API would refuse the details: another commune's agent.
  const [{ report, history, photoUrls }, categories, bodies, communes] = await Promise.all([
    reports.getDetails(principal, siren, reportId),
    territory.listCategories(siren),
    territory.listBodies(siren),
    territory.listCommunes(siren),
  ]);
  const categoryNames = new Map(categories.map((c) => [c.code, c.name]));
  const communeNames = new Map(communes.map((c) => [c.insee, c.name]));
  const manages = canManage(principal, report);
  const nearby = isOpen(report.status)
    ? (
        await reports.nearby(siren, {
          category: report.category,
          lat: report.location.lat,
          lon: report.location.lon,
          radius: NEARBY_RADIUS,
        })
      ).filter((n) => n.report.id !== report.id)
    : [];
  const active = byName(categories.filter((c: Category) => c.active !== false && c.code !== report.category));
  return {
    report,
    categoryName: categoryNames.get(report.category) ?? report.category,
    communeName: communeNames.get(report.commune) ?? report.commune,
    handledBy: destinationOf(bodies, report.bodyId, report.service),
    history,
    categoryNames,
    photoUrls,
    ...(report.contact ? { contact: report.contact } : {}),
    sla: slaStateOf(report, calendarsOf(bodies)(report.bodyId), new Date()),
    manages,
    acts: manages ? actsFor(report) : [],
    nearby: nearby.map((n) => ({
      id: n.report.id,
      categoryName: categoryNames.get(n.report.category) ?? n.report.category,
      where: n.report.address ?? communeNames.get(n.report.commune) ?? n.report.commune,
      distanceMetres: n.distanceMetres,
      status: n.report.status,
    })),
    categories: active.map((c) => {
      const competence = resolveCompetence(siren, c, report.commune);
      return { code: c.code, name: c.name, destination: destinationOf(bodies, competence.bodyId, competence.service) };
    }),
  };
};

const Version = z.coerce.number().int().min(1);
const Text = (max: number) => z.string().trim().min(1).max(max);
const OptionalText = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.string().trim().max(max).optional(),
  );

/** Each act's form: its fields (names unique on the page, so each error sits next to its own field). */
const ACT_FORMS = {
  'prendre-en-compte': z.object({ version: Version }),
  commencer: z.object({ version: Version }),
  resoudre: z.object({ version: Version, 'resoudre-note': Text(2000), 'resoudre-interne': OptionalText(5000) }),
  rejeter: z.object({ version: Version, 'rejeter-motif': Text(2000), 'rejeter-interne': OptionalText(5000) }),
  doublon: z.object({
    version: Version,
    'doublon-de': z.string().trim().toUpperCase().regex(ULID_PATTERN),
    'doublon-interne': OptionalText(5000),
  }),
  categorie: z.object({
    version: Version,
    'nouvelle-categorie': z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/),
    'categorie-interne': OptionalText(5000),
  }),
  note: z.object({ version: Version, 'note-interne': Text(5000) }),
} as const satisfies Record<Act, z.ZodType>;

export const actLabels = (t: Messages): FieldLabels => {
  const r = t.backOfficeReports.report;
  return {
    'resoudre-note': r.resolveNote,
    'resoudre-interne': r.internalNote,
    'rejeter-motif': r.rejectReason,
    'rejeter-interne': r.internalNote,
    'doublon-de': r.duplicateChoice,
    'doublon-interne': r.internalNote,
    'nouvelle-categorie': r.newCategory,
    'categorie-interne': r.internalNote,
    'note-interne': r.note,
  };
};

/** A rule refusing an act, next to the field it concerns. */
const RULE_FIELDS: Readonly<Record<string, string>> = {
  'rejection-reason': 'rejeter-motif',
  'duplicate-of-another': 'doublon-de',
  'duplicate-of-original': 'doublon-de',
  'category-exists': 'nouvelle-categorie',
  'category-active': 'nouvelle-categorie',
};

export type ActOutcome =
  | { readonly kind: 'done'; readonly notice: ActNotice }
  | { readonly kind: 'refused'; readonly act: Act; readonly errors: FormErrors; readonly status: 400 | 422 }
  | { readonly kind: 'stale' };

/**
 * An act posted from the report page: checked with its form's schema, then done by the use case
 * from the version read. A change made meanwhile (409 in the API) is `stale`: nothing written.
 */
export const submitAct = async (
  t: Messages,
  principal: Principal,
  reportId: string,
  body: Readonly<Record<string, unknown>>,
  readForm: <S extends z.ZodType>(
    schema: S,
    labels: FieldLabels,
  ) => { readonly ok: true; readonly value: z.output<S> } | { readonly ok: false; readonly errors: FormErrors },
): Promise<ActOutcome> => {
  const siren = await requireTerritory();
  const act = ACTS.find((a) => a === body.acte);
  if (!act) throw new InvalidInputError('Unknown act', [{ path: 'body.acte', message: 'unknown act' }]);
  const r = t.backOfficeReports.report;
  const labels = actLabels(t);
  const read = readForm(ACT_FORMS[act], labels);
  if (!read.ok) return { kind: 'refused', act, errors: read.errors, status: 400 };
  const form = read.value as Record<string, unknown> & { version: number };
  const text = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : undefined);
  const internal = (name: string) => (text(name) ? { internalNote: text(name)! } : {});
  try {
    switch (act) {
      case 'prendre-en-compte':
        await reports.changeStatus(principal, siren, reportId, { to: 'acknowledged', version: form.version });
        break;
      case 'commencer':
        await reports.changeStatus(principal, siren, reportId, { to: 'in_progress', version: form.version });
        break;
      case 'resoudre':
        await reports.changeStatus(principal, siren, reportId, {
          to: 'resolved',
          version: form.version,
          publicNote: text('resoudre-note')!,
          ...internal('resoudre-interne'),
        });
        break;
      case 'rejeter':
        await reports.changeStatus(principal, siren, reportId, {
          to: 'rejected',
          version: form.version,
          publicNote: text('rejeter-motif')!,
          ...internal('rejeter-interne'),
        });
        break;
      case 'doublon':
        await reports.changeStatus(principal, siren, reportId, {
          to: 'duplicate',
          version: form.version,
          duplicateOf: text('doublon-de')!,
          ...internal('doublon-interne'),
        });
        break;
      case 'categorie':
        await reports.changeCategory(principal, siren, reportId, {
          category: text('nouvelle-categorie')!,
          version: form.version,
          ...internal('categorie-interne'),
        });
        break;
      case 'note':
        await reports.addNote(principal, siren, reportId, {
          version: form.version,
          internalNote: text('note-interne')!,
        });
        break;
    }
    return { kind: 'done', notice: ACT_NOTICES[act] };
  } catch (error) {
    // Someone acted meanwhile (the version moved, or the state no longer allows it): nothing written.
    if (error instanceof ConflictError) return { kind: 'stale' };
    if (error instanceof RuleViolationError) {
      const field = RULE_FIELDS[error.rule];
      const message = r.rules[error.rule] ?? t.ruleFallback;
      return {
        kind: 'refused',
        act,
        status: 422,
        errors: field ? { fields: { [field]: message }, general: [] } : { fields: {}, general: [message] },
      };
    }
    // The original named does not exist.
    if (error instanceof NotFoundError && act === 'doublon') {
      return {
        kind: 'refused',
        act,
        status: 422,
        errors: { fields: { 'doublon-de': r.unknownOriginal }, general: [] },
      };
    }
    throw error;
  }
};

// ——— Filing for a citizen ———

export const FILING_CHANNELS = ['counter', 'phone'] as const;

/** The back office's fields around the report form: the channel and the caller's contact. */
export const OnBehalfFields = z.object({
  canal: z.enum(FILING_CHANNELS),
  prenom: OptionalText(100),
  nom: OptionalText(100),
  telephone: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z
      .string()
      .trim()
      .regex(/^[+0-9][0-9 .()-]{5,24}$/)
      .optional(),
  ),
});
export type OnBehalfFields = z.output<typeof OnBehalfFields>;

export const onBehalfLabels = (t: Messages): FieldLabels => {
  const f = t.backOfficeReports.file;
  return { canal: f.channel, prenom: f.firstName, nom: f.lastName, telephone: f.phone };
};

/** Files for a citizen with the channel and contact given, the agent recorded as who filed it. */
export const fileOnBehalf = (principal: Principal, extra: OnBehalfFields) => (siren: string, input: FileReportInput) =>
  reports.fileReportOnBehalf(principal, siren, {
    ...input,
    channel: extra.canal,
    contact: {
      ...input.contact,
      ...(extra.prenom ? { firstName: extra.prenom } : {}),
      ...(extra.nom ? { lastName: extra.nom } : {}),
      ...(extra.telephone ? { phone: extra.telephone } : {}),
    },
  });
