/**
 * The Open311 routes' contract: zod schemas that validate requests at the edge (query strings,
 * the form-encoded POST) and describe the JSON answers in the OpenAPI document. Field names are
 * the specification's, so a client written against it reads them unchanged.
 */
import * as z from 'zod';
import { decimalParam, Ulid } from '../kernel/schemas';
import { Siren } from '../territory/territory';
import { ClientApp, ClientAppRecord, Open311SettingsRecord } from './open311-clients';
import { commaList, MAX_DESCRIPTION_CHARS, MAX_REQUESTS, type Open311Status } from './open311';

const MAX_SERVICE_CODES = 50;

const JurisdictionId = z
  .string({ error: 'jurisdiction_id was not provided: the SIREN of the territory or the INSEE code of a commune' })
  .trim()
  .min(1, 'jurisdiction_id was not provided: the SIREN of the territory or the INSEE code of a commune')
  .max(40)
  .meta({ description: "Required: the territory's SIREN, or a commune's INSEE code", example: '243100518' });

export const JurisdictionQuery = z.object({ jurisdiction_id: JurisdictionId });

/** `{file}` of a path: a name, then `.json` or `.xml`; the handler gets the name. */
export const ResourceParams = z.object({
  file: z
    .string()
    .max(100)
    .regex(/^[^/]+\.(json|xml)$/, 'end the resource with .json or .xml')
    .transform((file) => file.slice(0, file.lastIndexOf('.')))
    .meta({ description: 'The code or id, then the format: .json or .xml', example: 'voirie.json' }),
});

/** A comma-delimited list (a parameter "declared multiple times" arrives joined by commas). */
const CommaList = (max: number, what: string) =>
  z
    .string()
    .optional()
    .transform((text, ctx) => {
      const items = commaList(text);
      if (items.length > max) ctx.addIssue({ code: 'custom', message: `at most ${max} ${what}` });
      return items;
    });

const W3_DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * A w3 date and time with its time zone (2010-01-01T00:00:00Z), or a day (the whole day, UTC).
 * A `+` left unencoded in a query string arrives as a space: it is read as the `+` it was.
 */
const W3Instant = (edge: 'start' | 'end') =>
  z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined || text.trim() === '') return undefined;
      const value = text.trim().replace(/ (\d{2}:\d{2})$/, '+$1');
      if (!W3_DATETIME.test(value) || Number.isNaN(Date.parse(value))) {
        ctx.addIssue({ code: 'custom', message: 'a w3 date and time with its time zone, e.g. 2010-01-01T00:00:00Z' });
        return z.NEVER;
      }
      const day = value.length === 10;
      return new Date(day ? `${value}T${edge === 'start' ? '00:00:00.000' : '23:59:59.999'}Z` : value);
    })
    .meta({ example: '2026-03-01T00:00:00Z' });

export const RequestsQuery = z.object({
  jurisdiction_id: JurisdictionId,
  service_request_id: CommaList(MAX_REQUESTS, 'service_request_id').meta({
    description: 'Comma delimited; overrides every other argument',
  }),
  service_code: CommaList(MAX_SERVICE_CODES, 'service_code').meta({ description: 'Comma delimited' }),
  start_date: W3Instant('start').meta({ description: 'Filed on or after; the range defaults to the last 90 days' }),
  end_date: W3Instant('end').meta({ description: 'Filed on or before; at most 90 days after start_date' }),
  status: z
    .string()
    .optional()
    .transform((text, ctx) => {
      const items = commaList(text);
      if (items.some((s) => s !== 'open' && s !== 'closed')) {
        ctx.addIssue({ code: 'custom', message: 'open, closed, or both comma delimited' });
      }
      return items as Open311Status[];
    })
    .meta({ description: 'open, closed, or both comma delimited' }),
});

const Coordinate = (min: number, max: number, name: string) =>
  decimalParam(
    z
      .number({ error: `${name} is a number in degrees (WGS84)` })
      .min(min, `${name} is between ${min} and ${max}`)
      .max(max, `${name} is between ${min} and ${max}`),
  ).optional();

/** POST requests.json|xml, application/x-www-form-urlencoded: exactly the specification's fields. */
export const PostServiceRequestForm = z
  .object({
    jurisdiction_id: JurisdictionId,
    service_code: z
      .string({ error: 'service_code was not provided' })
      .trim()
      .min(1, 'service_code was not provided')
      .max(60)
      .meta({ example: 'voirie' }),
    lat: Coordinate(-90, 90, 'lat').meta({ example: 43.6045 }),
    long: Coordinate(-180, 180, 'long').meta({ example: 1.4442 }),
    address_string: z.string().trim().max(300).optional().meta({ description: 'Kept as given; not geocoded' }),
    address_id: z.string().max(100).optional().meta({ description: 'Accepted, not used: no address repository here' }),
    attribute: z
      .record(z.string().max(60), z.union([z.string().max(MAX_DESCRIPTION_CHARS), z.array(z.string().max(60)).max(50)]))
      .optional()
      .meta({ description: 'attribute[code]=value; attribute[code][]=value for each value of a multivaluelist' }),
    email: z.email().max(254).optional().meta({ description: 'Required without a bearer token' }),
    device_id: z.string().max(200).optional().meta({ description: 'Accepted, not kept' }),
    account_id: z.string().max(200).optional().meta({ description: 'Accepted, not kept: a bearer token says who' }),
    first_name: z.string().trim().max(100).optional(),
    last_name: z.string().trim().max(100).optional(),
    phone: z
      .string()
      .regex(/^\+?[0-9 .-]{6,20}$/, 'a phone number')
      .optional(),
    description: z
      .string()
      .max(MAX_DESCRIPTION_CHARS, `a description is at most ${MAX_DESCRIPTION_CHARS} characters`)
      .optional()
      .meta({ description: "Free text; the service's name when left out" }),
    media_url: z
      .url({ protocol: /^https?$/, error: 'an http(s) URL' })
      .max(2048)
      .optional()
      .meta({ description: 'A link to media hosted elsewhere, kept with the request' }),
    api_key: z.string().max(200).optional().meta({
      description:
        "Your client application's key, given by the territory: checked when sent; required when the territory says so",
    }),
  })
  .meta({ id: 'Open311PostServiceRequest' });

// --- Answers, for the OpenAPI document --------------------------------------------------------

const NullableText = z.string().nullable();

export const DiscoveryView = z
  .object({
    changeset: z.string(),
    contact: z.string(),
    key_service: z.string(),
    endpoints: z.array(
      z.object({
        specification: z.string(),
        url: z.string(),
        changeset: z.string(),
        type: z.enum(['production', 'test']),
        formats: z.array(z.string()),
      }),
    ),
  })
  .meta({ id: 'Open311Discovery' });

export const ServiceView = z
  .object({
    service_code: z.string(),
    service_name: z.string(),
    description: NullableText,
    metadata: z.boolean(),
    type: z.literal('realtime'),
    keywords: z.string(),
    group: z.string(),
  })
  .meta({ id: 'Open311Service' });

export const ServiceDefinitionView = z
  .object({
    service_code: z.string(),
    attributes: z.array(
      z.object({
        variable: z.boolean(),
        code: z.string(),
        datatype: z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
        required: z.boolean(),
        datatype_description: NullableText,
        order: z.number().int(),
        description: z.string(),
        values: z.array(z.object({ key: z.string(), name: z.string() })),
      }),
    ),
  })
  .meta({ id: 'Open311ServiceDefinition' });

export const ServiceRequestView = z
  .object({
    service_request_id: z.string(),
    status: z.enum(['open', 'closed']),
    status_notes: NullableText,
    service_name: NullableText,
    service_code: z.string(),
    description: z.string(),
    agency_responsible: NullableText,
    service_notice: NullableText,
    requested_datetime: z.string(),
    updated_datetime: z.string(),
    expected_datetime: NullableText,
    address: NullableText.meta({ description: 'The address the citizen gave, as given (not geocoded)' }),
    address_id: z.null(),
    zipcode: NullableText.meta({
      description: "Its commune's postal code; for a commune with several, the one its address names, else null",
    }),
    lat: z.number(),
    long: z.number(),
    media_url: NullableText.meta({
      description: 'Its media: the link given, or its first photo (a link valid an hour)',
    }),
  })
  .meta({ id: 'Open311ServiceRequest', description: 'Public fields only: no contact, no reporter' });

export const CreatedRequestView = z
  .object({ service_request_id: z.string(), service_notice: NullableText, account_id: NullableText })
  .meta({ id: 'Open311CreatedServiceRequest' });

export const TokenView = z.object({ service_request_id: z.string(), token: z.string() }).meta({ id: 'Open311Token' });

export const ErrorList = z
  .array(z.object({ code: z.number().int(), description: z.string() }))
  .meta({ id: 'Open311Errors', description: "Open311's error list: one per field at fault, or one" });

// --- Client applications (admin routes, problem+json) ------------------------------------------

export const ClientParams = z.object({
  siren: Siren,
  clientId: Ulid('a client application id'),
});

export const RegisterClientBody = ClientAppRecord.pick({ name: true, contact: true }).meta({
  id: 'RegisterOpen311ClientRequest',
});

export const ClientAppView = ClientApp.meta({
  id: 'Open311ClientApplication',
  description: "A client application: never its key, nor the key's hash",
});

export const RegisteredClientView = ClientApp.extend({
  apiKey: z.string().meta({ description: 'The key, in this answer only: send it as api_key with each POST' }),
}).meta({ id: 'RegisteredOpen311ClientApplication' });

export const Open311SettingsView = Open311SettingsRecord.meta({ id: 'Open311Settings' });

export const Open311SettingsBody = Open311SettingsRecord.pick({ allowPostsWithoutKey: true }).meta({
  id: 'Open311SettingsRequest',
});
