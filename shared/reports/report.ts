/**
 * The citizen reports context (signalements): a problem in the street, located, routed to the
 * body responsible for it, and moved through a workflow by that body's agents. Pure types and
 * rules, no AWS.
 */
import * as z from 'zod';
import { ConflictError, InvalidInputError, type FieldIssue } from '../kernel/errors';
import { isTerritoryAdmin, type Principal } from '../kernel/principal';
import { DECIMAL, isStorableNumber, STORABLE_NUMBER_MESSAGE } from '../kernel/schemas';
import type { CategoryQuestion } from '../territory/territory';

export const REPORT_STATUSES = ['new', 'acknowledged', 'in_progress', 'resolved', 'rejected', 'duplicate'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** Statuses in which a report still waits for the body: it can be supported, offered as a duplicate, be overdue. */
export const OPEN_STATUSES: readonly ReportStatus[] = ['new', 'acknowledged', 'in_progress'];
export const isOpen = (status: ReportStatus): boolean => OPEN_STATUSES.includes(status);

/**
 * The workflow. `resolved → in_progress` is the reopening: the work starts again rather than the
 * report going back to "new", so it keeps its place in the body's queue and its acknowledgement.
 * `rejected` and `duplicate` are final: a mistaken rejection is corrected by a new report.
 */
const TRANSITIONS: Readonly<Record<ReportStatus, readonly ReportStatus[]>> = {
  new: ['acknowledged', 'rejected', 'duplicate'],
  acknowledged: ['in_progress', 'resolved', 'rejected', 'duplicate'],
  in_progress: ['resolved', 'rejected', 'duplicate'],
  resolved: ['in_progress'],
  rejected: [],
  duplicate: [],
};

/** Where the workflow lets a report go next from `from` (what an agent's page offers). */
export const nextStatuses = (from: ReportStatus): readonly ReportStatus[] => TRANSITIONS[from];

/** How long after its resolution a report may be reopened. */
export const REOPEN_WINDOW_DAYS = 30;

/** How a report reached the platform. An agent files `phone` and `counter` reports on a citizen's behalf. */
export const REPORT_CHANNELS = ['online', 'phone', 'counter', 'open311', 'sensor'] as const;
export type ReportChannel = (typeof REPORT_CHANNELS)[number];

export const MAX_DESCRIPTION_CHARS = 5000;
export const MAX_PHOTOS = 5;

/** Geohash precision of the map index (cells of ~4.9 × 3.5 km around Toulouse). */
export const MAP_PRECISION = 5;
/** At most this many map cells per request: a larger box is listed by commune instead. */
export const MAX_MAP_CELLS = 64;
/**
 * Geohash precision of the fine map index (cells of ~610 × 880 m around Toulouse), read when a box
 * needs at most MAX_FINE_MAP_CELLS of them (a report page's ~300 m box: 1 to 4; 16 reach ~1.5 km):
 * the newest reports of cells about the box's size are mostly in the box, where those of a busy
 * 5 km cell may all lie outside it.
 */
export const FINE_MAP_PRECISION = 6;
export const MAX_FINE_MAP_CELLS = 16;
/** Geohash precision of the nearby index (cells of ~610 × 880 m around Toulouse). */
export const NEARBY_PRECISION = 6;
export const DEFAULT_NEARBY_RADIUS = 50;
export const MAX_NEARBY_RADIUS = 500;
export const MAX_NEARBY_RESULTS = 20;
/** How long a presigned upload URL stays valid. */
export const UPLOAD_URL_SECONDS = 300;
/** How long a photo link in a public view stays valid. */
export const PHOTO_LINK_SECONDS = 3600;

// The domain's values, written once as zod "record" schemas: the store parses its items with them
// (parseItem), the HTTP views are derived from them (report-schemas.ts), the types below too.

export const LocationRecord = z.object({ lat: z.number(), lon: z.number() });
export type Location = Readonly<z.output<typeof LocationRecord>>;

/** Personal data: never in a public view, an open-data export or an event. */
const ContactRecord = z.object({
  email: z.string().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  phone: z.string().optional(),
});
export type Contact = Readonly<z.output<typeof ContactRecord>>;

/** An answer to one of the category's questions (Open311 attribute): text, number or some keys. */
const AnswerRecord = z.union([z.string(), z.number(), z.array(z.string()).readonly()]);
export type Answer = z.output<typeof AnswerRecord>;

const Status = z.enum(REPORT_STATUSES);

export const ReportRecord = z.object({
  /** ULID: sortable by filing time. */
  id: z.string(),
  territory: z.string(),
  category: z.string(),
  /** INSEE code of the commune the point lies in. */
  commune: z.string(),
  /** The responsible body (SIREN of the metropolis or INSEE code of the commune) and its service. */
  bodyId: z.string(),
  bodyKind: z.enum(['territory', 'commune']),
  service: z.string().optional(),
  location: LocationRecord,
  /** As the citizen gave it; not geocoded. */
  address: z.string().optional(),
  description: z.string(),
  answers: z.record(z.string(), AnswerRecord).readonly(),
  /** Object keys in the uploads bucket. */
  photos: z.array(z.string()).readonly(),
  /** A link to media hosted elsewhere, as an Open311 client gave it (`media_url`); public. */
  mediaUrl: z.string().optional(),
  status: Status,
  channel: z.enum(REPORT_CHANNELS),
  /** The signed-in citizen who filed it; absent for an anonymous or assisted report. */
  reporterSub: z.string().optional(),
  contact: ContactRecord.optional(),
  /** The agent who filed it on a citizen's behalf (phone, counter). */
  filedBy: z.string().optional(),
  /** The Open311 client application it came through (channel open311, posted with an api_key). */
  clientApp: z.object({ id: z.string(), name: z.string() }).optional(),
  duplicateOf: z.string().optional(),
  supportCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  acknowledgedAt: z.string().optional(),
  resolvedAt: z.string().optional(),
  /** When a final status (rejected, duplicate) was reached. */
  closedAt: z.string().optional(),
  /** When the body should have resolved it (the category's SLA); the SLA engine sets `overdue`. */
  dueAt: z.string().optional(),
  overdue: z.boolean(),
  /** When the body's managers were told it went past due: once per report, never rewritten by a change. */
  escalatedAt: z.string().optional(),
  /** Optimistic locking: each agent change bumps it; supports do not. */
  version: z.number().int(),
});
export type Report = Readonly<z.output<typeof ReportRecord>>;

/** One transition of the workflow, kept as its own item. Who and the internal note stay internal. */
export const HistoryEntryRecord = z.object({
  at: z.string(),
  from: Status.nullable(),
  to: Status,
  publicNote: z.string().optional(),
  internalNote: z.string().optional(),
  actor: z.object({ sub: z.string(), role: z.string() }).optional(),
  /** Set when the category changed (re-routing), with the body before. */
  rerouted: z.object({ fromCategory: z.string(), fromBody: z.string(), toCategory: z.string() }).optional(),
  duplicateOf: z.string().optional(),
});
export type HistoryEntry = Readonly<z.output<typeof HistoryEntryRecord>>;

/** Someone told of a report's changes: its reporter, its supporters, the reporters of its duplicates. */
export const FollowerRecord = z.object({
  sub: z.string().optional(),
  email: z.string().optional(),
  reason: z.enum(['reporter', 'supporter', 'duplicate-reporter']),
  since: z.string(),
});
export type Follower = Readonly<z.output<typeof FollowerRecord>>;

/** A follower's identity: one follower item per person and report. */
export const followerKey = (f: Pick<Follower, 'sub' | 'email'>): string =>
  f.sub ? `sub:${f.sub}` : `email:${f.email!.toLowerCase()}`;

/** A transition the workflow does not allow. */
export class IllegalTransitionError extends ConflictError {
  constructor(
    readonly from: ReportStatus,
    readonly to: ReportStatus,
  ) {
    const allowed = TRANSITIONS[from];
    super(
      `A report cannot go from ${from} to ${to}` +
        (allowed.length > 0 ? ` (from ${from}: ${allowed.join(', ')})` : ` (${from} is final)`),
    );
  }
}

/** The caller read an older version than the stored one. */
export class StaleVersionError extends ConflictError {
  constructor(read: number, current: number) {
    super(`The report changed since version ${read} (it is at version ${current}): read it again and retry`);
  }
}

/** The supporter already supports this report: one support per citizen. */
export class AlreadySupportedError extends ConflictError {
  constructor(reportId: string) {
    super(`You already support report ${reportId}`);
  }
}

/**
 * Who moves a report: a territory admin, or an agent of the responsible body — of its commune for
 * a commune-handled report, a metropolitan agent (no commune claim) for a metropolis-handled one.
 */
export const canManage = (p: Principal | undefined, r: Pick<Report, 'territory' | 'bodyId' | 'bodyKind'>): boolean =>
  p !== undefined &&
  (isTerritoryAdmin(p, r.territory) ||
    (p.role === 'agent' &&
      p.territory === r.territory &&
      (r.bodyKind === 'commune' ? p.commune === r.bodyId : p.commune === undefined)));

/**
 * Who sees a report's personal data and internal notes: who manages it, every metropolitan agent
 * (metropolitan roles see all), and the agents of the commune it lies in.
 */
export const canView = (p: Principal | undefined, r: Report): boolean =>
  canManage(p, r) ||
  (p !== undefined &&
    p.role === 'agent' &&
    p.territory === r.territory &&
    (p.commune === undefined || p.commune === r.commune));

export const assertTransition = (from: ReportStatus, to: ReportStatus): void => {
  if (!TRANSITIONS[from].includes(to)) throw new IllegalTransitionError(from, to);
};

/** Whether a resolved report may still be reopened at `now`. */
export const withinReopenWindow = (resolvedAt: string | undefined, now: Date): boolean =>
  resolvedAt !== undefined && now.getTime() - Date.parse(resolvedAt) <= REOPEN_WINDOW_DAYS * 24 * 3600 * 1000;

const MAX_STRING_ANSWER = 500;

/**
 * Checks answers against the category's questions (Open311 attributes): required ones present,
 * each of its datatype, list answers among the choices, no answer to a question not asked.
 * Returns the answers normalized (numbers as numbers, a single value list as its key).
 */
export const checkAnswers = (
  questions: readonly CategoryQuestion[],
  answers: Readonly<Record<string, unknown>>,
): Record<string, Answer> => {
  const issues: FieldIssue[] = [];
  const issue = (code: string, message: string) => issues.push({ path: `body.answers.${code}`, message });
  const result: Record<string, Answer> = {};
  const byCode = new Map(questions.map((q) => [q.code, q]));
  for (const code of Object.keys(answers)) {
    if (!byCode.has(code)) issue(code, 'this category asks no such question');
  }
  for (const q of questions) {
    const value = answers[q.code];
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
      if (q.required) issue(q.code, `required: ${q.label}`);
      continue;
    }
    const keys = new Set((q.values ?? []).map((v) => v.key));
    switch (q.datatype) {
      case 'string':
      case 'text': {
        const max = q.datatype === 'string' ? MAX_STRING_ANSWER : MAX_DESCRIPTION_CHARS;
        if (typeof value !== 'string') issue(q.code, 'expected a text');
        else if (value.length > max) issue(q.code, `at most ${max} characters`);
        else result[q.code] = value;
        break;
      }
      case 'number': {
        const n =
          typeof value === 'number' ? value : typeof value === 'string' && DECIMAL.test(value) ? Number(value) : NaN;
        if (!Number.isFinite(n)) issue(q.code, 'expected a number');
        else if (!isStorableNumber(n)) issue(q.code, STORABLE_NUMBER_MESSAGE);
        else result[q.code] = n;
        break;
      }
      case 'datetime':
        if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(Date.parse(value))) {
          issue(q.code, 'expected an ISO 8601 date and time');
        } else result[q.code] = value;
        break;
      case 'singlevaluelist':
        if (typeof value !== 'string' || !keys.has(value)) issue(q.code, `expected one of ${[...keys].join(', ')}`);
        else result[q.code] = value;
        break;
      case 'multivaluelist': {
        const list = Array.isArray(value) ? value : [value];
        if (!list.every((v) => typeof v === 'string' && keys.has(v))) {
          issue(q.code, `expected some of ${[...keys].join(', ')}`);
        } else result[q.code] = [...new Set(list as string[])];
        break;
      }
    }
  }
  if (issues.length > 0) {
    throw new InvalidInputError(
      `The answers do not fit the category's questions: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      issues,
    );
  }
  return result;
};

/** Image types accepted as photos, with the bytes each file starts with. */
export const PHOTO_TYPES = {
  'image/jpeg': { extension: 'jpg', matches: (b: Uint8Array) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  'image/png': {
    extension: 'png',
    matches: (b: Uint8Array) => [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((byte, i) => b[i] === byte),
  },
  'image/webp': {
    extension: 'webp',
    matches: (b: Uint8Array) =>
      String.fromCharCode(...b.subarray(0, 4)) === 'RIFF' && String.fromCharCode(...b.subarray(8, 12)) === 'WEBP',
  },
} as const;
export type PhotoType = keyof typeof PHOTO_TYPES;
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/** Enough of a file's head to recognise every accepted type. */
export const PHOTO_SIGNATURE_BYTES = 12;

/** The image type a file's first bytes announce, if it is one we accept. */
export const photoTypeOf = (head: Uint8Array): PhotoType | undefined =>
  (Object.keys(PHOTO_TYPES) as PhotoType[]).find((type) => PHOTO_TYPES[type].matches(head));
