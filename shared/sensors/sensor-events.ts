/**
 * Domain events of the sensors context: one definition each (type and data schema). Kept apart
 * from the use cases and stores (only the pure alerts domain is imported, for its schema) so the
 * wiring's consumer declarations can name them without pulling the context in.
 */
import * as z from 'zod';
import { ChangeData, defineEvent } from '../events/domain-event';
import { Alert } from './alerts';

export const SENSOR_EVENTS = {
  partnerRegistered: defineEvent('sensors.partner-registered', ChangeData),
  apiKeyIssued: defineEvent('sensors.api-key-issued', ChangeData),
  apiKeyRevoked: defineEvent('sensors.api-key-revoked', ChangeData),
  sensorSaved: defineEvent('sensors.sensor-saved', ChangeData),
  alertRuleSaved: defineEvent('sensors.alert-rule-saved', ChangeData),
  alertRuleDeleted: defineEvent('sensors.alert-rule-deleted', ChangeData),
  alertAcknowledged: defineEvent('sensors.alert-acknowledged', ChangeData),
  alertClosed: defineEvent('sensors.alert-closed', ChangeData),
  /** The alert as opened. */
  alertOpened: defineEvent('sensors.alert-opened', Alert),
  /** A rule asks for a citizen-style report (a defective streetlight becomes a signalement). */
  reportRequested: defineEvent(
    'sensors.report-requested',
    z.object({
      alertId: z.string(),
      category: z.string(),
      location: z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }),
      commune: z.string(),
      description: z.string(),
      dedup: z.object({
        sensorId: z.string(),
        ruleId: z.string(),
        category: z.string(),
        radiusMeters: z.number().positive(),
      }),
    }),
  ),
} as const;

/** Changes made by people (admins, agents): the audit log keeps them, before → after. */
export const AUDITED_SENSOR_EVENTS = [
  SENSOR_EVENTS.partnerRegistered,
  SENSOR_EVENTS.apiKeyIssued,
  SENSOR_EVENTS.apiKeyRevoked,
  SENSOR_EVENTS.sensorSaved,
  SENSOR_EVENTS.alertRuleSaved,
  SENSOR_EVENTS.alertRuleDeleted,
  SENSOR_EVENTS.alertAcknowledged,
  SENSOR_EVENTS.alertClosed,
] as const;

/** The queue the ingestion route fills and the observation writer drains. */
export const OBSERVATIONS_QUEUE = 'sensor-observations';

/** The queue the observation writer fills with the hours it marked dirty, and the rollups' materializer drains. */
export const ROLLUPS_QUEUE = 'sensor-rollups';
