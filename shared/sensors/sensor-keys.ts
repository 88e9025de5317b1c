/**
 * Partition keys of the sensors context, shared by its stores. Every key starts with the
 * territory; a sensor's data is spread over partitions per sensor and time bucket, so neither one
 * busy sensor nor one busy day concentrates writes on one partition.
 */
export const sensorPk = (siren: string, sensorId: string) => `TERRITORY#${siren}#SENSOR#${sensorId}`;

/** Raw points of a sensor for one UTC day. */
export const pointsPk = (siren: string, sensorId: string, day: string) => `${sensorPk(siren, sensorId)}#POINTS#${day}`;
/** Hourly rollups of a sensor for one month. */
export const hoursPk = (siren: string, sensorId: string, month: string) =>
  `${sensorPk(siren, sensorId)}#HOURS#${month}`;
/** Daily rollups of a sensor for one year. */
export const daysPk = (siren: string, sensorId: string, year: string) => `${sensorPk(siren, sensorId)}#DAYS#${year}`;

/**
 * Dirty marks of a sensor's rollups: sk `<property>#<yyyy-mm-ddThh>` for an hour whose points
 * changed, `<property>#<yyyy-mm-dd>` for a day whose hours changed (observation-store.ts).
 */
export const dirtyPk = (siren: string, sensorId: string) => `${sensorPk(siren, sensorId)}#DIRTY`;

export const LATEST_SK = 'LATEST';
export const SENSOR_SK = 'SENSOR';
export const openAlertSk = (ruleId: string) => `OPEN-ALERT#${ruleId}`;

/** Ingestion the writer set aside, newest last by sort key `<rejectedAt>#<id>` (ingestion-reject-store.ts). */
export const rejectsPk = (siren: string) => `TERRITORY#${siren}#INGESTION-REJECTS`;
