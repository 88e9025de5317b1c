/**
 * Business metrics as CloudWatch embedded metric format (Powertools Metrics): one JSON log line
 * per invocation that CloudWatch turns into metrics, with no API call. Locally the same lines go
 * to the log. Handlers count what their use case did (the domain knows nothing of metrics).
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

export const metrics = new Metrics({ namespace: 'VilleOuverte', serviceName: 'ville-ouverte' });

/** The business figures the platform publishes; one name each, so dashboards can rely on them. */
export type BusinessMetric =
  | 'ReportsFiled'
  | 'ReportTransitions'
  | 'ObservationsAccepted'
  | 'ObservationsWritten'
  | 'ObservationsRejected'
  | 'BallotsCast'
  | 'AlertsOpened'
  | 'ProjectsImported'
  | 'MilestonesMissed'
  | 'KpiValuesComputed';

/** Adds `value` to a business metric of this invocation (published when the invocation ends). */
export const count = (metric: BusinessMetric, value = 1): void => {
  if (value > 0) metrics.addMetric(metric, MetricUnit.Count, value);
};

/** Publishes what the invocation counted (nothing, and no warning, when it counted nothing). */
export const publishMetrics = (): void => {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
};
