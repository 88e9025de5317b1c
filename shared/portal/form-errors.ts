/**
 * From a refused form to what the page shows: one French message per field (next to it, and linked
 * from the error summary) and general messages for the refusals that concern no field. The same
 * errors the API turns into problem+json are read here: zod issues of the form's schema, and the
 * domain's InvalidInputError (its issues name fields) and RuleViolationError (its rule names why).
 */
import type { z, ZodType } from 'zod';
import { InvalidInputError, RuleViolationError } from '../kernel/errors';
import type { Messages } from './i18n';

export interface FormErrors {
  /** Field name → message, in the order the form shows the fields (the summary lists them so). */
  readonly fields: Readonly<Record<string, string>>;
  /** Messages that concern the whole form (a business rule). */
  readonly general: readonly string[];
}

export const NO_ERRORS: FormErrors = { fields: {}, general: [] };

export const hasErrors = (errors: FormErrors | undefined): boolean =>
  errors !== undefined && (Object.keys(errors.fields).length > 0 || errors.general.length > 0);

/** Field name → its label as the form shows it ("Description", "Adresse électronique"). */
export type FieldLabels = Readonly<Record<string, string>>;

interface Issue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly minimum?: unknown;
  readonly maximum?: unknown;
  readonly origin?: string;
  readonly format?: string;
  readonly expected?: string;
}

const valueAt = (input: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>(
    (value, key) => (value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined),
    input,
  );

const fieldOf = (path: readonly PropertyKey[]): string => String(path[0] ?? '');

/** One zod issue in French, naming the field by its label. */
export const frenchIssue = (t: Messages, issue: Issue, label: string, input: unknown): string => {
  const e = t.fieldErrors;
  const missing = valueAt(input, issue.path) === undefined;
  switch (issue.code) {
    case 'invalid_type':
      if (missing) return e.required(label);
      return issue.expected === 'number' ? e.number(label) : e.invalid(label);
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1 ? e.required(label) : e.tooShort(label, Number(issue.minimum));
      if (issue.origin === 'array' || issue.origin === 'set') return e.required(label);
      return e.tooSmall(label, issue.minimum as number);
    case 'too_big':
      if (issue.origin === 'string') return e.tooLong(label, Number(issue.maximum));
      return e.tooBig(label, issue.maximum as number);
    case 'invalid_format':
      if (issue.format === 'email') return e.email(label);
      if (issue.format === 'date' || issue.format === 'datetime') return e.date(label);
      return e.format(label);
    case 'invalid_value':
    case 'invalid_union':
      return missing ? e.required(label) : e.choice(label);
    default:
      return e.invalid(label);
  }
};

const withFirst = (fields: Record<string, string>, field: string, message: string) => {
  if (!(field in fields)) fields[field] = message;
};

/** Orders the messages as the labels are listed (the form's order). */
const ordered = (fields: Record<string, string>, labels: FieldLabels): Record<string, string> => {
  const order = Object.keys(labels);
  return Object.fromEntries(
    Object.entries(fields).sort(([a], [b]) => {
      const [i, j] = [order.indexOf(a), order.indexOf(b)];
      return (i === -1 ? order.length : i) - (j === -1 ? order.length : j);
    }),
  );
};

export type FormInput<S extends ZodType> =
  { readonly ok: true; readonly value: z.output<S> } | { readonly ok: false; readonly errors: FormErrors };

/**
 * Validates a form body (already parsed from application/x-www-form-urlencoded: every value a
 * string, empty fields absent) with the page's schema; a refusal comes back as French messages.
 */
export const readForm = <S extends ZodType>(
  t: Messages,
  schema: S,
  body: unknown,
  labels: FieldLabels,
): FormInput<S> => {
  const result = schema.safeParse(body);
  if (result.success) return { ok: true, value: result.data };
  const fields: Record<string, string> = {};
  const general: string[] = [];
  for (const issue of result.error.issues as unknown as Issue[]) {
    const field = fieldOf(issue.path);
    const label = labels[field];
    if (label === undefined) general.push(t.fieldErrors.invalid(field || t.forms.send));
    else withFirst(fields, field, frenchIssue(t, issue, label, body));
  }
  return { ok: false, errors: { fields: ordered(fields, labels), general } };
};

/**
 * A use case's refusal as form errors, or undefined when the error is not a refusal a form shows
 * (not found, forbidden, unexpected: the page's error handling answers those). `ruleFields` puts a
 * rule's message next to a field instead of on top (e.g. 'location-in-territory' → 'address').
 * `areaRules` are an area's own messages, tried before the portal's.
 */
export const formErrorsFrom = (
  t: Messages,
  error: unknown,
  labels: FieldLabels,
  ruleFields: Readonly<Record<string, string>> = {},
  areaRules: Readonly<Record<string, string>> = {},
): FormErrors | undefined => {
  if (error instanceof RuleViolationError) {
    const message = areaRules[error.rule] ?? t.rules[error.rule] ?? t.ruleFallback;
    const field = ruleFields[error.rule];
    return field ? { fields: { [field]: message }, general: [] } : { fields: {}, general: [message] };
  }
  if (error instanceof InvalidInputError) {
    const fields: Record<string, string> = {};
    const general: string[] = [];
    for (const issue of error.issues) {
      const field = issue.path.replace(/^body\./, '').split('.')[0] ?? '';
      const label = labels[field];
      if (label === undefined) general.push(t.fieldErrors.invalid(field));
      else withFirst(fields, field, t.fieldErrors.invalid(label));
    }
    if (error.issues.length === 0) general.push(t.errorPages.byStatus[400]!.text);
    return { fields: ordered(fields, labels), general };
  }
  return undefined;
};
