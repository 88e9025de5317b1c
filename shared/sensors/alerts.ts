/**
 * Alert rules and alerts. A rule watches one sensor or every sensor of a type; a threshold rule
 * (GT, GTE, LT, LTE, EQ) and CHANGE are evaluated when a newer value becomes a sensor's latest,
 * FROZEN (no data for a while) by a scheduled trigger. An alert opens, may be acknowledged, and
 * closes: by an agent, or by itself when the data says the condition is over. Pure.
 */
import * as z from 'zod';
import { Ulid } from '../kernel/schemas';
import { Insee, Siren } from '../territory/territory';
import { ObservedValue, SensorTypeName, Slug } from './sensor-values';
import type { LatestEntry, Sensor } from './sensors';

export const OPERATORS = ['GT', 'GTE', 'LT', 'LTE', 'EQ', 'CHANGE', 'FROZEN'] as const;
export type Operator = (typeof OPERATORS)[number];

export const SEVERITIES = ['info', 'warning', 'critical'] as const;

/** One sensor, or every sensor of a type. */
export const RuleScope = z.union([z.object({ sensorId: Slug }), z.object({ type: SensorTypeName })]);
export type RuleScope = z.output<typeof RuleScope>;

export const AlertRule = z.object({
  territory: Siren,
  id: Slug,
  name: z.string(),
  scope: RuleScope,
  /** The watched property; FROZEN watches the sensor as a whole and has none. */
  property: z.string().optional(),
  operator: z.enum(OPERATORS),
  /** GT…EQ: the value compared with; CHANGE: the smallest change that counts (any change when absent). */
  threshold: ObservedValue.optional(),
  /** FROZEN: silence longer than this opens an alert. */
  silentForSeconds: z.number().optional(),
  severity: z.enum(SEVERITIES),
  /** Open a citizen-style report in this category when the alert opens. */
  openReport: z.object({ category: z.string() }).optional(),
  version: z.number(),
  updatedAt: z.string(),
});
export type AlertRule = z.output<typeof AlertRule>;

export const ALERT_STATES = ['open', 'acknowledged', 'closed'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

export const Alert = z.object({
  territory: Siren,
  id: Ulid('an alert id'),
  ruleId: Slug,
  ruleName: z.string(),
  operator: z.enum(OPERATORS),
  severity: z.enum(SEVERITIES),
  sensorId: Slug,
  sensorType: SensorTypeName,
  commune: Insee,
  property: z.string().optional(),
  /** The value that opened it (absent for FROZEN). */
  value: ObservedValue.optional(),
  threshold: ObservedValue.optional(),
  observedAt: z.string().optional(),
  message: z.string(),
  state: z.enum(ALERT_STATES),
  openedAt: z.string(),
  acknowledgedAt: z.string().optional(),
  acknowledgedBy: z.string().optional(),
  closedAt: z.string().optional(),
  /** `system` when the data closed it. */
  closedBy: z.string().optional(),
  note: z.string().optional(),
  reportRequested: z.boolean(),
  version: z.number(),
});
export type Alert = z.output<typeof Alert>;

export const appliesTo = (rule: AlertRule, sensor: Pick<Sensor, 'id' | 'type'>): boolean =>
  'sensorId' in rule.scope ? rule.scope.sensorId === sensor.id : rule.scope.type === sensor.type;

/** Whether a threshold or CHANGE rule holds for a sensor's new latest value (and the one before). */
export const conditionHolds = (rule: AlertRule, current: LatestEntry, previous?: LatestEntry): boolean => {
  const value = current.value;
  const threshold = rule.threshold;
  const compare = (test: (a: number, b: number) => boolean) =>
    typeof value === 'number' && typeof threshold === 'number' && test(value, threshold);
  switch (rule.operator) {
    case 'GT':
      return compare((a, b) => a > b);
    case 'GTE':
      return compare((a, b) => a >= b);
    case 'LT':
      return compare((a, b) => a < b);
    case 'LTE':
      return compare((a, b) => a <= b);
    case 'EQ':
      return value === threshold;
    case 'CHANGE':
      if (!previous) return false;
      if (typeof value === 'number' && typeof previous.value === 'number' && typeof threshold === 'number')
        return Math.abs(value - previous.value) >= threshold;
      return value !== previous.value;
    case 'FROZEN':
      return false; // decided by the scheduled trigger
  }
};

/** Threshold alerts end when a newer value no longer meets them; CHANGE alerts wait for an agent. */
export const closesWhenConditionEnds = (operator: Operator): boolean => operator !== 'CHANGE' && operator !== 'FROZEN';

const SYMBOL: Readonly<Record<string, string>> = { GT: '>', GTE: '≥', LT: '<', LTE: '≤' };

export const alertMessage = (
  rule: AlertRule,
  sensor: Sensor,
  current?: LatestEntry,
  previous?: LatestEntry,
): string => {
  if (rule.operator === 'FROZEN')
    return `${sensor.name}: no data for more than ${Math.round((rule.silentForSeconds ?? 0) / 60)} min`;
  if (rule.operator === 'CHANGE')
    return `${sensor.name}: ${rule.property} changed from ${String(previous?.value)} to ${String(current?.value)}`;
  if (rule.operator === 'EQ') return `${sensor.name}: ${rule.property} is ${String(current?.value)}`;
  return `${sensor.name}: ${rule.property} = ${String(current?.value)} ${SYMBOL[rule.operator]} ${String(rule.threshold)}`;
};

/** Whether a sensor, last heard of at `lastSeen` (or registered at `registeredAt`), is silent for the rule. */
export const isSilent = (rule: AlertRule, now: Date, lastSeen: string | undefined, registeredAt: string): boolean =>
  now.getTime() - Date.parse(lastSeen ?? registeredAt) > (rule.silentForSeconds ?? Infinity) * 1000;

/** ISO 8601 durations of days, hours, minutes and seconds: PT30M, PT2H, P1D, P1DT12H. */
export const parseDurationSeconds = (text: string): number | undefined => {
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(text);
  if (!match || text === 'P' || text.endsWith('T')) return undefined;
  const [, d = '0', h = '0', m = '0', s = '0'] = match;
  return Number(d) * 86_400 + Number(h) * 3600 + Number(m) * 60 + Number(s);
};
