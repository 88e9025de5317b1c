/**
 * The territory administration's forms and URLs, pure (templates import them): the competence
 * exception of a commune, the audit log's filters (days in Paris → instants), and the territory use
 * cases' refusals as a form shows them (a rule next to its field, a stale version as a notice).
 */
import * as z from 'zod';
import { BusinessCalendarSchema } from '../calendar/calendar-schemas';
import { ConflictError, RuleViolationError } from '../kernel/errors';
import {
  BODY_KINDS,
  CategoryQuestionRecord,
  Insee,
  SlaHours,
  Slug,
  type Category,
  type CategoryQuestion,
} from '../territory/territory';
import { backOfficePaths, withQuery } from './back-office-paths';
import type { FormErrors } from './form-errors';
import type { Messages } from './i18n';

// ——— URLs under the section's paths (back-office-paths.ts) ———

export const COMPETENCE_NOTICES = ['enregistree', 'supprimee'] as const;
export type CompetenceNotice = (typeof COMPETENCE_NOTICES)[number];

export const territoryAdminPaths = {
  competence: (code: string, query: { commune?: string; avis?: CompetenceNotice } = {}) =>
    withQuery(`${backOfficePaths.competences}/${encodeURIComponent(code)}`, query),
  auditLog: (query: Readonly<Record<string, string | undefined>> = {}) => withQuery(backOfficePaths.auditLog, query),
};

/** An optional field whose empty value (the form's "none") means absent. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/** The version a form read: 0 when nothing existed yet. */
export const VersionField = z.coerce.number().int().min(0);

// ——— a commune's exception to the competence table ———

export const ExceptionForm = z.object({
  commune: Insee,
  level: z.enum(BODY_KINDS),
  service: optional(Slug),
  version: VersionField,
});
export const DeleteExceptionForm = z.object({ commune: Insee, version: VersionField, supprimer: z.literal('1') });

export const exceptionLabels = (t: Messages) => ({
  level: t.backOfficeTerritory.competence.levelShort,
  service: t.backOfficeTerritory.competence.serviceLabel,
});

// ——— the audit log's filters ———

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((day) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`)));

export const AuditFilterForm = z
  .object({
    type: optional(z.string().regex(/^[a-z0-9][a-z0-9.-]{0,79}$/)),
    du: optional(Day),
    au: optional(Day),
    acteur: optional(z.string().trim().min(1).max(200)),
  })
  .refine((f) => !f.du || !f.au || f.du <= f.au, { path: ['au'], message: 'to before from' });
export type AuditFilterValue = z.output<typeof AuditFilterForm>;

export const auditFilterLabels = (t: Messages) => {
  const a = t.backOfficeTerritory.audit;
  return { type: a.type, du: a.from, au: a.to, acteur: a.actor };
};

/** Minutes Paris is ahead of UTC at an instant (60 in winter, 120 in summer). */
const parisOffsetMinutes = (instant: number): number => {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: 'Europe/Paris',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return Math.round((wall - instant) / 60_000);
};

/** The instant a Paris day starts (midnight never falls in a DST change there). */
export const parisDayStart = (day: string): Date => {
  const guess = Date.parse(`${day}T00:00:00Z`);
  return new Date(guess - parisOffsetMinutes(guess) * 60_000);
};

/** The filter of the audit use case: Paris days as an inclusive range of instants. */
export const auditFilterOf = (form: AuditFilterValue) => {
  const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return {
    ...(form.type ? { action: form.type } : {}),
    ...(form.acteur ? { actor: form.acteur } : {}),
    ...(form.du ? { from: parisDayStart(form.du).toISOString() } : {}),
    ...(form.au ? { to: new Date(parisDayStart(nextDay(form.au)).getTime() - 1).toISOString() } : {}),
  };
};

// ——— refusals ———

/**
 * A territory use case's refusal as a form shows it: a rule in words (next to `ruleFields[rule]`
 * or on top), a stale version as the "changed meanwhile" notice. Undefined for other errors.
 */
export const territoryRefusal = (
  t: Messages,
  error: unknown,
  ruleFields: Readonly<Record<string, string>> = {},
): { readonly errors: FormErrors; readonly stale: boolean } | undefined => {
  const b = t.backOfficeTerritory;
  if (error instanceof ConflictError) return { errors: { fields: {}, general: [b.stale] }, stale: true };
  if (error instanceof RuleViolationError) {
    const message = b.rules[error.rule] ?? t.rules[error.rule] ?? t.ruleFallback;
    const field = ruleFields[error.rule];
    return {
      errors: field ? { fields: { [field]: message }, general: [] } : { fields: {}, general: [message] },
      stale: false,
    };
  }
  return undefined;
};

/** What was sent, as strings, to show the refused form again. */
export const sentValues = (body: unknown): Record<string, string> =>
  Object.fromEntries(
    Object.entries((body ?? {}) as Record<string, unknown>).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );

// ——— a category, its default competence and its questions ———

export const CATEGORY_NOTICES = ['enregistree'] as const;
export type CategoryNotice = (typeof CATEGORY_NOTICES)[number];

/** The path of the creation form: a code no category may take. */
export const NEW_CATEGORY = 'nouvelle';

export const categoryPaths = {
  list: (query: { avis?: CategoryNotice; code?: string } = {}) => withQuery(backOfficePaths.categories, query),
  create: `${backOfficePaths.categories}/${NEW_CATEGORY}`,
  edit: (code: string) => `${backOfficePaths.categories}/${encodeURIComponent(code)}`,
};

/** A form's whole number ("40", " 40 "); anything else stays as typed for the schema to refuse. */
const wholeNumber = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => {
    if (typeof value !== 'string') return value;
    const text = value.trim();
    return /^\d+$/.test(text) ? Number(text) : text === '' ? undefined : text;
  }, schema);

export const CategoryForm = z.object({
  code: Slug.refine((code) => code !== NEW_CATEGORY),
  name: z.string().trim().min(1).max(120),
  description: optional(z.string().trim().max(2000)),
  slaHours: wholeNumber(SlaHours.optional()),
  active: z.enum(['oui', 'non']),
  level: z.enum(BODY_KINDS),
  service: optional(Slug),
  version: VersionField,
});
export type CategoryFormValue = z.output<typeof CategoryForm>;

export const categoryLabels = (t: Messages) => {
  const c = t.backOfficeTerritory.category;
  return {
    code: c.code,
    name: c.name,
    description: c.description,
    slaHours: c.slaHours,
    active: c.active,
    level: c.level,
    service: c.service,
  };
};

/** The question rows a form shows: those of the category, and one blank to add another. */
export const MAX_QUESTIONS = 30;

/** `q<n>-<field>`: the name of a question row's field (rows are numbered from 1). */
export const questionField = (row: number, field: QuestionField) => `q${row}-${field}`;
export type QuestionField = 'code' | 'label' | 'datatype' | 'required' | 'values' | 'remove';

const isList = (datatype: string) => datatype === 'singlevaluelist' || datatype === 'multivaluelist';

/** A list question's choices as a form shows them: one "key: name" a line. */
export const valuesText = (question: CategoryQuestion): string =>
  (question.values ?? []).map((v) => `${v.key} : ${v.name}`).join('\n');

/** A category's questions as the form's rows. */
export const questionValues = (questions: readonly CategoryQuestion[]): Record<string, string> =>
  Object.fromEntries(
    questions.flatMap((q, i) => [
      [questionField(i + 1, 'code'), q.code],
      [questionField(i + 1, 'label'), q.label],
      [questionField(i + 1, 'datatype'), q.datatype],
      ...(q.required ? [[questionField(i + 1, 'required'), '1']] : []),
      ...(q.values ? [[questionField(i + 1, 'values'), valuesText(q)]] : []),
    ]),
  );

/**
 * The questions of a posted category form: each row with a code (a row left blank is none, a row
 * marked "remove" is dropped), checked with the API's schema; what is wrong is said next to its field.
 */
export const questionsFromForm = (
  t: Messages,
  body: Readonly<Record<string, unknown>>,
): { readonly questions: CategoryQuestion[]; readonly errors: Record<string, string> } => {
  const q = t.backOfficeTerritory.category.question;
  const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');
  const questions: CategoryQuestion[] = [];
  const errors: Record<string, string> = {};
  for (let row = 1; row <= MAX_QUESTIONS + 1; row++) {
    const field = (name: QuestionField) => questionField(row, name);
    if (text(field('remove')) === '1') continue;
    const [code, label, datatype, valuesRaw] = [
      text(field('code')),
      text(field('label')),
      text(field('datatype')),
      text(field('values')),
    ];
    if (!code && !label && !valuesRaw) continue;
    const values = valuesRaw
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => {
        const at = line.indexOf(':');
        return at < 0 ? { key: line, name: line } : { key: line.slice(0, at).trim(), name: line.slice(at + 1).trim() };
      });
    const parsed = CategoryQuestionRecord.safeParse({
      code,
      label,
      datatype,
      required: text(field('required')) === '1',
      ...(isList(datatype) || values.length > 0 ? { values } : {}),
    });
    if (parsed.success) {
      if (isList(datatype) && values.length === 0) errors[field('values')] = q.valuesNeeded(row);
      else if (!isList(datatype) && values.length > 0) errors[field('values')] = q.valuesNotList(row);
      else if (questions.some((other) => other.code === code)) errors[field('code')] = q.codeTwice(row);
      else questions.push(parsed.data);
      continue;
    }
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0]) as QuestionField;
    const target = (['code', 'label', 'datatype', 'values'] as const).includes(name as never) ? name : 'code';
    errors[field(target)] = q.invalid(row, q.fields[target]);
  }
  return { questions, errors };
};

/** A category's values as its form shows them. */
export const categoryValues = (category: Category): Record<string, string | undefined> => ({
  code: category.code,
  name: category.name,
  description: category.description,
  slaHours: category.slaHours === undefined ? undefined : String(category.slaHours),
  active: category.active === false ? 'non' : 'oui',
  level: category.competence.level,
  service: category.competence.service,
  version: String(category.version),
  ...questionValues(category.questions ?? []),
});

// ——— services of a body ———

export const BODY_NOTICES = ['enregistre', 'supprime'] as const;
export type BodyNotice = (typeof BODY_NOTICES)[number];

export const bodyPaths = {
  services: (query: { organisme?: string; service?: string; avis?: BodyNotice } = {}) =>
    withQuery(backOfficePaths.services, query),
  calendar: (query: { organisme?: string; avis?: BodyNotice } = {}) => withQuery(backOfficePaths.calendars, query),
};

const BodyId = z.string().regex(/^(\d{9}|\d{5}|2[AB]\d{3})$/);

export const ServiceForm = z.object({
  organisme: BodyId,
  id: Slug,
  name: z.string().trim().min(1).max(120),
  email: optional(z.email()),
  version: VersionField,
});
export const DeleteServiceForm = z.object({
  organisme: BodyId,
  id: Slug,
  version: VersionField,
  supprimer: z.literal('1'),
});

export const serviceLabels = (t: Messages) => {
  const s = t.backOfficeTerritory.services;
  return { id: s.id, name: s.name, email: s.email };
};

// ——— a body's SLA calendar ———

const WEEK = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export { WEEK as WEEKDAYS_OF_FORM };

/** "08:30-12:00, 13:30-17:30" ↔ opening hours; empty is closed. */
export const hoursText = (hours: readonly { from: string; to: string }[] | undefined): string =>
  (hours ?? []).map((h) => `${h.from}-${h.to}`).join(', ');

const parseHours = (text: string): { from: string; to: string }[] | undefined => {
  if (!text.trim()) return [];
  const ranges = text
    .split(/[,;]/)
    .map((part) => /^\s*(\d{1,2})[:h](\d{2})\s*[-–à]+\s*(\d{1,2})[:h](\d{2})\s*$/.exec(part));
  if (ranges.some((r) => r === null)) return undefined;
  const pad = (n: string) => n.padStart(2, '0');
  return ranges.map((r) => ({ from: `${pad(r![1]!)}:${r![2]}`, to: `${pad(r![3]!)}:${r![4]}` }));
};

/** "2026-12-24 au 2026-12-31 : Fermeture de fin d'année", one a line (a single day: one date). */
export const closuresText = (closures: readonly { from: string; to: string; reason?: string }[]): string =>
  closures
    .map((c) => `${c.from === c.to ? c.from : `${c.from} au ${c.to}`}${c.reason ? ` : ${c.reason}` : ''}`)
    .join('\n');

const parseClosures = (text: string) => {
  const closures: { from: string; to: string; reason?: string }[] = [];
  for (const line of text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)) {
    const m = /^(\d{4}-\d{2}-\d{2})(?:\s+au\s+(\d{4}-\d{2}-\d{2}))?\s*(?::\s*(.*))?$/.exec(line);
    if (!m) return undefined;
    closures.push({ from: m[1]!, to: m[2] ?? m[1]!, ...(m[3]?.trim() ? { reason: m[3].trim() } : {}) });
  }
  return closures;
};

const lines = (text: string) =>
  text
    .split(/[\r\n,;]+/)
    .map((l) => l.trim())
    .filter(Boolean);

export const calendarLabels = (t: Messages) => {
  const c = t.backOfficeTerritory.calendars;
  return { ...c.days, publicHolidays: c.publicHolidays, closures: c.closures, escalationEmails: c.escalation };
};

/** The hidden fields of the calendar form: which body, at which version of its settings. */
export const CalendarTarget = z.object({ organisme: BodyId, version: VersionField });

export interface CalendarFormValue {
  readonly calendar: {
    readonly timeZone: string;
    readonly week: Partial<Record<(typeof WEEK)[number], { from: string; to: string }[]>>;
    readonly publicHolidays: 'none' | 'france' | 'alsace-moselle';
    readonly closures: { from: string; to: string; reason?: string }[];
  };
  readonly escalationEmails: string[];
}

/**
 * The calendar form read into the API's shape, each field's fault said next to it in French: the
 * hours of a day, the closures, an address. The calendar's own rules (ranges in order, closures
 * that end after they start) are the API's schema, mapped back to their field.
 */
export const calendarFromForm = (
  t: Messages,
  body: Readonly<Record<string, unknown>>,
  timeZone: string,
): { ok: true; value: CalendarFormValue } | { ok: false; errors: Record<string, string> } => {
  const c = t.backOfficeTerritory.calendars;
  const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
  const errors: Record<string, string> = {};
  const week: CalendarFormValue['calendar']['week'] = {};
  for (const day of WEEK) {
    const hours = parseHours(text(day));
    if (hours === undefined) errors[day] = c.hoursInvalid(c.days[day]);
    else if (hours.length > 0) week[day] = hours;
  }
  const closures = parseClosures(text('closures'));
  if (!closures) errors.closures = c.closuresInvalid;
  const emails = lines(text('escalationEmails'));
  const badEmail = emails.find((e) => !z.email().safeParse(e).success);
  if (badEmail) errors.escalationEmails = c.emailInvalid(badEmail);
  else if (emails.length > 20) errors.escalationEmails = c.tooManyEmails;
  const holidays = text('publicHolidays');
  if (!['none', 'france', 'alsace-moselle'].includes(holidays)) errors.publicHolidays = c.holidaysInvalid;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const calendar = {
    timeZone,
    week,
    publicHolidays: holidays as CalendarFormValue['calendar']['publicHolidays'],
    closures: closures!,
  };
  // The API's own checks of a calendar (ranges in order, closures ending after they start).
  const checked = BusinessCalendarSchema.safeParse(calendar);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const [where, day] = issue.path.map(String);
      const field = where === 'week' && day ? day : where === 'closures' ? 'closures' : 'publicHolidays';
      errors[field] ??= field === 'closures' ? c.closuresInvalid : c.hoursInvalid(c.days[field as 'monday'] ?? field);
    }
    return { ok: false, errors };
  }
  return { ok: true, value: { calendar, escalationEmails: emails } };
};

// ——— a commune's boundary (a GeoJSON file) ———

export const COMMUNE_NOTICES = ['contour'] as const;
export type CommuneNotice = (typeof COMMUNE_NOTICES)[number];

export const communePaths = {
  list: (query: { commune?: string; avis?: CommuneNotice } = {}) => withQuery(backOfficePaths.communes, query),
};

export const BoundaryForm = z.object({
  commune: Insee,
  version: VersionField,
  source: z.string().trim().min(1).max(200),
  fichier: z.string().max(1024 * 1024),
});

export const boundaryLabels = (t: Messages) => {
  const c = t.backOfficeTerritory.communes;
  return { fichier: c.file, source: c.sourceLabel };
};

/**
 * The geometry of an uploaded GeoJSON file: a Polygon or MultiPolygon, alone, in a Feature, or the
 * one Feature of a FeatureCollection. Its shape is then the API's (BoundaryGeometry), its validity
 * the use case's. Returns a message (French) when the file is not that.
 */
export const geometryOfFile = (
  t: Messages,
  text: string,
): { readonly geometry: unknown } | { readonly error: string } => {
  const c = t.backOfficeTerritory.communes;
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { error: c.notJson };
  }
  const object = (value: unknown) =>
    value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  let candidate = object(json);
  if (candidate?.type === 'FeatureCollection' && Array.isArray(candidate.features) && candidate.features.length === 1)
    candidate = object(candidate.features[0]);
  if (candidate?.type === 'Feature') candidate = object(candidate.geometry);
  if (candidate?.type !== 'Polygon' && candidate?.type !== 'MultiPolygon') return { error: c.notPolygon };
  return { geometry: candidate };
};
