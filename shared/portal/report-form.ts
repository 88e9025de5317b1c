/**
 * The report form of the portal, pure: its fields as posted (application/x-www-form-urlencoded,
 * parsed by the HTTP stack), the schema that checks them — built from the category's questions, so
 * each question's answer is a field with its own French message — and the place a report without
 * coordinates is put at (a point inside the chosen commune).
 */
import * as z from 'zod';
import { MAX_DESCRIPTION_CHARS, MAX_PHOTOS } from '../reports/report';
import type { Answer } from '../reports/report';
import { boundaryContains, boundingBox, type Boundary } from '../territory/geometry';
import type { CategoryQuestion } from '../territory/territory';

/** At most this many characters in a one-line answer (the domain's limit). */
const MAX_STRING_ANSWER = 500;
const MAX_ADDRESS = 300;

/** The form field of a question's answer. */
export const answerField = (code: string): string => `answer-${code}`;

/** What the visitor typed, kept to show the form again: one text or some texts per field. */
export type FormValues = Readonly<Record<string, string | readonly string[]>>;

/** "43,6045" as French keyboards type it, or "43.6045". */
const decimal = (schema: z.ZodNumber) =>
  z.preprocess(
    (value) => (typeof value === 'string' ? value.trim().replace(',', '.') : value),
    z.coerce.number().pipe(schema),
  );

/** A field sent once is a text, sent twice (or with []) a list: always a list here. */
const list = <T extends z.ZodType>(item: T) =>
  z.preprocess((value) => (value === undefined || Array.isArray(value) ? value : [value]), z.array(item));

const questionSchema = (q: CategoryQuestion): z.ZodType => {
  const keys = (q.values ?? []).map((v) => v.key) as [string, ...string[]];
  const text = (max: number) => (q.required ? z.string().trim().min(1).max(max) : z.string().trim().max(max));
  let schema: z.ZodType;
  switch (q.datatype) {
    case 'string':
      schema = text(MAX_STRING_ANSWER);
      break;
    case 'text':
      schema = text(MAX_DESCRIPTION_CHARS);
      break;
    case 'number':
      schema = decimal(z.number());
      break;
    case 'datetime':
      // What <input type="datetime-local"> sends: 2026-07-14T10:30.
      schema = z.string().regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$/);
      break;
    case 'singlevaluelist':
      schema = z.enum(keys);
      break;
    case 'multivaluelist':
      schema = list(z.enum(keys)).pipe(z.array(z.string()).min(q.required ? 1 : 0));
      break;
    default:
      schema = z.string().max(MAX_STRING_ANSWER);
  }
  return q.required ? schema : schema.optional();
};

/**
 * The form's schema for a category's questions. `anonymous`: the e-mail address is required, to
 * tell the reporter how it goes (the use case requires it too).
 */
export const reportFormSchema = (questions: readonly CategoryQuestion[], { anonymous }: { anonymous: boolean }) =>
  z.object({
    category: z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/),
    ...Object.fromEntries(questions.map((q) => [answerField(q.code), questionSchema(q)])),
    commune: z
      .string()
      .regex(/^(\d{5}|2[AB]\d{3})$/)
      .optional(),
    address: z.string().trim().max(MAX_ADDRESS).optional(),
    lat: decimal(z.number().min(-90).max(90)).optional(),
    lon: decimal(z.number().min(-180).max(180)).optional(),
    description: z.string().trim().min(1).max(MAX_DESCRIPTION_CHARS),
    email: anonymous ? z.email().max(254) : z.email().max(254).optional(),
    photos: list(z.string().max(200)).pipe(z.array(z.string()).max(MAX_PHOTOS)).optional(),
    /** After the nearby reports: `envoyer` files it, `modifier` shows the form again. */
    etape: z.enum(['envoyer', 'modifier']).optional(),
  });

export type ReportFormInput = z.output<ReturnType<typeof reportFormSchema>>;

/** The answers to the category's questions, by question code, as the use case takes them. */
export const answersOf = (
  input: Readonly<Record<string, unknown>>,
  questions: readonly CategoryQuestion[],
): Record<string, Answer> => {
  const answers: Record<string, Answer> = {};
  for (const q of questions) {
    const value = input[answerField(q.code)];
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    answers[q.code] = value as Answer;
  }
  return answers;
};

/** The form as posted, as texts, to fill the fields again (the anti-forgery token is already gone). */
export const formValuesOf = (body: unknown): FormValues => {
  const values: Record<string, string | readonly string[]> = {};
  if (!body || typeof body !== 'object') return values;
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (typeof value === 'string') values[name] = value;
    else if (Array.isArray(value)) values[name] = value.filter((v): v is string => typeof v === 'string');
  }
  return values;
};

/** The texts of a field (a list field, or one sent once). */
export const valuesOf = (values: FormValues, name: string): readonly string[] => {
  const value = values[name];
  return value === undefined ? [] : typeof value === 'string' ? [value] : value;
};

/** The text of a field. */
export const valueOf = (values: FormValues, name: string): string | undefined => valuesOf(values, name)[0];

type Ring = readonly (readonly number[])[];

const polygonsOf = (boundary: Boundary): readonly (readonly Ring[])[] =>
  boundary.type === 'Polygon' ? [boundary.coordinates] : boundary.coordinates;

/**
 * Where the rings cross the parallel `lat`: the middle of the widest stretch of that line inside
 * the boundary (even-odd rule), or undefined.
 */
const widestStretchAt = (boundary: Boundary, lat: number): { lon: number; width: number } | undefined => {
  let best: { lon: number; width: number } | undefined;
  for (const rings of polygonsOf(boundary)) {
    const crossings: number[] = [];
    for (const ring of rings) {
      for (let i = 1; i < ring.length; i++) {
        const [x1, y1] = ring[i - 1] as [number, number];
        const [x2, y2] = ring[i] as [number, number];
        if (y1 > lat !== y2 > lat) crossings.push(x1 + ((lat - y1) * (x2 - x1)) / (y2 - y1));
      }
    }
    crossings.sort((a, b) => a - b);
    for (let i = 0; i + 1 < crossings.length; i += 2) {
      const width = crossings[i + 1]! - crossings[i]!;
      if (!best || width > best.width) best = { lon: (crossings[i]! + crossings[i + 1]!) / 2, width };
    }
  }
  return best;
};

/**
 * A point inside a commune's boundary, near its middle: where a report given with a commune and
 * an address but no coordinates is put (its address tells the agents the exact place).
 */
export const pointInside = (boundary: Boundary): { lat: number; lon: number } | undefined => {
  const [west, south, east, north] = boundingBox(boundary);
  const centre = { lat: (south + north) / 2, lon: (west + east) / 2 };
  if (boundaryContains(boundary, centre.lon, centre.lat)) return centre;
  for (const share of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {
    const lat = south + (north - south) * share;
    const stretch = widestStretchAt(boundary, lat);
    if (stretch && boundaryContains(boundary, stretch.lon, lat)) return { lat, lon: stretch.lon };
  }
  return undefined;
};
