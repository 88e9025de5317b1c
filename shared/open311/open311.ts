/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) over the platform's reports: how
 * categories, questions and reports read as services, attributes and service requests, how
 * statuses and errors map. Pure, no AWS.
 *
 * Choices where the specification leaves room, written down once:
 * - jurisdiction_id is required (the endpoint serves several jurisdictions): the territory's SIREN,
 *   or a commune's INSEE code, which narrows everything to that commune;
 * - api_key names a client application the territory registered (open311-clients.ts): checked
 *   whenever sent; required when the territory says so, else a POST without one is taken;
 * - zipcode is the commune's postal code, or the one the address names among a city's several;
 * - requests are `realtime`: POST answers the service_request_id at once, so a token is the id;
 * - a location is lat + long: address_string and address_id are kept (the string) but cannot be
 *   geocoded here, so one of them alone is refused with an error saying so;
 * - errors are 404 for what does not exist, 403 for a refused caller, 400 for any other error the
 *   request causes (the specification's rule), 500 only for a failure of ours.
 */
import { InvalidInputError } from '../kernel/errors';
import type { Problem } from '../kernel/problem';
import { isOpen, type Report, type ReportStatus, REPORT_STATUSES } from '../reports/report';
import type { Category, CategoryQuestion } from '../territory/territory';

export const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
/** Default and widest span of GET requests, and most requests in one answer ("Response Volume"). */
export const MAX_SPAN_DAYS = 90;
export const MAX_REQUESTS = 1000;
/** The specification's limit for a description. */
export const MAX_DESCRIPTION_CHARS = 4000;
/** When this endpoint's description (discovery, service list shape) last changed. */
export const CHANGESET = '2026-11-24T00:00:00Z';

export type Format = 'json' | 'xml';
export type Open311Status = 'open' | 'closed';

/** The format a resource asks for by its extension (`services.xml`, `requests/01J….json`). */
export const formatOfPath = (path: string): Format => (/\.xml$/i.test(path) ? 'xml' : 'json');

/** `voirie.json` → { name: 'voirie', format: 'json' }; undefined without a known extension. */
export const parseResource = (file: string): { name: string; format: Format } | undefined => {
  const match = /^(.+)\.(json|xml)$/.exec(file);
  return match ? { name: match[1]!, format: match[2] as Format } : undefined;
};

/** new, acknowledged, in_progress → open; resolved, rejected, duplicate → closed. */
export const open311StatusOf = (status: ReportStatus): Open311Status => (isOpen(status) ? 'open' : 'closed');

/** The report statuses behind a list of Open311 statuses; undefined when it means all of them. */
export const reportStatusesFor = (statuses: readonly Open311Status[]): ReportStatus[] | undefined => {
  const wanted = new Set(statuses);
  if (wanted.size !== 1) return undefined;
  return REPORT_STATUSES.filter((s) => wanted.has(open311StatusOf(s)));
};

/** w3 format, to the second, in UTC: 2010-01-01T00:00:00Z. */
export const w3DateTime = (iso: string): string => `${new Date(iso).toISOString().slice(0, 19)}Z`;

/** "a,b,,c " → ['a', 'b', 'c']: Open311 lists are comma delimited; empty means not given. */
export const commaList = (text: string | undefined): string[] =>
  (text ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

const DAY_MS = 24 * 3600 * 1000;

/**
 * The filing period GET requests reads: "when not specified, the range defaults to most recent 90
 * days", and a range given "may not span more than 90 days". Without an end, nothing newer is cut.
 */
export const searchPeriod = (now: Date, start?: Date, end?: Date): { from: Date; to?: Date } => {
  const span = MAX_SPAN_DAYS * DAY_MS;
  if (start && end) {
    if (end.getTime() < start.getTime()) {
      throw new InvalidInputError('end_date is before start_date', [
        { path: 'query.end_date', message: 'before start_date' },
      ]);
    }
    if (end.getTime() - start.getTime() > span) {
      throw new InvalidInputError(`start_date and end_date may not span more than ${MAX_SPAN_DAYS} days`, [
        { path: 'query.end_date', message: `at most ${MAX_SPAN_DAYS} days after start_date` },
      ]);
    }
    return { from: start, to: end };
  }
  if (start) return { from: start, to: new Date(start.getTime() + span) };
  if (end) return { from: new Date(end.getTime() - span), to: end };
  return { from: new Date(now.getTime() - span) };
};

// --- Services -------------------------------------------------------------------------------

export interface Service {
  readonly service_code: string;
  readonly service_name: string;
  readonly description: string | null;
  readonly metadata: boolean;
  readonly type: 'realtime';
  readonly keywords: string;
  readonly group: string;
}

/**
 * A category as a service. `group` is who handles it (a client groups services by it), and
 * `keywords` the words of its code: the name's synonyms without accents ("eclairage, public").
 */
export const serviceOf = (category: Category, group: string): Service => ({
  service_code: category.code,
  service_name: category.name,
  description: category.description ?? null,
  metadata: (category.questions ?? []).length > 0,
  type: 'realtime',
  keywords: category.code.split('-').join(', '),
  group,
});

const DATATYPE_DESCRIPTIONS: Readonly<Record<CategoryQuestion['datatype'], string | null>> = {
  string: null,
  text: null,
  number: 'A number, e.g. 3 or 2.5',
  datetime: 'An ISO 8601 date and time, e.g. 2026-03-01T14:30:00+01:00',
  singlevaluelist: 'One of the values (its key)',
  multivaluelist: 'Some of the values (their keys), as attribute[code][]=key for each',
};

export interface Attribute {
  readonly variable: true;
  readonly code: string;
  readonly datatype: CategoryQuestion['datatype'];
  readonly required: boolean;
  readonly datatype_description: string | null;
  readonly order: number;
  readonly description: string;
  readonly values: readonly { readonly key: string; readonly name: string }[];
}

export interface ServiceDefinition {
  readonly service_code: string;
  readonly attributes: readonly Attribute[];
}

/** A category's questions as the attributes of its service definition, in the order asked. */
export const serviceDefinitionOf = (category: Category): ServiceDefinition => ({
  service_code: category.code,
  attributes: (category.questions ?? []).map((q, i) => ({
    variable: true,
    code: q.code,
    datatype: q.datatype,
    required: q.required,
    datatype_description: DATATYPE_DESCRIPTIONS[q.datatype],
    order: i + 1,
    description: q.description ? `${q.label}. ${q.description}` : q.label,
    values: (q.values ?? []).map((v) => ({ key: v.key, name: v.name })),
  })),
});

// --- Service requests -----------------------------------------------------------------------

/** GET requests and GET a request: the specification's fields, null where we have nothing. */
export interface ServiceRequest {
  readonly service_request_id: string;
  readonly status: Open311Status;
  readonly status_notes: string | null;
  readonly service_name: string | null;
  readonly service_code: string;
  readonly description: string;
  readonly agency_responsible: string | null;
  readonly service_notice: string | null;
  readonly requested_datetime: string;
  readonly updated_datetime: string;
  readonly expected_datetime: string | null;
  readonly address: string | null;
  readonly address_id: null;
  readonly zipcode: string | null;
  readonly lat: number;
  readonly long: number;
  readonly media_url: string | null;
}

/**
 * A report as a service request: public fields only (never its contact, its reporter or its
 * channel). `expected_datetime` is its due date (the category's SLA).
 */
export const serviceRequestOf = (
  report: Report,
  more: {
    readonly serviceName?: string;
    readonly agency?: string;
    readonly statusNotes?: string;
    /** A link to its first photo, when it has one. */
    readonly photoLink?: string;
    /** The postal codes of its commune (etalab's, stored at the territory's import). */
    readonly postalCodes?: readonly string[];
  },
): ServiceRequest => ({
  service_request_id: report.id,
  status: open311StatusOf(report.status),
  status_notes: more.statusNotes ?? null,
  service_name: more.serviceName ?? null,
  service_code: report.category,
  description: report.description,
  agency_responsible: more.agency ?? null,
  service_notice: null,
  requested_datetime: w3DateTime(report.createdAt),
  updated_datetime: w3DateTime(report.updatedAt),
  expected_datetime: report.dueAt ? w3DateTime(report.dueAt) : null,
  address: report.address ?? null,
  address_id: null,
  zipcode: zipcodeOf(report.address, more.postalCodes ?? []),
  lat: report.location.lat,
  long: report.location.lon,
  media_url: report.mediaUrl ?? more.photoLink ?? null,
});

/**
 * A request's zipcode: its commune's postal code when the commune has one; for a commune with
 * several (Toulouse has six), the one the citizen's address names if it is one of them; else
 * unknown (null), rather than a guess.
 */
export const zipcodeOf = (address: string | undefined, postalCodes: readonly string[]): string | null => {
  if (postalCodes.length === 1) return postalCodes[0]!;
  const named = (address ?? '').match(/\b\d{5}\b/g) ?? [];
  return named.find((code) => postalCodes.includes(code)) ?? null;
};

export interface CreatedRequest {
  readonly service_request_id: string;
  readonly service_notice: string | null;
  readonly account_id: string | null;
}

const PARIS_TIME = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/Paris',
});

/** What happens next, told to the citizen who filed it: who handles it, and by when. */
export const serviceNoticeOf = (agency: string, dueAt: string | undefined): string =>
  `Signalement transmis à ${agency}.` +
  (dueAt ? ` Résolution visée avant le ${PARIS_TIME.format(new Date(dueAt))} (heure de Paris).` : '');

// --- Discovery ------------------------------------------------------------------------------

export const discoveryOf = (endpointUrl: string) => ({
  changeset: CHANGESET,
  contact:
    'Ville Ouverte, the digital public service platform of the metropolis and its communes: ' +
    'see the API reference at the root of this host.',
  key_service:
    "Ask the territory's administrators to register your application: they give you an api_key (shown " +
    'once) to send with each POST, and can revoke it. A territory may also take POSTs without a key ' +
    "(anonymous citizens' apps; check with it). Post anonymously with an email address, or with an " +
    "OpenID Connect bearer token of the territory's identity provider.",
  endpoints: [
    {
      specification: SPECIFICATION,
      url: endpointUrl,
      changeset: CHANGESET,
      type: 'production',
      formats: ['application/json', 'text/xml'],
    },
  ],
});

// --- Errors ---------------------------------------------------------------------------------

export interface Open311Error {
  readonly code: number;
  readonly description: string;
}

/**
 * The HTTP status Open311 gives a problem: 404, 403, 400 for the rest of the caller's errors —
 * but an Idempotency-Key still in progress is 409 and one reused for another request 422, as
 * everywhere else on the platform, so a client knows to wait or to change its key.
 */
export const open311HttpStatus = (status: number, rule?: string): number =>
  status === 404
    ? 404
    : status === 401 || status === 403
      ? 403
      : status === 409
        ? 409
        : status === 422 && rule === 'idempotency-key-reuse'
          ? 422
          : status >= 500
            ? 500
            : 400;

/** A field path of the platform (body.answers.x, body.attribute.x, query.status) as Open311 names it. */
const fieldOf = (path: string): string => {
  const answer = /^body\.(?:answers|attribute)\.(.+)$/.exec(path);
  if (answer) return `attribute[${answer[1]}]`;
  return path.replace(/^(body|query|path)\./, '');
};

/** One error per field at fault, or one for the whole request; each code is the HTTP status. */
export const open311ErrorsOf = (problem: Problem): { status: number; errors: Open311Error[] } => {
  const status = open311HttpStatus(problem.status, problem.rule);
  const errors =
    problem.errors && problem.errors.length > 0
      ? problem.errors.map((issue) => ({ code: status, description: `${fieldOf(issue.path)}: ${issue.message}` }))
      : [{ code: status, description: problem.detail }];
  return { status, errors };
};
