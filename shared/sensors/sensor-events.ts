/**
 * Domain events of the sensors context. Kept apart (no imports) so the wiring's consumer
 * declarations can name them without pulling the context in.
 */
export const SENSOR_EVENTS = {
  partnerRegistered: 'sensors.partner-registered',
  apiKeyIssued: 'sensors.api-key-issued',
  apiKeyRevoked: 'sensors.api-key-revoked',
  sensorSaved: 'sensors.sensor-saved',
  alertRuleSaved: 'sensors.alert-rule-saved',
  alertRuleDeleted: 'sensors.alert-rule-deleted',
  alertAcknowledged: 'sensors.alert-acknowledged',
  alertClosed: 'sensors.alert-closed',
  alertOpened: 'sensors.alert-opened',
  /**
   * A rule asks for a citizen-style report (a defective streetlight becomes a signalement). For the
   * reports context: data { alertId, category, location, commune, description, dedup }.
   */
  reportRequested: 'sensors.report-requested',
} as const;

/** Changes made by people (admins, agents): the audit log keeps them, before → after. */
export const AUDITED_SENSOR_EVENTS: readonly string[] = [
  SENSOR_EVENTS.partnerRegistered,
  SENSOR_EVENTS.apiKeyIssued,
  SENSOR_EVENTS.apiKeyRevoked,
  SENSOR_EVENTS.sensorSaved,
  SENSOR_EVENTS.alertRuleSaved,
  SENSOR_EVENTS.alertRuleDeleted,
  SENSOR_EVENTS.alertAcknowledged,
  SENSOR_EVENTS.alertClosed,
];

/** The queue the ingestion route fills and the observation writer drains. */
export const OBSERVATIONS_QUEUE = 'sensor-observations';
