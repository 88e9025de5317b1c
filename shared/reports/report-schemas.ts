/**
 * The reports context's HTTP contract: zod schemas that validate requests at the edge and write
 * the OpenAPI document.
 */
import * as z from 'zod';
import { Cursor, DECIMAL, decimalParam, isStorableNumber, Limit, StorableNumber, Ulid } from '../kernel/schemas';
import { Insee, Siren } from '../territory/territory';
import {
  DEFAULT_NEARBY_RADIUS,
  HistoryEntryRecord,
  MAX_DESCRIPTION_CHARS,
  MAX_NEARBY_RADIUS,
  MAX_PHOTO_BYTES,
  MAX_PHOTOS,
  PHOTO_TYPES,
  REPORT_STATUSES,
  ReportRecord,
} from './report';

const ReportId = Ulid('a report id');
const CategoryCode = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'a category code: lowercase letters, digits and dashes')
  .meta({ example: 'voirie' });
const Status = z.enum(REPORT_STATUSES).meta({ id: 'ReportStatus' });
const Latitude = StorableNumber.min(-90).max(90);
const Longitude = StorableNumber.min(-180).max(180);
const Version = z.number().int().min(1).meta({ description: 'The version read (or send If-Match)' });
const Note = (max: number, description: string) => z.string().trim().min(1).max(max).meta({ description });

export const ReportParams = z.object({ siren: Siren, reportId: ReportId });
export const BodyParams = z.object({ siren: Siren, bodyId: z.union([Siren, Insee]) });

export const PhotoUploadBody = z
  .object({
    contentType: z.enum(Object.keys(PHOTO_TYPES) as [keyof typeof PHOTO_TYPES]),
    size: z
      .number()
      .int()
      .min(1)
      .max(MAX_PHOTO_BYTES, `a photo is at most ${MAX_PHOTO_BYTES} bytes (10 MB)`)
      .meta({ description: 'Exact size in bytes: it is signed into the upload URL' }),
  })
  .meta({ id: 'PhotoUploadRequest', example: { contentType: 'image/jpeg', size: 245_000 } });

const Contact = z
  .object({
    email: z.email().max(254).optional(),
    firstName: z.string().max(100).optional(),
    lastName: z.string().max(100).optional(),
    phone: z
      .string()
      .regex(/^\+?[0-9 .-]{6,20}$/, 'a phone number')
      .optional(),
  })
  .meta({ id: 'ReportContact', description: 'Personal data: shown to agents only, never published' });

export const FileReportBody = z
  .object({
    category: CategoryCode,
    location: z.object({ lat: Latitude, lon: Longitude }).meta({ example: { lat: 43.6045, lon: 1.4442 } }),
    address: z.string().trim().max(300).optional().meta({ description: 'Kept as given', example: 'Place du Capitole' }),
    description: z
      .string()
      .trim()
      .min(1)
      .max(MAX_DESCRIPTION_CHARS, `a description is at most ${MAX_DESCRIPTION_CHARS} characters`)
      .meta({ example: 'Nid-de-poule profond devant le n° 12' }),
    answers: z
      .record(
        z.string(),
        z.union([z.string().max(MAX_DESCRIPTION_CHARS), StorableNumber, z.array(z.string().max(60)).max(50)]),
      )
      .optional()
      .meta({ description: "Answers to the category's questions, by question code" }),
    photos: z
      .array(z.string().max(200))
      .max(MAX_PHOTOS, `at most ${MAX_PHOTOS} photos`)
      .optional()
      .meta({ description: 'photoKey values of uploaded photos (POST …/photo-uploads)' }),
    contact: Contact.optional().meta({ description: 'Required (its email) when filing without a bearer token' }),
  })
  .meta({ id: 'FileReportRequest' });

export const FileReportOnBehalfBody = FileReportBody.extend({
  channel: z.enum(['phone', 'counter']).meta({ description: 'How the citizen reached the agent' }),
}).meta({ id: 'FileReportOnBehalfRequest' });

export const TransitionBody = z
  .object({
    to: Status,
    version: Version.optional(),
    publicNote: Note(2000, 'Shown to the citizen and in the public history').optional(),
    internalNote: Note(5000, 'Seen by agents only').optional(),
    duplicateOf: ReportId.optional().meta({ description: 'The original, when to is duplicate' }),
  })
  .meta({ id: 'ReportTransitionRequest', example: { to: 'acknowledged', version: 1, publicNote: 'Pris en compte' } });

export const NoteBody = z
  .object({
    version: Version.optional(),
    internalNote: Note(5000, "Seen by agents only, in the report's history"),
  })
  .meta({ id: 'ReportNoteRequest', example: { version: 2, internalNote: 'Équipe prévue jeudi' } });

const StatusCountView = z.object({
  count: z.number().int(),
  more: z.boolean().meta({
    description: 'There are more than count (counting stops at the cap: a body whose counts are not yet backfilled)',
  }),
});

export const ReportCountsView = z
  .object({
    bodyId: z.string(),
    cap: z.number().int(),
    counts: z.object(
      Object.fromEntries(REPORT_STATUSES.map((s) => [s, StatusCountView])) as Record<
        (typeof REPORT_STATUSES)[number],
        typeof StatusCountView
      >,
    ),
  })
  .meta({ id: 'BodyReportCounts', description: "How many of a body's reports are in each status" });

export const ReopenBody = z
  .object({
    version: Version.optional(),
    note: Note(2000, 'Why it is not fixed: seen by the agents, never published').optional(),
    publicNote: Note(2000, 'Former name of note: kept for the agents too, never published').optional(),
  })
  .meta({ id: 'ReopenReportRequest' });

export const ChangeCategoryBody = z
  .object({
    category: CategoryCode,
    version: Version.optional(),
    publicNote: Note(2000, 'Shown to the citizen').optional(),
    internalNote: Note(5000, 'Seen by agents only').optional(),
  })
  .meta({ id: 'ChangeReportCategoryRequest' });

export const NearbyQuery = z.object({
  category: CategoryCode,
  lat: decimalParam(Latitude),
  lon: decimalParam(Longitude),
  radius: decimalParam(z.number().int().min(1).max(MAX_NEARBY_RADIUS))
    .default(DEFAULT_NEARBY_RADIUS)
    .meta({ description: 'Metres' }),
});

const BBox = z
  .string()
  .transform((text, ctx) => {
    const texts = text.split(',');
    const parts = texts.map(Number);
    const [west, south, east, north] = parts;
    if (
      parts.length !== 4 ||
      // Decimal numbers only (no '0x10', no blank), each one the table can hold (no 1e-200).
      texts.some((t) => !DECIMAL.test(t)) ||
      parts.some((n) => !isStorableNumber(n)) ||
      west! < -180 ||
      east! > 180 ||
      south! < -90 ||
      north! > 90 ||
      west! > east! ||
      south! > north!
    ) {
      ctx.addIssue({ code: 'custom', message: 'bbox is west,south,east,north in degrees, west ≤ east, south ≤ north' });
      return z.NEVER;
    }
    return [west!, south!, east!, north!] as const;
  })
  .meta({ example: '1.43,43.59,1.46,43.61' });

export const PublicListQuery = z
  .object({
    commune: Insee.optional(),
    bbox: BBox.optional(),
    status: Status.optional().meta({ description: "Only this status (with commune: a commune's list)" }),
    category: CategoryCode.optional().meta({ description: "Only this category (with commune: a commune's list)" }),
    limit: Limit(),
    cursor: Cursor,
  })
  .refine((q) => (q.commune === undefined) !== (q.bbox === undefined), {
    message: 'give either commune or bbox',
    path: ['commune'],
  })
  // The portal's map of a commune shows the points its filtered list shows.
  .refine((q) => q.commune !== undefined || (q.status === undefined && q.category === undefined), {
    message: 'status and category filter a commune: give commune, not bbox',
    path: ['status'],
  });

const DateOrInstant = z.union([z.iso.date(), z.iso.datetime()]).meta({ example: '2026-03-01' });

export const BodyListQuery = z.object({
  status: Status.optional(),
  category: CategoryCode.optional(),
  commune: Insee.optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  from: DateOrInstant.optional().meta({ description: 'Filed on or after' }),
  to: DateOrInstant.optional().meta({ description: 'Filed on or before' }),
  order: z.enum(['newest', 'oldest']).default('newest'),
  limit: Limit(),
  cursor: Cursor,
});

/**
 * What anyone sees of a report: the record without its personal data (contact, reporter, the
 * agent who filed it) nor what only agents use (channel, version, escalation); photos as a count.
 */
export const PublicReportView = ReportRecord.omit({
  photos: true,
  channel: true,
  reporterSub: true,
  contact: true,
  filedBy: true,
  clientApp: true,
  escalatedAt: true,
  version: true,
})
  .extend({
    id: ReportId,
    territory: Siren,
    commune: Insee,
    status: Status,
    photoCount: z.number(),
    mediaUrl: z.string().optional().meta({ description: 'A link to media hosted elsewhere (Open311 media_url)' }),
  })
  .meta({ id: 'PublicReport', description: 'A report without personal data' });

const PublicHistoryEntry = HistoryEntryRecord.pick({ at: true, from: true, to: true, publicNote: true })
  .extend({ from: Status.nullable(), to: Status })
  .meta({ id: 'PublicReportHistoryEntry' });

export const PublicReportDetailView = PublicReportView.extend({
  photos: z.array(z.string()).meta({ description: 'Links valid for an hour' }),
  history: z.array(PublicHistoryEntry),
}).meta({ id: 'PublicReportDetail' });

export const NearbyReportView = PublicReportView.extend({ distanceMetres: z.number() }).meta({ id: 'NearbyReport' });

/** What the agents who handle a report see: the record but its escalation time, personal data included. */
export const AgentReportView = PublicReportView.extend(
  ReportRecord.pick({ channel: true, reporterSub: true, filedBy: true, clientApp: true, version: true }).shape,
)
  .extend({
    contact: Contact.optional(),
    photos: z.array(z.string()).meta({ description: 'Object keys' }),
  })
  .meta({ id: 'AgentReport', description: 'A report with its personal data, for the agents who handle it' });

const HistoryEntryView = HistoryEntryRecord.extend({ from: Status.nullable(), to: Status }).meta({
  id: 'ReportHistoryEntry',
});

export const AgentReportDetailView = AgentReportView.extend({ history: z.array(HistoryEntryView) }).meta({
  id: 'AgentReportDetail',
});

export const PhotoUploadView = z
  .object({
    uploadUrl: z.string(),
    method: z.literal('PUT'),
    headers: z.record(z.string(), z.string()).meta({ description: 'Send exactly these headers with the PUT' }),
    photoKey: z.string(),
    expiresAt: z.string(),
  })
  .meta({ id: 'PhotoUpload' });

export const SupportView = z.object({ reportId: ReportId, supportCount: z.number() }).meta({ id: 'ReportSupport' });

const Instant = z.iso.datetime({ offset: true }).meta({ example: '2026-09-01T00:00:00Z' });

export const SlaStatisticsQuery = z.object({
  from: Instant.optional().meta({ description: 'Reports filed from (default: 90 days ago)' }),
  to: Instant.optional().meta({ description: 'Reports filed until (default: now)' }),
});

const SlaFiguresView = z.object({
  filed: z.number(),
  acknowledged: z.number(),
  medianHoursToAcknowledge: z.number().nullable().meta({ description: 'Business hours, median' }),
  resolved: z.number(),
  medianHoursToResolve: z.number().nullable(),
  judged: z.number().meta({ description: 'Resolved reports with a target, plus open ones past it' }),
  withinTarget: z.number(),
  shareWithinTarget: z.number().nullable(),
  openOverdue: z.number(),
});

export const SlaStatisticsView = z
  .object({
    territory: z.string(),
    commune: z.string(),
    from: z.string(),
    to: z.string(),
    all: SlaFiguresView,
    categories: z.array(SlaFiguresView.extend({ category: z.string() })),
  })
  .meta({ id: 'SlaStatistics' });
