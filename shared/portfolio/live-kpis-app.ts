/**
 * The portfolio's use cases with the live KPIs' sources: the sensors' and the reports' own use
 * cases. Only the functions that compute KPIs (on demand, and the daily trigger) import this.
 */
import { sla } from '../reports/reports-app';
import { sensors } from '../sensors/sensors-app';
import { sensorMeasures, serviceQuality } from './live-sources';
import { portfolioDeps } from './portfolio-app';
import { makePortfolioUseCases } from './portfolio-use-cases';

export const livePortfolio = makePortfolioUseCases(portfolioDeps, {
  sources: { sensors: sensorMeasures(sensors), reports: serviceQuality(sla) },
});
