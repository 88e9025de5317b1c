/**
 * The portfolio pages' forms, read with the API's own schemas (portfolio-schemas.ts) after what an
 * agent types in French is normalised ("12,5", "1 250 000,50 €"); and the use cases' refusals
 * (a rule, a stale version) as the form shows them. Pure: no adapter.
 */
import * as z from 'zod';
import { ConflictError, RuleViolationError } from '../kernel/errors';
import { Ulid } from '../kernel/schemas';
import { BUDGET_KINDS, MILESTONE_STATES, PHASES, STATUSES, type Project } from '../portfolio/portfolio';
import {
  BudgetLineBody,
  Day,
  Euros,
  KpiValueBody,
  MilestoneBody,
  Progress,
  ProjectBody,
  Weight,
} from '../portfolio/portfolio-schemas';
import { inputOf } from '../portfolio/project-use-cases';
import type { FormErrors } from './form-errors';
import type { Messages } from './i18n';

/** Today in Paris, YYYY-MM-DD (a milestone met today, a value of today). */
export const parisToday = (now = new Date()): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(now);

// ——— forms ———

/** A form's number as typed in French ("12,5", "1 250"), for the API's number schemas. */
const numberField = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (value) =>
      typeof value === 'string'
        ? Number(
            value
              .trim()
              .replace(/[\s\u00a0\u202f]/g, '')
              .replace(',', '.'),
          )
        : value,
    schema,
  );

/** Euros as typed in French ("1 250 000,50") for the API's decimal strings. */
const eurosField = (fallback?: string) =>
  z.preprocess(
    (value) =>
      typeof value === 'string'
        ? value
            .trim()
            .replace(/[\s\u00a0\u202f€]/g, '')
            .replace(',', '.')
        : (value ?? fallback),
    Euros,
  );

const VersionField = numberField(z.number().int().min(1));

/** The project form: the fields of the API's request an agent changes here. */
export const ProjectForm = z.object({
  title: ProjectBody.shape.title,
  description: z.string().trim().max(10_000).default(''),
  phase: z.enum(PHASES),
  status: z.enum(STATUSES),
  progress: numberField(Progress).optional(),
  weight: numberField(Weight).optional(),
  startDate: Day.optional(),
  endDate: Day.optional(),
  version: VersionField,
});
export type ProjectFormValue = z.output<typeof ProjectForm>;

/** The project's input for updateProject: as it is, with what the form changes. */
export const projectUpdate = (current: Project, form: ProjectFormValue) => {
  const { weight: _w, startDate: _s, endDate: _e, progress, ...kept } = inputOf(current);
  const hasChildren = Object.keys(current.children).length > 0;
  return {
    ...kept,
    title: form.title,
    description: form.description,
    phase: form.phase,
    status: form.status,
    progress: hasChildren ? progress : (form.progress ?? progress),
    ...(form.weight !== undefined ? { weight: form.weight } : {}),
    ...(form.startDate ? { startDate: form.startDate } : {}),
    ...(form.endDate ? { endDate: form.endDate } : {}),
    version: form.version,
  };
};

export const BudgetLineForm = z.object({
  year: numberField(BudgetLineBody.shape.year),
  kind: z.enum(BUDGET_KINDS),
  planned: eurosField(),
  committed: eurosField('0'),
  spent: eurosField('0'),
  funder: BudgetLineBody.shape.funder,
  lineId: Ulid('a budget line id').optional(),
  version: VersionField.optional(),
});

export const MilestoneForm = z.object({
  title: MilestoneBody.shape.title,
  description: MilestoneBody.shape.description,
  dueDate: Day,
  state: z.enum(MILESTONE_STATES),
  metOn: Day.optional(),
  milestoneId: Ulid('a milestone id').optional(),
  version: VersionField.optional(),
});

/** The "mark met" button of a milestone on the project page. */
export const MarkMetForm = z.object({
  atteint: z.literal('1'),
  milestoneId: Ulid('a milestone id'),
  version: VersionField,
});

export const KpiValueForm = z.object({
  date: KpiValueBody.shape.date,
  value: numberField(KpiValueBody.shape.value),
});

/**
 * A portfolio use case's refusal as the form shows it: a rule in words (next to `ruleFields[rule]`
 * or on top), a stale version as the "changed meanwhile" notice. Undefined for other errors.
 */
export const portfolioRefusal = (
  t: Messages,
  error: unknown,
  ruleFields: Readonly<Record<string, string>> = {},
): { readonly errors: FormErrors; readonly stale: boolean } | undefined => {
  if (error instanceof ConflictError)
    return { errors: { fields: {}, general: [t.portfolio.forms.stale] }, stale: true };
  if (error instanceof RuleViolationError) {
    const message = t.portfolio.rules[error.rule] ?? t.rules[error.rule] ?? t.ruleFallback;
    const field = ruleFields[error.rule];
    return {
      errors: field ? { fields: { [field]: message }, general: [] } : { fields: {}, general: [message] },
      stale: false,
    };
  }
  return undefined;
};
