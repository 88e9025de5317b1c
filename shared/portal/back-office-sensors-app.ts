/**
 * What the back office's sensors pages show and do, through the sensors use cases (never the
 * table): the alerts of the agent's scope by state, the alert rules and their form, the partners
 * and their API keys. The use cases check roles and scope again (rules and keys: territory admins;
 * alerts: a commune agent acts on its commune's only).
 */
import * as z from 'zod';
import { ConflictError, ForbiddenError, RuleViolationError } from '../kernel/errors';
import type { Principal } from '../kernel/principal';
import { StorableNumber, Ulid } from '../kernel/schemas';
import { OPERATORS, SEVERITIES, type AlertRule, type AlertState } from '../sensors/alerts';
import { SENSOR_TYPES } from '../sensors/sensor-catalogue';
import { PARTNER_KINDS, Slug, type ApiKey, type Partner } from '../sensors/sensors';
import { sensorAlerts, sensors } from '../sensors/sensors-app';
import type { RuleInput } from '../sensors/alert-use-cases';
import { formErrorsFrom, type FieldLabels, type FormErrors } from './form-errors';
import type { Messages } from './i18n';

export { sensorAlerts, sensors };

const ALERTS_PAGE = 25;

export const agentSiren = (principal: Principal): string => {
  if (!principal.territory) throw new ForbiddenError('This account belongs to no territory');
  return principal.territory;
};

export const isAdmin = (principal: Principal) => principal.role === 'admin';

/** A use case's refusal in French: this area's rules first, then the portal's. */
export const sensorsRefusal = (
  t: Messages,
  error: unknown,
  labels: FieldLabels,
  ruleFields: Readonly<Record<string, string>> = {},
): FormErrors | undefined => formErrorsFrom(t, error, labels, ruleFields, t.backOfficeSensors.ruleMessages);

const blankIsAbsent = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankIsAbsent, schema.optional());

// ——— alerts ———

export const loadAlerts = async (principal: Principal, state: AlertState, cursor?: string) =>
  sensorAlerts.listAlerts(principal, agentSiren(principal), state, ALERTS_PAGE, cursor);

export const AlertForm = z.object({
  alertId: Ulid('an alert id'),
  acte: z.enum(['acquitter', 'clore']),
  note: optional(z.string().trim().max(2000)),
});

/** Acknowledges or closes; `stale` when the alert moved meanwhile (the page shows it as it is now). */
export const actOnAlert = async (
  principal: Principal,
  input: z.output<typeof AlertForm>,
): Promise<'done' | 'stale'> => {
  const siren = agentSiren(principal);
  try {
    if (input.acte === 'acquitter') await sensorAlerts.acknowledge(principal, siren, input.alertId, input.note);
    else await sensorAlerts.close(principal, siren, input.alertId, input.note);
    return 'done';
  } catch (error) {
    if (error instanceof ConflictError) return 'stale';
    if (error instanceof RuleViolationError && ['alert-is-open', 'alert-not-closed'].includes(error.rule))
      return 'stale';
    throw error;
  }
};

// ——— rules ———

export const loadRules = (principal: Principal) => sensorAlerts.listRules(principal, agentSiren(principal));

/** A number typed in French (a decimal comma), else a status value. */
const Threshold = z.preprocess(
  (value) => {
    if (typeof value !== 'string') return value;
    const text = value.trim().replace(/\s/g, '').replace(',', '.');
    return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : value.trim();
  },
  z.union([StorableNumber, z.string().min(1).max(64)]),
);

export const RuleForm = z.object({
  id: Slug,
  name: z.string().trim().min(1).max(120),
  sensorId: optional(Slug),
  type: optional(z.enum(SENSOR_TYPES)),
  property: optional(z.string().trim().max(64)),
  operator: z.enum(OPERATORS),
  threshold: optional(Threshold),
  silentMinutes: optional(
    z.preprocess(
      (v) => (typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v),
      z.number().int().min(1).max(525_600),
    ),
  ),
  severity: z.enum(SEVERITIES),
  reportCategory: optional(Slug),
});
export type RuleFormInput = z.output<typeof RuleForm>;

export const ruleLabels = (t: Messages): FieldLabels => t.backOfficeSensors.rules.fields;

/** The form's input as the use case takes it; undefined when the scope is not one of sensor or type. */
export const ruleInputOf = (input: RuleFormInput): RuleInput | undefined => {
  if ((input.sensorId === undefined) === (input.type === undefined)) return undefined;
  return {
    name: input.name,
    scope: input.sensorId ? { sensorId: input.sensorId } : { type: input.type! },
    ...(input.property ? { property: input.property } : {}),
    operator: input.operator,
    ...(input.threshold !== undefined ? { threshold: input.threshold } : {}),
    ...(input.silentMinutes !== undefined ? { silentForSeconds: input.silentMinutes * 60 } : {}),
    severity: input.severity,
    ...(input.reportCategory ? { openReport: { category: input.reportCategory } } : {}),
  };
};

/** A rule's values as its form shows them. */
export const ruleValues = (rule: AlertRule): Readonly<Record<string, string | undefined>> => ({
  id: rule.id,
  name: rule.name,
  sensorId: 'sensorId' in rule.scope ? rule.scope.sensorId : undefined,
  type: 'type' in rule.scope ? rule.scope.type : undefined,
  property: rule.property,
  operator: rule.operator,
  threshold:
    rule.threshold === undefined
      ? undefined
      : typeof rule.threshold === 'number'
        ? String(rule.threshold).replace('.', ',')
        : rule.threshold,
  silentMinutes: rule.silentForSeconds === undefined ? undefined : String(Math.round(rule.silentForSeconds / 60)),
  severity: rule.severity,
  reportCategory: rule.openReport?.category,
});

export const DeleteRuleForm = z.object({ acte: z.literal('supprimer'), id: Slug });

// ——— partners and keys ———

export interface PartnerWithKeys {
  readonly partner: Partner;
  readonly keys: readonly ApiKey[];
}

export const loadPartners = async (principal: Principal): Promise<PartnerWithKeys[]> => {
  const siren = agentSiren(principal);
  const partners = await sensors.listPartners(principal, siren);
  // Partners are few (tens): one key list each.
  return Promise.all(
    partners
      .sort((a, b) => a.name.localeCompare(b.name, 'fr'))
      .map(async (partner) => ({ partner, keys: await sensors.listApiKeys(principal, siren, partner.id) })),
  );
};

export const RegisterPartnerForm = z.object({
  acte: z.literal('inscrire'),
  id: Slug,
  name: z.string().trim().min(1).max(120),
  kind: z.enum(PARTNER_KINDS),
  contactEmail: optional(z.email()),
});
export const IssueKeyForm = z.object({
  acte: z.literal('cle'),
  partnerId: Slug,
  label: z.string().trim().min(1).max(80),
});
export const KeyActForm = z.object({
  acte: z.enum(['remplacer', 'revoquer']),
  partnerId: Slug,
  keyId: Ulid('an API key id'),
});

export const partnerLabels = (t: Messages): FieldLabels => t.backOfficeSensors.partners.fields;
